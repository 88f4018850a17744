/**
 * GNU ln (coreutils 9.1): [-bdfinsLPTv] [-S SUFFIX] [-t DIR]. The link is tried first; only when that
 * fails does ln look closer (source a directory? destination to replace, back up or ask about?),
 * so its diagnostics name what actually went wrong.
 */
import type { Gen, ProgramDef, Stat, Sys } from "../../../kernel/api";
import type { Errno } from "../../../kernel/errno";
import { lastComponentStrip } from "../../fileutils/common";
import { askYes } from "../../fileutils/remove";
import { asErrno, err, out, warn } from "../../lib/io";
import { gnuProgramName } from "../flavour";
import { quoteAlways as qa, quoteIfNeeded as qf } from "../quote";
import { directoryOperandError, fileNameConcat } from "../target";
import { gnuOptions, usageFailure } from "./options";

const SPEC = {
  flags: "bdfFinsLPTv",
  withArg: "St",
  long: {
    backup: { short: "b" },
    directory: { short: "d" },
    force: { short: "f" },
    interactive: { short: "i" },
    logical: { short: "L" },
    "no-dereference": { short: "n" },
    physical: { short: "P" },
    suffix: { short: "S", arg: true },
    symbolic: { short: "s" },
    "target-directory": { short: "t", arg: true },
    "no-target-directory": { short: "T" },
    verbose: { short: "v" },
  },
};

interface LinkOptions {
  symbolic: boolean;
  force: boolean;
  interactive: boolean;
  backupSuffix: string | null;
  logical: boolean;
  /** -d/-F: let the kernel decide about hard links to directories. */
  directories: boolean;
  verbose: boolean;
}

export const gnuLn: ProgramDef = {
  name: "ln",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const suffix = parsed.args.S?.at(-1) ?? sys.env.SIMPLE_BACKUP_SUFFIX ?? "~";
    const opts: LinkOptions = {
      symbolic: !!f.s,
      // -f and -i cancel each other: the last one given counts.
      force: !!f.f && lastOf(sys.argv, "fi") !== "i",
      interactive: !!f.i && lastOf(sys.argv, "fi") !== "f",
      backupSuffix: f.b || parsed.args.S ? suffix : null,
      logical: !!f.L && lastOf(sys.argv, "LP") !== "P",
      directories: !!(f.d || f.F),
      verbose: !!f.v,
    };
    const files = parsed.operands;
    let targetDir = parsed.args.t?.at(-1);
    if (targetDir !== undefined) {
      const why = directoryOperandError(sys, targetDir);
      if (why) {
        yield* warn(sys, why.code === "ENOTDIR" ? `target ${qa(targetDir)} is not a directory` : `failed to access ${qa(targetDir)}: ${why.message}`);
        return 1;
      }
    }
    if (files.length === 0) return yield* usageFailure(sys, "missing file operand");
    if (f.T) {
      if (targetDir !== undefined) return yield* usageFailure(sys, "cannot combine --target-directory and --no-target-directory");
      if (files.length !== 2) {
        return yield* usageFailure(sys, files.length < 2 ? `missing destination file operand after ${qa(files[0])}` : `extra operand ${qa(files[2])}`);
      }
      return (yield* doLink(sys, files[0], files[1], opts, undefined)) ? 0 : 1;
    }
    let sources = files;
    let firstTry: Errno | null | undefined;
    if (targetDir === undefined && files.length < 2) {
      targetDir = ".";
    } else if (targetDir === undefined) {
      const last = files[files.length - 1];
      if (files.length === 2) firstTry = tryLink(sys, files[0], last, opts);
      if (firstTry === undefined || (firstTry && ["EEXIST", "ENOTDIR", "EINVAL"].includes(firstTry.code))) {
        const why = directoryOperandError(sys, last, !f.n);
        if (!why) {
          targetDir = last;
          sources = files.slice(0, -1);
        } else if (files.length > 2) {
          yield* warn(sys, `target ${qa(last)}: ${why.message}`);
          return 1;
        }
      }
    }
    if (targetDir === undefined) return (yield* doLink(sys, files[0], files[1], opts, firstTry ?? null)) ? 0 : 1;
    let ok = true;
    for (const source of sources) {
      const dest = fileNameConcat(targetDir, lastComponentStrip(source));
      if (!(yield* doLink(sys, source, dest, opts, undefined))) ok = false;
    }
    return ok ? 0 : 1;
  },
};

