// Validation of Adam-family `betas` pairs.
import { checkNumber } from './checkNumber.js'

/** Throws unless `betas` is a pair of numbers in [0, 1). */
export function checkBetas(api: string, betas: unknown): void {
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new TypeError(`${api}: betas must be a pair [beta1, beta2], got ${JSON.stringify(betas)}`)
  }
  checkNumber(api, 'betas[0]', betas[0], { min: 0, max: 1, maxExclusive: true })
  checkNumber(api, 'betas[1]', betas[1], { min: 0, max: 1, maxExclusive: true })
}
