/** mktemp: busybox 1.35 mktemp [-dqtu] [-p DIR] [TEMPLATE]. */
import type { ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { asErrno, out, warn } from "../lib/io";
import { joinPath, parseOpts, usage } from "./common";

const CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The template with its trailing "XXXXXX" replaced by random letters and digits. */
function fillTemplate(sys: Sys, template: string): string {
  const rnd = sys.random(6);
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += CHARS[rnd.charCodeAt(i) % CHARS.length];
  return template.slice(0, -6) + suffix;
}

function exists(sys: Sys, path: string): boolean {
  try {
    sys.lstat(path);
    return true;
  } catch (e) {
    asErrno(e);
    return false;
  }
}

export const mktemp: ProgramDef = {
  name: "mktemp",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "mktemp", { flags: "dqtu", withArg: "p" });
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    if (parsed.operands.length > 1) return yield* usage(sys, "mktemp");
    let dir = sys.env.TMPDIR || "/tmp";
    if (parsed.args.p) dir = parsed.args.p[parsed.args.p.length - 1];
    let template = parsed.operands[0];
    let underDir = !!(f.t || parsed.args.p);
    if (template === undefined) {
      template = "tmp.XXXXXX";
      underDir = true;
    }
    if (underDir) template = joinPath(dir, template);
    let failure: Errno | null = null;
    let name = "";
    if (!template.endsWith("XXXXXX")) {
      failure = new Errno("EINVAL");
    } else {
      // Try fresh names until one is free, as mkstemp does.
      for (let attempt = 0; attempt < 100; attempt++) {
        name = fillTemplate(sys, template);
        if (f.u) {
          if (!exists(sys, name)) break;
          continue;
        }
        try {
          if (f.d) sys.mkdir(name, 0o700);
          else sys.close(sys.open(name, { read: true, write: true, create: true, excl: true }, 0o600));
          break;
        } catch (e) {
          const er = asErrno(e);
          if (er.code !== "EEXIST") {
            failure = er;
            break;
          }
        }
      }
    }
    if (failure) {
      if (f.q) return 1;
      // busybox passes no name to its perror here, hence "(null)".
      yield* warn(sys, `(null): ${failure.message}`);
      return 1;
    }
    yield* out(sys, `${name}\n`);
    return 0;
  },
};
