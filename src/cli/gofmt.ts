/**
 * Go's fmt.Sprintf / Sprint / Sprintln over the JS representation of Go values (template/values.ts):
 * verbs %v %+v %T %% %s %q %d %b %o %O %x %X %c %U %e %E %f %F %g %G %t, flags "+- #0", width,
 * precision, "*" and [n] argument indexes, and Go's error notation (%!d(string=x), %!d(MISSING),
 * %!(EXTRA ...), %!(NOVERB), %!(BADWIDTH), %!(BADPREC), %!d(BADINDEX)). %#v prints like %v.
 */
import { formatFloat } from "./gofloat";
import {
  GoNil,
  type GoStruct,
  kindOf,
  numberOf,
  sortedKeys,
  structFields,
  structTypeName,
  typeName,
} from "./template/values";
import { decodeRune, encodeRune, firstRunes, RUNE_ERROR, runeCount } from "./utf8";

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

const clearFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  wid: 0,
  widPresent: false,
  prec: 0,
  precPresent: false,
});

class Printer {
  buf = "";
  f: Flags = clearFlags();

  private writePadding(n: number): void {
    if (n > 0) this.buf += (this.f.zero ? "0" : " ").repeat(n);
  }

  /** Go's fmt.pad: honours width and the minus flag; width counts runes. */
  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  private truncate(s: string): string {
    return this.f.precPresent ? firstRunes(s, this.f.prec) : s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && canBackquote(s)) this.pad(`\`${s}\``);
    else this.pad(quoteWith(s, '"', this.f.plus));
  }

  fmtSx(s: string, upper: boolean): void {
    const digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    let length = s.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let out = "";
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) out += " ";
      if (this.f.sharp && (this.f.space || i === 0)) out += upper ? "0X" : "0x";
      const b = s.charCodeAt(i) & 0xff;
      out += digits[b >> 4] + digits[b & 15];
    }
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(out);
    this.f.zero = zero;
  }

  fmtInteger(value: number | bigint, base: number, verb: string): void {
    let u = BigInt(value);
    const negative = u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const zero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = zero;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = u.toString(base);
    if (verb === "X") s = s.toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    if (this.f.sharp) {
      if (base === 2) s = `0b${s}`;
      else if (base === 8 && s[0] !== "0") s = `0${s}`;
      else if (base === 16) s = (verb === "X" ? "0X" : "0x") + s;
    }
    if (verb === "O") s = `0o${s}`;
    if (negative) s = `-${s}`;
    else if (this.f.plus) s = `+${s}`;
    else if (this.f.space) s = ` ${s}`;
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = zero;
  }

  fmtFloat(v: number, verb: "e" | "E" | "f" | "F" | "g" | "G", prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== "-" && num[0] !== "+") num = `+${num}`;
    if (this.f.space && num[0] === "+" && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === "I" || num[1] === "N") {
      const zero = this.f.zero;
      this.f.zero = false;
      if (num[1] === "N" && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = zero;
      return;
    }
    if (this.f.sharp) num = sharpFloat(num, verb, prec);
    if (this.f.plus || num[0] !== "+") {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  badVerb(verb: string, arg: unknown, hasArg: boolean): void {
    this.buf += `%!${verb}(`;
    if (hasArg && arg !== null && arg !== undefined) {
      this.buf += `${typeName(arg)}=`;
      this.printArg(arg, "v");
    } else this.buf += "<nil>";
    this.buf += ")";
  }

  printArg(arg: unknown, verb: string): void {
    if (arg instanceof GoNil && verb !== "T") arg = null;
    if (arg === null || arg === undefined) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb, arg, false);
      return;
    }
    if (verb === "T") {
      this.fmtS(typeName(arg));
      return;
    }
    this.printValue(arg, verb, 0);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    switch (kindOf(v)) {
      case "invalid":
      case "nil":
        if (depth === 0) this.buf += "<invalid reflect.Value>";
        else if (verb === "v") this.buf += "<nil>";
        else this.badVerb(verb, v, false);
        return;
      case "bool":
        if (verb === "t" || verb === "v") this.pad(v ? "true" : "false");
        else this.badVerb(verb, v, true);
        return;
      case "int":
        this.printInt(v as number | bigint, verb);
        return;
      case "float":
        this.printFloat(v, verb);
        return;
      case "string":
        this.printString(v as string, verb);
        return;
      case "func":
        if (verb === "v" || verb === "p") this.pad("0x0");
        else this.badVerb(verb, v, true);
        return;
      case "slice": {
        this.buf += "[";
        (v as unknown[]).forEach((e, i) => {
          if (i > 0) this.buf += " ";
          this.printElem(e, verb, depth + 1);
        });
        this.buf += "]";
        return;
      }
      case "map": {
        this.buf += "map[";
        sortedKeys(v as object).forEach((k, i) => {
          if (i > 0) this.buf += " ";
          this.printValue(k, verb, depth + 1);
          this.buf += ":";
          this.printElem((v as Record<string, unknown>)[k], verb, depth + 1);
        });
        this.buf += "]";
        return;
      }
      case "struct": {
        const pointer = structTypeName(v as GoStruct).startsWith("*");
        if (pointer && depth > 0) {
          // Go prints the address of a nested pointer; a fixed one keeps the simulation deterministic.
          this.buf += "0xc000010000";
          return;
        }
        if (pointer) this.buf += "&";
        this.buf += "{";
        structFields(v as GoStruct).forEach(([name, field], i) => {
          if (i > 0) this.buf += " ";
          if (this.f.plusV || this.f.sharpV) this.buf += `${name}:`;
          this.printElem(field, verb, depth + 1);
        });
        this.buf += "}";
        return;
      }
    }
  }

  /** An element of an interface-typed container: nil prints as <nil> whatever the verb. */
  private printElem(v: unknown, verb: string, depth: number): void {
    if (v === null || v === undefined) this.buf += "<nil>";
    else this.printValue(v, verb, depth);
  }

  private printInt(v: number | bigint, verb: string): void {
    switch (verb) {
      case "v":
      case "d":
        this.fmtInteger(v, 10, verb);
        return;
      case "b":
        this.fmtInteger(v, 2, verb);
        return;
      case "o":
      case "O":
        this.fmtInteger(v, 8, verb);
        return;
      case "x":
      case "X":
        this.fmtInteger(v, 16, verb);
        return;
      case "c":
        this.pad(encodeRune(Number(v)));
        return;
      case "q":
        this.pad(quoteRune(Number(v), this.f.plus));
        return;
      case "U": {
        const hex = Number(v).toString(16).toUpperCase().padStart(4, "0");
        this.pad(`U+${hex}`);
        return;
      }
      default:
        this.badVerb(verb, v, true);
    }
  }

  private printFloat(value: unknown, verb: string): void {
    const v = numberOf(value);
    switch (verb) {
      case "v":
        this.fmtFloat(v, "g", -1);
        return;
      case "g":
      case "G":
        this.fmtFloat(v, verb, -1);
        return;
      case "e":
      case "E":
      case "f":
      case "F":
        this.fmtFloat(v, verb, 6);
        return;
      default:
        this.badVerb(verb, value, true);
    }
  }

  private printString(v: string, verb: string): void {
    switch (verb) {
      case "v":
        if (this.f.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case "s":
        this.fmtS(v);
        return;
      case "x":
      case "X":
        this.fmtSx(v, verb === "X");
        return;
      case "q":
        this.fmtQ(v);
        return;
      default:
        this.badVerb(verb, v, true);
    }
  }
}

