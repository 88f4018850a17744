/**
 * setpriv (util-linux): run a program with other user and group ids. Official images' entrypoints
 * use it to drop root (redis: `setpriv --reuid=redis --regid=redis --clear-groups`).
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err } from "../lib/io";
import { execFailureStatus, execOnPath } from "../lib/runcommand";

function lookup(sys: Sys, file: string, name: string, field: number): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    const row = sys.readFile(file).split("\n").map((l) => l.split(":")).find((f) => f[0] === name);
    return row ? Number(row[field]) : undefined;
  } catch {
    return undefined;
  }
}

export const setpriv: ProgramDef = {
  name: "setpriv",
  *main(sys) {
    const args = [...sys.argv.slice(1)];
    let uid: number | undefined;
    let gid: number | undefined;
    while (args.length > 0 && args[0].startsWith("-")) {
      const a = args.shift()!;
      const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
      const value = () => inline ?? args.shift() ?? "";
      if (flag === "--reuid" || flag === "--ruid" || flag === "--euid") {
        const v = value();
        uid = lookup(sys, "/etc/passwd", v, 2);
        if (uid === undefined) {
          yield* err(sys, `setpriv: failed to parse ruid: '${v}'\n`);
          return 1;
        }
      } else if (flag === "--regid" || flag === "--rgid" || flag === "--egid") {
        const v = value();
        gid = lookup(sys, "/etc/group", v, 2);
        if (gid === undefined) {
          yield* err(sys, `setpriv: failed to parse rgid: '${v}'\n`);
          return 1;
        }
      } else if (flag === "--clear-groups" || flag === "--init-groups" || flag === "--keep-groups" || flag === "--inh-caps" || flag === "--bounding-set") {
        if (flag === "--inh-caps" || flag === "--bounding-set") value();
      } else if (flag === "--") break;
      else {
        yield* err(sys, `setpriv: unrecognized option '${a}'\nTry 'setpriv --help' for more information.\n`);
        return 1;
      }
    }
    if (args.length === 0) {
      yield* err(sys, "setpriv: no command was specified\nTry 'setpriv --help' for more information.\n");
      return 1;
    }
    try {
      if (gid !== undefined) sys.setgid(gid);
      if (uid !== undefined) sys.setuid(uid);
      return execOnPath(sys, args[0], args, sys.env);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* err(sys, `setpriv: failed to execute ${args[0]}: ${e.message}\n`);
      return execFailureStatus(e);
    }
  },
};
