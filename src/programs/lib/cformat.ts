/**
 * C printf conversions (glibc behaviour) for printf(1), seq -f and friends: flags "-+ #0", width,
 * precision; integers are 64-bit (bigint), floats are rounded exactly (round-half-even on the
 * double's true decimal value, as glibc does).
 */

export interface ConvSpec {
  flags: string;
  width?: number;
  precision?: number;
  conv: string;
}

function pad(spec: ConvSpec, sign: string, body: string, zeroOk: boolean): string {
  const width = spec.width ?? 0;
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (spec.flags.includes("-")) return sign + body + " ".repeat(width - len);
  if (zeroOk && spec.flags.includes("0")) return sign + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + sign + body;
}

const U64 = (1n << 64n) - 1n;

/** %d %i %o %u %x %X of a 64-bit value (negative values wrap for the unsigned conversions). */
export function formatInteger(spec: ConvSpec, value: bigint): string {
  const conv = spec.conv;
  let sign = "";
  let digits: string;
  if (conv === "d" || conv === "i") {
    if (value < 0n) sign = "-";
    else if (spec.flags.includes("+")) sign = "+";
    else if (spec.flags.includes(" ")) sign = " ";
    digits = (value < 0n ? -value : value).toString();
  } else {
    const u = value & U64;
    const radix = conv === "o" ? 8 : conv === "u" ? 10 : 16;
    digits = u.toString(radix);
    if (conv === "X") digits = digits.toUpperCase();
    if (spec.flags.includes("#")) {
      if (conv === "o" && !digits.startsWith("0")) digits = `0${digits}`;
      else if ((conv === "x" || conv === "X") && u !== 0n) sign = conv === "x" ? "0x" : "0X";
    }
  }
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && value === 0n && !(conv === "o" && spec.flags.includes("#"))) digits = "";
    if (digits.length < spec.precision) digits = "0".repeat(spec.precision - digits.length) + digits;
  }
  return pad(spec, sign, digits, spec.precision === undefined);
}

/** The exact decimal expansion of a finite non-negative double: digits and the decimal point position. */
function exactDecimal(x: number): { digits: string; point: number } {
  if (x === 0) return { digits: "0", point: 1 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  // x = mant * 2^exp
  if (exp >= 0) {
    const s = (mant << BigInt(exp)).toString();
    return { digits: s, point: s.length };
  }
  // mant / 2^-exp = mant * 5^-exp / 10^-exp
  const s = (mant * 5n ** BigInt(-exp)).toString();
  return { digits: s, point: s.length + exp };
}

/** Rounds an exact decimal to `keep` digits (half-even); returns the digits and the new point. */
function roundDigits(digits: string, point: number, keep: number): { digits: string; point: number } {
  if (keep < 0) return { digits: "", point };
  if (digits.length <= keep) return { digits: digits.padEnd(keep, "0"), point };
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const first = rest.charCodeAt(0) - 48;
  let up = first > 5 || (first === 5 && /[1-9]/.test(rest.slice(1)));
  if (first === 5 && !up && !/[1-9]/.test(rest.slice(1))) {
    const last = keep > 0 ? head.charCodeAt(keep - 1) - 48 : 0;
    up = last % 2 === 1;
  }
  if (!up) return { digits: head, point };
  const bumped = (BigInt(head || "0") + 1n).toString();
  if (bumped.length > keep && keep > 0) return { digits: bumped.slice(0, keep), point: point + 1 };
  if (keep === 0) return { digits: bumped, point: point + 1 };
  return { digits: bumped.padStart(keep, "0"), point };
}

function fixed(x: number, prec: number): string {
  const { digits, point } = exactDecimal(x);
  const r = roundDigits(digits, point, point + prec);
  let intPart: string;
  let frac: string;
  if (r.point <= 0) {
    intPart = "0";
    frac = ("0".repeat(-r.point) + r.digits).slice(0, prec).padEnd(prec, "0");
  } else {
    intPart = r.digits
      .slice(0, r.point)
      .padEnd(r.point, "0")
      .replace(/^0+(?=\d)/, "");
    frac = r.digits.slice(r.point).padEnd(prec, "0");
  }
  return prec > 0 ? `${intPart}.${frac}` : intPart;
}

function expo(x: number, prec: number, upper: boolean): { text: string; exp: number } {
  let mant: string;
  let e: number;
  if (x === 0) {
    mant = "0".repeat(prec + 1);
    e = 0;
  } else {
    const d = exactDecimal(x);
    const lead = d.digits.search(/[1-9]/);
    const digits = d.digits.slice(lead);
    const point = d.point - lead;
    const r = roundDigits(digits, point, prec + 1);
    mant = r.digits.slice(0, prec + 1);
    e = r.point - 1;
  }
  const body = prec > 0 ? `${mant[0]}.${mant.slice(1)}` : mant[0];
  const es = `${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return { text: `${body}${upper ? "E" : "e"}${es}`, exp: e };
}

/** %f %e %E %g %G of a double. `negativeNaN` marks a NaN that carries a sign (strtod("-nan")). */
export function formatFloat(spec: ConvSpec, value: number, negativeNaN = false): string {
  const conv = spec.conv;
  const upper = conv === "E" || conv === "G" || conv === "F";
  const alt = spec.flags.includes("#");
  let sign = "";
  if (value < 0 || Object.is(value, -0) || (Number.isNaN(value) && negativeNaN)) sign = "-";
  else if (spec.flags.includes("+")) sign = "+";
  else if (spec.flags.includes(" ")) sign = " ";
  const x = Math.abs(value);
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? "nan" : "inf";
    return pad(spec, sign, upper ? word.toUpperCase() : word, false);
  }
  let prec = spec.precision ?? 6;
  let body: string;
  if (conv === "f" || conv === "F") {
    body = fixed(x, prec);
    if (alt && prec === 0) body += ".";
  } else if (conv === "e" || conv === "E") {
    body = expo(x, prec, upper).text;
    if (alt && prec === 0) body = body.replace(/^(\d)/, "$1.");
  } else {
    if (prec === 0) prec = 1;
    const e = x === 0 ? 0 : expo(x, prec - 1, upper).exp;
    if (e < -4 || e >= prec) {
      body = expo(x, prec - 1, upper).text;
      if (!alt) body = body.replace(/\.?0+(?=[eE])/, "");
      else if (!body.includes(".")) body = body.replace(/^(\d)/, "$1.");
    } else {
      body = fixed(x, prec - 1 - e);
      if (!alt) {
        if (body.includes(".")) body = body.replace(/\.?0+$/, "");
      } else if (!body.includes(".")) body += ".";
    }
  }
  return pad(spec, sign, body, true);
}

/** %s with width and precision. */
export function formatString(spec: ConvSpec, s: string): string {
  const body = spec.precision !== undefined ? s.slice(0, spec.precision) : s;
  return pad(spec, "", body, false);
}
