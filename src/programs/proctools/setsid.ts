/**
 * setsid: busybox 1.35 (miscutils/setsid.c). A process group leader cannot start a session, so
 * it forks first and the parent exits at once.
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { execvp } from "../lib/execvp";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, warn } from "../lib/io";

const USAGE =
  "setsid [-c] PROG ARGS\n\nRun PROG in a new session. PROG will have no controlling terminal\nand will not be affected by keyboard signals (^C etc).\n\n\t-c\tSet controlling terminal to stdin";

function* runInSession(sys: Sys, argv: string[]) {
  sys.setsid();
  try {
    execvp(sys, argv[0], argv);
  } catch (e) {
    const er = asErrno(e);
    yield* warn(sys, `can't execute '${argv[0]}': ${er.message}`);
    return er.code === "ENOENT" ? 127 : 126;
  }
}

export const setsid: ProgramDef = {
  name: "setsid",
  *main(sys) {
    let argv: string[];
    try {
      argv = getopt(sys.argv, { flags: "c", permute: false }).operands;
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
      throw e;
    }
    if (argv.length === 0) return yield* usageError(sys, USAGE);
    if (sys.getpgrp() === sys.getpid()) {
      sys.fork((child) => runInSession(child, argv));
      return 0;
    }
    return yield* runInSession(sys, argv);
  },
};
