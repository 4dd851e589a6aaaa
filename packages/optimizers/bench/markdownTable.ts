/** A Markdown table padded the way the repo's formatter (Biome) writes it. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) =>
    Math.max(3, h.length, ...rows.map((r) => (r[c] ?? '').length)),
  )
  const line = (cells: string[]) =>
    `| ${cells.map((x, c) => (x ?? '').padEnd(widths[c])).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
