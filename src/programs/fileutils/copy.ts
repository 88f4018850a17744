/** libbb copy_file(): what cp does for each operand, and mv falls back to across filesystems. */
import type { Gen, Stat, Sys } from "../../kernel/api";
import { gnuTool } from "../gnu/flavour";
import { quoteAlways } from "../gnu/quote";
import { asErrno, err, warn } from "../lib/io";
import { joinPath } from "./common";
import { askYes } from "./remove";

export interface CopyFlags {
  recursive?: boolean;
  /** Follow symlinks everywhere (cp without -R, or -L). */
  deref?: boolean;
  /** Follow symlinks on the command line only (-H); cleared below the top level. */
  derefTop?: boolean;
  preserve?: boolean;
  force?: boolean;
  interactive?: boolean;
  noClobber?: boolean;
  update?: boolean;
  softLink?: boolean;
  hardLink?: boolean;
  verbose?: boolean;
  /** GNU mv across file systems: -v says "created directory" and "copied". */
  verboseMove?: boolean;
  /** The command-line source and destination this copy descends from (GNU names them in errors). */
  top?: [string, string];
}

/** State shared across one cp run: directories it created and files it copied, by dev:ino. */
export class CopyContext {
  readonly createdDirs = new Set<string>();
  readonly copiedFiles = new Map<string, string>();
  /** GNU cp found it was copying a directory into itself. */
  intoSelf = false;
  constructor(readonly sys: Sys) {}
}

const key = (st: Stat) => `${st.dev}:${st.ino}`;

