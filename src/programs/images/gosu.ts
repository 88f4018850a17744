/**
 * gosu USER-SPEC COMMAND [ARGS...] (tianon/gosu 1.17): switches to a user and group from
 * /etc/passwd and /etc/group (names or numbers), sets HOME, and execs the command, so that it
 * keeps the caller's pid (PID 1 in a container stays PID 1).
 */
import type { ProgramDef } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { execvp } from "../lib/execvp";
import { err, out } from "../lib/io";
import { groupEntries, passwdEntries } from "../lib/users";

const VERSION = (arch: string) => `1.17 (go1.18.2 on linux/${arch}; gc)`;

export const gosu: ProgramDef = {
  name: "gosu",
  *main(sys) {
    const arch = sys.uname().machine === "aarch64" ? "arm64" : "amd64";
    const args = sys.argv.slice(1);
    if (args[0] === "--version" || args[0] === "-v") {
      yield* out(sys, `${VERSION(arch)}\n`);
      return 0;
    }
    if (args.length < 2 || args[0] === "--help" || args[0] === "-h") {
      yield* err(
        sys,
        `Usage: gosu user-spec command [args]\n   eg: gosu tianon bash\n       gosu nobody:root bash -c 'whoami && id'\n       gosu 1000:1 id\n\ngosu version: ${VERSION(arch)}\nlicense: Apache-2.0 (full text at https://github.com/tianon/gosu)\n\n`,
      );
      return 1;
    }
    const [spec, ...command] = args;
    const [userPart, groupPart] = spec.split(":");
    const users = passwdEntries(sys);
    const user = /^\d+$/.test(userPart) ? users.find((u) => u.id === Number(userPart)) : users.find((u) => u.name === userPart);
    if (!user && !/^\d+$/.test(userPart)) {
      yield* err(sys, `error: failed switching to "${spec}": unable to find user ${userPart}: no matching entries in passwd file\n`);
      return 1;
    }
    const uid = user?.id ?? Number(userPart);
    let gid = user?.gid ?? uid;
    if (groupPart !== undefined) {
      const groups = groupEntries(sys);
      const g = /^\d+$/.test(groupPart) ? { id: Number(groupPart) } : groups.find((x) => x.name === groupPart);
      if (!g) {
        yield* err(sys, `error: failed switching to "${spec}": unable to find group ${groupPart}: no matching entries in group file\n`);
        return 1;
      }
      gid = g.id;
    }
    sys.setgid(gid);
    sys.setuid(uid);
    sys.env.HOME = user?.home || "/";
    try {
      execvp(sys, command[0], command, sys.env);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      const why = e.code === "ENOENT" && !command[0].includes("/") ? "executable file not found in $PATH" : e.message.toLowerCase();
      yield* err(sys, `error: exec: "${command[0]}": ${why}\n`);
      return 1;
    }
  },
};
