/** chroot: busybox 1.35 (coreutils/chroot.c). Without PROG it runs "$SHELL -i" (or /bin/sh -i). */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { execvp } from "../lib/execvp";
import { asErrno, warn } from "../lib/io";

const USAGE = "chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT";

export const chroot: ProgramDef = {
  name: "chroot",
  *main(sys) {
    const args = sys.argv.slice(1);
    if (args[0] === "--") args.shift();
    if (args.length === 0) return yield* usageError(sys, USAGE);
    const newRoot = args[0];
    try {
      sys.chroot(newRoot);
      sys.chdir("/");
    } catch (e) {
      yield* warn(sys, `can't change root directory to '${newRoot}': ${asErrno(e).message}`);
      return 1;
    }
    const argv = args.length > 1 ? args.slice(1) : [sys.env.SHELL || "/bin/sh", "-i"];
    try {
      execvp(sys, argv[0], argv);
    } catch (e) {
      const er = asErrno(e);
      yield* warn(sys, `can't execute '${argv[0]}': ${er.message}`);
      return er.code === "ENOENT" ? 127 : 126;
    }
  },
};
