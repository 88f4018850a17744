/**
 * Template functions with Go signatures: Go's builtins (text/template funcs.go) and docker's set
 * (docker/cli templates/templates.go). Parameter types drive Go's argument checks, e.g.
 * "wrong type for value; expected []string; got string" or "expected integer; found \"2\"".
 */
import { sprint, sprintf, sprintln } from "../gofmt";
import { jsonMarshal } from "../gojson";
import { decodeRune, encodeRune } from "../utf8";
import { goSlice, isTrue, kindOf, numberOf, typeName } from "./values";

/**
 * "value" is Go's reflect.Value (anything, passed through unchecked); "any" is interface {}.
 */
export type ParamType = "any" | "value" | "string" | "int" | "bool" | "float64" | "[]string";

export interface GoFunc {
  params: ParamType[];
  /** Element type of a final ...parameter. */
  variadic?: ParamType;
  /** Returns the result; throws FuncError for Go's (value, error) results. */
  call: (...args: unknown[]) => unknown;
}

export class FuncError extends Error {}

export type FuncMap = Record<string, GoFunc>;

export const PARAM_TYPE_NAMES: Record<ParamType, string> = {
  any: "interface {}",
  value: "reflect.Value",
  string: "string",
  int: "int",
  bool: "bool",
  float64: "float64",
  "[]string": "[]string",
};

const fn = (params: ParamType[], call: GoFunc["call"], variadic?: ParamType): GoFunc => ({
  params,
  variadic,
  call,
});

/** Go's evalArgs for html/js/urlquery: one string as is, anything else through fmt.Sprint. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(...args);
}

type BasicKind = "bool" | "int" | "float" | "string" | "invalid";

function basicKind(v: unknown): BasicKind {
  const k = kindOf(v);
  return k === "bool" || k === "int" || k === "float" || k === "string" ? k : "invalid";
}

const ERR_BAD_COMPARISON_TYPE = "invalid type for comparison";
const ERR_BAD_COMPARISON = "incompatible types for comparison";
const ERR_NO_COMPARISON = "missing argument for comparison";

function scalar(v: unknown): number | string | boolean {
  return typeof v === "string" || typeof v === "boolean" ? v : numberOf(v);
}

function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new FuncError(ERR_NO_COMPARISON);
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) throw new FuncError(ERR_BAD_COMPARISON);
    } else if (k1 !== "invalid") {
      truth = scalar(arg1) === scalar(arg);
    } else {
      const nil1 = arg1 === null || arg1 === undefined;
      const nil2 = arg === null || arg === undefined;
      if (nil1 || nil2) truth = nil1 === nil2;
      else if (kindOf(arg1) === "slice" || kindOf(arg1) === "map" || kindOf(arg1) === "func") {
        throw new FuncError(`non-comparable type ${sprint(arg1)}: ${typeName(arg1)}`);
      } else truth = arg1 === arg;
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: unknown, arg2: unknown): boolean {
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === "invalid" || k2 === "invalid") throw new FuncError(ERR_BAD_COMPARISON_TYPE);
  if (k1 !== k2) throw new FuncError(ERR_BAD_COMPARISON);
  if (k1 === "bool") throw new FuncError(ERR_BAD_COMPARISON_TYPE);
  return scalar(arg1) < scalar(arg2);
}

function indexArg(index: unknown, cap: number): number {
  const k = kindOf(index);
  if (k === "invalid" || k === "nil") throw new FuncError("cannot index slice/array with nil");
  if (k !== "int") throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  const x = numberOf(index);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError("index of untyped nil");
  for (const idx of indexes) {
    if (item === null) throw new FuncError("index of nil pointer");
    const k = kindOf(item);
    if (k === "slice" || k === "string") {
      const seq = item as unknown[] | string;
      const x = indexArg(idx, seq.length);
      if (x === seq.length) throw new FuncError(`reflect: ${k} index out of range`);
      item = typeof seq === "string" ? seq.charCodeAt(x) : seq[x];
    } else if (k === "map") {
      if (typeof idx !== "string") {
        throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      }
      item = Object.hasOwn(item as object, idx) ? (item as Record<string, unknown>)[idx] : null;
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError("slice of untyped nil");
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  const k = kindOf(item);
  if (k === "string" && indexes.length === 3) throw new FuncError("cannot 3-index slice a string");
  if (k !== "string" && k !== "slice") throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const seq = item as string | unknown[];
  const idx = [0, seq.length, 0];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, seq.length);
  });
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2])
    throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return seq.slice(idx[0], idx[1]);
}

function length(item: unknown): number {
  if (item === null) throw new FuncError("len of nil pointer");
  if (item === undefined) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  switch (kindOf(item)) {
    case "string":
    case "slice":
      return (item as string | unknown[]).length;
    case "map":
      return Object.keys(item as object).length;
    default:
      throw new FuncError(`len of type ${typeName(item)}`);
  }
}

function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) =>
    c === "\0"
      ? "\xef\xbf\xbd"
      : ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;" }[c] ?? c),
  );
}

function jsEscape(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const [r, n] = decodeRune(s, i);
    const c = s[i];
    if (r < 0x80) {
      if (c === "\\") out += "\\\\";
      else if (c === "'") out += "\\'";
      else if (c === '"') out += '\\"';
      else if (c === "<") out += "\\u003C";
      else if (c === ">") out += "\\u003E";
      else if (c === "&") out += "\\u0026";
      else if (c === "=") out += "\\u003D";
      else if (r < 0x20) out += `\\u${r.toString(16).toUpperCase().padStart(4, "0")}`;
      else out += c;
    } else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(r))) {
      out += s.slice(i, i + n);
    } else out += `\\u${r.toString(16).toUpperCase().padStart(4, "0")}`;
    i += n;
  }
  return out;
}

function urlQueryEscape(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${(s.charCodeAt(i) & 0xff).toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Go's builtin template functions. */
export const BUILTINS: FuncMap = {
  and: fn(
    ["value"],
    (...args) => {
      for (const a of args) if (!isTrue(a)) return a;
      return args[args.length - 1];
    },
    "value",
  ),
  or: fn(
    ["value"],
    (...args) => {
      for (const a of args) if (isTrue(a)) return a;
      return args[args.length - 1];
    },
    "value",
  ),
  not: fn(["value"], (a) => !isTrue(a)),
  len: fn(["value"], length),
  index: fn(["value"], index, "value"),
  slice: fn(["value"], slice, "value"),
  eq: fn(["value"], eq, "value"),
  ne: fn(["value", "value"], (a, b) => !eq(a, b)),
  lt: fn(["value", "value"], lt),
  le: fn(["value", "value"], (a, b) => lt(a, b) || eq(a, b)),
  gt: fn(["value", "value"], (a, b) => !(lt(a, b) || eq(a, b))),
  ge: fn(["value", "value"], (a, b) => !lt(a, b)),
  html: fn([], (...a) => htmlEscape(evalArgs(a)), "any"),
  js: fn([], (...a) => jsEscape(evalArgs(a)), "any"),
  urlquery: fn([], (...a) => urlQueryEscape(evalArgs(a)), "any"),
  print: fn([], (...a) => sprint(...a), "any"),
  printf: fn(["string"], (f, ...a) => sprintf(f as string, ...a), "any"),
  println: fn([], (...a) => sprintln(...a), "any"),
};

