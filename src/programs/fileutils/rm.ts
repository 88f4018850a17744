/** rm: busybox 1.35 rm [-irfRv]. */
import { gnuLine } from "../gnu/messages";
import { quoteAlways } from "../gnu/quote";
import type { ProgramDef } from "../../kernel/api";
import { warn } from "../lib/io";
import { flagOrder, lastComponentStrip, lastFlag, parseOpts, usage } from "./common";
import { removeFile } from "./remove";

const SPEC = { flags: "fiRrv", long: { force: { short: "f" }, interactive: { short: "i" }, recursive: { short: "R" }, verbose: { short: "v" } } };

export const rm: ProgramDef = {
  name: "rm",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "rm", SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    // -f and -i cancel each other: the last one given counts.
    const fi = lastFlag(flagOrder(sys.argv, SPEC), "fi");
    const flags = {
      force: fi === "f",
      interactive: fi === "i",
      recursive: !!(f.r || f.R),
      verbose: !!f.v,
    };
    if (parsed.operands.length === 0) {
      if (flags.force) return 0;
      return yield* usage(sys, "rm");
    }
    let status = 0;
    for (const path of parsed.operands) {
      const base = lastComponentStrip(path);
      if (base === "." || base === "..") {
        yield* warn(sys, gnuLine(sys, "can't remove '.' or '..'", () => `refusing to remove '.' or '..' directory: skipping ${quoteAlways(path)}`));
        status = 1;
        continue;
      }
      if (!(yield* removeFile(sys, path, flags))) status = 1;
    }
    return status;
  },
};
