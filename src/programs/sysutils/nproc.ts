/** nproc [--all] [--ignore=N]: CPUs available to the process. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { USAGE } from "./usage";

export const nproc: ProgramDef = {
  name: "nproc",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { long: { all: { short: "a" }, ignore: { short: "i", arg: true } } });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.nproc, e.message);
      throw e;
    }
    let n = sys.sysinfo().cpus;
    const ignore = opts.args.i?.at(-1);
    if (ignore !== undefined) {
      if (!/^\d+$/.test(ignore)) {
        yield* warn(sys, `invalid number '${ignore}'`);
        return 1;
      }
      n = Math.max(1, n - Number(ignore));
    }
    yield* out(sys, `${n}\n`);
    return 0;
  },
};
