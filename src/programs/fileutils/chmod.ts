/** chmod: busybox 1.35 chmod [-Rcvf] MODE[,MODE]... FILE... */
import type { ProgramDef, Stat } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { modeString, parseOpts } from "./common";
import { parseMode } from "./modechange";
import { recursiveAction } from "./recursive";
import { usage } from "./common";

class InvalidMode extends Error {}

export const chmod: ProgramDef = {
  name: "chmod",
  *main(sys) {
    // A mode like "-w" must not be taken for an option: the first argument that starts with "-"
    // but is not one of -R -v -c -f (or "--") is the mode.
    const argv = [...sys.argv];
    let modeIndex = -1;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a[0] !== "-") break;
      if (a.length > 1 && !"-Rvcf".includes(a[1])) {
        modeIndex = i;
        break;
      }
    }
    const getoptArgv = modeIndex >= 0 ? argv.map((a, i) => (i === modeIndex ? `a${a.slice(1)}` : a)) : argv;
    const parsed = yield* parseOpts(sys, "chmod", { flags: "Rvcf" }, getoptArgv);
    if (typeof parsed === "number") return parsed;
    const operands = parsed.operands.map((a) => (modeIndex >= 0 && a === `a${argv[modeIndex].slice(1)}` ? argv[modeIndex] : a));
    if (operands.length < 2) return yield* usage(sys, "chmod");
    const f = parsed.flags;
    const spec = operands[0];
    let status = 0;
    const action = function* (path: string, lst: Stat, depth: number) {
      let st = lst;
      if (depth === 0) {
        try {
          st = sys.stat(path);
        } catch (e) {
          if (!f.f) yield* warn(sys, `${path}: ${asErrno(e).message}`);
          return false;
        }
      } else if (st.type === "symlink") {
        return true;
      }
      const mode = parseMode(spec, st.mode, sys.umask());
      if (mode === null) throw new InvalidMode();
      try {
        sys.chmod(path, mode & 0o7777);
      } catch (e) {
        if (!f.f) yield* warn(sys, `${path}: ${asErrno(e).message}`);
        return false;
      }
      if (f.v || (f.c && (st.mode & 0o7777) !== (mode & 0o7777))) {
        const octal = (mode & 0o7777).toString(8).padStart(4, "0");
        yield* out(sys, `mode of '${path}' changed to ${octal} (${modeString(mode).slice(1)})\n`);
      }
      return true;
    };
    for (const path of operands.slice(1)) {
      try {
        if (!(yield* recursiveAction(sys, path, { recurse: !!f.R }, action, action))) status = 1;
      } catch (e) {
        if (!(e instanceof InvalidMode)) throw e;
        yield* warn(sys, `invalid mode '${spec}'`);
        return 1;
      }
    }
    return status;
  },
};
