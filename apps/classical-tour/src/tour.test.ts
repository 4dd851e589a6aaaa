import { describe, expect, test } from 'vitest'
import { CATALOG } from './catalog.js'
import { formatTable, renderHtml } from './report.js'
import { runTour } from './runTour.js'

describe('classical tour (iris smoke run)', () => {
  const rows = runTour(['iris'])

  test('runs every classification estimator of the catalog without an error', () => {
    const expected = CATALOG.filter((e) => e.task !== 'regression').length
    expect(rows.length).toBe(expected)
    for (const r of rows) {
      expect(r.error, `${r.estimator}: ${r.error}`).toBeUndefined()
      expect(r.fitMs).toBeGreaterThanOrEqual(0)
      expect(r.predictMs).toBeGreaterThanOrEqual(0)
    }
  })

  test('scores are sensible and match scikit-learn where it publishes one', () => {
    for (const r of rows) {
      const floor = r.metric === 'purity' ? 0.7 : r.estimator.startsWith('PCA') ? 0.8 : 0.9
      expect(r.score, r.estimator).toBeGreaterThanOrEqual(floor)
      if (r.sklearn !== null)
        expect(Math.abs((r.score as number) - r.sklearn)).toBeLessThanOrEqual(0.03)
    }
    expect(rows.filter((r) => r.sklearn !== null).length).toBeGreaterThanOrEqual(5)
  })

  test('the text table and the HTML page list every row', () => {
    const text = formatTable(rows)
    const html = renderHtml(rows, { generated: 'now', machine: 'test' })
    for (const r of rows) {
      expect(text).toContain(r.estimator)
      expect(html).toContain(r.estimator.replace(/&/g, '&amp;'))
    }
    expect(html.match(/<tr>/g)?.length).toBe(rows.length + 1)
  })
})
