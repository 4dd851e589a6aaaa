/**
 * Saves a model as one safetensors file: the weights (and buffers) by their `stateDict` names,
 * and in the header's `__metadata__` the format tag and version, the architecture
 * (`model_config`, JSON) and training metadata (`training`, JSON). PyTorch and Hugging Face
 * tools read the weights directly. The write is atomic (temp file + rename).
 */
import { tensorsToSafetensors } from '@mlstack/core'
import { atomicWrite } from './internal/atomicWrite.js'
import { layerToConfig } from './layerRegistry.js'
import type { Module } from './Module.js'
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './modelFormat.js'

export interface SaveModelOptions {
  /** Extra JSON-serializable metadata stored under `user` in the header. */
  metadata?: Record<string, unknown>
}

/** The file's bytes (what `saveModel` writes). */
export async function modelToBytes(
  model: Module,
  options: SaveModelOptions = {},
): Promise<Uint8Array> {
  const config = layerToConfig(model)
  const training = (model as { trainingInfo?: Record<string, unknown> }).trainingInfo ?? {}
  const meta: Record<string, string> = {
    format: MODEL_FORMAT,
    format_version: MODEL_FORMAT_VERSION,
    model_config: JSON.stringify(config),
    training: JSON.stringify({ ...training, savedAt: new Date().toISOString() }),
  }
  if (options.metadata !== undefined) meta.user = JSON.stringify(options.metadata)
  return tensorsToSafetensors(model.stateDict(), meta)
}

/**
 * @example
 * await saveModel(model, 'model.safetensors', { metadata: { dataset: 'fashion-mnist' } })
 */
export async function saveModel(
  model: Module,
  path: string,
  options: SaveModelOptions = {},
): Promise<void> {
  await atomicWrite(path, await modelToBytes(model, options))
}
