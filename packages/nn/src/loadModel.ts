/**
 * Loads a model saved by `saveModel`: checks the format tag and version, rebuilds the
 * architecture through the layer registry, and loads the weights. Any other file (a plain
 * safetensors file, another format or version, missing or mismatched tensors) throws
 * `ModelFormatError` saying what was found and what was expected.
 */
import { readFile } from 'node:fs/promises'
import { ModelFormatError, type Tensor, tensorsFromSafetensors } from '@mlstack/core'
import './internal/builtinLayers.js'
import { layerFromConfig } from './layerRegistry.js'
import type { LayerConfig, Module } from './Module.js'
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './modelFormat.js'

export interface LoadedModelInfo {
  /** Training metadata stored with the model (epochs, final logs, loss, optimizer, savedAt). */
  training: Record<string, unknown>
  /** What `saveModel({ metadata })` stored. */
  user: Record<string, unknown> | undefined
}

function parseJson(what: string, s: string | undefined): unknown {
  if (s === undefined) return undefined
  try {
    return JSON.parse(s)
  } catch {
    throw new ModelFormatError('loadModel', `the '${what}' metadata is not valid JSON`)
  }
}

/** Rebuilds a model from the bytes of a model file. */
export function modelFromBytes<M extends Module = Module>(
  bytes: Uint8Array,
): { model: M; info: LoadedModelInfo } {
  const { tensors, metadata } = tensorsFromSafetensors(bytes)
  const dispose = () => {
    for (const t of Object.values(tensors)) t.dispose()
  }
  try {
    const fmt = metadata.format
    const ver = metadata.format_version
    if (fmt !== MODEL_FORMAT || ver !== MODEL_FORMAT_VERSION) {
      throw new ModelFormatError(
        'loadModel',
        `found format ${fmt === undefined ? '(none)' : `'${fmt}'`} version ${ver === undefined ? '(none)' : `'${ver}'`}, expected format '${MODEL_FORMAT}' version '${MODEL_FORMAT_VERSION}'`,
      )
    }
    const config = parseJson('model_config', metadata.model_config) as LayerConfig | undefined
    if (config === undefined)
      throw new ModelFormatError('loadModel', "the file has no 'model_config' metadata")
    const model = layerFromConfig(config) as M
    const own = model.stateDict()
    const missing = Object.keys(own).filter((k) => !(k in tensors))
    const extra = Object.keys(tensors).filter((k) => !(k in own))
    if (missing.length > 0 || extra.length > 0) {
      model.dispose()
      throw new ModelFormatError(
        'loadModel',
        `tensors do not match the architecture: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`,
      )
    }
    for (const [k, t] of Object.entries(own)) {
      const src = tensors[k] as Tensor
      if (src.shape.join() !== t.shape.join() || src.dtype !== t.dtype) {
        model.dispose()
        throw new ModelFormatError(
          'loadModel',
          `tensor '${k}' is ${src.dtype} [${src.shape.join(', ')}], the architecture expects ${t.dtype} [${t.shape.join(', ')}]`,
        )
      }
    }
    model.loadStateDict(tensors)
    const info: LoadedModelInfo = {
      training: (parseJson('training', metadata.training) as Record<string, unknown>) ?? {},
      user: parseJson('user', metadata.user) as Record<string, unknown> | undefined,
    }
    if ('trainingInfo' in model) (model as { trainingInfo: unknown }).trainingInfo = info.training
    return { model, info }
  } finally {
    dispose()
  }
}

/**
 * Loads a model file written by `saveModel` / `model.save` / `ModelCheckpoint`.
 *
 * @example
 * const model = await loadModel<Sequential>('model.safetensors')
 * model.predict(x)
 */
export async function loadModel<M extends Module = Module>(path: string): Promise<M> {
  return (await loadModelWithInfo<M>(path)).model
}

/** `loadModel` plus the stored training and user metadata. */
export async function loadModelWithInfo<M extends Module = Module>(
  path: string,
): Promise<{ model: M; info: LoadedModelInfo }> {
  const buf = await readFile(path)
  return modelFromBytes<M>(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength))
}
