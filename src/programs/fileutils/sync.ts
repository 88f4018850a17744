/** sync: busybox 1.35 sync [-df] [FILE]... (the simulated disks are always in sync). */
import type { ProgramDef } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { parseOpts } from "./common";

export const sync: ProgramDef = {
  name: "sync",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "sync", { flags: "df" });
    if (typeof parsed === "number") return parsed;
    let status = 0;
    for (const path of parsed.operands) {
      try {
        sys.close(sys.open(path, { read: true, nonblock: true }));
      } catch (e) {
        yield* warn(sys, `can't open '${path}': ${asErrno(e).message}`);
        status = 1;
      }
    }
    return status;
  },
};
