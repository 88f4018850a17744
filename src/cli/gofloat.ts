/**
 * Go's strconv.FormatFloat for float64 ('e', 'E', 'f', 'g', 'G'; precision -1 = shortest), with
 * Go's rounding: correct rounding of the exact binary value, exact halves to even.
 */

interface Digits {
  /** Decimal digits without leading or trailing zeros ("" for zero). */
  d: string;
  /** Position of the decimal point: value = 0.d × 10^dp. */
  dp: number;
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (biasedExp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trimZeros({ d: digits, dp });
}

function trimZeros(v: Digits): Digits {
  let end = v.d.length;
  while (end > 0 && v.d[end - 1] === "0") end--;
  return { d: v.d.slice(0, end), dp: end === 0 ? 0 : v.dp };
}

/** The shortest digits that read back as x (same as JS's own shortest conversion). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  const [mant, e] = x.toExponential().split("e");
  return trimZeros({ d: mant.replace(".", ""), dp: Number(e) + 1 });
}

/** Keep nd significant digits (nd may be ≤ 0), rounding half to even only on exact halves. */
function roundDigits(v: Digits, nd: number): Digits {
  if (nd < 0 || nd >= v.d.length) return nd < 0 ? { d: "", dp: 0 } : v;
  const next = v.d[nd];
  let up: boolean;
  if (next > "5") up = true;
  else if (next < "5") up = false;
  else if (nd + 1 < v.d.length)
    up = true; // more non-zero digits follow (digits are trimmed)
  else up = nd > 0 && Number(v.d[nd - 1]) % 2 === 1;
  if (!up) return trimZeros({ d: v.d.slice(0, nd), dp: v.dp });
  let i = nd - 1;
  while (i >= 0 && v.d[i] === "9") i--;
  if (i < 0) return { d: "1", dp: v.dp + 1 };
  return { d: v.d.slice(0, i) + String(Number(v.d[i]) + 1), dp: v.dp };
}

function fmtE(neg: boolean, v: Digits, prec: number, e: string): string {
  let s = neg ? "-" : "";
  s += v.d.length === 0 ? "0" : v.d[0];
  if (prec > 0) {
    s += ".";
    const frac = v.d.slice(1, 1 + prec);
    s += frac + "0".repeat(prec - frac.length);
  }
  let exp = v.d.length === 0 ? 0 : v.dp - 1;
  const sign = exp < 0 ? "-" : "+";
  if (exp < 0) exp = -exp;
  return `${s}${e}${sign}${exp < 10 ? "0" : ""}${exp}`;
}

function fmtF(neg: boolean, v: Digits, prec: number): string {
  let s = neg ? "-" : "";
  if (v.dp > 0) {
    const int = v.d.slice(0, v.dp);
    s += int + "0".repeat(v.dp - int.length);
  } else s += "0";
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) {
      const j = v.dp + i - 1;
      s += j >= 0 && j < v.d.length ? v.d[j] : "0";
    }
  }
  return s;
}

export function formatFloat(x: number, fmt: "e" | "E" | "f" | "F" | "g" | "G", prec: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let v: Digits;
  if (shortest) {
    v = shortestDigits(abs);
    if (fmt === "e" || fmt === "E") prec = Math.max(v.d.length - 1, 0);
    else if (fmt === "f" || fmt === "F") prec = Math.max(v.d.length - v.dp, 0);
    else prec = v.d.length;
  } else {
    const exact = exactDigits(abs);
    if (fmt === "e" || fmt === "E") v = roundDigits(exact, prec + 1);
    else if (fmt === "f" || fmt === "F") v = roundDigits(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      v = roundDigits(exact, prec);
    }
  }
  switch (fmt) {
    case "e":
    case "E":
      return fmtE(neg, v, prec, fmt);
    case "f":
    case "F":
      return fmtF(neg, v, prec);
    default: {
      let eprec = prec;
      if (eprec > v.d.length && v.d.length >= v.dp) eprec = v.d.length;
      if (shortest) eprec = 6;
      const exp = v.dp - 1;
      if (v.d.length !== 0 && (exp < -4 || exp >= eprec)) {
        if (prec > v.d.length) prec = v.d.length;
        return fmtE(neg, v, prec - 1, fmt === "g" ? "e" : "E");
      }
      if (prec > v.dp) prec = v.d.length;
      return fmtF(neg, v, Math.max(prec - v.dp, 0));
    }
  }
}