/** Returns false when the copy was not made (already reported). */
export function* copyFile(ctx: CopyContext, source: string, dest: string, flags: CopyFlags): Gen<boolean> {
  const sys = ctx.sys;
  const gnu = gnuTool(sys) !== undefined;
  const top = flags.top ?? [source, dest];
  const deref = flags.deref || flags.derefTop;
  let src: Stat;
  try {
    src = deref ? sys.stat(source) : sys.lstat(source);
  } catch (e) {
    const er = asErrno(e);
    // A dangling symlink can still be linked to.
    if (flags.softLink || flags.hardLink) return yield* makeLink(ctx, source, dest, flags);
    yield* warn(sys, `can't stat '${source}': ${er.message}`);
    return false;
  }
  let dst: Stat | null = null;
  try {
    dst = sys.lstat(dest);
  } catch (e) {
    const er = asErrno(e);
    if (er.code !== "ENOENT") {
      yield* warn(sys, `can't stat '${dest}': ${er.message}`);
      return false;
    }
  }
  if (dst) {
    if (src.dev === dst.dev && src.ino === dst.ino) {
      yield* warn(sys, `'${source}' and '${dest}' are the same file`);
      return false;
    }
    if (flags.noClobber) return true;
  }

  if (src.type === "dir") {
    if (!flags.recursive) {
      yield* warn(sys, `omitting directory '${source}'`);
      return false;
    }
    if (ctx.createdDirs.has(key(src))) {
      if (gnu) {
        ctx.intoSelf = true;
        yield* warn(sys, `cannot copy a directory, ${quoteAlways(top[0])}, into itself, ${quoteAlways(top[1])}`);
      }
      else yield* warn(sys, `recursion detected, omitting directory '${source}'`);
      return false;
    }
    const umask = sys.umask();
    if (dst) {
      if (dst.type !== "dir") {
        if (gnu) yield* warn(sys, `cannot overwrite non-directory ${quoteAlways(dest)} with directory ${quoteAlways(source)}`);
        else yield* warn(sys, `target '${dest}' is not a directory`);
        return false;
      }
    } else {
      let mode = flags.preserve ? src.mode & 0o7777 : src.mode & 0o7777 & ~umask;
      // Let the owner fill the new directory; the final mode is set afterwards.
      mode |= 0o700;
      const old = sys.umask(0);
      try {
        sys.mkdir(dest, mode);
      } catch (e) {
        sys.umask(old);
        yield* warn(sys, `can't create directory '${dest}': ${asErrno(e).message}`);
        return false;
      }
      sys.umask(old);
      // GNU announces a directory when it creates it, before its contents.
      if (gnu && flags.verbose) yield* sys.write(1, verboseLine(source, dest, flags, true, true));
    }
    let created: Stat;
    try {
      created = sys.lstat(dest);
    } catch (e) {
      yield* warn(sys, `can't stat '${dest}': ${asErrno(e).message}`);
      return false;
    }
    ctx.createdDirs.add(key(created));
    let ok = true;
    let entries: string[] = [];
    try {
      entries = sys.readdir(source);
    } catch (e) {
      asErrno(e);
      ok = false;
    }
    for (const name of entries) {
      if (name === "." || name === "..") continue;
      const sub = { ...flags, derefTop: false, top };
      if (!(yield* copyFile(ctx, joinPath(source, name), joinPath(dest, name), sub))) ok = false;
      // GNU stops copying a directory into itself at once, at every level.
      if (ctx.intoSelf) break;
    }
    if (!dst) {
      try {
        sys.chmod(dest, src.mode & 0o7777 & ~umask);
      } catch (e) {
        yield* warn(sys, `can't preserve permissions of '${dest}': ${asErrno(e).message}`);
      }
    }
    yield* preserve(sys, src, dest, flags);
    if (flags.verbose && !gnu) yield* sys.write(1, `'${source}' -> '${dest}'\n`);
    return ok;
  }

  if (dst) {
    if (gnu && dst.type === "dir") {
      yield* warn(sys, `cannot overwrite directory ${quoteAlways(dest)} with non-directory`);
      return false;
    }
    if (flags.update && src.mtime <= dst.mtime) return true;
    if (flags.interactive) {
      yield* err(sys, `${progName(sys)}: overwrite '${dest}'? `);
      if (!(yield* askYes(sys))) return true;
    }
  }

  if (flags.softLink || flags.hardLink) return yield* makeLink(ctx, source, dest, flags);

  if (!flags.recursive || src.type === "file") {
    if (!(deref && src.type !== "symlink") && src.type === "symlink") {
      return yield* copySpecial(ctx, source, dest, src, dst !== null, flags);
    }
    if (!deref) {
      const linkTarget = ctx.copiedFiles.get(key(src));
      if (linkTarget !== undefined) {
        try {
          sys.link(linkTarget, dest);
        } catch (e) {
          const first = asErrno(e);
          const again = yield* askAndUnlink(sys, dest, flags, first);
          if (again <= 0) return again === 0;
          try {
            sys.link(linkTarget, dest);
          } catch (e2) {
            yield* warn(sys, `can't create link '${dest}': ${asErrno(e2).message}`);
            return false;
          }
        }
        return true;
      }
      ctx.copiedFiles.set(key(src), dest);
    }
    let srcFd: number;
    try {
      srcFd = sys.open(source, { read: true });
    } catch (e) {
      yield* warn(sys, `can't open '${source}': ${asErrno(e).message}`);
      return false;
    }
    const newMode = src.type === "file" ? src.mode & 0o7777 : 0o666;
    let dstFd: number;
    try {
      dstFd = sys.open(dest, { write: true, create: true, trunc: true }, newMode);
    } catch (e) {
      const first = asErrno(e);
      const again = yield* askAndUnlink(sys, dest, flags, first);
      if (again <= 0) {
        sys.close(srcFd);
        return again === 0;
      }
      try {
        dstFd = sys.open(dest, { write: true, create: true, excl: true }, newMode);
      } catch (e2) {
        sys.close(srcFd);
        yield* warn(sys, `can't open '${dest}': ${asErrno(e2).message}`);
        return false;
      }
    }
    let ok = true;
    try {
      for (;;) {
        const chunk = yield* sys.read(srcFd, 65536);
        if (chunk === "") break;
        yield* sys.write(dstFd, chunk);
      }
    } catch (e) {
      yield* warn(sys, asErrno(e).message);
      ok = false;
    }
    sys.close(dstFd);
    sys.close(srcFd);
    // "cp /dev/something file" does not take /dev/something's mode.
    if (src.type !== "file") return ok;
    yield* preserve(sys, src, dest, flags);
    if (flags.verbose) yield* sys.write(1, verboseLine(source, dest, flags, false, gnuTool(sys) !== undefined));
    return ok;
  }
  return yield* copySpecial(ctx, source, dest, src, dst !== null, flags);
}

/** What -v prints for one copy ("'a' -> 'b'"; GNU mv across file systems words it its own way). */
function verboseLine(source: string, dest: string, flags: CopyFlags, isDir: boolean, gnu: boolean): string {
  if (gnu && !flags.verboseMove) return `${quoteAlways(source)} -> ${quoteAlways(dest)}\n`;
  if (!flags.verboseMove) return `'${source}' -> '${dest}'\n`;
  return isDir ? `created directory ${quoteAlways(dest)}\n` : `copied ${quoteAlways(source)} -> ${quoteAlways(dest)}\n`;
}

