/** The tagged JSON shape every classical estimator serializes to. */

/** Format tag written into every serialized estimator. */
export const FORMAT = 'mlstack.classical'
/** Current format version; loading rejects any other. */
export const FORMAT_VERSION = 1

/** What `toJSON()` returns and `loadEstimator` accepts. */
export interface SerializedEstimator {
  format: typeof FORMAT
  version: number
  kind: string
  params: unknown
  state: unknown
}
