/** cut -b|-c|-f LIST [-d SEP] [-s] [-O SEP] [FILE]...: busybox cut (-c counts bytes, as busybox does). */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput } from "../lib/inputs";
import { asErrno, LineReader, out, warn } from "../lib/io";
import { flagOrder } from "../fileutils/common";
import { gnuTool } from "../gnu/flavour";
import { cutUsageError } from "../gnu/text-checks";
import { USAGE } from "./usage";

/** Zero-based inclusive ranges; end Infinity means "to the end of the line". */
type Range = [number, number];

class ListError extends Error {}

function parseList(list: string): Range[] {
  const ranges: Range[] = [];
  const positive = (t: string) => {
    if (!/^\d+$/.test(t)) throw new ListError(`invalid number '${t}'`);
    return Number(t);
  };
  for (const tok of list.split(",")) {
    if (tok === "") continue;
    const dash = tok.indexOf("-");
    const startText = dash < 0 ? tok : tok.slice(0, dash);
    let s = startText === "" ? 0 : positive(startText);
    if (s !== 0) s--;
    let e: number;
    if (dash < 0) e = s;
    else if (tok.slice(dash + 1) === "") e = Infinity;
    else {
      e = positive(tok.slice(dash + 1));
      if (e === 0) e = Infinity;
      else {
        if (e < s) throw new ListError(`${e}<${s}`);
        e--;
      }
    }
    ranges.push([s, e]);
  }
  if (ranges.length === 0) throw new ListError("missing list of positions");
  return ranges.sort((a, b) => a[0] - b[0]);
}

function cutBytes(line: string, ranges: Range[]): string {
  const printed = new Set<number>();
  let result = "";
  for (const [s, e] of ranges) {
    // The first position of a range is taken even when the range ends before it ("3-2").
    for (let i = s; i < line.length; ) {
      if (!printed.has(i)) {
        printed.add(i);
        result += line[i];
      }
      if (++i > e) break;
    }
  }
  return result;
}

/**
 * Field cutting, step for step as busybox 1.35 scans a line (its quirks included: a range that
 * starts past the last field still prints an output delimiter, e.g. "x:y" -f1,3 gives "x:").
 * Returns null when the line is suppressed (-s and no delimiter).
 */
function cutFields(
  line: string,
  ranges: Range[],
  delim: string,
  outDelim: string,
  suppress: boolean,
): string | null {
  const len = line.length;
  let cl = 0;
  let next = 0;
  let start = 0;
  let end = 0;
  let dcount = 0;
  let first = true;
  let result = "";
  for (;;) {
    if (end === len || dcount > ranges[cl][1]) {
      if (++cl >= ranges.length) break;
      end = 0;
    }
    if (next === len) {
      end = len;
      if (cl === 0 && dcount === 0) {
        // No delimiter at all: the whole line (or nothing, with -s).
        return suppress ? null : line;
      } else if (dcount < ranges[cl][0]) start = len;
    } else {
      end = next++;
      if (line[end] !== delim) continue;
      if (dcount++ < ranges[cl][0]) {
        start = next;
        continue;
      }
    }
    result += (first ? "" : outDelim) + line.slice(start, end);
    first = false;
    start = next;
  }
  return result;
}

export const cut: ProgramDef = {
  name: "cut",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "nsD", withArg: "bcfdO" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.cut, e.message);
      throw e;
    }
    if (gnuTool(sys)) {
      const problem = cutUsageError(flagOrder(sys.argv, { withArg: "bcfdO" }), opts);
      if (problem) return yield* usageError(sys, USAGE.cut, problem);
    }
    const kinds = ["b", "c", "f"].filter((k) => opts.args[k]);
    if (kinds.length > 1) return yield* usageError(sys, USAGE.cut);
    if (kinds.length === 0) {
      yield* warn(sys, "expected a list of bytes, characters, or fields");
      return 1;
    }
    const kind = kinds[0];
    const fieldMode = kind === "f";
    if (opts.args.d && !fieldMode) {
      yield* warn(sys, "a delimiter may be specified only when operating on fields");
      return 1;
    }
    if (opts.flags.s && !fieldMode) {
      yield* warn(sys, "suppressing non-delimited lines makes sense only when operating on fields");
      return 1;
    }
    let ranges: Range[];
    try {
      ranges = parseList(opts.args[kind].at(-1)!);
    } catch (e) {
      if (!(e instanceof ListError)) throw e;
      yield* warn(sys, e.message);
      return 1;
    }
    const delim = (opts.args.d?.at(-1) ?? "\t")[0] ?? "\0";
    const outDelim = opts.args.O?.at(-1) ?? delim;
    let status = 0;
    for (const name of opts.operands.length ? opts.operands : ["-"]) {
      let fd: number;
      try {
        fd = openInput(sys, name);
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
        continue;
      }
      const reader = new LineReader(sys, fd);
      let text = "";
      try {
        for (;;) {
          let line = yield* reader.next();
          if (line === null) break;
          if (line.endsWith("\n")) line = line.slice(0, -1);
          if (!fieldMode) text += `${cutBytes(line, ranges)}\n`;
          else {
            const fields = cutFields(line, ranges, delim, outDelim, !!opts.flags.s);
            if (fields !== null) text += `${fields}\n`;
          }
          if (text.length >= 4096) {
            yield* out(sys, text);
            text = "";
          }
        }
      } catch (e) {
        asErrno(e);
      }
      yield* out(sys, text);
      closeInput(sys, fd);
    }
    return status;
  },
};
