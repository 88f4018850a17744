/** tr [-cds] STRING1 [STRING2]: busybox tr (ranges, [:classes:], [=c=], backslash escapes). */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { decodeEscape } from "../lib/escapes";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { gnuTool } from "../gnu/flavour";
import { trUsageError } from "../gnu/text-checks";
import { USAGE } from "./usage";

const range = (from: number, to: number): number[] => {
  const r: number[] = [];
  for (let i = from; i <= to; i++) r.push(i);
  return r;
};

const CLASSES: Record<string, () => number[]> = {
  alnum: () => [...range(48, 57), ...range(65, 90), ...range(97, 122)],
  alpha: () => [...range(65, 90), ...range(97, 122)],
  blank: () => [9, 32],
  cntrl: () => [...range(0, 31), 127],
  digit: () => range(48, 57),
  graph: () => range(33, 126),
  lower: () => range(97, 122),
  print: () => range(32, 126),
  punct: () => range(33, 126).filter((c) => !/[0-9A-Za-z]/.test(String.fromCharCode(c))),
  space: () => [9, 10, 11, 12, 13, 32],
  upper: () => range(65, 90),
  xdigit: () => [...range(48, 57), ...range(65, 70), ...range(97, 102)],
};

/** Expands a tr string into its list of bytes, as busybox's expand() reads it. */
export function expandSet(arg: string): number[] {
  const set: number[] = [];
  let i = 0;
  const escapeAt = (j: number): [number, number] => decodeEscape(arg, j);
  while (i < arg.length) {
    if (arg[i] === "\\") {
      const [byte, next] = escapeAt(i + 1);
      set.push(byte);
      i = next;
      continue;
    }
    if (arg[i + 1] === "-") {
      if (i + 2 >= arg.length) {
        // "x-" at the end: both are literal.
        set.push(arg.charCodeAt(i++));
        continue;
      }
      const from = arg.charCodeAt(i);
      let to = arg.charCodeAt(i + 2);
      i += 3;
      if (to === 92) {
        [to, i] = escapeAt(i);
      }
      set.push(...range(from, to));
      continue;
    }
    if (arg[i] === "[") {
      if (arg[i + 1] === ":") {
        const close = arg.indexOf(":]", i + 2);
        const cls = close >= 0 ? CLASSES[arg.slice(i + 2, close)] : undefined;
        if (cls) {
          set.push(...cls());
          i = close + 2;
          continue;
        }
      }
      if (arg[i + 1] === "=" && arg[i + 3] === "=" && arg[i + 4] === "]") {
        set.push(arg.charCodeAt(i + 2));
        i += 5;
        continue;
      }
    }
    set.push(arg.charCodeAt(i++));
  }
  return set;
}

export const tr: ProgramDef = {
  name: "tr",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "cdsCt" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.tr, e.message);
      throw e;
    }
    const [s1, s2] = opts.operands;
    const problem = gnuTool(sys) ? trUsageError(opts.operands, !!opts.flags.d, !!opts.flags.s) : undefined;
    if (problem) return yield* usageError(sys, USAGE.tr, problem);
    if (s1 === undefined) return yield* usageError(sys, USAGE.tr);
    const del = !!opts.flags.d;
    const squeeze = !!opts.flags.s;
    let set1 = expandSet(s1);
    if (opts.flags.c || opts.flags.C) {
      const inSet = new Set(set1);
      set1 = range(0, 255).filter((c) => !inSet.has(c));
    }
    const map = range(0, 255);
    const deleteSet = new Set<number>();
    let squeezeSet = new Set<number>();
    if (del) {
      for (const c of set1) deleteSet.add(c);
      if (s2 !== undefined) squeezeSet = new Set(expandSet(s2));
    } else if (s2 !== undefined) {
      const set2 = expandSet(s2);
      if (set2.length === 0) {
        yield* warn(sys, "STRING2 cannot be empty");
        return 1;
      }
      // STRING2 is padded with its last byte to the length of STRING1.
      for (let k = 0; k < set1.length && set2.length > 0; k++)
        map[set1[k]] = set2[Math.min(k, set2.length - 1)];
      squeezeSet = new Set(set2);
    } else squeezeSet = new Set(set1);
    let last = -1;
    for (;;) {
      let chunk: string;
      try {
        chunk = yield* sys.read(0);
      } catch (e) {
        asErrno(e);
        break;
      }
      if (chunk === "") break;
      let text = "";
      for (let k = 0; k < chunk.length; k++) {
        const c = chunk.charCodeAt(k);
        if (deleteSet.has(c)) continue;
        const m = map[c];
        if (squeeze && m === last && squeezeSet.has(m)) continue;
        text += String.fromCharCode(m);
        last = m;
      }
      yield* out(sys, text);
    }
    return 0;
  },
};
