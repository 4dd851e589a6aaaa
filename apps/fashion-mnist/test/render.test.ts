import { describe, expect, it } from 'vitest'
import { formatConfusion } from '../src/runPipeline.js'
import { confusionHeatmap, escapeHtml, lineChart } from '../src/svgCharts.js'

describe('formatConfusion', () => {
  it('prints one row per true class with short, aligned names', () => {
    const text = formatConfusion(
      [
        [5, 1],
        [120, 3],
      ],
      ['T-shirt/top', 'Ankle boot'],
    )
    const lines = text.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/T-shirt\s+Boot$/)
    expect(lines[2]).toMatch(/^Boot\s+120\s+3$/)
    expect(new Set(lines.map((l) => l.length)).size).toBe(1)
  })
})

describe('svg charts', () => {
  it('escape class names and titles', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;')
    const svg = confusionHeatmap([[1]], ['<script>'])
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
  })

  it('draw one cell per matrix entry with its count and a row-normalized tooltip', () => {
    const svg = confusionHeatmap(
      [
        [3, 1],
        [0, 4],
      ],
      ['a', 'b'],
    )
    expect((svg.match(/<title>true /g) ?? []).length).toBe(4)
    expect(svg).toContain('true a, predicted b: 1 (25.0 % of the row)')
    expect(svg).toContain('true b, predicted b: 4 (100.0 % of the row)')
  })

  it('draw one polyline per series with a point per finite value', () => {
    const svg = lineChart(
      [
        { name: 'train', values: [0.9, 0.5, 0.4], color: '#00f' },
        { name: 'test', values: [Number.NaN, 0.6, 0.55], color: '#f00' },
      ],
      { title: 'Loss', yLabel: 'loss' },
    )
    expect((svg.match(/<polyline /g) ?? []).length).toBe(2)
    expect((svg.match(/<circle [^>]*><title>/g) ?? []).length).toBe(5)
    expect(svg).toContain('>Loss</text>')
  })
})
