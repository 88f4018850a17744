/**
 * GNU mv (coreutils 9.1): [-bfinTuv] [-S SUFFIX] [-t DIR]. Each move is first tried as a rename that
 * refuses to replace; only when that fails does mv look at source and destination (same file,
 * directory over non-directory, whether to ask), as copy.c does, so each failure gets GNU's words.
 * Across file systems it copies (cp -a) and then removes the source, saying so with -v.
 */
import type { Gen, ProgramDef, Stat, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import { flagOrder, lastComponentStrip, lastFlag, modeString } from "../../fileutils/common";
import { CopyContext, copyFile } from "../../fileutils/copy";
import { askYes, removeFile } from "../../fileutils/remove";
import { asErrno, err, out, warn } from "../../lib/io";
import { gnuProgramName } from "../flavour";
import { quoteAlways as qa } from "../quote";
import { checkTargetDirectory, fileNameConcat, lastOperandTarget } from "../target";
import { gnuOptions, usageFailure } from "./options";

const SPEC = {
  flags: "bfinTuv",
  withArg: "St",
  long: {
    backup: { short: "b" },
    force: { short: "f" },
    interactive: { short: "i" },
    "no-clobber": { short: "n" },
    suffix: { short: "S", arg: true },
    "target-directory": { short: "t", arg: true },
    "no-target-directory": { short: "T" },
    update: { short: "u" },
    verbose: { short: "v" },
  },
};

interface MoveOptions {
  /** f: never ask; i: ask; n: never overwrite; undefined: ask about unwritable files on a terminal. */
  interactive: string | undefined;
  backupSuffix: string | null;
  update: boolean;
  verbose: boolean;
}

/** "not tried" for the rename result. */
const UNTRIED = undefined;

export const gnuMv: ProgramDef = {
  name: "mv",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const opts: MoveOptions = {
      interactive: lastFlag(flagOrder(sys.argv, SPEC), "fin"),
      backupSuffix: f.b || parsed.args.S ? (parsed.args.S?.at(-1) ?? sys.env.SIMPLE_BACKUP_SUFFIX ?? "~") : null,
      update: !!f.u,
      verbose: !!f.v,
    };
    const files = parsed.operands;
    let targetDir = parsed.args.t?.at(-1);
    if (files.length <= (targetDir === undefined ? 1 : 0)) {
      return yield* usageFailure(sys, files.length === 0 ? "missing file operand" : `missing destination file operand after ${qa(files[0])}`);
    }
    let firstTry: Errno | null | undefined = UNTRIED;
    let sources = files;
    if (f.T) {
      if (targetDir !== undefined) return yield* usageFailure(sys, "cannot combine --target-directory (-t) and --no-target-directory (-T)");
      if (files.length > 2) return yield* usageFailure(sys, `extra operand ${qa(files[2])}`);
    } else if (targetDir !== undefined) {
      if (!(yield* checkTargetDirectory(sys, targetDir))) return 1;
    } else {
      const last = files[files.length - 1];
      if (files.length === 2) firstTry = renameNoReplace(sys, files[0], last);
      if (firstTry !== null) {
        const kind = yield* lastOperandTarget(sys, files);
        if (typeof kind === "number") return kind;
        if (kind === "dir") {
          targetDir = last;
          sources = files.slice(0, -1);
          firstTry = UNTRIED;
        }
      }
    }
    if (targetDir === undefined) return (yield* moveOne(sys, files[0], files[1], opts, firstTry)) ? 0 : 1;
    let ok = true;
    for (const source of sources) {
      if (!(yield* moveOne(sys, source, fileNameConcat(targetDir, lastComponentStrip(source)), opts, UNTRIED))) ok = false;
    }
    return ok ? 0 : 1;
  },
};

/** rename(2) with RENAME_NOREPLACE: null when done. */
function renameNoReplace(sys: Sys, from: string, to: string): Errno | null {
  try {
    sys.lstat(to);
    return new Errno("EEXIST");
  } catch (e) {
    const er = asErrno(e);
    if (er.code !== "ENOENT") return er;
  }
  try {
    sys.rename(from, to);
    return null;
  } catch (e) {
    return asErrno(e);
  }
}

function statOrNull(sys: Sys, path: string, follow: boolean): Stat | null {
  try {
    return follow ? sys.stat(path) : sys.lstat(path);
  } catch (e) {
    asErrno(e);
    return null;
  }
}

const sameInode = (a: Stat, b: Stat) => a.dev === b.dev && a.ino === b.ino;

