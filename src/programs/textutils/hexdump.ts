/** hexdump [-bcCdoxv] [-n LEN] [-s OFS] [FILE]...: busybox's predefined formats (no -e/-f). */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { parseWithSuffix } from "../lib/numparse";
import { charUnit, foldLines, readInputs, type UnitFormat, unitLines, unsignedAt } from "./dumpfmt";
import { USAGE } from "./usage";

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
/** The unit of each format letter (every unit of a format has one width). */
const hexUnit = (render: (v: number) => string, size = 2): UnitFormat => ({
  size,
  render: (bytes, i) => render(Number(unsignedAt(bytes, i, size))),
});
const UNIT_FORMATS: Record<string, UnitFormat> = {
  b: hexUnit((v) => `${v.toString(8).padStart(3, "0")} `, 1),
  c: hexUnit((v) => `${charUnit(v).padStart(3)} `, 1),
  d: hexUnit((v) => `  ${String(v).padStart(5, "0")} `),
  o: hexUnit((v) => ` ${v.toString(8).padStart(6, "0")} `),
  x: hexUnit((v) => `   ${hex(v, 4)} `),
  default: hexUnit((v) => `${hex(v, 4)} `),
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
      // The last unit's trailing blank is not printed.
      text = foldLines(data, 16, skip, verbose, (off, bytes) =>
        unitLines(bytes, formats, () => `${hex(off, 7)} `, 16)
          .map((l) => `${l.slice(0, -1)}\n`)
          .join(""),
      );
      text += `${hex(skip + data.length, 7)}\n`;
    }
    yield* out(sys, text);
    return status;
  },
};
