// The JSON body parser for infer requests. JSON.parse of a 784-number request was a third of the
// server's per-request CPU time (a CPU profile at c=64): it decodes the body to a string, builds
// a JS array of numbers, and the decoder then copies that array into a typed array. This parser
// reads the bytes directly and turns every flat all-number array under a "data" key into a
// Float64Array (the decoder fills the model's datatype from it with the same checks as for a
// plain array). Everything else gets exactly JSON.parse's values. Numbers are converted exactly
// with Clinger's fast path (≤ 15 significant digits, |exponent| ≤ 22: one correctly rounded
// operation on exact doubles); a data array holding a longer number (e.g. float32 values printed
// with 17 digits) sends the body to JSON.parse, whose native parser is the faster exact one.
//
// Strictness: whatever this parser is not certain about (escapes it cannot decode simply, a
// "__proto__" key, deep nesting, any syntax error) makes it give up and run JSON.parse on the
// whole body, so what is accepted, what is refused and the error messages are JSON.parse's own.

/** Thrown internally to hand the body to JSON.parse. */
const GIVE_UP: unique symbol = Symbol('give up')

const MAX_DEPTH = 512
// Buffer's own slice decoders, without toString's argument handling (measurable per number).
const { latin1Slice, utf8Slice } = Buffer.prototype as unknown as Record<
  'latin1Slice' | 'utf8Slice',
  (this: Buffer, start: number, end: number) => string
>
// Powers of ten that are exact doubles (10^0 .. 10^22), for the exact fast path of numbers.
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

const LONG = -2
const OTHER = -1

/**
 * The hot loop: a flat list of numbers from just after its '[' into `scratch` (grown as needed).
 * end: the index after ']' when all were short numbers; LONG when a number needs more than the
 * exact fast path; OTHER when something else came (resume: where that element starts, n: how
 * many numbers came before it). Syntax errors make the whole body go to JSON.parse.
 */
function numberList(
  b: Buffer,
  start: number,
  scratch: Float64Array,
): { end: number; n: number; resume: number; scratch: Float64Array } {
  const len = b.length
  let i = start
  let n = 0
  let s = scratch
  for (;;) {
    let c = i < len ? (b[i] as number) : -1
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
      c = ++i < len ? (b[i] as number) : -1
    const elementStart = i
    let neg = false
    if (c === 0x2d) {
      neg = true
      c = ++i < len ? (b[i] as number) : -1
    }
    let m = 0
    let digits = 0
    if (c === 0x30) {
      c = ++i < len ? (b[i] as number) : -1
      if (c >= 0x30 && c <= 0x39) throw GIVE_UP
    } else if (c >= 0x31 && c <= 0x39) {
      do {
        m = m * 10 + (c - 0x30)
        digits++
        c = ++i < len ? (b[i] as number) : -1
      } while (c >= 0x30 && c <= 0x39)
    } else {
      if (neg) throw GIVE_UP
      return { end: OTHER, n, resume: elementStart, scratch: s }
    }
    let e10 = 0
    if (c === 0x2e) {
      c = ++i < len ? (b[i] as number) : -1
      if (!(c >= 0x30 && c <= 0x39)) throw GIVE_UP
      do {
        m = m * 10 + (c - 0x30)
        if (m !== 0) digits++
        e10--
        c = ++i < len ? (b[i] as number) : -1
      } while (c >= 0x30 && c <= 0x39)
    }
    if (c === 0x65 || c === 0x45) return { end: LONG, n, resume: 0, scratch: s }
    if (digits > 15 || e10 < -22) return { end: LONG, n, resume: 0, scratch: s }
    let x = e10 < 0 ? m / (POW10[-e10] as number) : m
    if (neg) x = -x
    if (n === s.length) {
      const grown = new Float64Array(s.length * 2)
      grown.set(s)
      s = grown
    }
    s[n++] = x
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
      c = ++i < len ? (b[i] as number) : -1
    if (c === 0x5d) return { end: i + 1, n, resume: 0, scratch: s }
    if (c !== 0x2c) throw GIVE_UP
    i++
  }
}

// Numbers of the data array being read. Parsing is synchronous, so one buffer serves every call
// (it grows to the largest array seen; each result is a copy of the used part).
let scratch: Float64Array = new Float64Array(1024)

class Parser {
  i = 0

  constructor(private readonly b: Buffer) {}

  ws(): void {
    const b = this.b
    let i = this.i
    for (;;) {
      const c = b[i]
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else break
    }
    this.i = i
  }

  value(depth: number, dataKey: boolean): unknown {
    this.ws()
    const c = this.b[this.i]
    if (c === 0x22) return this.string()
    if (c === 0x7b) return this.object(depth + 1)
    if (c === 0x5b) return this.array(depth + 1, dataKey)
    if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return this.number()
    if (c === 0x74) return this.literal('true', true)
    if (c === 0x66) return this.literal('false', false)
    if (c === 0x6e) return this.literal('null', null)
    throw GIVE_UP
  }

  private literal<T>(word: string, v: T): T {
    for (let k = 0; k < word.length; k++)
      if (this.b[this.i + k] !== word.charCodeAt(k)) throw GIVE_UP
    this.i += word.length
    return v
  }

