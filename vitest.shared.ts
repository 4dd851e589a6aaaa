// Shared vitest settings: tests run on TypeScript source through the "@mlstack/source" export
// condition, so no package has to be built before its dependants are tested.
import { defineConfig } from 'vitest/config'

export const sourceConditions = ['@mlstack/source', 'import', 'module', 'node', 'default']

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
  test: {
    environment: 'node',
    testTimeout: 30_000,
  },
})
