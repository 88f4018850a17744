/** Go's strconv.Unquote / UnquoteChar for template string and character literals (byte strings out). */
import { decodeRune, encodeRune } from "../utf8";

export class SyntaxError_ extends Error {}

const SIMPLE: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/** One (possibly escaped) character at s[i]: [bytes, next index]; throws on bad syntax. */
function unquoteChar(s: string, i: number, q: string): [string, number] {
  const c = s[i];
  if (c === q && (q === "'" || q === '"')) throw new SyntaxError_();
  if (c !== "\\") {
    const [, n] = decodeRune(s, i);
    return [s.slice(i, i + n), i + n];
  }
  const e = s[i + 1];
  if (e === undefined) throw new SyntaxError_();
  if (e in SIMPLE) return [SIMPLE[e], i + 2];
  if (e === "'" || e === '"') {
    if (e !== q) throw new SyntaxError_();
    return [e, i + 2];
  }
  if (e === "x" || e === "u" || e === "U") {
    const n = e === "x" ? 2 : e === "u" ? 4 : 8;
    const hex = s.slice(i + 2, i + 2 + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw new SyntaxError_();
    const v = Number.parseInt(hex, 16);
    if (e === "x") return [String.fromCharCode(v), i + 2 + n];
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_();
    return [encodeRune(v), i + 2 + n];
  }
  if (e >= "0" && e <= "7") {
    const oct = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(oct)) throw new SyntaxError_();
    const v = Number.parseInt(oct, 8);
    if (v > 255) throw new SyntaxError_();
    return [String.fromCharCode(v), i + 4];
  }
  throw new SyntaxError_();
}

/** strconv.Unquote of a "..." or `...` literal; undefined on invalid syntax. */
export function unquote(lit: string): string | undefined {
  if (lit.length < 2 || lit[0] !== lit[lit.length - 1]) return undefined;
  const q = lit[0];
  const body = lit.slice(1, -1);
  if (q === "`") return body.includes("`") ? undefined : body.replaceAll("\r", "");
  if (q !== '"') return undefined;
  if (body.includes("\n")) return undefined;
  let out = "";
  try {
    for (let i = 0; i < body.length; ) {
      const [ch, next] = unquoteChar(body, i, q);
      out += ch;
      i = next;
    }
  } catch (e) {
    if (e instanceof SyntaxError_) return undefined;
    throw e;
  }
  return out;
}

/** The rune of a character constant 'x' (with its escapes); "malformed" when more follows; undefined on bad syntax. */
export function unquoteRune(lit: string): number | "malformed" | undefined {
  try {
    const [ch, next] = unquoteChar(lit, 1, "'");
    if (lit.slice(next) !== "'") return "malformed";
    return ch.length === 1 && lit[1] === "\\" && "x01234567".includes(lit[2])
      ? ch.charCodeAt(0)
      : decodeRune(ch, 0)[0];
  } catch (e) {
    if (e instanceof SyntaxError_) return undefined;
    throw e;
  }
}