/** copy.c's same_file_ok in move mode: may SOURCE replace DEST although they may be one file? */
function sameFileOk(sys: Sys, source: string, src: Stat, dst: Stat): boolean {
  if (src.type === "symlink" && dst.type === "symlink") return !sameInode(src, dst);
  // A symlink in the way is just removed, even one pointing to SOURCE.
  if (dst.type === "symlink") return src.dev === dst.dev;
  const s = src.type === "symlink" ? statOrNull(sys, source, true) : src;
  return !s || !sameInode(s, dst);
}

function writable(sys: Sys, path: string): boolean {
  try {
    sys.access(path, 2);
    return true;
  } catch (e) {
    asErrno(e);
    return false;
  }
}

/** abandon_move: true when the existing DEST is to be left alone (-n, or the answer was no). */
function* keepDestination(sys: Sys, dest: string, dst: Stat, opts: MoveOptions): Gen<boolean> {
  if (opts.interactive === "n") return true;
  const canWrite = writable(sys, dest);
  if (!(opts.interactive === "i" || (opts.interactive === undefined && sys.isatty(0) && !canWrite))) return false;
  const prog = gnuProgramName(sys);
  const mode = dst.mode & 0o7777;
  yield* err(
    sys,
    canWrite
      ? `${prog}: overwrite ${qa(dest)}? `
      : `${prog}: replace ${qa(dest)}, overriding mode ${mode.toString(8).padStart(4, "0")} (${modeString(dst.mode).slice(1)})? `,
  );
  return !(yield* askYes(sys));
}

/** copy.c's copy_internal in move mode, for one SOURCE and its DEST. false: failed (reported). */
function* moveOne(sys: Sys, source: string, dest: string, opts: MoveOptions, tried: Errno | null | undefined): Gen<boolean> {
  let renameError = tried === UNTRIED ? renameNoReplace(sys, source, dest) : tried;
  let backup: string | null = null;
  if (renameError) {
    let src: Stat;
    try {
      src = sys.lstat(source);
    } catch (e) {
      yield* warn(sys, `cannot stat ${qa(source)}: ${asErrno(e).message}`);
      return false;
    }
    const dst = statOrNull(sys, dest, false);
    if (dst) {
      if (opts.backupSuffix === null && !sameFileOk(sys, source, src, dst)) {
        yield* warn(sys, `${qa(source)} and ${qa(dest)} are the same file`);
        return false;
      }
      if (opts.update && src.type !== "dir" && dst.mtime >= src.mtime) return true;
      if (yield* keepDestination(sys, dest, dst, opts)) return true;
      if (dst.type !== "dir" && src.type === "dir" && opts.backupSuffix === null) {
        yield* warn(sys, `cannot overwrite non-directory ${qa(dest)} with directory ${qa(source)}`);
        return false;
      }
      if (dst.type === "dir" && src.type !== "dir" && opts.backupSuffix === null) {
        yield* warn(sys, `cannot overwrite directory ${qa(dest)} with non-directory`);
        return false;
      }
      if (opts.backupSuffix !== null) {
        backup = dest + opts.backupSuffix;
        try {
          sys.rename(dest, backup);
        } catch (e) {
          yield* warn(sys, `cannot backup ${qa(dest)}: ${asErrno(e).message}`);
          return false;
        }
      }
    }
    if (renameError.code === "EEXIST") {
      try {
        sys.rename(source, dest);
        renameError = null;
      } catch (e) {
        renameError = asErrno(e);
      }
    }
    if (renameError?.code === "EINVAL") {
      yield* warn(sys, `cannot move ${qa(source)} to a subdirectory of itself, ${qa(dest)}`);
      return false;
    }
    if (renameError && renameError.code !== "EXDEV") {
      yield* warn(sys, `cannot move ${qa(source)} to ${qa(dest)}: ${renameError.message}`);
      return false;
    }
    if (renameError) return yield* moveAcross(sys, source, dest, src, opts);
  }
  if (opts.verbose) yield* out(sys, `renamed ${qa(source)} -> ${qa(dest)}${backup !== null ? ` (backup: ${qa(backup)})` : ""}\n`);
  return true;
}

/** Across file systems: remove what DEST was, copy SOURCE as cp -a would, then remove SOURCE. */
function* moveAcross(sys: Sys, source: string, dest: string, src: Stat, opts: MoveOptions): Gen<boolean> {
  try {
    if (src.type === "dir") sys.rmdir(dest);
    else sys.unlink(dest);
  } catch (e) {
    const er = asErrno(e);
    if (er.code !== "ENOENT") {
      yield* warn(sys, `inter-device move failed: ${qa(source)} to ${qa(dest)}; unable to remove target: ${er.message}`);
      return false;
    }
  }
  const ctx = new CopyContext(sys);
  if (!(yield* copyFile(ctx, source, dest, { recursive: true, preserve: true, verbose: opts.verbose, verboseMove: true }))) return false;
  return yield* removeFile(sys, source, { recursive: true, force: true, verbose: opts.verbose });
}
