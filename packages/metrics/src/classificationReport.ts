/** A per-class precision/recall/F1/support table, as text and as an object. */
import { InvalidOptionError } from './errors.js'
import { padLeft, pyFixed, pyNumber } from './internal/format.js'
import { checkArrayLike, sortedUnique, toLabels } from './internal/validate.js'
import { type PrfAveraged, type PrfPerClass, prfCore } from './precisionRecallFscoreSupport.js'
import type { Label, LabelArray, NumberArray, ZeroDivision } from './types.js'

export interface ClassificationReportOptions {
  /** Classes to report, in this order. Default: sorted union of labels. */
  labels?: LabelArray
  /** Display names of the classes (same length as the labels). */
  targetNames?: readonly string[]
  sampleWeight?: NumberArray
  /** Decimals in the text table. Default 2. */
  digits?: number
  zeroDivision?: ZeroDivision
}

export interface ReportRow {
  precision: number
  recall: number
  f1Score: number
  support: number
}

export interface ReportClassRow extends ReportRow {
  label: Label
  name: string
}

export interface ClassificationReport {
  classes: ReportClassRow[]
  /** Present when the micro average equals accuracy (all labels reported). */
  accuracy?: number
  /** Present instead of `accuracy` when only some labels are reported. */
  microAvg?: ReportRow
  macroAvg: ReportRow
  weightedAvg: ReportRow
  /** The table formatted exactly as scikit-learn's `classification_report` prints it. */
  text: string
}

/**
 * Precision, recall, F1 and support per class plus accuracy and macro/weighted averages, as
 * scikit-learn's `classification_report` (the `text` field is byte-identical to its output).
 *
 * @example
 * console.log(classificationReport([0, 1, 2, 2], [0, 1, 1, 2], { targetNames: ['a', 'b', 'c'] }).text)
 */
export function classificationReport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const api = 'classificationReport'
  const digits = options.digits ?? 2
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new InvalidOptionError(`${api}: digits is ${digits}; expected an integer in [0, 20]`)
  }
  const t = toLabels(api, 'yTrue', yTrue)
  const p = toLabels(api, 'yPred', yPred)
  const present = sortedUnique(api, t, p)
  let labels: Label[]
  let labelsGiven = false
  if (options.labels !== undefined) {
    checkArrayLike(api, 'labels', options.labels)
    labels = toLabels(api, 'labels', options.labels)
    labelsGiven = true
  } else labels = present
  const microIsAccuracy =
    !labelsGiven ||
    (new Set(labels).size === present.length && present.every((l) => labels.includes(l)))
  if (options.targetNames !== undefined && options.targetNames.length !== labels.length) {
    throw new InvalidOptionError(
      `${api}: targetNames has ${options.targetNames.length} names but there are ${labels.length} labels; expected one name per label`,
    )
  }
  const names = options.targetNames ? [...options.targetNames] : labels.map((l) => String(l))
  const common = {
    labels,
    sampleWeight: options.sampleWeight,
    zeroDivision: options.zeroDivision ?? 'warn',
  }
  const per = prfCore(api, t, p, { ...common, average: null }) as PrfPerClass
  const supportTotal = per.support.reduce((a, b) => a + b, 0)
  const avg = (average: 'micro' | 'macro' | 'weighted'): ReportRow => {
    const r = prfCore(api, t, p, { ...common, average }) as PrfAveraged
    return { precision: r.precision, recall: r.recall, f1Score: r.fScore, support: supportTotal }
  }
  const micro = avg('micro')
  const macroAvg = avg('macro')
  const weightedAvg = avg('weighted')
  const classes: ReportClassRow[] = labels.map((label, i) => ({
    label,
    name: names[i]!,
    precision: per.precision[i]!,
    recall: per.recall[i]!,
    f1Score: per.fScore[i]!,
    support: per.support[i]!,
  }))

  const intSupport = options.sampleWeight === undefined
  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits)
  const col = (s: string) => ` ${padLeft(s, 9)}`
  const fmtRow = (name: string, r: ReportRow) =>
    `${padLeft(name, width)} ${col(pyFixed(r.precision, digits))}${col(pyFixed(r.recall, digits))}` +
    `${col(pyFixed(r.f1Score, digits))}${col(pyNumber(r.support, intSupport))}\n`
  let text = `${padLeft('', width)} ${['precision', 'recall', 'f1-score', 'support'].map(col).join('')}\n\n`
  for (const c of classes) text += fmtRow(c.name, c)
  text += '\n'
  if (microIsAccuracy) {
    text += `${padLeft('accuracy', width)} ${col('')}${col('')}${col(pyFixed(micro.f1Score, digits))}${col(pyNumber(micro.support, intSupport))}\n`
  } else text += fmtRow('micro avg', micro)
  text += fmtRow('macro avg', macroAvg)
  text += fmtRow('weighted avg', weightedAvg)

  const report: ClassificationReport = { classes, macroAvg, weightedAvg, text }
  if (microIsAccuracy) report.accuracy = micro.f1Score
  else report.microAvg = micro
  return report
}
