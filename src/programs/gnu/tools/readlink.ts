/** GNU readlink (coreutils 9.1): -f/-e/-m canonicalize, -n, -q/-s/-v (last wins), -z; any number of names. */
import type { ProgramDef } from "../../../kernel/api";
import { asErrno, out, warn } from "../../lib/io";
import { flagOrder, lastFlag } from "../../fileutils/common";
import { quoteIfNeeded } from "../quote";
import { type CanonicalizeMode, canonicalize } from "./canonicalize";
import { gnuOptions, usageFailure } from "./options";

const SPEC = {
  flags: "efmnqsvz",
  long: {
    canonicalize: { short: "f" },
    "canonicalize-existing": { short: "e" },
    "canonicalize-missing": { short: "m" },
    "no-newline": { short: "n" },
    quiet: { short: "q" },
    silent: { short: "s" },
    verbose: { short: "v" },
    zero: { short: "z" },
  },
};

const MODES: Record<string, CanonicalizeMode> = { e: "existing", f: "allButLast", m: "missing" };

export const gnuReadlink: ProgramDef = {
  name: "readlink",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, SPEC);
    if (typeof parsed === "number") return parsed;
    const order = flagOrder(sys.argv, SPEC);
    const mode = MODES[lastFlag(order, "efm") ?? ""];
    const verbose = lastFlag(order, "qsv") === "v";
    const names = parsed.operands;
    if (names.length === 0) return yield* usageFailure(sys);
    let noNewline = !!parsed.flags.n;
    if (names.length > 1 && noNewline) {
      yield* warn(sys, "ignoring --no-newline with multiple arguments");
      noNewline = false;
    }
    const end = noNewline ? "" : parsed.flags.z ? "\0" : "\n";
    let status = 0;
    for (const name of names) {
      let value: string | null = null;
      let why = "";
      if (mode) {
        const r = canonicalize(sys, name, mode);
        if (typeof r === "string") value = r;
        else why = r.message;
      } else {
        try {
          value = sys.readlink(name);
        } catch (e) {
          why = asErrno(e).message;
        }
      }
      if (value !== null) {
        yield* out(sys, value + end);
        continue;
      }
      status = 1;
      if (verbose) yield* warn(sys, `${quoteIfNeeded(name)}: ${why}`);
    }
    return status;
  },
};
