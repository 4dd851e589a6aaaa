// The classical format: an @mlstack/classical estimator saved with toJSON() as `model.json`,
// run by predict / predictProba in a worker thread (estimators are synchronous JS, so a
// forest's predict on a large batch would otherwise stall the event loop).
import { loadJsWorkerModel } from '../internal/JsWorkerModel.js'
import type { LoadContext, LoadedModel, ModelLoader } from '../LoaderRegistry.js'

/**
 * Loads `model.json` (tagged JSON `{ format: 'mlstack.classical', version, kind, params, state }`).
 * Input `input` ([-1, nFeatures], FP64, or FP32 when config.json declares it so); outputs
 * `predict` (INT64 class labels, or FP64) and `probabilities` (FP32) when the estimator has them.
 * Needs the optional peer dependency `@mlstack/classical`.
 *
 * @example
 * // repo/iris/1/model.json written by: writeFileSync(path, JSON.stringify(clf.toJSON()))
 * await createServer({ repository: 'repo' }) // classicalLoader is built in
 */
export const classicalLoader: ModelLoader = {
  format: 'mlstack-classical',
  detect: (files) => (files.includes('model.json') ? 'model.json' : undefined),
  load: (ctx: LoadContext): Promise<LoadedModel> =>
    loadJsWorkerModel('classical', 'mlstack_classical', 'classicalWorker', ctx),
}