/** Go's %#e / %#f / %#g: keep the decimal point (and for %g, the trailing zeros). */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = verb === "g" || verb === "G" ? (prec < 0 ? 6 : prec === 0 ? 1 : prec) : 0;
  const e = num.search(/[eEpP]/);
  const mant = e < 0 ? num : num.slice(0, e);
  const tail = e < 0 ? "" : num.slice(e);
  let sawPoint = false;
  let sawNonzero = false;
  for (let i = 1; i < mant.length; i++) {
    const c = mant[i];
    if (c === ".") sawPoint = true;
    else if (c >= "0" && c <= "9") {
      if (c !== "0") sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  let out = mant;
  if (!sawPoint) {
    if (mant.length === 2 && mant[1] === "0") digits--;
    out += ".";
  }
  if (verb === "g" || verb === "G") out += "0".repeat(Math.max(digits, 0));
  return out + tail;
}

function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(r));
}

function escapeRune(r: number, quote: string, asciiOnly: boolean): string {
  if (r === quote.charCodeAt(0) || r === 0x5c) return `\\${String.fromCharCode(r)}`;
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return encodeRune(r);
  switch (r) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 12:
      return "\\f";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 9:
      return "\\t";
    case 11:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return `\\x${r.toString(16).padStart(2, "0")}`;
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, "0")}`;
  return `\\U${r.toString(16).padStart(8, "0")}`;
}

/** Go's strconv.Quote (or QuoteToASCII) of a byte string. */
export function quoteWith(s: string, quote: string, asciiOnly = false): string {
  let out = quote;
  for (let i = 0; i < s.length; ) {
    const [r, n] = decodeRune(s, i);
    if (r === RUNE_ERROR && n === 1 && s.charCodeAt(i) !== 0xfffd) {
      out += `\\x${(s.charCodeAt(i) & 0xff).toString(16).padStart(2, "0")}`;
    } else out += escapeRune(r, quote, asciiOnly);
    i += n;
  }
  return out + quote;
}

export function quote(s: string): string {
  return quoteWith(s, '"');
}

function quoteRune(r: number, asciiOnly: boolean): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = RUNE_ERROR;
  return `'${escapeRune(r, "'", asciiOnly)}'`;
}

function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const [r, n] = decodeRune(s, i);
    if (n === 1 && r === RUNE_ERROR) return false;
    if (r === 0x60 || r === 0xfeff || (r < 0x20 && r !== 9) || r === 0x7f) return false;
    i += n;
  }
  return true;
}