  /** A JSON number outside data arrays (shapes, parameters): exact fast path, else Number(). */
  number(): number {
    const b = this.b
    const start = this.i
    let i = start
    let neg = false
    if (b[i] === 0x2d) {
      neg = true
      i++
    }
    let m = 0
    let digits = 0
    let c = b[i]
    if (c === 0x30) {
      i++
      c = b[i]
      if (c !== undefined && c >= 0x30 && c <= 0x39) throw GIVE_UP // leading zero
    } else if (c !== undefined && c >= 0x31 && c <= 0x39) {
      while (c !== undefined && c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30)
        digits++
        c = b[++i]
      }
    } else throw GIVE_UP
    let frac = 0
    if (c === 0x2e) {
      c = b[++i]
      if (c === undefined || c < 0x30 || c > 0x39) throw GIVE_UP
      while (c !== undefined && c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30)
        if (m !== 0) digits++
        frac++
        c = b[++i]
      }
    }
    let exp = 0
    if (c === 0x65 || c === 0x45) {
      c = b[++i]
      let eneg = false
      if (c === 0x2b || c === 0x2d) {
        eneg = c === 0x2d
        c = b[++i]
      }
      if (c === undefined || c < 0x30 || c > 0x39) throw GIVE_UP
      while (c !== undefined && c >= 0x30 && c <= 0x39) {
        if (exp < 100000) exp = exp * 10 + (c - 0x30)
        c = b[++i]
      }
      if (eneg) exp = -exp
    }
    this.i = i
    const e10 = exp - frac
    let x: number
    // m < 10^15 < 2^53 and 10^|e10| are exact doubles, so one multiplication or division is
    // one correct rounding of the exact value: the same double JSON.parse gives.
    if (digits <= 15 && e10 >= -22 && e10 <= 22) {
      x = e10 < 0 ? m / (POW10[-e10] as number) : m * (POW10[e10] as number)
      if (neg) x = -x
    } else {
      x = Number(latin1Slice.call(b, start, i))
    }
    return x
  }

  string(): string {
    const b = this.b
    const start = ++this.i
    let i = start
    for (;;) {
      const c = b[i]
      if (c === undefined || c < 0x20) throw GIVE_UP
      if (c === 0x22) break
      if (c === 0x5c) return this.escapedString(start - 1)
      i++
    }
    this.i = i + 1
    return utf8Slice.call(b, start, i)
  }

  /** A string with escapes: find its end, then let JSON.parse decode just that string. */
  private escapedString(quote: number): string {
    const b = this.b
    let i = quote + 1
    for (;;) {
      const c = b[i]
      if (c === undefined || c < 0x20) throw GIVE_UP
      if (c === 0x22) break
      i += c === 0x5c ? 2 : 1
    }
    this.i = i + 1
    try {
      return JSON.parse(utf8Slice.call(b, quote, i + 1)) as string
    } catch {
      throw GIVE_UP
    }
  }

  object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw GIVE_UP
    const b = this.b
    this.i++
    const o: Record<string, unknown> = {}
    this.ws()
    if (b[this.i] === 0x7d) {
      this.i++
      return o
    }
    for (;;) {
      this.ws()
      if (b[this.i] !== 0x22) throw GIVE_UP
      const key = this.string()
      // An own "__proto__" property is what JSON.parse makes; assignment would set the prototype.
      if (key === '__proto__') throw GIVE_UP
      this.ws()
      if (b[this.i] !== 0x3a) throw GIVE_UP
      this.i++
      o[key] = this.value(depth, key === 'data')
      this.ws()
      const c = b[this.i++]
      if (c === 0x7d) return o
      if (c !== 0x2c) throw GIVE_UP
    }
  }

  array(depth: number, dataKey: boolean): unknown[] | Float64Array {
    if (depth > MAX_DEPTH) throw GIVE_UP
    const b = this.b
    this.i++
    this.ws()
    if (b[this.i] === 0x5d) {
      this.i++
      return []
    }
    if (dataKey) {
      const r = numberList(b, this.i, scratch)
      scratch = r.scratch
      if (r.end >= 0) {
        this.i = r.end
        return r.scratch.slice(0, r.n)
      }
      // Long numbers (e.g. float32 values printed with 17 digits) need more than a double to
      // round exactly; JSON.parse's native parser is the fastest exact way for those bodies.
      if (r.end === LONG) throw GIVE_UP
      // Something other than a number after r.n numbers: go on as a plain array from there.
      this.i = r.resume
      return this.arrayRest(Array.from(r.scratch.subarray(0, r.n)), depth)
    }
    return this.arrayRest([], depth)
  }

  private arrayRest(out: unknown[], depth: number): unknown[] {
    const b = this.b
    for (;;) {
      out.push(this.value(depth, false))
      this.ws()
      const c = b[this.i++]
      if (c === 0x5d) return out
      if (c !== 0x2c) throw GIVE_UP
    }
  }
}

/**
 * Parses a JSON request body. Values are JSON.parse's, except that a flat array holding only
 * numbers under a "data" key comes back as a Float64Array. Errors are JSON.parse's SyntaxErrors.
 */
export function parseJsonBody(body: Buffer): unknown {
  // A UTF-8 byte order mark is skipped, as fastify's own JSON parser does.
  const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0
  const p = new Parser(bom ? body.subarray(bom) : body)
  try {
    const v = p.value(0, false)
    p.ws()
    if (p.i !== body.length - bom) throw GIVE_UP
    return v
  } catch (e) {
    if (e !== GIVE_UP && !(e instanceof RangeError)) throw e
    return JSON.parse(body.toString('utf8', bom))
  }
}