/** Which of `letters` the command line gave last (for the pairs where the last one wins). */
function lastOf(argv: readonly string[], letters: string): string | undefined {
  let found: string | undefined;
  for (const a of argv.slice(1)) {
    if (a === "--") break;
    if (/^-[^-]/.test(a)) for (const c of a.slice(1)) if (letters.includes(c)) found = c;
  }
  return found;
}

/** One attempt at the link: null when made, else why not. */
function tryLink(sys: Sys, source: string, dest: string, opts: LinkOptions): Errno | null {
  try {
    if (opts.symbolic) sys.symlink(source, dest);
    else sys.link(opts.logical ? resolved(sys, source) : source, dest);
    return null;
  } catch (e) {
    return asErrno(e);
  }
}

/** -L: a hard link to what a symlink points to. */
function resolved(sys: Sys, source: string): string {
  try {
    return sys.realpath(source);
  } catch (e) {
    asErrno(e);
    return source;
  }
}

function lstatOrNull(sys: Sys, path: string): Stat | Errno {
  try {
    return sys.lstat(path);
  } catch (e) {
    return asErrno(e);
  }
}

/**
 * ln.c's do_link: `tried` is the result of an attempt already made (null: it worked), undefined when
 * none was. Returns false on failure (reported).
 */
function* doLink(sys: Sys, source: string, dest: string, opts: LinkOptions, tried: Errno | null | undefined): Gen<boolean> {
  let failure = tried === undefined ? tryLink(sys, source, dest, opts) : tried;
  let backup: string | null = null;
  if (failure) {
    let sourceStat: Stat | null = null;
    if (!opts.symbolic) {
      try {
        sourceStat = opts.logical ? sys.stat(source) : sys.lstat(source);
      } catch (e) {
        yield* warn(sys, `failed to access ${qa(source)}: ${asErrno(e).message}`);
        return false;
      }
      if (sourceStat.type === "dir" && !opts.directories) {
        yield* warn(sys, `${qf(source)}: hard link not allowed for directory`);
        return false;
      }
    }
    if (opts.force || opts.interactive || opts.backupSuffix !== null) {
      const destStat = lstatOrNull(sys, dest);
      if (!("type" in destStat)) {
        if (destStat.code !== "ENOENT") {
          yield* warn(sys, `failed to access ${qa(dest)}: ${destStat.message}`);
          return false;
        }
      } else if (destStat.type === "dir") {
        yield* warn(sys, `${qf(dest)}: cannot overwrite directory`);
        return false;
      } else {
        if (sourceStat && opts.backupSuffix === null && sourceStat.dev === destStat.dev && sourceStat.ino === destStat.ino) {
          yield* warn(sys, `${qa(source)} and ${qa(dest)} are the same file`);
          return false;
        }
        if (opts.interactive) {
          yield* err(sys, `${gnuProgramName(sys)}: replace ${qa(dest)}? `);
          if (!(yield* askYes(sys))) return true;
        }
        if (opts.backupSuffix !== null) {
          backup = dest + opts.backupSuffix;
          try {
            sys.rename(dest, backup);
          } catch (e) {
            yield* warn(sys, `cannot backup ${qa(dest)}: ${asErrno(e).message}`);
            return false;
          }
        } else if (failure.code === "EEXIST") {
          try {
            sys.unlink(dest);
          } catch (e) {
            asErrno(e);
          }
        }
        failure = tryLink(sys, source, dest, opts);
      }
    }
  }
  if (!failure) {
    if (opts.verbose) yield* out(sys, `${backup !== null ? `${qa(backup)} ~ ` : ""}${qa(dest)} ${opts.symbolic ? "-" : "="}> ${qa(source)}\n`);
    return true;
  }
  yield* warn(sys, linkFailure(source, dest, opts.symbolic, failure));
  if (backup !== null) {
    try {
      sys.rename(backup, dest);
    } catch (e) {
      yield* warn(sys, `cannot un-backup ${qa(dest)}: ${asErrno(e).message}`);
    }
  }
  return false;
}

function linkFailure(source: string, dest: string, symbolic: boolean, why: Errno): string {
  if (symbolic) {
    const both = why.code === "ENAMETOOLONG" || source === "";
    return `failed to create symbolic link ${qa(dest)}${both ? ` -> ${qa(source)}` : ""}: ${why.message}`;
  }
  if (why.code === "EMLINK") return `failed to create hard link to ${qa(source)}: ${why.message}`;
  const short = ["EDQUOT", "EEXIST", "ENOSPC", "EROFS"].includes(why.code);
  return `failed to create hard link ${qa(dest)}${short ? "" : ` => ${qa(source)}`}: ${why.message}`;
}
