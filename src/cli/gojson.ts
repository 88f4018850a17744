/**
 * Go's encoding/json Marshal / MarshalIndent over the JS representation of Go values
 * (template/values.ts): maps get sorted keys, structs keep field order, strings are escaped as Go
 * does (optionally without HTML escaping, as docker's `json` template function and Encoder with
 * SetEscapeHTML(false) do). Strings are byte strings; invalid UTF-8 becomes \ufffd.
 */
import { formatFloat } from "./gofloat";
import { type GoStruct, isTypedNil, jsonFormOf, kindOf, numberOf, sortedKeys, structFields } from "./template/values";
import { decodeRune, RUNE_ERROR } from "./utf8";

export interface JSONOptions {
  /** Escape <, > and & as \u003c etc. (Go's default; docker's `json` function turns it off). */
  escapeHTML?: boolean;
  /** MarshalIndent's prefix and indent; no indentation when indent is undefined. */
  prefix?: string;
  indent?: string;
}

export type JSONResult = { ok: true; text: string } | { ok: false; error: string };

class UnsupportedError extends Error {}

const HEX = "0123456789abcdef";

export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const b = s.charCodeAt(i);
    if (b < 0x80) {
      const c = s[i];
      if (c === '"' || c === "\\") out += `\\${c}`;
      else if (escapeHTML && (c === "<" || c === ">" || c === "&"))
        out += `\\u00${HEX[b >> 4]}${HEX[b & 15]}`;
      else if (b >= 0x20) out += c;
      else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (c === "\t") out += "\\t";
      else if (c === "\b") out += "\\b";
      else if (c === "\f") out += "\\f";
      else out += `\\u00${HEX[b >> 4]}${HEX[b & 15]}`;
      i++;
      continue;
    }
    const [r, n] = decodeRune(s, i);
    if (r === RUNE_ERROR && n === 1 && b !== 0xfffd) out += "\\ufffd";
    else if (r === 0x2028 || r === 0x2029) out += `\\u202${HEX[r & 15]}`;
    else out += s.slice(i, i + n);
    i += n;
  }
  return `${out}"`;
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new UnsupportedError(`json: unsupported value: ${formatFloat(f, "g", -1)}`);
  const abs = Math.abs(f);
  const useExp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let s = formatFloat(f, useExp ? "e" : "f", -1);
  if (useExp) s = s.replace(/e([+-])0(\d)$/, "e$1$2");
  return s;
}

function encode(
  v: unknown,
  o: Required<Pick<JSONOptions, "escapeHTML">> & JSONOptions,
  depth: number,
): string {
  const nl = (d: number) => (o.indent === undefined ? "" : `\n${o.prefix ?? ""}${o.indent.repeat(d)}`);
  const colon = o.indent === undefined ? ":" : ": ";
  if (isTypedNil(v)) return "null";
  const form = jsonFormOf(v);
  if (form !== undefined) return encode(form, o, depth);
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return "null";
    case "bool":
      return v ? "true" : "false";
    case "int":
      return String(v);
    case "float":
      return jsonFloat(numberOf(v));
    case "string":
      return jsonString(v as string, o.escapeHTML);
    case "func":
      throw new UnsupportedError("json: unsupported type: func()");
    case "slice": {
      const items = v as unknown[];
      if (items.length === 0) return "[]";
      return `[${items.map((e) => nl(depth + 1) + encode(e, o, depth + 1)).join(",")}${nl(depth)}]`;
    }
    case "map":
    case "struct": {
      const pairs: [string, unknown][] =
        kindOf(v) === "map"
          ? sortedKeys(v as object).map((k) => [k, (v as Record<string, unknown>)[k]])
          : structFields(v as GoStruct);
      if (pairs.length === 0) return "{}";
      const body = pairs.map(
        ([k, e]) => nl(depth + 1) + jsonString(k, o.escapeHTML) + colon + encode(e, o, depth + 1),
      );
      return `{${body.join(",")}${nl(depth)}}`;
    }
  }
}

/** json.Marshal (or MarshalIndent when `indent` is given). */
export function jsonMarshal(v: unknown, options: JSONOptions = {}): JSONResult {
  try {
    return { ok: true, text: encode(v, { escapeHTML: true, ...options }, 0) };
  } catch (e) {
    if (e instanceof UnsupportedError) return { ok: false, error: e.message };
    throw e;
  }
}