/** Go's strings.Split. */
function split(s: string, sep: string): string[] {
  if (sep === "") {
    const out: string[] = [];
    for (let i = 0; i < s.length; ) {
      const [, n] = decodeRune(s, i);
      out.push(s.slice(i, i + n));
      i += n;
    }
    return out;
  }
  return s.split(sep);
}

function mapRunes(s: string, f: (ch: string) => string): string {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const [r, n] = decodeRune(s, i);
    if (r < 0x80) out += f(s[i]);
    else {
      const mapped = f(String.fromCodePoint(r));
      out += [...mapped].length === 1 ? encodeRune(mapped.codePointAt(0) ?? r) : s.slice(i, i + n);
    }
    i += n;
  }
  return out;
}

/** Go's deprecated strings.Title: upper-case the first letter of each space/punctuation-separated word. */
function title(s: string): string {
  let prev = 0x20;
  let out = "";
  for (let i = 0; i < s.length; ) {
    const [r, n] = decodeRune(s, i);
    const ch = s.slice(i, i + n);
    out += isSeparator(prev) ? mapRunes(ch, (c) => c.toUpperCase()) : ch;
    prev = r;
    i += n;
  }
  return out;
}

function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f)
      return false;
    return true;
  }
  const ch = String.fromCodePoint(r);
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return /^\s$/u.test(ch);
}

/** docker's template functions (docker/cli templates.basicFunctions). */
export const DOCKER_FUNCTIONS: FuncMap = {
  json: fn(["any"], (v) => {
    const r = jsonMarshal(v, { escapeHTML: false });
    return r.ok ? r.text : "";
  }),
  split: fn(["string", "string"], (s, sep) => goSlice("string", split(s as string, sep as string))),
  join: fn(["[]string", "string"], (elems, sep) => (elems as string[]).join(sep as string)),
  title: fn(["string"], (s) => title(s as string)),
  lower: fn(["string"], (s) => mapRunes(s as string, (c) => c.toLowerCase())),
  upper: fn(["string"], (s) => mapRunes(s as string, (c) => c.toUpperCase())),
  pad: fn(["string", "int", "int"], (s, prefix, suffix) => {
    if (s === "") return s;
    if ((prefix as number) < 0 || (suffix as number) < 0)
      throw new FuncError("strings: negative Repeat count");
    return " ".repeat(prefix as number) + s + " ".repeat(suffix as number);
  }),
  truncate: fn(["string", "int"], (s, length) => {
    const str = s as string;
    const n = length as number;
    if (str.length < n) return str;
    if (n < 0) throw new FuncError(`runtime error: slice bounds out of range [:${n}]`);
    return str.slice(0, n);
  }),
};

/** docker's HeaderFunctions: used when rendering a table header, so column names stay intact. */
export const DOCKER_HEADER_FUNCTIONS: FuncMap = {
  json: fn(["string"], (v) => v),
  split: fn(["string", "string"], (v) => v),
  join: fn(["string", "string"], (v) => v),
  title: fn(["string"], (v) => v),
  lower: fn(["string"], (v) => v),
  upper: fn(["string"], (v) => v),
  truncate: fn(["string", "int"], (v) => v),
};
