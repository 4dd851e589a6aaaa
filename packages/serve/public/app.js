// The mlstack-serve web page: lists models with their metadata, lets a person try one (a 28×28
// drawing pad for 784-input models, a JSON request otherwise) and charts the server's own
// Prometheus metrics live. Plain browser JavaScript: no build step, no CDN.
const $ = (id) => document.getElementById(id)
const state = { model: null, meta: null, history: [], last: null }

async function json(url, init) {
  const r = await fetch(url, init)
  const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }))
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`)
  return body
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  for (const c of children) e.append(c)
  return e
}

// ---------- models

async function loadModels() {
  const server = await json('/v2')
  $('server-info').textContent = `${server.name} ${server.version} · Open Inference Protocol v2`
  const { models } = await json('/ui/api/models')
  const list = $('models')
  list.replaceChildren()
  for (const m of models) {
    const li = el(
      'li',
      { 'data-model': m.name },
      el('span', {}, m.name),
      el(
        'span',
        { class: 'muted' },
        m.versions.length ? `v${m.versions.join(', v')}` : m.state.toLowerCase(),
      ),
    )
    li.addEventListener('click', () => selectModel(m.name))
    list.append(li)
  }
  if (!state.model && models.length > 0) {
    await selectModel(models[0].name)
  }
}

function isDrawable(meta) {
  if (meta.inputs.length !== 1) return false
  const t = meta.inputs[0]
  const fixed = t.shape.filter((d) => d !== -1 && d !== 1)
  return t.datatype === 'FP32' && fixed.reduce((a, b) => a * b, 1) === 784
}

async function selectModel(name) {
  state.model = name
  for (const li of $('models').children) li.classList.toggle('active', li.dataset.model === name)
  $('model-title').textContent = name
  try {
    state.meta = await json(`/v2/models/${encodeURIComponent(name)}`)
  } catch (e) {
    $('metadata').replaceChildren(el('p', { class: 'error' }, e.message))
    $('try').hidden = true
    return
  }
  const m = state.meta
  const rows = [...m.inputs.map((t) => ['input', t]), ...m.outputs.map((t) => ['output', t])]
  const table = el(
    'table',
    {},
    el(
      'tr',
      {},
      el('th', {}, ''),
      el('th', {}, 'name'),
      el('th', {}, 'datatype'),
      el('th', {}, 'shape'),
    ),
  )
  for (const [kind, t] of rows)
    table.append(
      el(
        'tr',
        {},
        el('td', { class: 'muted' }, kind),
        el('td', {}, t.name),
        el('td', {}, t.datatype),
        el('td', {}, `[${t.shape.join(', ')}]`),
      ),
    )
  const params = Object.entries(m.parameters || {})
    .filter(([k]) => k !== 'labels')
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ')
  $('metadata').replaceChildren(
    el('p', { class: 'muted' }, `${m.platform} · versions ${m.versions.join(', ')} · ${params}`),
    table,
  )
  $('try').hidden = false
  const drawable = isDrawable(m)
  $('draw-panel').hidden = !drawable
  $('json-panel').hidden = drawable
  $('probs').replaceChildren()
  $('raw').textContent = ''
  if (!drawable) $('request').value = JSON.stringify(templateRequest(m), null, 1)
}

function templateRequest(m) {
  return {
    inputs: m.inputs.map((t) => {
      const shape = t.shape.map((d) => (d === -1 ? 1 : d))
      const n = shape.reduce((a, b) => a * b, 1)
      const zero = t.datatype === 'BOOL' ? false : t.datatype === 'BYTES' ? '' : 0
      return { name: t.name, shape, datatype: t.datatype, data: new Array(n).fill(zero) }
    }),
  }
}

// ---------- inference and probabilities

function labelsFor(outputName) {
  try {
    return JSON.parse(state.meta.parameters.labels || '{}')[outputName]
  } catch {
    return undefined
  }
}

function pickOutput(outputs) {
  return (
    outputs.find((o) => labelsFor(o.name)) ||
    outputs.find((o) => /prob/i.test(o.name)) ||
    outputs[0]
  )
}

function softmaxIfNeeded(xs) {
  const sum = xs.reduce((a, b) => a + b, 0)
  if (xs.every((x) => x >= 0) && Math.abs(sum - 1) < 1e-3) return xs
  const max = Math.max(...xs)
  const e = xs.map((x) => Math.exp(x - max))
  const z = e.reduce((a, b) => a + b, 0)
  return e.map((x) => x / z)
}

function showResult(body) {
  $('raw').textContent = JSON.stringify(body).slice(0, 2000)
  const out = pickOutput(body.outputs || [])
  if (!out || typeof out.data?.[0] !== 'number') return
  const classes = out.shape[out.shape.length - 1]
  const probs = softmaxIfNeeded(out.data.slice(0, classes))
  const labels = labelsFor(out.name) || probs.map((_, i) => String(i))
  const top = probs.indexOf(Math.max(...probs))
  const rows = probs.map((p, i) => {
    const bar = el('div', { class: 'prob-bar' })
    bar.style.width = `${(p * 100).toFixed(1)}%`
    return el(
      'div',
      { class: `prob-row${i === top ? ' top' : ''}`, 'data-class': labels[i] },
      el('span', {}, labels[i]),
      el('div', {}, bar),
      el('span', { class: 'prob-value' }, p.toFixed(4)),
    )
  })
  $('probs').replaceChildren(...rows)
  $('probs').dataset.top = labels[top]
}

async function infer(request) {
  try {
    const body = await json(`/v2/models/${encodeURIComponent(state.model)}/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    })
    showResult(body)
  } catch (e) {
    $('probs').replaceChildren(el('p', { class: 'error' }, e.message))
  }
}

