/**
 * Inline SVG charts for the HTML report (no CDN, no script): a line chart of per-epoch curves
 * and a confusion-matrix heatmap. Pure functions from numbers to SVG text.
 */

/** Escapes text for HTML/SVG content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export interface Series {
  name: string
  /** One value per epoch; NaN leaves a gap. */
  values: readonly number[]
  color: string
  dashed?: boolean
}

export interface LineChartOptions {
  title: string
  yLabel: string
  width?: number
  height?: number
  /** Format of the y tick labels (default two decimals). */
  format?: (v: number) => string
  /** Extra reference points drawn as hollow markers, e.g. PyTorch's anchor accuracy. */
  reference?: { name: string; points: readonly { epoch: number; value: number }[]; color: string }
}

/** "Nice" tick step (1, 2 or 5 × 10^k) giving about `count` ticks over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  const m = raw / mag
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * mag
}

const f2 = (v: number): string => v.toFixed(2)

/**
 * A line chart over epochs 1..n.
 *
 * @example
 * lineChart([{ name: 'train', values: [0.5, 0.4], color: '#2563eb' }], { title: 'Loss', yLabel: 'loss' })
 */
export function lineChart(series: readonly Series[], options: LineChartOptions): string {
  const W = options.width ?? 520
  const H = options.height ?? 300
  const fmt = options.format ?? f2
  const m = { top: 36, right: 16, bottom: 64, left: 56 }
  const pw = W - m.left - m.right
  const ph = H - m.top - m.bottom
  const n = Math.max(1, ...series.map((s) => s.values.length))
  const all = series.flatMap((s) => s.values.filter(Number.isFinite))
  for (const p of options.reference?.points ?? []) if (p.epoch <= n) all.push(p.value)
  let lo = all.length > 0 ? Math.min(...all) : 0
  let hi = all.length > 0 ? Math.max(...all) : 1
  if (hi - lo < 1e-9) {
    lo -= 0.5
    hi += 0.5
  }
  const pad = (hi - lo) * 0.08
  const step = niceStep(hi - lo + 2 * pad, 5)
  const y0 = Math.floor((lo - pad) / step) * step
  const y1 = Math.ceil((hi + pad) / step) * step
  const x = (epoch: number): number => m.left + (n === 1 ? pw / 2 : ((epoch - 1) / (n - 1)) * pw)
  const y = (v: number): number => m.top + ph - ((v - y0) / (y1 - y0)) * ph
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" style="width:100%;height:auto;max-width:${W}px" role="img" aria-label="${escapeHtml(options.title)}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">`,
    `<text x="${m.left}" y="20" font-size="15" font-weight="600" fill="#111827">${escapeHtml(options.title)}</text>`,
  )
  for (let v = y0; v <= y1 + step / 2; v += step) {
    const yy = y(v).toFixed(1)
    parts.push(
      `<line x1="${m.left}" x2="${m.left + pw}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/>`,
      `<text x="${m.left - 8}" y="${yy}" dy="4" font-size="11" text-anchor="end" fill="#6b7280">${escapeHtml(fmt(v))}</text>`,
    )
  }
  const every = Math.max(1, Math.ceil(n / 10))
  for (let e = 1; e <= n; e += every) {
    const xx = x(e).toFixed(1)
    parts.push(
      `<line x1="${xx}" x2="${xx}" y1="${m.top + ph}" y2="${m.top + ph + 4}" stroke="#9ca3af"/>`,
      `<text x="${xx}" y="${m.top + ph + 18}" font-size="11" text-anchor="middle" fill="#6b7280">${e}</text>`,
    )
  }
  parts.push(
    `<line x1="${m.left}" x2="${m.left + pw}" y1="${m.top + ph}" y2="${m.top + ph}" stroke="#9ca3af"/>`,
    `<text x="${m.left + pw / 2}" y="${m.top + ph + 34}" font-size="12" text-anchor="middle" fill="#374151">epoch</text>`,
    `<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" font-size="12" text-anchor="middle" fill="#374151">${escapeHtml(options.yLabel)}</text>`,
  )
  for (const s of series) {
    const pts = s.values
      .map((v, i) => (Number.isFinite(v) ? `${x(i + 1).toFixed(1)},${y(v).toFixed(1)}` : null))
      .filter((p): p is string => p !== null)
    if (pts.length > 1) {
      parts.push(
        `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} stroke-linejoin="round"/>`,
      )
    }
    for (const p of pts) {
      const [px, py] = p.split(',')
      parts.push(
        `<circle cx="${px}" cy="${py}" r="3" fill="${s.color}"><title>${escapeHtml(s.name)}</title></circle>`,
      )
    }
  }
  const ref = options.reference
  if (ref) {
    for (const p of ref.points) {
      if (p.epoch > n) continue
      parts.push(
        `<circle cx="${x(p.epoch).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="5" fill="none" stroke="${ref.color}" stroke-width="2"><title>${escapeHtml(`${ref.name}: ${fmt(p.value)}`)}</title></circle>`,
      )
    }
  }
  // Legend under the axis, left to right.
  const legend = [
    ...series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed, marker: false })),
    ...(ref ? [{ name: ref.name, color: ref.color, dashed: false, marker: true }] : []),
  ]
  let lx = m.left
  const ly = H - 12
  for (const l of legend) {
    if (l.marker) {
      parts.push(
        `<circle cx="${lx + 9}" cy="${ly - 4}" r="5" fill="none" stroke="${l.color}" stroke-width="2"/>`,
      )
    } else {
      parts.push(
        `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${l.color}" stroke-width="2.5"${l.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      )
    }
    parts.push(
      `<text x="${lx + 24}" y="${ly}" font-size="12" fill="#374151">${escapeHtml(l.name)}</text>`,
    )
    lx += 24 + l.name.length * 6.8 + 18
  }
  parts.push('</svg>')
  return parts.join('\n')
}

/** Interpolates white → deep blue for t in [0, 1]. */
function blue(t: number): string {
  const c0 = [247, 251, 255]
  const c1 = [8, 48, 107]
  const k = Math.max(0, Math.min(1, t)) ** 0.6
  const rgb = c0.map((a, i) => Math.round(a + (c1[i]! - a) * k))
  return `rgb(${rgb.join(',')})`
}

/**
 * A confusion-matrix heatmap: rows are true classes, columns predictions; the color is the
 * row-normalized rate (recall on the diagonal), the number in each cell is the count.
 *
 * @example
 * confusionHeatmap([[5, 1], [0, 6]], ['cat', 'dog'])
 */
export function confusionHeatmap(
  matrix: readonly (readonly number[])[],
  labels: readonly string[],
): string {
  const k = matrix.length
  const cell = k <= 10 ? 52 : Math.max(16, Math.floor(520 / k))
  const left = 110
  const top = 40
  const W = left + k * cell + 90
  const H = top + k * cell + 86
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Confusion matrix" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">`,
    `<text x="${left + (k * cell) / 2}" y="22" font-size="13" text-anchor="middle" fill="#374151">predicted class</text>`,
  ]
  for (let i = 0; i < k; i++) {
    const row = matrix[i] ?? []
    const total = row.reduce((a, b) => a + b, 0)
    for (let j = 0; j < k; j++) {
      const count = row[j] ?? 0
      const rate = total > 0 ? count / total : 0
      const fill = blue(rate)
      const text = rate > 0.45 ? '#ffffff' : i === j ? '#0b2545' : '#374151'
      const cx = left + j * cell
      const cy = top + i * cell
      parts.push(
        `<rect x="${cx}" y="${cy}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ffffff" stroke-width="1"><title>${escapeHtml(`true ${labels[i] ?? i}, predicted ${labels[j] ?? j}: ${count} (${(rate * 100).toFixed(1)} % of the row)`)}</title></rect>`,
      )
      if (cell >= 28) {
        parts.push(
          `<text x="${cx + cell / 2}" y="${cy + cell / 2 + 4}" font-size="${cell >= 48 ? 12 : 10}" text-anchor="middle" fill="${text}"${i === j ? ' font-weight="600"' : ''}>${count}</text>`,
        )
      }
    }
    parts.push(
      `<text x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" font-size="12" text-anchor="end" fill="#374151">${escapeHtml(labels[i] ?? String(i))}</text>`,
    )
  }
  for (let j = 0; j < k; j++) {
    const cx = left + j * cell + cell / 2
    const cy = top + k * cell + 10
    parts.push(
      `<text transform="translate(${cx} ${cy}) rotate(40)" font-size="12" text-anchor="start" fill="#374151">${escapeHtml(labels[j] ?? String(j))}</text>`,
    )
  }
  parts.push(
    `<text transform="translate(14 ${top + (k * cell) / 2}) rotate(-90)" font-size="13" text-anchor="middle" fill="#374151">true class</text>`,
  )
  // Color scale.
  const sx = left + k * cell + 24
  const sh = k * cell
  for (let s = 0; s < 50; s++) {
    parts.push(
      `<rect x="${sx}" y="${(top + sh - ((s + 1) * sh) / 50).toFixed(1)}" width="14" height="${(sh / 50 + 0.5).toFixed(1)}" fill="${blue((s + 0.5) / 50)}"/>`,
    )
  }
  parts.push(
    `<rect x="${sx}" y="${top}" width="14" height="${sh}" fill="none" stroke="#d1d5db"/>`,
    `<text x="${sx + 20}" y="${top + 10}" font-size="11" fill="#6b7280">100 %</text>`,
    `<text x="${sx + 20}" y="${top + sh / 2 + 4}" font-size="11" fill="#6b7280">50 %</text>`,
    `<text x="${sx + 20}" y="${top + sh}" font-size="11" fill="#6b7280">0 %</text>`,
    '</svg>',
  )
  return parts.join('\n')
}
