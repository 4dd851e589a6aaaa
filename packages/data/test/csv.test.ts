// CSV reader: quoting, types, missing values, errors, and the shared reference datasets.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  CsvParseError,
  DatasetNotFoundError,
  InvalidDataError,
  InvalidOptionError,
  parseCsv,
  readCsv,
  readCsvSync,
} from '../src/index.js'

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))

describe('parseCsv', () => {
  it('infers number and string columns and maps missing values', () => {
    const t = parseCsv('a,b,c\n1,x,2.5e3\n,y,NA\n-3,,inf\n')
    expect(t.columns).toEqual(['a', 'b', 'c'])
    expect(t.types).toEqual({ a: 'number', b: 'string', c: 'number' })
    expect(t.nRows).toBe(3)
    expect(Array.from(t.data.a as Float64Array)).toEqual([1, Number.NaN, -3])
    expect(t.data.b).toEqual(['x', 'y', null])
    expect(Array.from(t.data.c as Float64Array)).toEqual([
      2500,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ])
    const n = parseCsv('a\n1\nNA\n', { missingAs: 'null' })
    expect(n.data.a).toEqual([1, null])
  })
  it('handles quotes, escaped quotes, embedded delimiters and newlines, CRLF, BOM', () => {
    const text = '\uFEFFname,note\r\n"Smith, J","said ""hi""\nthen left"\r\n plain ,"42"\r\n'
    const t = parseCsv(text)
    expect(t.columns).toEqual(['name', 'note'])
    expect(t.data.name).toEqual(['Smith, J', ' plain '])
    expect(t.data.note).toEqual(['said "hi"\nthen left', '42'])
    expect(t.types.note).toBe('string')
  })
  it('supports other delimiters, no header, given names, forced types, comments', () => {
    const t = parseCsv('# comment\n1;2\n3;4\n', { delimiter: ';', header: false, comment: '#' })
    expect(t.columns).toEqual(['c0', 'c1'])
    expect(t.toMatrix().to2DArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
    const u = parseCsv('007,5\n', { header: ['id', 'v'], types: { id: 'string' } })
    expect(u.data.id).toEqual(['007'])
    expect(Array.from(u.data.v as Float64Array)).toEqual([5])
    expect(parseCsv('a,a,\n1,2,3\n').columns).toEqual(['a', 'a.1', 'Unnamed: 2'])
  })
  it('does not take hex or words for numbers', () => {
    expect(parseCsv('a\n0x10\n').types.a).toBe('string')
    expect(parseCsv('a\n1\nabc\n').types.a).toBe('string')
  })
  it('throws typed errors with line numbers', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(CsvParseError)
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(/line 3 has 1 fields; expected 2/)
    expect(() => parseCsv('a\n"open\n')).toThrow(/unterminated quoted field starting on line 2/)
    expect(() => parseCsv('')).toThrow(/empty; expected a header/)
    expect(() => parseCsv('a\nx\n', { types: { a: 'number' } })).toThrow(/"x" is not a number/)
    expect(() => parseCsv('a\n1\n', { types: { zz: 'number' } })).toThrow(InvalidOptionError)
    expect(() => parseCsv('a\n1\n', { delimiter: ';;' })).toThrow(InvalidOptionError)
    expect(() => parseCsv('a,b\n1,x\n').toMatrix()).toThrow(InvalidDataError)
    expect(() => parseCsv('a\n1\n').column('b')).toThrow(/no column 'b'/)
  })
  it('missing files give DatasetNotFoundError', async () => {
    await expect(readCsv('/nonexistent/x.csv')).rejects.toThrow(DatasetNotFoundError)
    expect(() => readCsvSync('/nonexistent/x.csv')).toThrow(/x.csv does not exist/)
  })
})

describe('shared reference datasets', () => {
  it.each(['iris', 'breast_cancer', 'diabetes'])('reads %s_train.csv', async (name) => {
    const path = fixture(`${name}_train.csv`)
    const t = await readCsv(path)
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    expect(t.columns).toEqual(lines[0]!.split(','))
    expect(t.nRows).toBe(lines.length - 1)
    expect(Object.values(t.types).every((v) => v === 'number')).toBe(true)
    const X = t.toMatrix(t.columns.slice(0, -1))
    // Spot-check values against a plain split of the text.
    const row5 = lines[6]!.split(',').map(Number)
    expect(X.getRow(5)).toEqual(row5.slice(0, -1))
    expect((t.column('target') as Float64Array)[5]).toBe(row5.at(-1))
    expect(readCsvSync(path).toRows()[5]).toEqual(row5)
  })
  it('iris has 112 training rows, 4 features and 3 classes', () => {
    const t = readCsvSync(fixture('iris_train.csv'))
    expect(t.nRows).toBe(112)
    expect(t.columns).toEqual([
      'sepal length (cm)',
      'sepal width (cm)',
      'petal length (cm)',
      'petal width (cm)',
      'target',
    ])
    expect(new Set(t.column('target') as Float64Array).size).toBe(3)
  })
})