// ---------- drawing pad

const pad = $('pad')
const ctx = pad.getContext('2d')
function clearPad() {
  ctx.fillStyle = '#000'
  ctx.fillRect(0, 0, pad.width, pad.height)
  updatePreview()
}
let drawing = false
let lastPoint = null
function point(e) {
  const r = pad.getBoundingClientRect()
  return [
    ((e.clientX - r.left) * pad.width) / r.width,
    ((e.clientY - r.top) * pad.height) / r.height,
  ]
}
pad.addEventListener('pointerdown', (e) => {
  drawing = true
  lastPoint = point(e)
  pad.setPointerCapture(e.pointerId)
})
pad.addEventListener('pointermove', (e) => {
  if (!drawing) return
  const p = point(e)
  ctx.strokeStyle = '#fff'
  ctx.lineWidth = 22
  ctx.lineCap = 'round'
  ctx.beginPath()
  ctx.moveTo(...lastPoint)
  ctx.lineTo(...p)
  ctx.stroke()
  lastPoint = p
})
pad.addEventListener('pointerup', () => {
  drawing = false
  updatePreview()
  predictDrawing()
})

/** 28×28 grey levels in [0, 1], each the mean of a 10×10 block of the pad. */
function pixels() {
  const src = ctx.getImageData(0, 0, pad.width, pad.height).data
  const s = pad.width / 28
  const out = new Array(784).fill(0)
  for (let y = 0; y < pad.height; y++) {
    for (let x = 0; x < pad.width; x++) {
      out[Math.floor(y / s) * 28 + Math.floor(x / s)] +=
        src[(y * pad.width + x) * 4] / 255 / (s * s)
    }
  }
  return out.map((v) => Math.min(1, Math.round(v * 1000) / 1000))
}

function updatePreview() {
  const px = pixels()
  const pctx = $('preview').getContext('2d')
  const img = pctx.createImageData(28, 28)
  px.forEach((v, i) => {
    img.data.set([v * 255, v * 255, v * 255, 255], i * 4)
  })
  pctx.putImageData(img, 0, 0)
}

function predictDrawing() {
  const t = state.meta.inputs[0]
  const shape = t.shape.map((d) => (d === -1 ? 1 : d))
  infer({ inputs: [{ name: t.name, shape, datatype: 'FP32', data: pixels() }] })
}

$('predict').addEventListener('click', predictDrawing)
$('clear').addEventListener('click', clearPad)
$('send').addEventListener('click', () => {
  let req
  try {
    req = JSON.parse($('request').value)
  } catch (e) {
    $('probs').replaceChildren(el('p', { class: 'error' }, `not JSON: ${e.message}`))
    return
  }
  infer(req)
})

// ---------- live charts from /metrics

function parseMetrics(text) {
  const sums = {}
  const buckets = {}
  for (const line of text.split('\n')) {
    if (!line || line[0] === '#') continue
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? ([^ ]+)/.exec(line)
    if (!m) continue
    const [, name, labels = '', value] = m
    const v = Number(value)
    sums[name] = (sums[name] || 0) + v
    if (name === 'mlstack_serve_request_duration_seconds_bucket') {
      const le = /le="([^"]+)"/.exec(labels)[1]
      buckets[le] = (buckets[le] || 0) + v
    }
  }
  return { sums, buckets, t: performance.now() }
}

