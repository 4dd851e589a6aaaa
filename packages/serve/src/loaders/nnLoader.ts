// The nn format: an @mlstack/nn model saved with saveModel() as `model.safetensors` (weights plus
// the architecture in the header), run by predict in a worker thread.
import { loadJsWorkerModel } from '../internal/JsWorkerModel.js'
import type { LoadContext, LoadedModel, ModelLoader } from '../LoaderRegistry.js'

/**
 * Loads `model.safetensors` written by `@mlstack/nn`'s saveModel. Input `input` (FP32,
 * [-1, ...inputShape]); output `output` (FP32, what predict returns). A 784-input model gets the
 * web page's 28×28 drawing pad. Needs the optional peer dependency `@mlstack/nn`.
 *
 * @example
 * // repo/mnist/1/model.safetensors written by: await saveModel(model, path)
 * await createServer({ repository: 'repo' }) // nnLoader is built in
 */
export const nnLoader: ModelLoader = {
  format: 'mlstack-nn',
  detect: (files) => (files.includes('model.safetensors') ? 'model.safetensors' : undefined),
  load: (ctx: LoadContext): Promise<LoadedModel> =>
    loadJsWorkerModel('nn', 'mlstack_nn', 'nnWorker', ctx),
}
