/** seq [-w] [-s SEP] [FIRST [INC]] LAST: busybox seq (floating point, "%0*.*f"). */
import { gnuTool } from "../gnu/flavour";
import { extraOperand } from "../gnu/messages";
import { quoteAlways } from "../gnu/quote";
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { formatFloat } from "../lib/cformat";
import { getopt, OptError } from "../lib/getopt";
import { out } from "../lib/io";
import { strtod } from "../lib/numparse";
import { USAGE } from "./usage";

export const seq: ProgramDef = {
  name: "seq",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "w", withArg: "s", permute: false });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.seq, e.message);
      throw e;
    }
    const args = opts.operands;
    if (args.length < 1 || args.length > 3) return yield* usageError(sys, USAGE.seq, extraOperand(sys, args[3]));
    const nums: number[] = [];
    for (const a of args) {
      const d = strtod(a);
      if (d.end === 0 || d.end !== a.length) return yield* usageError(sys, USAGE.seq, gnuTool(sys) ? `invalid floating point argument: ${quoteAlways(a)}` : undefined);
      nums.push(d.value);
    }
    const last = nums[nums.length - 1];
    const first = args.length >= 2 ? nums[0] : 1;
    const inc = args.length === 3 ? nums[1] : 1;
    let frac = 0;
    let width = 0;
    for (const a of args) {
      const dot = a.indexOf(".");
      if (dot >= 0) frac = Math.max(frac, a.length - dot - 1);
      if (opts.flags.w) width = Math.max(width, a.length);
    }
    const sep = opts.args.s?.at(-1) ?? "\n";
    const spec = { flags: "0", width, precision: frac, conv: "f" };
    let text = "";
    let n = 0;
    for (let v = first; inc >= 0 ? v <= last : v >= last; v = first + ++n * inc) {
      text += (n ? sep : "") + formatFloat(spec, v);
      if (text.length >= 4096) {
        yield* out(sys, text);
        text = "";
        // An endless sequence (INC 0, LAST inf) must not starve the others.
        yield* sys.cpu(100);
      }
    }
    if (n) text += "\n";
    yield* out(sys, text);
    return 0;
  },
};
