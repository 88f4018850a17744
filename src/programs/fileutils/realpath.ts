/** realpath: busybox 1.35 realpath FILE... (no options). */
import type { ProgramDef } from "../../kernel/api";
import { out, warn } from "../lib/io";
import { showHelp, usage } from "./common";
import { realpathCoreutils } from "./readlink";

export const realpath: ProgramDef = {
  name: "realpath",
  *main(sys) {
    if (sys.argv[1] === "--help") return yield* showHelp(sys, "realpath");
    const files = sys.argv.slice(1);
    if (files.length === 0) return yield* usage(sys, "realpath");
    let status = 0;
    for (const file of files) {
      const resolved = realpathCoreutils(sys, file);
      if (resolved !== null) {
        yield* out(sys, `${resolved}\n`);
        continue;
      }
      // perror() after the failed realpath: the cause of the last failure.
      let cause = "No such file or directory";
      try {
        sys.realpath(file);
      } catch (e) {
        if (e instanceof Error && e.name === "Errno") cause = e.message;
        else throw e;
      }
      yield* warn(sys, `${file}: ${cause}`);
      status = 1;
    }
    return status;
  },
};