function progName(sys: Sys): string {
  const a0 = sys.argv[0] ?? "";
  return a0.slice(a0.lastIndexOf("/") + 1);
}

/** Symlinks and device/fifo/socket nodes are recreated, not read. */
function* copySpecial(ctx: CopyContext, source: string, dest: string, src: Stat, destExists: boolean, flags: CopyFlags): Gen<boolean> {
  const sys = ctx.sys;
  if (destExists) {
    const again = yield* askAndUnlink(sys, dest, flags, null);
    if (again <= 0) return again === 0;
  }
  if (src.type === "symlink") {
    let target: string;
    try {
      target = sys.readlink(source);
    } catch (e) {
      yield* warn(sys, `${source}: cannot read link: ${asErrno(e).message}`);
      return true;
    }
    try {
      sys.symlink(target, dest);
    } catch (e) {
      yield* warn(sys, `can't create symlink '${dest}' to '${target}': ${asErrno(e).message}`);
      return false;
    }
    if (flags.preserve) {
      try {
        sys.chown(dest, src.uid, src.gid, { nofollow: true });
      } catch (e) {
        yield* warn(sys, `can't preserve ownership of '${dest}': ${asErrno(e).message}`);
      }
    }
    if (flags.verbose) yield* sys.write(1, verboseLine(source, dest, flags, false, gnuTool(sys) !== undefined));
    return true;
  }
  try {
    sys.mknod(dest, src.mode, src.rdev);
  } catch (e) {
    yield* warn(sys, `can't create '${dest}': ${asErrno(e).message}`);
    return false;
  }
  yield* preserve(sys, src, dest, flags);
  if (flags.verbose) yield* sys.write(1, verboseLine(source, dest, flags, false, gnuTool(sys) !== undefined));
  return true;
}

function* makeLink(ctx: CopyContext, source: string, dest: string, flags: CopyFlags): Gen<boolean> {
  const sys = ctx.sys;
  const make = () => (flags.softLink ? sys.symlink(source, dest) : sys.link(source, dest));
  try {
    make();
  } catch (e) {
    const first = asErrno(e);
    const again = yield* askAndUnlink(sys, dest, flags, first);
    if (again <= 0) return again === 0;
    try {
      make();
    } catch (e2) {
      yield* warn(sys, `can't create link '${dest}': ${asErrno(e2).message}`);
      return false;
    }
  }
  return true;
}

/**
 * After a failed create: without -f/-i it is an error; otherwise (asking first with -i) remove the
 * destination so the caller can try again. 1 = try again, 0 = declined, -1 = error (reported).
 */
function* askAndUnlink(sys: Sys, dest: string, flags: CopyFlags, cause: import("../../kernel/errno").Errno | null): Gen<number> {
  const causeMsg = cause ? cause.message : "File exists";
  if (!flags.force && !flags.interactive) {
    yield* warn(sys, `can't create '${dest}': ${causeMsg}`);
    return -1;
  }
  if (flags.interactive) {
    yield* err(sys, `${progName(sys)}: overwrite '${dest}'? `);
    if (!(yield* askYes(sys))) return 0;
  }
  try {
    sys.unlink(dest);
  } catch (e) {
    asErrno(e);
    yield* warn(sys, `can't create '${dest}': ${causeMsg}`);
    return -1;
  }
  return 1;
}

/** -p: times, owner and mode of the source (failures are reported but the copy stands). */
function* preserve(sys: Sys, src: Stat, dest: string, flags: CopyFlags): Gen<void> {
  if (!flags.preserve) return;
  let mode = src.mode & 0o7777;
  try {
    sys.utimes(dest, src.mtime, src.mtime);
  } catch (e) {
    yield* warn(sys, `can't preserve times of '${dest}': ${asErrno(e).message}`);
  }
  try {
    sys.chown(dest, src.uid, src.gid);
  } catch (e) {
    mode &= ~0o6000;
    yield* warn(sys, `can't preserve ownership of '${dest}': ${asErrno(e).message}`);
  }
  try {
    sys.chmod(dest, mode);
  } catch (e) {
    yield* warn(sys, `can't preserve permissions of '${dest}': ${asErrno(e).message}`);
  }
}
