/**
 * The self-contained HTML report of a run: headline numbers, loss and accuracy curves, the
 * confusion-matrix heatmap, per-class precision/recall/F1 and how to reproduce it. Inline CSS
 * and SVG only, so the file opens anywhere, offline.
 */
import { PYTORCH_ANCHOR, type RunResult } from './RunResult.js'
import { confusionHeatmap, escapeHtml, lineChart } from './svgCharts.js'

const pct = (v: number, digits = 2): string => `${(v * 100).toFixed(digits)} %`

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f3f4f6;color:#111827;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 24px 48px}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;color:#4b5563}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:22px 0}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:14px 16px}
.card .k{color:#6b7280;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:26px;font-weight:650;margin-top:2px}
.card .s{color:#6b7280;font-size:12px}
section{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:18px 20px;margin-top:16px}
section h2{margin:0 0 12px;font-size:17px}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:20px}
.cm{display:grid;grid-template-columns:auto 1fr;gap:28px;align-items:start}
.cm table td{white-space:nowrap}
.cm td:nth-child(2),.cm th:nth-child(2){text-align:left}
.barcell{text-align:left;width:150px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:6px 10px;border-bottom:1px solid #f0f1f3;text-align:right}
th{color:#6b7280;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
td:first-child,th:first-child{text-align:left}
.bar{display:inline-block;height:8px;border-radius:4px;background:#2563eb;vertical-align:middle;margin-right:8px}
.muted{color:#6b7280}
.note{background:#eff6ff;border:1px solid #bfdbfe;color:#1e3a8a;border-radius:8px;padding:8px 12px;margin-top:12px}
.warn{background:#fffbeb;border-color:#fde68a;color:#78350f}
pre{background:#f9fafb;border:1px solid #e5e7eb;border-radius:8px;padding:10px 12px;overflow-x:auto;font-size:12.5px;margin:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
dl{display:grid;grid-template-columns:170px 1fr;gap:4px 12px;margin:0}
dt{color:#6b7280}dd{margin:0}
footer{color:#9ca3af;font-size:12px;margin-top:20px;text-align:center}
`

/**
 * @example
 * writeFileSync('out/report.html', renderReport(result))
 */
export function renderReport(r: RunResult): string {
  const h = r.history
  const epochs = h.loss.length
  const totalSeconds = r.epochSeconds.reduce((a, b) => a + b, 0)
  const full = r.data.kind === 'full' || (r.data.kind === 'custom' && r.data.train === 60000)
  const last = h.testAccuracy[epochs - 1] ?? r.testAccuracy
  const anchor10 = PYTORCH_ANCHOR[2].value
  const comparable =
    full && r.recipe.epochs === 10 && r.recipe.batchSize === 32 && r.recipe.seed === 0
  const lossChart = lineChart(
    [
      { name: 'train (mean over epoch)', values: h.loss, color: '#2563eb' },
      { name: 'test', values: h.testLoss, color: '#ea580c', dashed: true },
    ],
    { title: 'Loss per epoch', yLabel: 'cross-entropy', format: (v) => v.toFixed(2) },
  )
  const accChart = lineChart(
    [
      { name: 'train', values: h.accuracy, color: '#2563eb' },
      { name: 'test', values: h.testAccuracy, color: '#ea580c', dashed: true },
    ],
    {
      title: 'Accuracy per epoch',
      yLabel: 'accuracy',
      format: (v) => `${(v * 100).toFixed(0)} %`,
      reference: full
        ? { name: 'PyTorch (same recipe)', points: PYTORCH_ANCHOR, color: '#059669' }
        : undefined,
    },
  )
  const heat = confusionHeatmap(
    r.confusion,
    r.classes.map((c) => c.name),
  )
  const pairs: { t: number; p: number; n: number }[] = []
  r.confusion.forEach((row, t) => {
    row.forEach((n, p) => {
      if (p !== t && n > 0) pairs.push({ t, p, n })
    })
  })
  pairs.sort((a, b) => b.n - a.n)
  const confusions = pairs
    .slice(0, 8)
    .map(
      ({ t, p, n }) =>
        `<tr><td>${escapeHtml(r.classes[t]?.name ?? String(t))}</td><td>${escapeHtml(r.classes[p]?.name ?? String(p))}</td><td>${n}</td></tr>`,
    )
    .join('\n')
  const classRows = r.classes
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.name)}</td><td>${c.precision.toFixed(3)}</td><td>${c.recall.toFixed(3)}</td><td>${c.f1.toFixed(3)}</td><td class="barcell"><span class="bar" style="width:${Math.round(c.f1 * 140)}px"></span></td><td>${c.support}</td></tr>`,
    )
    .join('\n')
  const epochRows = h.loss
    .map(
      (l, i) =>
        `<tr><td>${i + 1}</td><td>${l.toFixed(4)}</td><td>${pct(h.accuracy[i] ?? Number.NaN)}</td><td>${(h.testLoss[i] ?? Number.NaN).toFixed(4)}</td><td>${pct(h.testAccuracy[i] ?? Number.NaN)}</td><td>${(r.epochSeconds[i] ?? Number.NaN).toFixed(1)} s</td></tr>`,
    )
    .join('\n')
  const dataNote = full
    ? `<div class="note">Trained on the full Fashion-MNIST (${r.data.train} train / ${r.data.test} test images). ${comparable ? `PyTorch reaches ${pct(anchor10, 1)} with this recipe after 10 epochs (seed 0); this run: ${pct(last, 2)} (${last >= anchor10 ? '+' : ''}${((last - anchor10) * 100).toFixed(2)} points; run-to-run spread over seeds is in the app's README).` : 'Green circles: PyTorch with the same recipe (10 epochs, batch 32, seed 0).'}</div>`
    : `<div class="note warn">Trained on ${r.data.kind === 'subset' ? 'the embedded subset' : 'a custom copy'} (${r.data.train} train / ${r.data.test} test images), so accuracy is below what the full set gives (≈ 87–88 %). Install Debian's <code>dataset-fashion-mnist</code> or pass <code>--data DIR</code> for the full run.</div>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fashion-MNIST MLP — ${pct(r.testAccuracy)} test accuracy</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>Fashion-MNIST · MLP 784-64-64-10</h1>
<p>${escapeHtml(r.data.description)}</p>
</header>
<div class="cards" id="summary">
<div class="card"><div class="k">Test accuracy</div><div class="v">${pct(r.testAccuracy)}</div><div class="s">${r.data.test} test images</div></div>
<div class="card"><div class="k">Macro F1</div><div class="v">${r.macroF1.toFixed(3)}</div><div class="s">weighted ${r.weightedF1.toFixed(3)}</div></div>
<div class="card"><div class="k">Epochs</div><div class="v">${epochs}</div><div class="s">batch ${r.recipe.batchSize}, Adam lr ${r.recipe.learningRate}</div></div>
<div class="card"><div class="k">Training time</div><div class="v">${totalSeconds.toFixed(1)} s</div><div class="s">${Math.round((r.data.train * epochs) / Math.max(totalSeconds, 1e-9)).toLocaleString('en-US')} samples/s incl. test eval</div></div>
</div>
${dataNote}
<section id="curves">
<h2>Training curves</h2>
<div class="charts">
<div>${lossChart}</div>
<div>${accChart}</div>
</div>
</section>
<section id="confusion-matrix">
<h2>Confusion matrix (test set)</h2>
<p class="muted">Rows are the true class, columns the prediction; numbers are counts, the shade is the share of the row.</p>
<div class="cm">
<div>${heat}</div>
<div>
<h3 style="margin:0 0 8px;font-size:14px">Most frequent confusions</h3>
<table>
<thead><tr><th>true</th><th>predicted</th><th>count</th></tr></thead>
<tbody>
${confusions}
</tbody>
</table>
</div>
</div>
</section>
<section id="per-class">
<h2>Per-class precision, recall and F1 (test set)</h2>
<table>
<thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th></th><th>support</th></tr></thead>
<tbody>
${classRows}
</tbody>
<tfoot><tr><td><b>macro avg</b></td><td></td><td></td><td><b>${r.macroF1.toFixed(3)}</b></td><td></td><td>${r.data.test}</td></tr></tfoot>
</table>
</section>
<section id="epochs">
<h2>Per epoch</h2>
<table>
<thead><tr><th>epoch</th><th>train loss</th><th>train acc</th><th>test loss</th><th>test acc</th><th>time</th></tr></thead>
<tbody>
${epochRows}
</tbody>
</table>
</section>
<section id="run">
<h2>Model and run</h2>
<dl>
<dt>model</dt><dd>${escapeHtml(r.recipe.model)}</dd>
<dt>initialization</dt><dd>${escapeHtml(r.recipe.initializer)}</dd>
<dt>optimizer</dt><dd>${escapeHtml(r.recipe.optimizer)}</dd>
<dt>loss</dt><dd>${escapeHtml(r.recipe.loss)}</dd>
<dt>seed</dt><dd>${r.recipe.seed}</dd>
<dt>data</dt><dd><code>${escapeHtml(r.data.dir)}</code> (${r.data.kind})</dd>
<dt>saved model</dt><dd><code>${escapeHtml(r.files.model)}</code></dd>
<dt>machine</dt><dd>${escapeHtml(r.machine)}</dd>
<dt>reproduce</dt><dd><code>${escapeHtml(r.command)}</code></dd>
</dl>
<h2 style="margin-top:16px">Summary</h2>
<pre>${escapeHtml(r.modelSummary)}</pre>
</section>
<footer>Generated by @mlstack/fashion-mnist on ${escapeHtml(r.generated)}.</footer>
</main>
</body>
</html>
`
}
