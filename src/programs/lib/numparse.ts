/** Number parsing with busybox's strictness (bb_strtoll, xatoul_sfx and friends). */

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

export interface StrtoResult {
  value: bigint;
  /** Index just past the digits consumed. */
  end: number;
  overflow: boolean;
}

/** C strtoll/strtoull core: optional space, sign, base prefix (base 0 or 16), digits. */
export function strtoInt(s: string, base: number, unsigned: boolean): StrtoResult {
  let i = 0;
  while (i < s.length && " \t\n\v\f\r".includes(s[i])) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") neg = s[i++] === "-";
  // "0x" counts as a prefix only when a hex digit follows (else the number is just "0").
  const hexDigitAfterPrefix = /^[0-9a-fA-F]$/.test(s[i + 2] ?? "");
  if (
    (base === 0 || base === 16) &&
    s[i] === "0" &&
    (s[i + 1] === "x" || s[i + 1] === "X") &&
    hexDigitAfterPrefix
  ) {
    i += 2;
    base = 16;
  }
  if (base === 0) base = s[i] === "0" ? 8 : 10;
  const start = i;
  let v = 0n;
  const b = BigInt(base);
  while (i < s.length) {
    const d = DIGITS.indexOf(s[i].toLowerCase());
    if (d < 0 || d >= base) break;
    v = v * b + BigInt(d);
    i++;
  }
  if (i === start) return { value: 0n, end: 0, overflow: false };
  const max = unsigned ? (1n << 64n) - 1n : neg ? 1n << 63n : (1n << 63n) - 1n;
  const overflow = v > max;
  if (overflow) v = max;
  if (neg) v = unsigned ? ((1n << 64n) - v) & ((1n << 64n) - 1n) : -v;
  return { value: v, end: i, overflow };
}

const isAlnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);

/** bb_strtoll: null unless the whole string is a number ("-" then a digit allowed, no space, no "+"). */
export function bbStrtoll(s: string, base = 10): bigint | null {
  const first = s[0] !== "-" ? s[0] : s[1];
  if (!isAlnum(first)) return null;
  const r = strtoInt(s, base, false);
  if (r.end === 0 || r.end !== s.length || r.overflow) return null;
  return r.value;
}

/** bb_strtoull: like bbStrtoll but no sign at all. */
export function bbStrtoull(s: string, base = 10): bigint | null {
  if (!isAlnum(s[0])) return null;
  const r = strtoInt(s, base, true);
  if (r.end === 0 || r.end !== s.length || r.overflow) return null;
  return r.value;
}

/**
 * xatoul with a suffix table (e.g. {b: 512, k: 1024, m: 1048576}): a decimal number, optionally
 * followed by one suffix. Null when invalid (busybox then says "invalid number 'S'").
 */
export function parseWithSuffix(s: string, suffixes: Record<string, number> = {}, base = 10): number | null {
  if (s === "" || s[0] === "-" || s[0] === "+" || /\s/.test(s[0])) return null;
  let mult = 1;
  let body = s;
  for (const [sfx, m] of Object.entries(suffixes)) {
    if (sfx && s.length > sfx.length && s.endsWith(sfx)) {
      mult = m;
      body = s.slice(0, -sfx.length);
      break;
    }
  }
  const r = strtoInt(body, base, true);
  if (r.end === 0 || r.end !== body.length || r.overflow) return null;
  const v = Number(r.value) * mult;
  return Number.isSafeInteger(v) ? v : null;
}

/** C strtod on a prefix: returns the value and how many chars were used (0: none). */
export function strtod(s: string): { value: number; end: number; negativeNaN: boolean; erange: boolean } {
  const m =
    /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))/i.exec(
      s,
    );
  if (!m) return { value: 0, end: 0, negativeNaN: false, erange: false };
  const neg = m[1] === "-";
  let v: number;
  if (m[2]) v = parseHexFloat(m[2]);
  else if (m[3]) v = Number(m[3]);
  else v = m[4].toLowerCase().startsWith("inf") ? Infinity : NaN;
  // "1e" or "1e+" : the exponent part is not consumed.
  let text = m[0];
  if (m[3] && /[eE][+-]?$/.test(m[3])) text = text.replace(/[eE][+-]?$/, "");
  // ERANGE: a finite number that overflowed, or a nonzero one that underflowed (denormal or zero).
  const finiteText = !m[4];
  const nonzeroText = /[1-9a-fA-F]/.test((m[2] ?? m[3] ?? "").replace(/^0[xX]/, "").replace(/[eEpP].*$/, ""));
  const erange =
    finiteText && (!Number.isFinite(v) || (nonzeroText && Math.abs(v) < 2.2250738585072014e-308));
  return { value: neg ? -v : v, end: text.length, negativeNaN: neg && Number.isNaN(v), erange };
}

function parseHexFloat(t: string): number {
  const m = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/.exec(t);
  if (!m) return NaN;
  const digits = m[1] + m[2];
  let v = 0;
  for (const c of digits) v = v * 16 + Number.parseInt(c, 16);
  return v * 2 ** (Number(m[3] ?? 0) - 4 * m[2].length);
}
