/**
 * The layer registry: class name → factory from config, used by `loadModel` to rebuild an
 * architecture (a registry keyed by name, not an if/else chain). Register your own layers with
 * `registerLayer` to make models that use them loadable.
 */
import { ModelFormatError } from '@mlstack/core'
import { ConfigError } from './errors.js'
import type { LayerConfig, Module } from './Module.js'

export type LayerFactory = (config: Record<string, unknown>) => Module

const REGISTRY = new Map<string, LayerFactory>()

/**
 * @example
 * registerLayer('MyBlock', (c) => new MyBlock(c as MyBlockOptions))
 */
export function registerLayer(
  className: string,
  factory: LayerFactory,
  options: { override?: boolean } = {},
): void {
  if (REGISTRY.has(className) && !options.override) {
    throw new ConfigError(
      'registerLayer',
      `layer '${className}' is already registered (pass { override: true } to replace it)`,
    )
  }
  REGISTRY.set(className, factory)
}

/** Names of every registered layer. */
export function registeredLayers(): string[] {
  return [...REGISTRY.keys()]
}

/** Rebuilds a layer (or model) from `{ className, config }`. */
export function layerFromConfig(c: LayerConfig): Module {
  const f = REGISTRY.get(c?.className)
  if (f === undefined) {
    throw new ModelFormatError(
      'loadModel',
      `unknown layer class '${String(c?.className)}' in the model config (registered: ${[...REGISTRY.keys()].join(', ')}); register it with registerLayer()`,
    )
  }
  return f(c.config ?? {})
}

/** The config of a module as stored in a model file. */
export function layerToConfig(m: Module): LayerConfig {
  return { className: m.className, config: JSON.parse(JSON.stringify(m.getConfig())) }
}
