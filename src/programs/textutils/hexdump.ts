/** hexdump [-bcCdoxv] [-n LEN] [-s OFS] [FILE]...: busybox's predefined formats (no -e/-f). */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { parseWithSuffix } from "../lib/numparse";
import { foldLines, readInputs } from "./dumpfmt";
import { USAGE } from "./usage";

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
const CHAR_NAMES: Record<number, string> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

/** One unit per format letter: bytes per unit, and its text (every unit of a format has one width). */
const UNIT_FORMATS: Record<string, { size: number; render: (v: number) => string }> = {
  b: { size: 1, render: (v) => `${v.toString(8).padStart(3, "0")} ` },
  c: {
    size: 1,
    render: (v) =>
      `${(CHAR_NAMES[v] ?? (v >= 32 && v < 127 ? String.fromCharCode(v) : v.toString(8).padStart(3, "0"))).padStart(3)} `,
  },
  d: { size: 2, render: (v) => `  ${String(v).padStart(5, "0")} ` },
  o: { size: 2, render: (v) => ` ${v.toString(8).padStart(6, "0")} ` },
  x: { size: 2, render: (v) => `   ${hex(v, 4)} ` },
  default: { size: 2, render: (v) => `${hex(v, 4)} ` },
};

export const hexdump: ProgramDef = {
  name: "hexdump",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "bcCdoxv", withArg: "nsef" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.hexdump, e.message);
      throw e;
    }
    if (opts.args.e || opts.args.f) {
      yield* warn(sys, "-e and -f formats are not supported in this sandbox");
      return 1;
    }
    const sfx = { b: 512, k: 1024, m: 1024 * 1024 };
    const len = opts.args.n ? parseWithSuffix(opts.args.n.at(-1)!, sfx) : Infinity;
    const skip = opts.args.s ? parseWithSuffix(opts.args.s.at(-1)!, sfx) : 0;
    if (len === null || skip === null) {
      yield* warn(sys, `invalid number '${(len === null ? opts.args.n : opts.args.s)!.at(-1)}'`);
      return 1;
    }
    if (skip > 0 && opts.operands.length === 0) {
      // busybox seeks; a pipe cannot.
      yield* warn(sys, "stdin: Illegal seek");
      return 1;
    }
    let status = 0;
    const { data: all, ok } = yield* readInputs(sys, opts.operands, function* (name, msg) {
      yield* warn(sys, `${name}: ${msg}`);
    });
    if (!ok) status = 1;
    const data = all.slice(skip, skip + len);
    if (data.length === 0) return status;
    const verbose = !!opts.flags.v;
    let text: string;
    if (opts.flags.C) {
      text = foldLines(data, 16, skip, verbose, (off, bytes) => {
        let hexPart = "";
        for (let i = 0; i < 16; i++) {
          hexPart += i < bytes.length ? `${hex(bytes.charCodeAt(i), 2)} ` : "   ";
          if (i === 7) hexPart += " ";
        }
        const ascii = bytes.replace(/[^\x20-\x7e]/g, ".");
        return `${hex(off, 8)}  ${hexPart} |${ascii}|\n`;
      });
      text += `${hex(skip + data.length, 8)}\n`;
    } else {
      const letters = ["b", "c", "d", "o", "x"].filter((l) => opts.flags[l]);
      const formats = (letters.length ? letters : ["default"]).map((l) => UNIT_FORMATS[l]);
      text = foldLines(data, 16, skip, verbose, (off, bytes) => {
        let lines = "";
        for (const f of formats) {
          let line = `${hex(off, 7)} `;
          for (let i = 0; i < 16; i += f.size) {
            if (i >= bytes.length) {
              line += " ".repeat(f.render(0).length);
              continue;
            }
            const v =
              f.size === 2
                ? bytes.charCodeAt(i) | ((bytes.charCodeAt(i + 1) || 0) << 8)
                : bytes.charCodeAt(i);
            line += f.render(v);
          }
          // The last unit's trailing blank is not printed.
          lines += `${line.slice(0, -1)}\n`;
        }
        return lines;
      });
      text += `${hex(skip + data.length, 7)}\n`;
    }
    yield* out(sys, text);
    return status;
  },
};
