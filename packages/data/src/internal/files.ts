/** File reading that turns Node's errno errors into this package's typed errors. */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { DataError, DatasetNotFoundError } from '../errors.js'

function wrap(api: string, path: string, e: unknown): Error {
  const code = (e as { code?: string }).code
  if (code === 'ENOENT') return new DatasetNotFoundError(`${api}: ${path} does not exist`)
  if (code === 'EISDIR') return new DataError(`${api}: ${path} is a directory; expected a file`)
  if (code === 'EACCES') return new DataError(`${api}: ${path} is not readable (permission denied)`)
  return e as Error
}

export async function readBytes(api: string, path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (e) {
    throw wrap(api, path, e)
  }
}

export function readBytesSync(api: string, path: string): Uint8Array {
  try {
    return readFileSync(path)
  } catch (e) {
    throw wrap(api, path, e)
  }
}

export async function readText(api: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    throw wrap(api, path, e)
  }
}

export function readTextSync(api: string, path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw wrap(api, path, e)
  }
}
