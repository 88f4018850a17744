/** awk values: numbers, strings, and "strnums" (input text that compares as a number when it looks like one). */
import { formatFloat, formatInteger, formatString } from "../../lib/cformat";
import { strtod } from "../../lib/numparse";

/** Text from input (fields, getline, split, -v, ARGV): numeric if it looks like a number. */
export class StrNum {
  private num?: boolean;
  constructor(
    readonly s: string,
    /** An uninitialized value: "" and 0 at once. */
    readonly uninit = false,
    /** busybox reads input numbers as C does (0x1A, 017 octal) and any text its strtod takes in full. */
    readonly busybox = false,
  ) {}
  get looksNumeric(): boolean {
    this.num ??= this.uninit || (this.busybox ? busyboxNumber(this.s).whole : LOOKS_NUMERIC.test(this.s));
    return this.num;
  }
  get value(): number {
    return this.busybox ? busyboxNumber(this.s).value : strToNum(this.s);
  }
}

/** busybox's my_strtod: a leading 0 makes hex or octal integers (unless a fraction follows), else strtod. */
function busyboxNumber(s: string): { value: number; whole: boolean } {
  const lead = /^[ \t\n\r\f\v]*/.exec(s)![0].length;
  const t = s.slice(lead);
  let value: number;
  let end: number;
  const hex = /^0[xX][0-9a-fA-F]+/.exec(t);
  const octal = /^0[0-7]+/.exec(t);
  if (hex) {
    value = Number.parseInt(hex[0].slice(2), 16);
    end = hex[0].length;
  } else if (octal && !/^[\d.]/.test(t.slice(octal[0].length))) {
    value = Number.parseInt(octal[0], 8);
    end = octal[0].length;
  } else {
    const r = strtod(t);
    value = r.value;
    end = r.end;
  }
  return { value, whole: end > 0 && /^[ \t]*$/.test(t.slice(end)) };
}
export type Val = number | string | StrNum;
export const UNINIT = new StrNum("", true);

const LOOKS_NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n\r\f\v]*$/;

/** Text to number as strtod reads it (hex, inf and nan included). */
export function strToNum(s: string): number {
  return strtod(s).value;
}

export function toNum(v: Val): number {
  if (typeof v === "number") return v;
  return typeof v === "string" ? strToNum(v) : v.value;
}

export function toBool(v: Val): boolean {
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v !== "";
  if (v.uninit) return false;
  return v.looksNumeric ? v.value !== 0 : v.s !== "";
}

/** A number as text: integers in full, others through CONVFMT (or OFMT for print). */
/** mawk prints integral values as integers up to C int's maximum. */
export const MAWK_INT_MAX = 2147483647;

export function numToStr(n: number, fmt: string, intMax = 2 ** 63): string {
  // mawk prints integral values as integers within C int's range, busybox within long long's.
  if (Number.isInteger(n) && Math.abs(n) <= intMax) return String(n === 0 ? 0 : n);
  // mawk's NaNs come from x86 arithmetic (0/0, x%0), whose NaN has the sign bit: glibc prints "-nan".
  // busybox stops on those, so its NaNs come from input text ("nan").
  if (Number.isNaN(n)) return intMax === MAWK_INT_MAX ? "-nan" : "nan";
  if (!Number.isFinite(n)) return n < 0 ? "-inf" : "inf";
  return sprintf(fmt, [n]);
}

export function toStr(v: Val, fmt = "%.6g", intMax?: number): string {
  if (typeof v === "number") return numToStr(v, fmt, intMax);
  return typeof v === "string" ? v : v.s;
}

/** awk's comparison: numeric when both sides are numbers or numeric-looking input, else by string. */
export function compare(a: Val, b: Val, fmt: string, intMax?: number): number {
  const an = typeof a === "number" || (a instanceof StrNum && a.looksNumeric);
  const bn = typeof b === "number" || (b instanceof StrNum && b.looksNumeric);
  if (an && bn) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  }
  const x = toStr(a, fmt, intMax);
  const y = toStr(b, fmt, intMax);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** sprintf with awk's conversions; missing arguments count as "" / 0. */
/** mawk's printf with fewer arguments than conversions: what was formatted before the first missing one. */
export class MissingArgument extends Error {
  constructor(readonly partial: string) {
    super("not enough arguments");
  }
}

/** `strict` (mawk): a conversion without an argument throws MissingArgument; otherwise it gets "" / 0. */
export function sprintf(format: string, args: Val[], fmt = "%.6g", intMax?: number, strict = false): string {
  let out = "";
  let ai = 0;
  const next = (): Val => {
    if (ai < args.length) return args[ai++];
    if (strict) throw new MissingArgument(out);
    return UNINIT;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGcs%])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const conv = m[4];
    if (conv === "%") {
      out += "%";
      continue;
    }
    let flags = m[1];
    let width = m[2] === undefined ? undefined : m[2] === "*" ? Math.trunc(toNum(next())) : Number(m[2]);
    if (width !== undefined && width < 0) {
      flags += "-";
      width = -width;
    }
    let precision = m[3] === undefined ? undefined : m[3] === "*" ? Math.trunc(toNum(next())) : Number(m[3] || "0");
    if (precision !== undefined && precision < 0) precision = undefined;
    const spec = { flags, width, precision, conv };
    const v = next();
    if ("diouxX".includes(conv)) {
      const n = toNum(v);
      const big = Number.isFinite(n) ? BigInt(Math.trunc(n)) : n > 0 ? (1n << 63n) - 1n : -(1n << 63n);
      out += formatInteger({ ...spec, conv: conv === "i" ? "d" : conv }, big);
    } else if ("eEfFgG".includes(conv)) out += formatFloat(spec, toNum(v));
    else if (conv === "c") {
      const ch = typeof v === "number" ? String.fromCharCode(Math.trunc(v) & 255) : toStr(v, fmt, intMax).slice(0, 1);
      out += formatString({ ...spec, precision: undefined }, ch);
    } else out += formatString(spec, toStr(v, fmt, intMax));
  }
  return out;
}