function quantile(prev, cur, q) {
  const les = Object.keys(cur.buckets)
    .filter((k) => k !== '+Inf')
    .map(Number)
    .sort((a, b) => a - b)
  const total = (cur.buckets['+Inf'] || 0) - (prev.buckets['+Inf'] || 0)
  if (total <= 0) return null
  for (const le of les) {
    const c = (cur.buckets[String(le)] || 0) - (prev.buckets[String(le)] || 0)
    if (c >= q * total) return le * 1000
  }
  return les[les.length - 1] * 1000
}

function line(svg, series, colors) {
  const all = series.flat().filter((v) => v != null)
  const max = Math.max(1e-9, ...all) * 1.1
  svg.replaceChildren()
  series.forEach((ys, k) => {
    // Newest point at the right edge, one minute of history to its left.
    const pts = ys
      .map((y, i) => `${300 - ((ys.length - 1 - i) / 59) * 300},${80 - ((y ?? 0) / max) * 78}`)
      .join(' ')
    const p = document.createElementNS('http://www.w3.org/2000/svg', 'polyline')
    p.setAttribute('points', pts)
    p.setAttribute('fill', 'none')
    p.setAttribute('stroke', colors[k])
    p.setAttribute('stroke-width', '1.5')
    p.setAttribute('vector-effect', 'non-scaling-stroke')
    svg.append(p)
  })
}

async function tick() {
  let cur
  try {
    cur = parseMetrics(await (await fetch('/metrics')).text())
    const ready = await fetch('/v2/health/ready')
    $('health').textContent = ready.ok ? 'ready' : 'not ready'
    $('health').className = `pill ${ready.ok ? 'ok' : 'bad'}`
  } catch {
    $('health').textContent = 'offline'
    $('health').className = 'pill bad'
    return
  }
  const prev = state.last
  state.last = cur
  if (!prev) return
  const dt = (cur.t - prev.t) / 1000
  const d = (name) => (cur.sums[name] || 0) - (prev.sums[name] || 0)
  const reqs = d('mlstack_serve_requests_total')
  const mean = (name) =>
    d(`${name}_count`) > 0 ? (d(`${name}_sum`) / d(`${name}_count`)) * 1000 : null
  const point = {
    rps: reqs / dt,
    mean: mean('mlstack_serve_request_duration_seconds'),
    p99: quantile(prev, cur, 0.99),
    queue: mean('mlstack_serve_queue_duration_seconds'),
    compute: mean('mlstack_serve_compute_duration_seconds'),
  }
  state.history.push(point)
  if (state.history.length > 60) state.history.shift()
  const h = state.history
  line($('chart-rps'), [h.map((p) => p.rps)], ['#4da3ff'])
  line($('chart-latency'), [h.map((p) => p.mean), h.map((p) => p.p99)], ['#4da3ff', '#f5a623'])
  line($('chart-split'), [h.map((p) => p.queue), h.map((p) => p.compute)], ['#3ecf8e', '#ff6b6b'])
  $('rps-now').textContent = point.rps.toFixed(1)
  $('lat-now').textContent =
    point.mean == null ? '–' : `${point.mean.toFixed(2)} / ${point.p99?.toFixed(1) ?? '–'}`
  $('split-now').textContent =
    point.queue == null ? '–' : `${point.queue.toFixed(2)} / ${point.compute?.toFixed(2) ?? '–'}`
  const rss = cur.sums.process_resident_memory_bytes
  const runs = d('mlstack_serve_model_runs_total')
  const batch =
    runs > 0 ? ` · mean batch ${(d('mlstack_serve_batch_size_sum') / runs).toFixed(1)}` : ''
  $('process').textContent =
    `${rss ? `RSS ${(rss / 2 ** 20).toFixed(0)} MiB · ` : ''}queue depth ${cur.sums.mlstack_serve_queue_depth || 0} · model runs ${cur.sums.mlstack_serve_model_runs_total || 0}${batch}`
}

clearPad()
loadModels().catch((e) => $('models').replaceChildren(el('li', { class: 'error' }, e.message)))
tick()
setInterval(tick, 1000)
