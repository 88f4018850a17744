/** mkdir: busybox 1.35 mkdir [-m MODE] [-p]. */
import { gnuProgramName, gnuTool } from "../gnu/flavour";
import { gnuLine } from "../gnu/messages";
import { quoteAlways } from "../gnu/quote";
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { parseOpts, usage } from "./common";
import { parseMode } from "./modechange";

export const mkdir: ProgramDef = {
  name: "mkdir",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "mkdir", {
      flags: "pv",
      withArg: "m",
      long: { mode: { short: "m", arg: true }, parents: { short: "p" }, verbose: { short: "v" } },
    });
    if (typeof parsed === "number") return parsed;
    let mode = -1;
    if (parsed.args.m) {
      const spec = parsed.args.m[parsed.args.m.length - 1];
      const m = parseMode(spec, 0o777, sys.umask(), gnuTool(sys) ? "gnu" : "busybox");
      if (m === null) {
        yield* warn(sys, `invalid mode '${spec}'`);
        return 1;
      }
      mode = m;
    }
    if (parsed.operands.length === 0) return yield* usage(sys, "mkdir");
    let status = 0;
    for (const path of parsed.operands) {
      if (!(yield* makeDirectory(sys, path, mode, !!parsed.flags.p, !!parsed.flags.v))) status = 1;
    }
    return status;
  },
};

/**
 * bb_make_directory: with `parents`, creates each missing component (new parents get at least u+wx);
 * then gives the last one `mode` (-1: the default, 0777 less the umask). Reports failures itself.
 */
export function* makeDirectory(sys: Sys, path: string, mode: number, parents: boolean, verbose = false): Gen<boolean> {
  const mask = sys.umask(0);
  sys.umask(mode === -1 ? mask : mask & ~0o300);
  let end = 0;
  try {
    for (;;) {
      let prefix = path;
      let last = true;
      if (parents) {
        // Up to and including the next run of slashes.
        const slash = path.indexOf("/", end);
        if (slash >= 0) {
          let j = slash;
          while (path[j] === "/") j++;
          if (j < path.length) {
            prefix = path.slice(0, j);
            last = false;
          }
          end = j;
        }
      }
      try {
        sys.mkdir(prefix, 0o777);
      } catch (e) {
        let er = asErrno(e);
        // An existing name must be a directory; perror() then reports stat()'s error, if any.
        let existingDir = false;
        if (er.code === "EEXIST" && parents) {
          try {
            existingDir = sys.stat(prefix).type === "dir";
          } catch (e2) {
            er = asErrno(e2);
          }
        }
        if (!existingDir) {
          sys.umask(mask);
          yield* warn(sys, `can't create directory '${prefix}': ${er.message}`);
          return false;
        }
        // An existing final directory keeps its permissions.
        if (last) return true;
        continue;
      }
      if (verbose) yield* sys.write(1, gnuLine(sys, `created directory: '${prefix}'\n`, () => `${gnuProgramName(sys)}: created directory ${quoteAlways(prefix.replace(/(.)\/+$/, "$1"))}\n`));
      if (last) {
        sys.umask(mask);
        if (mode !== -1) {
          try {
            sys.chmod(prefix, mode);
          } catch (e) {
            yield* warn(sys, `can't set permissions of directory '${prefix}': ${asErrno(e).message}`);
            return false;
          }
        }
        return true;
      }
    }
  } finally {
    sys.umask(mask);
  }
}
