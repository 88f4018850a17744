/** rmdir: busybox 1.35 rmdir [-p] [--ignore-fail-on-non-empty]. */
import type { ProgramDef } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { dirName, parseOpts, usage } from "./common";

export const rmdir: ProgramDef = {
  name: "rmdir",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "rmdir", {
      flags: "pv",
      long: {
        parents: { short: "p" },
        "ignore-fail-on-non-empty": { short: "i" },
        verbose: { short: "v" },
      },
    });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length === 0) return yield* usage(sys, "rmdir");
    const f = parsed.flags;
    let status = 0;
    for (const arg of parsed.operands) {
      let path = arg;
      for (;;) {
        if (f.p && path === ".") break;
        if (f.v) yield* sys.write(1, `rmdir: removing directory, '${path}'\n`);
        try {
          sys.rmdir(path);
        } catch (e) {
          const er = asErrno(e);
          if (f.i && er.code === "ENOTEMPTY") break;
          yield* warn(sys, `'${path}': ${er.message}`);
          status = 1;
          break;
        }
        if (!f.p) break;
        path = dirName(path);
        if (path === ".") break;
      }
    }
    return status;
  },
};
