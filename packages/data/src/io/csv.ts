/**
 * CSV reading with RFC 4180 quoting, a header row, per-column type inference and configurable
 * missing values. Numeric columns become Float64Array (missing → NaN) or (number | null)[];
 * text columns (string | null)[].
 */
import { Matrix } from 'ml-matrix'
import { CsvParseError, InvalidDataError, InvalidOptionError } from '../errors.js'
import { readText, readTextSync } from '../internal/files.js'

export type CsvColumn = Float64Array | (number | null)[] | (string | null)[]
export type CsvColumnType = 'number' | 'string'

export interface CsvOptions {
  /** Field separator (one character). Default ','. */
  delimiter?: string
  /** Quote character. Default '"' (a doubled quote inside quotes is a literal quote). */
  quote?: string
  /** true (default): first row names the columns; false: columns are c0, c1, ...; or the names. */
  header?: boolean | readonly string[]
  /** Cells that mean "missing". Default: '', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', '#N/A'. */
  missingValues?: readonly string[]
  /** Missing numbers become NaN in a Float64Array (default 'nan') or null in a plain array. */
  missingAs?: 'nan' | 'null'
  /** Force column types by name; other columns are inferred (numeric if every value parses). */
  types?: Readonly<Record<string, CsvColumnType>>
  /** Lines starting with this character are skipped. */
  comment?: string
  /** Skip blank lines. Default true. */
  skipEmptyLines?: boolean
}

export const DEFAULT_MISSING = ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', '#N/A']

const INFINITIES: Record<string, number> = {
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
}

/** A decimal number (with exponent, or inf/Infinity), or undefined. Hex/octal/binary are text. */
function parseNumber(s: string): number | undefined {
  const t = s.trim()
  if (t.length === 0) return undefined
  const v = +t
  if (Number.isNaN(v)) return INFINITIES[t.toLowerCase()]
  // Unary plus also reads 0x10, 0b1 and 0o7; CSV numbers are decimal only.
  if (/[xXbBoO_]/.test(t)) return undefined
  return v
}

/** A parsed CSV: named, typed columns. */
export class CsvTable {
  readonly columns: string[]
  readonly types: Record<string, CsvColumnType>
  readonly data: Record<string, CsvColumn>
  readonly nRows: number

  constructor(
    columns: string[],
    types: Record<string, CsvColumnType>,
    data: Record<string, CsvColumn>,
    nRows: number,
  ) {
    this.columns = columns
    this.types = types
    this.data = data
    this.nRows = nRows
  }

  /** One column by name. */
  column(name: string): CsvColumn {
    const c = this.data[name]
    if (c === undefined) {
      throw new InvalidDataError(
        `CsvTable.column: no column '${name}'; columns are ${this.columns.join(', ')}`,
      )
    }
    return c
  }

  /** Numeric columns as an n × k Matrix (default: all columns; missing values are NaN). */
  toMatrix(columns: readonly string[] = this.columns): Matrix {
    const cols = columns.map((name) => {
      const c = this.column(name)
      if (this.types[name] !== 'number') {
        throw new InvalidDataError(
          `CsvTable.toMatrix: column '${name}' holds text; expected numeric columns (encode it first, e.g. with OneHotEncoder)`,
        )
      }
      return c as Float64Array | (number | null)[]
    })
    const m = new Matrix(this.nRows, cols.length)
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j]!
      for (let i = 0; i < this.nRows; i++) m.set(i, j, c[i] ?? Number.NaN)
    }
    return m
  }

  /** Rows as arrays of cells, in column order. */
  toRows(): (number | string | null)[][] {
    return Array.from({ length: this.nRows }, (_, i) => this.columns.map((c) => this.data[c]![i]!))
  }
}

/** Splits CSV text into records of raw fields, honoring quotes and CRLF. */
function tokenize(
  text: string,
  delim: string,
  quote: string,
  comment: string | undefined,
  skipEmpty: boolean,
  source: string,
): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = []
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let quotedField = false
  let line = 1
  let recordLine = 1
  let atRecordStart = true
  const n = text.length
  const delimCode = delim.charCodeAt(0)
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRecord = () => {
    fields.push(field)
    const blank = fields.length === 1 && fields[0] === '' && !quotedField
    if (!(blank && skipEmpty)) records.push({ fields, line: recordLine })
    fields = []
    field = ''
    quotedField = false
    atRecordStart = true
  }
  while (i < n) {
    const ch = text[i]!
    if (inQuotes) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote
          i += 2
          continue
        }
        inQuotes = false
        i++
        continue
      }
      const q = text.indexOf(quote, i)
      const end = q === -1 ? n : q
      for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) line++
      field += text.slice(i, end)
      i = end
      continue
    }
    if (atRecordStart) {
      recordLine = line
      atRecordStart = false
      if (comment !== undefined && ch === comment) {
        while (i < n && text[i] !== '\n') i++
        i++
        line++
        atRecordStart = true
        continue
      }
    }
    if (ch === quote && field === '') {
      inQuotes = true
      quotedField = true
      i++
    } else if (ch === delim) {
      fields.push(field)
      field = ''
      i++
    } else if (ch === '\r' || ch === '\n') {
      endRecord()
      if (ch === '\r' && text[i + 1] === '\n') i++
      i++
      line++
    } else {
      // Unquoted run: slice up to the next delimiter or line end instead of char-by-char appends.
      let j = i + 1
      while (j < n) {
        const c = text.charCodeAt(j)
        if (c === delimCode || c === 10 || c === 13) break
        j++
      }
      field += text.slice(i, j)
      i = j
    }
  }
  if (inQuotes) {
    throw new CsvParseError(
      `parseCsv: ${source} has an unterminated quoted field starting on line ${recordLine}`,
    )
  }
  if (!atRecordStart || field !== '' || fields.length > 0) endRecord()
  return records
}

