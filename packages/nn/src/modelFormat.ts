/** The tag and version written into every model file's safetensors `__metadata__`. */

/** Format tag of mlstack model files. */
export const MODEL_FORMAT = 'mlstack.nn.model'
/** Current format version; loading another version throws `ModelFormatError`. */
export const MODEL_FORMAT_VERSION = '1'
