/**
 * GNU chmod (coreutils 9.1): [-cfvR] [--reference=RFILE] MODE[,MODE]... FILE... Modes may be given
 * like options ("-w", "-rx": such modes also warn when the umask kept bits from changing). -v says
 * what changed from what, or that the mode was retained; symlinks met while recursing are left alone.
 */
import type { Gen, ProgramDef, Stat, Sys } from "../../../kernel/api";
import { joinPath, modeString } from "../../fileutils/common";
import { asErrno, out, warn } from "../../lib/io";
import { getopt, OptError } from "../../lib/getopt";
import { quoteAlways as qa, quoteIfNeeded as qf } from "../quote";
import { adjustMode, compileMode } from "../../fileutils/modechange";
import { usageFailure } from "./options";

const SPEC = {
  flags: "cfvR",
  long: {
    changes: { short: "c" },
    silent: { short: "f" },
    quiet: { short: "f" },
    verbose: { short: "v" },
    recursive: { short: "R" },
    reference: { short: "reference", arg: true },
    "preserve-root": { short: "preserve-root" },
    "no-preserve-root": { short: "no-preserve-root" },
  },
};

/** Arguments that are modes although they start with "-" ("-w", "-rx", "-755"). */
const DASH_MODE = /^-[rwxXstugoa,+=0-7]/;

interface Settings {
  changes: ReturnType<typeof compileMode> & object;
  umask: number;
  recursive: boolean;
  /** 2: -v, 1: -c, 0: quiet. */
  verbosity: number;
  silent: boolean;
  diagnoseSurprises: boolean;
}

export const gnuChmod: ProgramDef = {
  name: "chmod",
  *main(sys) {
    // Pull the dash modes out before getopt sees them, as chmod's own option string does.
    const dashModes: string[] = [];
    const argv: string[] = [sys.argv[0]];
    let ended = false;
    for (const a of sys.argv.slice(1)) {
      if (!ended && a === "--") ended = true;
      if (!ended && DASH_MODE.test(a) && !/^-[cfvR]+$/.test(a)) dashModes.push(a);
      else argv.push(a);
    }
    let parsed: ReturnType<typeof getopt>;
    try {
      parsed = getopt(argv, SPEC);
    } catch (e) {
      if (!(e instanceof OptError)) throw e;
      return yield* usageFailure(sys, e.message);
    }
    const f = parsed.flags;
    const operands = [...parsed.operands];
    const reference = parsed.args.reference?.at(-1);
    let mode = dashModes.length > 0 ? dashModes.join(",") : undefined;
    let modeFromOperand = false;
    if (reference === undefined && mode === undefined && operands.length > 0) {
      mode = operands.shift();
      modeFromOperand = true;
    }
    if (operands.length === 0) {
      return yield* usageFailure(sys, modeFromOperand ? `missing operand after ${qa(mode ?? "")}` : "missing operand");
    }
    let changes: Settings["changes"] | null;
    if (reference !== undefined) {
      try {
        changes = compileMode((sys.stat(reference).mode & 0o7777).toString(8));
      } catch (e) {
        yield* warn(sys, `failed to get attributes of ${qa(reference)}: ${asErrno(e).message}`);
        return 1;
      }
    } else {
      changes = compileMode(mode ?? "");
      if (!changes) return yield* usageFailure(sys, `invalid mode: ${qa(mode ?? "")}`);
    }
    const settings: Settings = {
      changes: changes as Settings["changes"],
      umask: sys.umask(),
      recursive: !!f.R,
      verbosity: f.v ? 2 : f.c ? 1 : 0,
      silent: !!f.f,
      diagnoseSurprises: dashModes.length > 0,
    };
    let ok = true;
    for (const file of operands) if (!(yield* visit(sys, file, 0, settings))) ok = false;
    return ok ? 0 : 1;
  },
};

/** One file as fts gives it (symlinks followed on the command line only), then what is below it. */
function* visit(sys: Sys, path: string, depth: number, s: Settings): Gen<boolean> {
  let st: Stat;
  try {
    st = depth === 0 ? sys.stat(path) : sys.lstat(path);
  } catch (e) {
    const er = asErrno(e);
    let dangling = false;
    try {
      dangling = depth === 0 && er.code === "ENOENT" && sys.lstat(path).type === "symlink";
    } catch (e2) {
      asErrno(e2);
    }
    if (!s.silent) yield* warn(sys, dangling ? `cannot operate on dangling symlink ${qa(path)}` : `cannot access ${qa(path)}: ${er.message}`);
    if (s.verbosity === 2) yield* out(sys, `${qa(path)} could not be accessed\n`);
    return false;
  }
  let ok = yield* changeOne(sys, path, st, s);
  if (s.recursive && st.type === "dir") {
    let names: string[] = [];
    try {
      names = sys.readdir(path).filter((n) => n !== "." && n !== "..");
    } catch (e) {
      if (!s.silent) yield* warn(sys, `cannot read directory ${qa(path)}: ${asErrno(e).message}`);
      return false;
    }
    for (const name of names) if (!(yield* visit(sys, joinPath(path, name), depth + 1, s))) ok = false;
  }
  return ok;
}

const perms = (mode: number) => modeString(mode).slice(1);
const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, "0");

function* changeOne(sys: Sys, path: string, st: Stat, s: Settings): Gen<boolean> {
  const isDir = st.type === "dir";
  const typeBits = st.mode & ~0o7777;
  const newMode = typeBits | adjustMode(st.mode, isDir, s.umask, s.changes);
  if (st.type === "symlink") {
    if (s.verbosity === 2) yield* out(sys, `neither symbolic link ${qa(path)} nor referent has been changed\n`);
    return true;
  }
  try {
    sys.chmod(path, newMode & 0o7777);
  } catch (e) {
    if (!s.silent) yield* warn(sys, `changing permissions of ${qa(path)}: ${asErrno(e).message}`);
    if (s.verbosity === 2) yield* out(sys, `failed to change mode of ${qa(path)} from ${octal(st.mode)} (${perms(st.mode)}) to ${octal(newMode)} (${perms(newMode)})\n`);
    return false;
  }
  const changed = (st.mode & 0o7777) !== (newMode & 0o7777);
  if (changed && s.verbosity > 0) {
    yield* out(sys, `mode of ${qa(path)} changed from ${octal(st.mode)} (${perms(st.mode)}) to ${octal(newMode)} (${perms(newMode)})\n`);
  } else if (s.verbosity === 2) {
    yield* out(sys, `mode of ${qa(path)} retained as ${octal(newMode)} (${perms(newMode)})\n`);
  }
  if (s.diagnoseSurprises) {
    const naive = typeBits | adjustMode(st.mode, isDir, 0, s.changes);
    if (newMode & ~naive & 0o7777) {
      yield* warn(sys, `${qf(path)}: new permissions are ${perms(newMode)}, not ${perms(naive)}`);
      return false;
    }
  }
  return true;
}
