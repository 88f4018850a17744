/** Shared pieces of hexdump and od: reading with skip/length limits and folding repeated lines. */
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
