/**
 * Go's strconv parsers with their error texts, e.g.
 * `strconv.ParseInt: parsing "x": invalid syntax`, `strconv.ParseUint: parsing "70000": value out of range`.
 */
import { quote } from "./gofmt";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const syntaxError = <T>(fn: string, s: string): Parsed<T> => ({
  ok: false,
  error: `strconv.${fn}: parsing ${quote(s)}: invalid syntax`,
});
const rangeError = <T>(fn: string, s: string): Parsed<T> => ({
  ok: false,
  error: `strconv.${fn}: parsing ${quote(s)}: value out of range`,
});

/** Go's underscoreOK: "_" only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1])) {
    i = 2;
    saw = "0";
    hex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= "0" && c <= "9") || (hex && /[a-fA-F]/.test(c))) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** Go's strconv.ParseUint(s, base 0, bitSize): prefixes 0x/0o/0b/0, underscores. */
export function parseGoUint(s: string, bitSize = 64, fn = "ParseUint"): Parsed<bigint> {
  if (s === "") return syntaxError(fn, s);
  let base = 10;
  let digits = s;
  if (s[0] === "0") {
    if (s.length >= 3 && (s[1] === "x" || s[1] === "X")) [base, digits] = [16, s.slice(2)];
    else if (s.length >= 3 && (s[1] === "o" || s[1] === "O")) [base, digits] = [8, s.slice(2)];
    else if (s.length >= 3 && (s[1] === "b" || s[1] === "B")) [base, digits] = [2, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
  }
  if (s.includes("_") && !underscoreOK(s)) return syntaxError(fn, s);
  digits = digits.replaceAll("_", "");
  let n = 0n;
  const max = (1n << BigInt(bitSize)) - 1n;
  let overflow = false;
  for (const c of digits) {
    const d = Number.parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return syntaxError(fn, s);
    n = n * BigInt(base) + BigInt(d);
    if (n > max) overflow = true;
  }
  if (overflow) return rangeError(fn, s);
  return { ok: true, value: n };
}

/** Go's strconv.ParseInt(s, base 0, bitSize). */
export function parseGoInt(s: string, bitSize = 64): Parsed<bigint> {
  if (s === "") return syntaxError("ParseInt", s);
  const neg = s[0] === "-";
  const body = s[0] === "+" || s[0] === "-" ? s.slice(1) : s;
  const u = parseGoUint(body, 64, "ParseInt");
  if (!u.ok) return { ok: false, error: u.error.replace(quote(body), quote(s)) };
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && u.value >= cutoff) return rangeError("ParseInt", s);
  if (neg && u.value > cutoff) return rangeError("ParseInt", s);
  return { ok: true, value: neg ? -u.value : u.value };
}

/** Go's strconv.Atoi: like ParseInt(s, 10, 0), reported as Atoi. */
export function goAtoi(s: string): Parsed<number> {
  if (!/^[+-]?[0-9]+$/.test(s)) return syntaxError("Atoi", s);
  const r = parseGoInt(s, 64);
  if (!r.ok) return rangeError("Atoi", s);
  return { ok: true, value: Number(r.value) };
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): Parsed<boolean> {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return { ok: true, value: true };
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return { ok: true, value: false };
  return syntaxError("ParseBool", s);
}

/** Go's strconv.ParseFloat(s, 64), including hex floats, inf/nan and underscores. */
export function parseGoFloat(s: string): Parsed<number> {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return { ok: true, value: special[1] === "-" ? -Infinity : Infinity };
  if (/^nan$/i.test(s)) return { ok: true, value: Number.NaN };
  if (s.includes("_") && !underscoreOK(s)) return syntaxError("ParseFloat", s);
  const t = s.replaceAll("_", "");
  let value: number;
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t);
  if (hex) {
    const [, sign, int, frac = ""] = hex;
    if (int === "" && frac === "") return syntaxError("ParseFloat", s);
    const mant = Number.parseInt(int + frac || "0", 16);
    value = mant * 2 ** (Number(hex[4]) - 4 * frac.length) * (sign === "-" ? -1 : 1);
  } else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) {
    value = Number(t);
  } else return syntaxError("ParseFloat", s);
  if (!Number.isFinite(value)) return rangeError("ParseFloat", s);
  return { ok: true, value };
}
