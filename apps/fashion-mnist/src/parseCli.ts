/** Command-line flags of `pnpm start` (see README.md), validated into `AppOptions`. */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { INIT_SCHEMES, type InitScheme } from './buildModel.js'
import { UsageError } from './errors.js'

export interface AppOptions {
  epochs: number
  batchSize: number
  learningRate: number
  seed: number
  /** `--init torch` (PyTorch's Linear init, default) or `glorot` (Keras's Dense default). */
  init: InitScheme
  /** `--data DIR`. */
  dataDir?: string
  /** `--subset`: force the embedded subset. */
  subset: boolean
  /** Folder for the model, report and metrics (default apps/fashion-mnist/out). */
  outDir: string
  trainLimit?: number
  testLimit?: number
  /** `--quiet`: no progress bar (it is also off when stderr is not a TTY). */
  quiet: boolean
  help: boolean
}

export const USAGE = `Usage: pnpm start [-- options]   (or: pnpm --filter @mlstack/fashion-mnist start [options])

Trains the seed MLP (Dense 784-64 relu, 64-64 relu, 64-10 softmax; Adam, sparse categorical
cross-entropy) on Fashion-MNIST, prints test accuracy, a confusion matrix and per-class F1,
saves the model (safetensors) and writes an HTML report.

Options:
  --epochs N        training epochs (default 10)
  --batch-size N    batch size (default 32)
  --lr X            Adam learning rate (default 0.001)
  --seed N          seed of the initial weights and the shuffling (default 0)
  --init NAME       initial weights: torch (PyTorch's nn.Linear default; the default) or glorot (Keras's)
  --data DIR        a folder with the four Fashion-MNIST IDX files (.gz or raw)
  --subset          use the embedded subset (6000 train / 1000 test) even if the full set is installed
  --out DIR         where to write model.safetensors, report.html, metrics.json (default: the app's out/)
  --train-limit N   use only the first N training images
  --test-limit N    use only the first N test images
  --quiet           no progress bar
  -h, --help        this text

Data: --data DIR if given; else the full set in /usr/share/datasets/fashion-mnist
(Debian: apt-get install dataset-fashion-mnist); else the embedded subset.`

function int(flag: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!(v.trim() !== '' && Number.isInteger(n) && n >= min)) {
    throw new UsageError(`--${flag} ${v}: expected an integer >= ${min}`)
  }
  return n
}

/**
 * Parses and checks the flags; unknown flags and bad values throw `UsageError`.
 *
 * @example
 * parseCli(['--epochs', '1', '--subset'], '/app/out') // { epochs: 1, subset: true, ... }
 *
 * Relative `--data` and `--out` paths are taken from `baseDir` (the CLI passes the folder the
 * user ran `pnpm start` in, which pnpm reports as INIT_CWD, not the app's folder).
 */
export function parseCli(
  argv: readonly string[],
  defaultOutDir: string,
  baseDir: string = process.cwd(),
): AppOptions {
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      // `pnpm start -- --epochs 1` may pass the `--` through; it means nothing here.
      args: argv.filter((a) => a !== '--'),
      allowPositionals: true,
      strict: true,
      options: {
        epochs: { type: 'string' },
        'batch-size': { type: 'string' },
        lr: { type: 'string' },
        seed: { type: 'string' },
        init: { type: 'string' },
        data: { type: 'string' },
        subset: { type: 'boolean' },
        out: { type: 'string' },
        'train-limit': { type: 'string' },
        'test-limit': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`)
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${positionals[0]}; flags start with --\n\n${USAGE}`)
  }
  const lrText = values.lr as string | undefined
  let learningRate = 1e-3
  if (lrText !== undefined) {
    learningRate = Number(lrText)
    if (!(lrText.trim() !== '' && Number.isFinite(learningRate) && learningRate > 0)) {
      throw new UsageError(`--lr ${lrText}: expected a positive number such as 0.001`)
    }
  }
  const init = (values.init as string | undefined) ?? 'torch'
  if (!INIT_SCHEMES.includes(init as InitScheme)) {
    throw new UsageError(`--init ${init}: expected one of ${INIT_SCHEMES.join(', ')}`)
  }
  const dataText = values.data as string | undefined
  const dataDir = dataText === undefined ? undefined : resolve(baseDir, dataText)
  if (dataDir !== undefined && values.subset) {
    throw new UsageError('--data and --subset: give one of them, not both')
  }
  return {
    epochs: int('epochs', values.epochs as string | undefined, 1) ?? 10,
    batchSize: int('batch-size', values['batch-size'] as string | undefined, 1) ?? 32,
    learningRate,
    init: init as InitScheme,
    seed: int('seed', values.seed as string | undefined, 0) ?? 0,
    dataDir,
    subset: values.subset === true,
    outDir: resolve(baseDir, (values.out as string | undefined) ?? defaultOutDir),
    trainLimit: int('train-limit', values['train-limit'] as string | undefined, 1),
    testLimit: int('test-limit', values['test-limit'] as string | undefined, 1),
    quiet: values.quiet === true,
    help: values.help === true,
  }
}
