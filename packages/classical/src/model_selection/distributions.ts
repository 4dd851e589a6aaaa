/**
 * Serializable sampling distributions for RandomizedSearchCV (plain tagged objects, so a search
 * saved with toJSON keeps its search space).
 */
import type { Random } from '../internal/random.js'

/** A distribution over one option's values. */
export type Distribution =
  | { dist: 'uniform'; low: number; high: number }
  | { dist: 'loguniform'; low: number; high: number }
  | { dist: 'randint'; low: number; high: number }

/** Uniform on [low, high). */
export function uniform(low: number, high: number): Distribution {
  return { dist: 'uniform', low, high }
}

/** Log-uniform on [low, high) (e.g. C or alpha over decades). */
export function logUniform(low: number, high: number): Distribution {
  return { dist: 'loguniform', low, high }
}

/** Integers in [low, high). */
export function randInt(low: number, high: number): Distribution {
  return { dist: 'randint', low, high }
}

/** Draws one value. */
export function sample(d: Distribution | readonly unknown[], rng: Random): unknown {
  if (Array.isArray(d)) return d[rng.int(d.length)]
  const dd = d as Distribution
  switch (dd.dist) {
    case 'uniform':
      return dd.low + rng.next() * (dd.high - dd.low)
    case 'loguniform':
      return Math.exp(Math.log(dd.low) + rng.next() * (Math.log(dd.high) - Math.log(dd.low)))
    case 'randint':
      return dd.low + rng.int(dd.high - dd.low)
  }
}
