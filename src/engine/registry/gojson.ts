/**
 * JSON written byte-for-byte like Go's encoding/json, because image IDs and manifest digests are
 * sha256 of exactly those bytes. Objects keep insertion order (Go struct field order; callers sort
 * keys themselves where Go marshals a map). Output is a UTF-8 byte string.
 */
import { utf8Encode } from "../../kernel/bytes";

export type GoJson = string | number | boolean | null | GoJson[] | { [key: string]: GoJson | undefined };

/** Go's encodeState.string: HTML-safe escaping (<, >, & as \u00XX) and U+2028/U+2029. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029)
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function encode(v: GoJson, indent: string, level: number): string {
  if (v === null) return "null";
  if (typeof v === "string") return quote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const nl = indent ? `\n${indent.repeat(level + 1)}` : "";
  const end = indent ? `\n${indent.repeat(level)}` : "";
  const sep = indent ? ": " : ":";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[${v.map((x) => nl + encode(x, indent, level + 1)).join(",")}${end}]`;
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return "{}";
  return `{${keys.map((k) => nl + quote(k) + sep + encode(v[k] as GoJson, indent, level + 1)).join(",")}${end}}`;
}

/** json.Marshal: compact. `undefined` members are left out (Go's omitempty). */
export function goMarshal(v: GoJson): string {
  return utf8Encode(encode(v, "", 0));
}

/** json.MarshalIndent(v, "", indent). */
export function goMarshalIndent(v: GoJson, indent: string): string {
  return utf8Encode(encode(v, indent, 0));
}

/** A Go map[string]T marshals with its keys sorted bytewise. */
export function sortedKeys<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort(compareBytes)) out[k] = obj[k];
  return out;
}

export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
