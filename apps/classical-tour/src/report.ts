/** Renders the tour's rows as a fixed-width text table and as a standalone HTML page. */
import type { TourRow } from './runTour.js'

const fmtScore = (v: number | null): string => (v === null ? '—' : v.toFixed(4))
const fmtMs = (v: number | null): string =>
  v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1)

const HEADERS = ['dataset', 'estimator', 'metric', 'score', 'sklearn', 'fit ms', 'predict ms']

function cells(r: TourRow): string[] {
  return [
    r.dataset,
    r.estimator,
    r.metric,
    r.error ? `error: ${r.error.slice(0, 60)}` : fmtScore(r.score),
    fmtScore(r.sklearn),
    fmtMs(r.fitMs),
    fmtMs(r.predictMs),
  ]
}

/** A plain-text table, one row per (dataset, estimator). */
export function formatTable(rows: TourRow[]): string {
  const body = rows.map(cells)
  const widths = HEADERS.map((h, j) =>
    Math.max(h.length, ...body.map((c) => (c[j] as string).length)),
  )
  const line = (c: string[]) =>
    c
      .map((v, j) =>
        j >= 3 && !v.startsWith('error')
          ? v.padStart(widths[j] as number)
          : v.padEnd(widths[j] as number),
      )
      .join('  ')
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A standalone HTML page with the same table. */
export function renderHtml(rows: TourRow[], meta: { generated: string; machine: string }): string {
  const tr = rows
    .map((r) => {
      const c = cells(r)
      const cls = r.error ? ' class="error"' : ''
      return `<tr${cls}>${c.map((v, j) => `<td${j >= 3 ? ' class="num"' : ''}>${escapeHtml(v)}</td>`).join('')}</tr>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>@mlstack/classical tour</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; }
th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.error td { color: #a00; }
caption { text-align: left; margin-bottom: .5rem; color: #555; }
</style>
</head>
<body>
<h1>@mlstack/classical tour</h1>
<table>
<caption>Test-set score next to scikit-learn 1.2.1's on the same split (— where none is published).
Generated ${escapeHtml(meta.generated)} on ${escapeHtml(meta.machine)}.</caption>
<thead><tr>${HEADERS.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${tr}
</tbody>
</table>
</body>
</html>
`
}
