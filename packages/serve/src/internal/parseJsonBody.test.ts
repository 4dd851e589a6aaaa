// parseJsonBody against JSON.parse: the same values (numeric "data" arrays as Float64Array with
// the same doubles), the same SyntaxErrors, on hand-picked edge cases and seeded random numbers.
import { describe, expect, test } from 'vitest'
import { parseJsonBody } from './parseJsonBody.js'

/** Float64Arrays (the parser's data arrays) back to plain arrays, for comparison. */
function plain(v: unknown): unknown {
  if (v instanceof Float64Array) return Array.from(v)
  if (Array.isArray(v)) return v.map(plain)
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  return v
}

/** Every number bit for bit (Object.is tells -0 from 0), every other value equal. */
function sameValues(a: unknown, b: unknown): void {
  if (typeof a === 'number') expect(Object.is(a, b), `${a} vs ${b}`).toBe(true)
  else if (Array.isArray(a)) {
    expect(Array.isArray(b) && b.length === a.length).toBe(true)
    for (let i = 0; i < a.length; i++) sameValues(a[i], (b as unknown[])[i])
  } else if (a && typeof a === 'object') {
    expect(Object.keys(b as object)).toEqual(Object.keys(a))
    for (const k of Object.keys(a))
      sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  } else expect(b).toBe(a)
}

function same(text: string): unknown {
  const got = parseJsonBody(Buffer.from(text))
  sameValues(plain(got), JSON.parse(text))
  return got
}

describe('parseJsonBody', () => {
  test('infer requests: data arrays become Float64Array, everything else as JSON.parse', () => {
    const r = same(
      '{"id":"a","inputs":[{"name":"input","shape":[2,3],"datatype":"FP32","data":[1,2.5,-300,0,-0,0.0000001]}]}',
    ) as { inputs: { shape: unknown; data: unknown }[] }
    // The point of the parser: short numbers under "data" arrive as a Float64Array.
    expect(r.inputs[0]?.data).toBeInstanceOf(Float64Array)
    expect(Array.isArray(r.inputs[0]?.shape)).toBe(true)
    same('{"data":[1,2.5,-3e2,1e-7]}')
    same('{"inputs":[{"name":"x","data":[[1,2],[3,4]]}],"outputs":[{"name":"y"}]}')
    same('{"data":[1,"a",true,null,{"data":[5]}],"shape":[1,2]}')
    same('{"data":[true,false]}')
    same('{"data":[0.12345678901234567,1,"x"]}')
    same('{"data":[1,{"data":[2,3]},4,[5]]}')
    same('{"data":[1,0.12345678901234567,2e-30]}')
    same('{"data":["NaN","Infinity"]}')
    same('{"data":[]}')
    same('  {"a" : { "b" : [ ] , "c" : { } } , "data" : [ 1 , 2 ] }  ')
    same('{"s":"é ü 漢字 😀","t":"a\\"b\\\\c\\n\\u00e9\\ud83d\\ude00"}')
    same('[1,2,3]')
    same('"just a string"')
    same('null')
    same('{"data":[1e400,-1e400,5e-324,1.7976931348623157e308]}')
    same('{"a":1,"a":2}')
    same(`{"data":[${Array.from({ length: 3000 }, (_, i) => i / 7).join(',')}]}`)
  })

  test('seeded random numbers in every notation parse to the same doubles', () => {
    // Short decimals only: these all take the parser's own exact path.
    let t = 7
    const short: string[] = []
    for (let i = 0; i < 4000; i++) {
      t = (t * 1103515245 + 12345) >>> 0
      const digits = 1 + (t % 15)
      const point = t % digits
      const d = String(Math.floor((t / 2 ** 32) * 10 ** digits)).padStart(digits, '0')
      const txt =
        point === 0
          ? d.replace(/^0+(?=\d)/, '')
          : `${d.slice(0, point).replace(/^0+(?=\d)/, '') || '0'}.${d.slice(point)}`
      short.push(i % 2 ? `-${txt}` : txt)
    }
    expect(same(`{"data":[${short.join(',')}]}`)).toEqual({ data: expect.any(Float64Array) })
    let s = 12345
    const next = () => {
      s = (s * 1103515245 + 12345) >>> 0
      return s / 2 ** 32
    }
    const xs: string[] = []
    for (let i = 0; i < 4000; i++) {
      const mag = 10 ** Math.floor(next() * 60 - 30)
      const x = (next() - 0.5) * mag
      const k = i % 6
      xs.push(
        k === 0
          ? String(x)
          : k === 1
            ? x.toFixed(Math.floor(next() * 20))
            : k === 2
              ? x.toExponential(Math.floor(next() * 20))
              : k === 3
                ? x.toPrecision(1 + Math.floor(next() * 20))
                : k === 4
                  ? String(Math.round(x * 1e6))
                  : `${Math.floor(next() * 1000)}E${Math.floor(next() * 40) - 20}`,
      )
    }
    same(`{"data":[${xs.join(',')}]}`)
  })

  test('a UTF-8 byte order mark is skipped', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"data":[1]}')])
    expect(parseJsonBody(body)).toEqual({ data: Float64Array.of(1) })
  })

  test('"__proto__" stays an own property, as with JSON.parse', () => {
    const v = parseJsonBody(Buffer.from('{"__proto__":{"polluted":1},"data":[1]}')) as object
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype)
    expect(Object.keys(v)).toEqual(['__proto__', 'data'])
  })

  test('invalid JSON throws JSON.parse’s own SyntaxError', () => {
    const bad = [
      '',
      '{',
      '{"inputs": [',
      '{"data":[1,]}',
      '{"data":[01]}',
      '{"data":[1.]}',
      '{"data":[.5]}',
      '{"data":[-]}',
      '{"data":[+1]}',
      '{"data":[1e]}',
      '{"data":[NaN]}',
      '{"data":[Infinity]}',
      '{"a":1,}',
      '{a:1}',
      "{'a':1}",
      '{"a":"tab\there"}',
      '{"a":"\\x"}',
      '{"a":tru}',
      '{"a":1} x',
      '[1 2]',
      '{"a" 1}',
    ]
    for (const text of bad) {
      let want: unknown
      try {
        JSON.parse(text)
      } catch (e) {
        want = e
      }
      expect(want, text).toBeInstanceOf(SyntaxError)
      expect(() => parseJsonBody(Buffer.from(text)), text).toThrow((want as Error).message)
    }
  })

  test('very deep nesting falls back to JSON.parse instead of overflowing', () => {
    const text = `${'['.repeat(1000)}${']'.repeat(1000)}`
    expect(parseJsonBody(Buffer.from(text))).toEqual(JSON.parse(text))
  })
})
