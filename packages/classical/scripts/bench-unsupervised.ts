/**
 * Fit times of the unsupervised estimators (KMeans, PCA) next to scikit-learn and the ml.js
 * packages (ml-kmeans, ml-pca), which bench/run.ts's supervised harness does not cover.
 * Run: node --conditions=@mlstack/source --import tsx scripts/bench-unsupervised.ts
 * Medians of 5 runs after a warm-up (as bench/run.ts), in process CPU time (user + system) so a loaded machine
 * distorts less; scikit-learn runs single-threaded via /usr/bin/python3.
 */
import { spawnSync } from 'node:child_process'
import { kmeans } from 'ml-kmeans'
import { PCA as MlPCA } from 'ml-pca'
import { KMeans } from '../src/cluster/KMeans.js'
import { PCA } from '../src/decomposition/PCA.js'
import { fixturesDir, loadSplit } from '../test/datasets.js'

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y)
  return s[s.length >> 1] as number
}

/**
 * Median process CPU milliseconds (user + system): comparable on a shared, loaded machine.
 * Untimed warm-up as bench/run.ts (at least 2 runs, then until 1 s has passed) so V8 has tiered
 * the hot loops up; with one warm-up run a 10 ms fit was still timed partly unoptimised.
 */
function time(fn: () => unknown, repeats = 5): number {
  fn()
  const w0 = performance.now()
  for (let w = 1; w < 2 || (performance.now() - w0 < 1000 && w < 2000); w++) fn()
  const t: number[] = []
  for (let r = 0; r < repeats; r++) {
    const s = process.cpuUsage()
    fn()
    const u = process.cpuUsage(s)
    t.push((u.user + u.system) / 1000)
  }
  return median(t)
}

const digits = loadSplit('digits')
const digitsStd = loadSplit('digits', 'std')
const rows: [string, string, number, string][] = []

rows.push([
  'KMeans k=10, k-means++, 1 init',
  'mlstack',
  time(() => new KMeans({ nClusters: 10, nInit: 1, randomState: 0 }).fit(digits.Xtrain)),
  '',
])
rows.push([
  'KMeans k=10, k-means++, 1 init',
  'ml-kmeans',
  time(() =>
    kmeans(digits.Xtrain, 10, {
      initialization: 'kmeans++',
      seed: 0,
      maxIterations: 300,
      tolerance: 1e-4,
    }),
  ),
  '',
])
rows.push([
  'KMeans k=10, k-means++, 10 inits',
  'mlstack',
  time(() => new KMeans({ nClusters: 10, randomState: 0 }).fit(digits.Xtrain)),
  '',
])
rows.push([
  'PCA 10 components (digits std)',
  'mlstack',
  time(() => new PCA({ nComponents: 10 }).fit(digitsStd.Xtrain)),
  '',
])
rows.push([
  'PCA 10 components (digits std)',
  'ml-pca (SVD)',
  time(() => new MlPCA(digitsStd.Xtrain, { center: true, scale: false })),
  'all components',
])

const py = `
import json, time, statistics, numpy as np, warnings
warnings.filterwarnings('ignore')
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
tr = np.loadtxt('${fixturesDir}/datasets/digits_train.csv', delimiter=',', skiprows=1)[:, :-1]
sp = json.load(open('${fixturesDir}/datasets/digits_split.json'))
std = (tr - np.array(sp['std_mean'])) / np.array(sp['std_scale'])
def t(f):
    f(); ts = []
    for _ in range(5):
        s = time.process_time(); f(); ts.append((time.process_time() - s) * 1000)
    return statistics.median(ts)
print(json.dumps([
  t(lambda: KMeans(10, n_init=1, random_state=0, algorithm='lloyd').fit(tr)),
  t(lambda: KMeans(10, n_init=10, random_state=0, algorithm='lloyd').fit(tr)),
  t(lambda: PCA(10, svd_solver='full').fit(std)),
]))
`
const res = spawnSync('/usr/bin/python3', ['-c', py], {
  encoding: 'utf8',
  env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
})
if (res.status === 0) {
  const [k1, k10, p] = JSON.parse(res.stdout) as number[]
  rows.push(['KMeans k=10, k-means++, 1 init', 'scikit-learn (1 thread)', k1 as number, ''])
  rows.push(['KMeans k=10, k-means++, 10 inits', 'scikit-learn (1 thread)', k10 as number, ''])
  rows.push(['PCA 10 components (digits std)', 'scikit-learn (full SVD)', p as number, ''])
} else {
  console.error(`scikit-learn skipped: ${res.stderr.slice(0, 200)}`)
}
rows.sort((a, b) => a[0].localeCompare(b[0]))
console.log('| work (digits train, 1347 × 64) | system | fit CPU ms (median of 5) | note |')
console.log('|---|---|---:|---|')
for (const [w, s, ms, note] of rows) console.log(`| ${w} | ${s} | ${ms.toFixed(2)} | ${note} |`)
