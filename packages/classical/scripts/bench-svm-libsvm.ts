/**
 * SVC / SVR versus libsvm-js (issue 4's "≥ 5× the ml.js equivalent"), interleaved and paired:
 * each round times a batch of fits (then predicts) of mlstack and of libsvm-js in turn, in process
 * CPU time (user + system), and the ratio reported is the median of the per-round ratios, which
 * cancels the slow speed drift of a shared machine that medians of the two times alone do not.
 * Same settings as bench/cases/svm.ts (RBF, gamma='scale', C = 1 for SVC, C = 100 and epsilon = 5
 * for SVR, tolerance 1e-3, 200 MB cache; libsvm-js's fit includes converting the rows to the plain
 * arrays its API takes, as in the bench).
 *
 * Run (from packages/classical):
 *   node --conditions=@mlstack/source --import tsx scripts/bench-svm-libsvm.ts [datasets] [rounds]
 * e.g. `... breast_cancer,iris/std 41`; default: every dataset, 41 rounds.
 */
import { createRequire } from 'node:module'
import { scaleGamma } from '../bench/cases/svm.js'
import { type DatasetName, loadSplit } from '../bench/datasets.js'
import { SVC } from '../src/svm/SVC.js'
import { SVR } from '../src/svm/SVR.js'

interface LibsvmModel {
  train(X: number[][], y: number[]): void
  predict(X: number[][]): number[]
  free(): void
}
interface LibsvmJs {
  new (options: Record<string, unknown>): LibsvmModel
  SVM_TYPES: Record<string, number>
  KERNEL_TYPES: Record<string, number>
}

const require = createRequire(import.meta.url)
const Libsvm = await (require('libsvm-js') as Promise<LibsvmJs>)

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] as number

const cases: [DatasetName, 'raw' | 'std', 'svc' | 'svr'][] = [
  ['digits', 'raw', 'svc'],
  ['digits', 'std', 'svc'],
  ['breast_cancer', 'raw', 'svc'],
  ['breast_cancer', 'std', 'svc'],
  ['iris', 'raw', 'svc'],
  ['iris', 'std', 'svc'],
  ['diabetes', 'raw', 'svr'],
]
const only = (process.argv[2] ?? 'all').split(',')
const rounds = Number(process.argv[3] ?? 41)

console.log('| work | dataset | mlstack ms | libsvm-js ms | libsvm-js / mlstack (paired) |')
console.log('|---|---|---:|---:|---:|')
for (const [name, prep, kind] of cases) {
  if (!only.includes('all') && !only.includes(name) && !only.includes(`${name}/${prep}`)) continue
  const d = loadSplit(name, prep)
  // Fits per batch: about a millisecond or more of work per contender and round.
  const batch = name === 'digits' ? 1 : name === 'iris' ? 50 : 5
  const ours = () =>
    kind === 'svc'
      ? new SVC({ C: 1 }).fit(d.Xtrain, d.ytrain)
      : new SVR({ C: 100, epsilon: 5 }).fit(d.Xtrain, d.ytrain)
  const theirs = () => {
    const m = new Libsvm({
      type: Libsvm.SVM_TYPES[kind === 'svc' ? 'C_SVC' : 'EPSILON_SVR'],
      kernel: Libsvm.KERNEL_TYPES.RBF,
      gamma: scaleGamma(d),
      cost: kind === 'svc' ? 1 : 100,
      ...(kind === 'svr' ? { epsilon: 5 } : {}),
      tolerance: 1e-3,
      cacheSize: 200,
      quiet: true,
    })
    m.train(
      d.Xtrain.map((r) => Array.from(r)),
      Array.from(d.ytrain),
    )
    return m
  }
  let a = ours()
  let b = theirs()
  for (let w = 0; w < 5; w++) {
    a = ours()
    b.free()
    b = theirs()
  }
  const Xt = d.Xtest
  const fit = { a: [] as number[], b: [] as number[] }
  const pred = { a: [] as number[], b: [] as number[] }
  for (let r = 0; r < rounds; r++) {
    let t = cpuMs()
    for (let i = 0; i < batch; i++) a = ours()
    fit.a.push((cpuMs() - t) / batch)
    t = cpuMs()
    for (let i = 0; i < batch; i++) {
      b.free()
      b = theirs()
    }
    fit.b.push((cpuMs() - t) / batch)
    t = cpuMs()
    for (let i = 0; i < batch; i++) a.predict(Xt)
    pred.a.push((cpuMs() - t) / batch)
    t = cpuMs()
    for (let i = 0; i < batch; i++) b.predict(Xt.map((row) => Array.from(row)))
    pred.b.push((cpuMs() - t) / batch)
  }
  b.free()
  const row = (work: string, m: { a: number[]; b: number[] }) =>
    `| ${work} | ${name}/${prep} | ${median(m.a).toFixed(3)} | ${median(m.b).toFixed(3)} | ${median(
      m.b.map((v, i) => v / (m.a[i] as number)),
    ).toFixed(2)}× |`
  const model = kind === 'svc' ? 'SVC' : 'SVR'
  console.log(row(`${model} fit`, fit))
  console.log(row(`${model} predict`, pred))
}
