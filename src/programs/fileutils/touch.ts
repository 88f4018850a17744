/** touch: busybox 1.35 touch [-cham] [-d DATE] [-t DATE] [-r FILE]. */
import type { ProgramDef, Stat } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { parseOpts, usage } from "./common";
import { parseDateStr } from "./datestr";

export const touch: ProgramDef = {
  name: "touch",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "touch", {
      flags: "chma",
      withArg: "dtr",
      long: {
        "no-create": { short: "c" },
        date: { short: "d", arg: true },
        reference: { short: "r", arg: true },
        "no-dereference": { short: "h" },
      },
    });
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    if (parsed.operands.length === 0) return yield* usage(sys, "touch");
    const nowUsec = sys.now();
    let atime = Math.floor(nowUsec / 1e6);
    let mtime = atime;
    let explicit = false;
    const ref = parsed.args.r?.at(-1);
    if (ref !== undefined) {
      let st: Stat;
      try {
        st = sys.stat(ref);
      } catch (e) {
        yield* warn(sys, `can't stat '${ref}': ${asErrno(e).message}`);
        return 1;
      }
      atime = st.atime;
      mtime = st.mtime;
      explicit = true;
    }
    // -d and -t share one date string: the last one given.
    const dates = [...(parsed.args.d ?? []), ...(parsed.args.t ?? [])];
    const dateStr = lastDate(sys.argv, dates);
    if (dateStr !== undefined) {
      const t = parseDateStr(dateStr, Math.floor(nowUsec / 1e6));
      if (t === null) {
        yield* warn(sys, `invalid date '${dateStr}'`);
        return 1;
      }
      atime = mtime = t;
      explicit = true;
    }
    let status = 0;
    for (const path of parsed.operands) {
      try {
        let a = atime;
        let m = mtime;
        // -a or -m alone leaves the other time as it is.
        if ((f.a && !f.m) || (f.m && !f.a)) {
          const st = f.h ? sys.lstat(path) : sys.stat(path);
          if (!f.a) a = st.atime;
          if (!f.m) m = st.mtime;
        }
        sys.utimes(path, a, m, { nofollow: !!f.h });
      } catch (e) {
        const er = asErrno(e);
        if (er.code === "ENOENT") {
          if (f.c) continue;
          try {
            const fd = sys.open(path, { read: true, write: true, create: true }, 0o666);
            sys.close(fd);
            if (explicit) sys.utimes(path, atime, mtime);
            continue;
          } catch (e2) {
            yield* warn(sys, `${path}: ${asErrno(e2).message}`);
            status = 1;
            continue;
          }
        }
        yield* warn(sys, `${path}: ${er.message}`);
        status = 1;
      }
    }
    return status;
  },
};

/** The value of whichever of -d/-t came last on the command line. */
function lastDate(argv: readonly string[], values: string[]): string | undefined {
  if (values.length === 0) return undefined;
  let found: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    const m = a.match(/^-[chma]*([dt])(.*)$/);
    if (m) {
      found = m[2] !== "" ? m[2] : argv[i + 1];
      if (m[2] === "") i++;
    } else if (a.startsWith("--date=")) found = a.slice(7);
    else if (a === "--date") found = argv[++i];
  }
  return found ?? values[values.length - 1];
}
