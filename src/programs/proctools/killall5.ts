/**
 * sysvinit-utils' killall5, which Debian also installs as pidof (/usr/bin/pidof -> /sbin/killall5):
 * called pidof it is pidof; killall5 itself (signal every process) is not simulated.
 */
import type { ProgramDef } from "../../kernel/api";
import { sysvinitPidof } from "./sysvinit-pidof";

export const killall5: ProgramDef = {
  name: "killall5",
  *main(sys) {
    const a0 = sys.argv[0] ?? "killall5";
    if (a0.slice(a0.lastIndexOf("/") + 1) === "pidof") return yield* sysvinitPidof.main(sys);
    yield* sys.write(2, `${a0}: this program is not simulated in Container Sandbox\n`);
    return 127;
  },
};
