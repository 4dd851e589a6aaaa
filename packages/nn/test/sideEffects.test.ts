// Bundlers drop modules of a `sideEffects: false` package that are imported only for their side
// effects. Every bare `import './x.js'` in src must be listed in package.json's sideEffects
// (src and dist paths), or a bundled app loses it (e.g. the built-in layer registration that
// loadModel needs).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })
}

describe('package.json sideEffects', () => {
  it('lists every module that src imports only for its side effects', () => {
    const declared = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
      .sideEffects as string[]
    const bare = new Set<string>()
    for (const file of sources(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import '(\.[^']+)\.js'$/gm)) {
        bare.add(relative(root, join(dirname(file), m[1])))
      }
    }
    expect(bare.size).toBeGreaterThan(0)
    for (const mod of bare) {
      expect(declared).toContain(`./${mod}.ts`)
      expect(declared).toContain(`./${mod.replace(/^src\//, 'dist/')}.js`)
    }
  })
})
