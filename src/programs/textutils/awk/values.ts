/** awk values: numbers, strings, and "strnums" (input text that compares as a number when it looks like one). */
import { formatFloat, formatInteger, formatString } from "../../lib/cformat";

/** Text from input (fields, getline, split, -v, ARGV): numeric if it looks like a number. */
export class StrNum {
  private num?: boolean;
  constructor(
    readonly s: string,
    /** An uninitialized value: "" and 0 at once. */
    readonly uninit = false,
  ) {}
  get looksNumeric(): boolean {
    this.num ??= this.uninit || LOOKS_NUMERIC.test(this.s);
    return this.num;
  }
}
export type Val = number | string | StrNum;
export const UNINIT = new StrNum("", true);

const LOOKS_NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n\r\f\v]*$/;
const NUM_PREFIX = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/;

export function strToNum(s: string): number {
  const m = NUM_PREFIX.exec(s);
  return m ? Number(m[0].trim()) : 0;
}

export function toNum(v: Val): number {
  if (typeof v === "number") return v;
  return strToNum(typeof v === "string" ? v : v.s);
}

export function toBool(v: Val): boolean {
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v !== "";
  if (v.uninit) return false;
  return v.looksNumeric ? strToNum(v.s) !== 0 : v.s !== "";
}

/** A number as text: integers in full, others through CONVFMT (or OFMT for print). */
export function numToStr(n: number, fmt: string, intMax = 2 ** 63): string {
  // mawk prints integral values as integers within C int's range, busybox within long long's.
  if (Number.isInteger(n) && Math.abs(n) <= intMax) return String(n === 0 ? 0 : n);
  if (Number.isNaN(n)) return "-nan";
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