/**
 * Parses CSV text into typed columns.
 *
 * @example
 * const t = parseCsv('a,b\n1,x\n,y\n')
 * t.data.a // Float64Array [1, NaN]
 * t.data.b // ['x', 'y']
 */
export function parseCsv(text: string, options: CsvOptions = {}, source = 'CSV text'): CsvTable {
  const api = 'parseCsv'
  const delim = options.delimiter ?? ','
  const quote = options.quote ?? '"'
  if (delim.length !== 1 || quote.length !== 1 || delim === quote) {
    throw new InvalidOptionError(
      `${api}: delimiter ${JSON.stringify(delim)} and quote ${JSON.stringify(quote)} must be single, different characters`,
    )
  }
  if (typeof text !== 'string') {
    throw new InvalidDataError(`${api}: expected the CSV as a string, got ${typeof text}`)
  }
  const missing = new Set(options.missingValues ?? DEFAULT_MISSING)
  const missingAs = options.missingAs ?? 'nan'
  const records = tokenize(
    text,
    delim,
    quote,
    options.comment,
    options.skipEmptyLines ?? true,
    source,
  )
  const header = options.header ?? true
  let names: string[]
  let body = records
  if (header === true) {
    if (records.length === 0)
      throw new CsvParseError(`${api}: ${source} is empty; expected a header row`)
    names = records[0]!.fields.map((f, j) => (f.trim() === '' ? `Unnamed: ${j}` : f.trim()))
    body = records.slice(1)
  } else if (header === false) {
    const width = records[0]?.fields.length ?? 0
    names = Array.from({ length: width }, (_, j) => `c${j}`)
  } else {
    names = [...header]
  }
  // Duplicate names get .1, .2, ... as pandas does, so every column stays addressable.
  const seen = new Map<string, number>()
  names = names.map((nm) => {
    const k = seen.get(nm) ?? 0
    seen.set(nm, k + 1)
    return k === 0 ? nm : `${nm}.${k}`
  })
  const width = names.length
  for (const r of body) {
    if (r.fields.length !== width) {
      throw new CsvParseError(
        `${api}: ${source} line ${r.line} has ${r.fields.length} fields; expected ${width} (${names.join(', ')})`,
      )
    }
  }
  for (const name of Object.keys(options.types ?? {})) {
    if (!names.includes(name)) {
      throw new InvalidOptionError(
        `${api}: types names column '${name}', which is not in ${source} (${names.join(', ')})`,
      )
    }
  }
  const types: Record<string, CsvColumnType> = {}
  const data: Record<string, CsvColumn> = {}
  const nRows = body.length
  for (let j = 0; j < width; j++) {
    const name = names[j]!
    const forced = options.types?.[name]
    // One pass parses numbers; the first non-number (unless forced numeric) makes it text.
    let nums: Float64Array | null = forced === 'string' ? null : new Float64Array(nRows)
    let hasMissing = false
    for (let i = 0; nums !== null && i < nRows; i++) {
      const cell = body[i]!.fields[j]!
      if (missing.has(cell)) {
        nums[i] = Number.NaN
        hasMissing = true
        continue
      }
      const v = parseNumber(cell)
      if (v !== undefined) nums[i] = v
      else if (forced === 'number') {
        throw new CsvParseError(
          `${api}: ${source} line ${body[i]!.line}, column '${name}': ${JSON.stringify(cell)} is not a number`,
        )
      } else nums = null
    }
    if (nums === null) {
      types[name] = 'string'
      data[name] = body.map((r) => {
        const cell = r.fields[j]!
        return missing.has(cell) ? null : cell
      })
      continue
    }
    types[name] = 'number'
    if (missingAs === 'null') {
      data[name] = Array.from(nums, (v, i) =>
        hasMissing && Number.isNaN(v) && missing.has(body[i]!.fields[j]!) ? null : v,
      )
    } else data[name] = nums
  }
  return new CsvTable(names, types, data, nRows)
}

/** Reads and parses a CSV file (UTF-8). */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  return parseCsv(await readText('readCsv', path), options, path)
}

/** Synchronous `readCsv`. */
export function readCsvSync(path: string, options: CsvOptions = {}): CsvTable {
  return parseCsv(readTextSync('readCsvSync', path), options, path)
}
