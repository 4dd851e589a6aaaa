/**
 * Atomic file write: the bytes go to a temporary file in the same directory, are flushed to
 * disk, then renamed over the target. A crash or a failing write at any point leaves either
 * the old file or the new one, never a half-written target; the temporary file is removed on
 * failure.
 */
import { randomBytes } from 'node:crypto'
import * as fsp from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The file-system calls used (injectable so tests can simulate a failing disk). */
export interface AtomicWriteIo {
  open: (
    path: string,
    flags: string,
  ) => Promise<{
    write(data: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
    sync(): Promise<void>
    close(): Promise<void>
  }>
  rename: (from: string, to: string) => Promise<void>
  unlink: (path: string) => Promise<void>
}

const defaultIo: AtomicWriteIo = {
  open: (p, f) => fsp.open(p, f),
  rename: fsp.rename,
  unlink: fsp.unlink,
}

export async function atomicWrite(
  path: string,
  bytes: Uint8Array,
  io: AtomicWriteIo = defaultIo,
): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  let handle: Awaited<ReturnType<AtomicWriteIo['open']>> | null = null
  try {
    handle = await io.open(tmp, 'wx')
    let off = 0
    while (off < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, off, bytes.length - off)
      off += bytesWritten
    }
    await handle.sync()
    await handle.close()
    handle = null
    await io.rename(tmp, path)
  } catch (err) {
    if (handle !== null) await handle.close().catch(() => {})
    await io.unlink(tmp).catch(() => {})
    throw err
  }
}
