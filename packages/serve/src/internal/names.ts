// Model and version names that can be used as path segments safely: no separators, no dot
// segments, nothing that could leave the repository folder.
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/
const VERSION = /^[0-9]{1,9}$/

export function isValidModelName(name: string): boolean {
  return MODEL_NAME.test(name) && !name.includes('..')
}

export function isValidVersion(v: string): boolean {
  return VERSION.test(v)
}
