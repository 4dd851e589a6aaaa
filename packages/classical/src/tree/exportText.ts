/**
 * exportText: a fitted decision tree as indented text rules, character for character what
 * scikit-learn's `sklearn.tree.export_text` prints for the same tree.
 */
import { ParameterError } from '../errors.js'
import { DecisionTreeClassifier } from './DecisionTreeClassifier.js'
import type { DecisionTreeRegressor } from './DecisionTreeRegressor.js'
import type { TreeArrays } from './internal/buildTree.js'

/** Options of exportText (scikit-learn's names in camelCase). */
export interface ExportTextOptions {
  /** One name per feature; default `feature_0`, `feature_1`, ... */
  featureNames?: readonly string[]
  /** Deeper branches are summarized as "truncated branch of depth N"; default 10. */
  maxDepth?: number
  /** Width of each indentation level; default 3. */
  spacing?: number
  /** Digits after the decimal point for thresholds and values; default 2. */
  decimals?: number
  /** Print the class weights of classifier leaves; default false. */
  showWeights?: boolean
}

/**
 * Formats `x` with `d` decimals as Python's `'{:.{d}f}'.format(x)`: exact binary value, ties
 * to even (JavaScript's toFixed rounds exact ties up instead).
 */
export function formatFixed(x: number, d: number): string {
  const s = x.toFixed(d)
  const exact = Math.abs(x).toFixed(Math.min(100, d + 60))
  const tail = exact.slice(exact.indexOf('.') + 1 + d)
  const lastDigit = Number(s.charAt(s.length - 1))
  if (/^50*$/.test(tail) && lastDigit % 2 === 1) {
    // An exact tie rounded away from zero to an odd digit: take the even neighbour below.
    const lower = (Math.abs(x) - 0.5 * 10 ** -d).toFixed(d)
    return x < 0 ? `-${lower}` : lower
  }
  return s
}

function subtreeDepth(t: TreeArrays, node: number): number {
  const l = t.left[node] as number
  if (l === -1) return 1
  return 1 + Math.max(subtreeDepth(t, l), subtreeDepth(t, t.right[node] as number))
}

/**
 * Text rules of a fitted DecisionTreeClassifier or DecisionTreeRegressor.
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y)
 * console.log(exportText(tree, { featureNames: ['sepal length', 'sepal width', 'petal length', 'petal width'] }))
 * // |--- petal width <= 0.80
 * // |   |--- class: 0
 * // ...
 */
export function exportText(
  model: DecisionTreeClassifier | DecisionTreeRegressor,
  options: ExportTextOptions = {},
): string {
  const api = 'exportText'
  const t = model.tree
  const nFeatures = model.featureImportances.length
  const { featureNames, maxDepth = 10, spacing = 3, decimals = 2, showWeights = false } = options
  if (!Number.isInteger(maxDepth) || maxDepth < 0) {
    throw new ParameterError(`${api}: maxDepth = ${maxDepth}; expected an integer >= 0`)
  }
  if (!Number.isInteger(spacing) || spacing <= 0) {
    throw new ParameterError(`${api}: spacing = ${spacing}; expected an integer > 0`)
  }
  if (!Number.isInteger(decimals) || decimals < 0) {
    throw new ParameterError(`${api}: decimals = ${decimals}; expected an integer >= 0`)
  }
  if (featureNames !== undefined && featureNames.length !== nFeatures) {
    throw new ParameterError(
      `${api}: featureNames has ${featureNames.length} names; expected ${nFeatures} (one per feature)`,
    )
  }
  const isClassifier = model instanceof DecisionTreeClassifier
  const classes = isClassifier ? model.classes : new Float64Array(0)
  const k = isClassifier ? classes.length : 1
  const valueFmt = isClassifier ? (showWeights ? ' weights: ' : '') : ' value: '
  const name = (f: number): string => featureNames?.[f] ?? `feature_${f}`
  let report = ''
  const addLeaf = (node: number, indent: string): void => {
    let val = ''
    const value = t.value.subarray(node * k, node * k + k)
    if (showWeights || !isClassifier) {
      val = `[${Array.from(value, (v) => formatFixed(v, decimals)).join(', ')}]`
    }
    if (isClassifier) {
      let best = 0
      for (let j = 1; j < k; j++) if ((value[j] as number) > (value[best] as number)) best = j
      val += ` class: ${String(classes[best])}`
    }
    report += `${indent}${valueFmt}${val}\n`
  }
  const recurse = (node: number, depth: number): void => {
    let indent = `|${' '.repeat(spacing)}`.repeat(depth)
    indent = indent.slice(0, indent.length - spacing) + '-'.repeat(spacing)
    if (depth <= maxDepth + 1) {
      const l = t.left[node] as number
      if (l !== -1) {
        const f = t.feature[node] as number
        const threshold = formatFixed(t.threshold[node] as number, decimals)
        report += `${indent} ${name(f)} <= ${threshold}\n`
        recurse(l, depth + 1)
        report += `${indent} ${name(f)} >  ${threshold}\n`
        recurse(t.right[node] as number, depth + 1)
      } else {
        addLeaf(node, indent)
      }
    } else {
      const sd = subtreeDepth(t, node)
      if (sd === 1) addLeaf(node, indent)
      else report += `${indent} truncated branch of depth ${sd}\n`
    }
  }
  recurse(0, 1)
  return report
}
