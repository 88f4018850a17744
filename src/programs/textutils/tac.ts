/** tac [FILE]...: lines of all files, last first (a final line without newline stays without). */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput, readToEnd, splitLines } from "../lib/inputs";
import { asErrno, out, warn } from "../lib/io";
import { USAGE } from "./usage";

export const tac: ProgramDef = {
  name: "tac",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, {});
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.tac, e.message);
      throw e;
    }
    let status = 0;
    for (const name of opts.operands.length ? opts.operands : ["-"]) {
      let fd: number;
      try {
        fd = openInput(sys, name);
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
        continue;
      }
      try {
        yield* out(
          sys,
          splitLines(yield* readToEnd(sys, fd))
            .reverse()
            .join(""),
        );
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
      }
      closeInput(sys, fd);
    }
    return status;
  },
};
