/**
 * Shared pieces of hexdump and od: reading the inputs as one stream, rendering a line of bytes in
 * one or more unit formats, and folding repeated lines.
 */
import type { Gen, Sys } from "../../kernel/api";
import { readToEnd } from "../lib/inputs";

/** Concatenated content of the inputs (busybox reads them as one stream). */
export function* readInputs(
  sys: Sys,
  names: string[],
  report: (name: string, msg: string) => Gen<void>,
): Gen<{ data: string; ok: boolean }> {
  let data = "";
  let ok = true;
  for (const name of names.length ? names : ["-"]) {
    try {
      const fd = name === "-" ? 0 : sys.open(name, { read: true });
      try {
        data += yield* readToEnd(sys, fd);
      } finally {
        if (fd !== 0) sys.close(fd);
      }
    } catch (e) {
      if (!(e instanceof Error) || !("errno" in e)) throw e;
      yield* report(name, e.message);
      ok = false;
    }
  }
  return { data, ok };
}

/**
 * Lays out `data` in lines of `perLine` bytes: `line(offset, bytes)` renders one; identical
 * consecutive full lines after the first are replaced by a single "*" unless `verbose`.
 */
export function foldLines(
  data: string,
  perLine: number,
  start: number,
  verbose: boolean,
  line: (offset: number, bytes: string) => string,
): string {
  let out = "";
  let prev: string | null = null;
  let starred = false;
  for (let i = 0; i < data.length; i += perLine) {
    const chunk = data.slice(i, i + perLine);
    if (!verbose && chunk.length === perLine && chunk === prev) {
      if (!starred) out += "*\n";
      starred = true;
      continue;
    }
    starred = false;
    prev = chunk;
    out += line(start + i, chunk);
  }
  return out;
}

/** One column kind of a dump: how many bytes a unit takes, and its text (every unit one width). */
export interface UnitFormat {
  size: number;
  render: (bytes: string, i: number) => string;
}

/** The `size` bytes at `i` as a little-endian unsigned number (bytes past the end count as 0). */
export function unsignedAt(bytes: string, i: number, size: number): bigint {
  let v = 0n;
  for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes.charCodeAt(i + k) || 0);
  return v;
}

const CHAR_ESCAPES: Record<number, string> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

/** A byte as od -c and hexdump -c show it: its C escape, itself when printable, else 3 octal digits. */
export function charUnit(code: number): string {
  return (
    CHAR_ESCAPES[code] ??
    (code >= 32 && code < 127 ? String.fromCharCode(code) : code.toString(8).padStart(3, "0"))
  );
}

/**
 * The dump of one line of bytes: a text line per format, begun by `lead(n)` for the nth format.
 * With `padTo`, units past the data up to that many bytes are blanks of the unit's width.
 */
export function unitLines(
  bytes: string,
  formats: UnitFormat[],
  lead: (n: number) => string,
  padTo = 0,
): string[] {
  return formats.map((f, n) => {
    let line = lead(n);
    const end = Math.max(bytes.length, padTo);
    for (let i = 0; i < end; i += f.size)
      line += i < bytes.length ? f.render(bytes, i) : " ".repeat(f.render("\0".repeat(f.size), 0).length);
    return line;
  });
}
