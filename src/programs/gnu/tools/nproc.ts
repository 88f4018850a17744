/** GNU nproc (coreutils 9.1): [--all] [--ignore=N], no operands. */
import type { ProgramDef } from "../../../kernel/api";
import { out, warn } from "../../lib/io";
import { quoteAlways } from "../quote";
import { gnuOptions, usageFailure } from "./options";

export const gnuNproc: ProgramDef = {
  name: "nproc",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, { long: { all: { short: "all" }, ignore: { short: "ignore", arg: true } } });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length > 0) return yield* usageFailure(sys, `extra operand ${quoteAlways(parsed.operands[0])}`);
    let n = sys.sysinfo().cpus;
    const ignore = parsed.args.ignore?.at(-1);
    if (ignore !== undefined) {
      if (!/^\s*\+?\d+$/.test(ignore)) {
        yield* warn(sys, `invalid number: ${quoteAlways(ignore)}`);
        return 1;
      }
      n = Math.max(1, n - Number(ignore));
    }
    yield* out(sys, `${n}\n`);
    return 0;
  },
};