function parseNum(s: string, i: number): [number, boolean, number] {
  let n = 0;
  let present = false;
  while (i < s.length && s[i] >= "0" && s[i] <= "9") {
    if (n > 1e6) return [0, false, s.length]; // overflow: Go gives up on the whole format
    n = n * 10 + (s.charCodeAt(i) - 48);
    present = true;
    i++;
  }
  return [n, present, i];
}

function intFromArg(a: unknown[], argNum: number): [number, boolean, number] {
  if (argNum >= a.length) return [0, false, argNum];
  const v = a[argNum];
  if (kindOf(v) !== "int") return [0, false, argNum + 1];
  const n = numberOf(v);
  if (n > 1e6 || n < -1e6) return [0, false, argNum + 1];
  return [n, true, argNum + 1];
}

/** Go's fmt.Sprintf. */
export function sprintf(format: string, ...a: unknown[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;

  const argNumber = (i: number): [number, number, boolean] => {
    if (i >= end || format[i] !== "[") return [argNum, i, false];
    reordered = true;
    for (let j = i + 1; j < end; j++) {
      if (format[j] === "]") {
        const [width, ok, newi] = parseNum(format, i + 1);
        if (!ok || newi !== j) {
          goodArgNum = false;
          return [argNum, j + 1, false];
        }
        const index = width - 1;
        if (index >= 0 && index < a.length) return [index, j + 1, true];
        goodArgNum = false;
        return [argNum, j + 1, true];
      }
    }
    goodArgNum = false;
    return [argNum, i + 1, false];
  };

  formatLoop: for (let i = 0; i < end; ) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== "%") i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = clearFlags();
    simple: for (; i < end; i++) {
      const c = format[i];
      switch (c) {
        case "#":
          p.f.sharp = true;
          break;
        case "0":
          p.f.zero = !p.f.minus;
          break;
        case "+":
          p.f.plus = true;
          break;
        case "-":
          p.f.minus = true;
          p.f.zero = false;
          break;
        case " ":
          p.f.space = true;
          break;
        default:
          if (c >= "a" && c <= "z" && argNum < a.length) {
            if (c === "v") {
              p.f.sharpV = p.f.sharp;
              p.f.sharp = false;
              p.f.plusV = p.f.plus;
              p.f.plus = false;
            }
            p.printArg(a[argNum], c);
            argNum++;
            i++;
            continue formatLoop;
          }
          break simple;
      }
    }

    [argNum, i, afterIndex] = argNumber(i);

    if (i < end && format[i] === "*") {
      i++;
      [p.f.wid, p.f.widPresent, argNum] = intFromArg(a, argNum);
      if (!p.f.widPresent) p.buf += "%!(BADWIDTH)";
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
      afterIndex = false;
    } else {
      [p.f.wid, p.f.widPresent, i] = parseNum(format, i);
      if (afterIndex && p.f.widPresent) goodArgNum = false;
    }

    if (i + 1 < end && format[i] === ".") {
      i++;
      if (afterIndex) goodArgNum = false;
      [argNum, i, afterIndex] = argNumber(i);
      if (i < end && format[i] === "*") {
        i++;
        [p.f.prec, p.f.precPresent, argNum] = intFromArg(a, argNum);
        if (p.f.prec < 0) {
          p.f.prec = 0;
          p.f.precPresent = false;
        }
        if (!p.f.precPresent) p.buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        [p.f.prec, p.f.precPresent, i] = parseNum(format, i);
        if (!p.f.precPresent) {
          p.f.prec = 0;
          p.f.precPresent = true;
        }
      }
    }

    if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);

    if (i >= end) {
      p.buf += "%!(NOVERB)";
      break;
    }
    const [r, size] = decodeRune(format, i);
    const verb = size === 1 ? format[i] : format.slice(i, i + size);
    i += size;
    if (r === 0x25) p.buf += "%";
    else if (!goodArgNum) p.buf += `%!${verb}(BADINDEX)`;
    else if (argNum >= a.length) p.buf += `%!${verb}(MISSING)`;
    else {
      if (verb === "v") {
        p.f.sharpV = p.f.sharp;
        p.f.sharp = false;
        p.f.plusV = p.f.plus;
        p.f.plus = false;
      }
      p.printArg(a[argNum], verb);
      argNum++;
    }
  }

  if (!reordered && argNum < a.length) {
    p.f = clearFlags();
    p.buf += "%!(EXTRA ";
    a.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.buf += ", ";
      if (arg === null || arg === undefined) p.buf += "<nil>";
      else {
        p.buf += `${typeName(arg)}=`;
        p.printArg(arg, "v");
      }
    });
    p.buf += ")";
  }
  return p.buf;
}

/** Go's fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(...a: unknown[]): string {
  const p = new Printer();
  let prevString = false;
  a.forEach((arg, n) => {
    const isString = typeof arg === "string";
    if (n > 0 && !isString && !prevString) p.buf += " ";
    p.printArg(arg, "v");
    prevString = isString;
  });
  return p.buf;
}

/** Go's fmt.Sprintln: spaces between all operands and a newline at the end. */
export function sprintln(...a: unknown[]): string {
  const p = new Printer();
  a.forEach((arg, n) => {
    if (n > 0) p.buf += " ";
    p.printArg(arg, "v");
  });
  return `${p.buf}\n`;
}
