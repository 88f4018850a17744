/**
 * The client's side of `docker cp` on the host: reading a local path into tar members and
 * extracting members into a local directory, through the calling process's system calls (so the
 * user's permissions apply, as with the real client), plus the path rules of Go's archive package
 * (CopyInfoDestinationPath, PrepareArchiveCopy, RebaseArchiveEntries).
 */
import { Errno, type Sys } from "../../kernel";
import type { FileEntry } from "../../kernel/fs/entries";
import { entryData, type TarItem, type TarMemberRead } from "../images/tar";
import { type IdNames, idNamesFrom } from "../images/tree";

/** Go's error text for a failed system call on a path: "lstat /x: no such file or directory". */
export function pathError(op: string, path: string, e: Errno): string {
  return `${op} ${path}: ${errnoText(e.code)}`;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  EEXIST: "file exists",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EPERM: "operation not permitted",
  ELOOP: "too many levels of symbolic links",
};

export function errnoText(code: string): string {
  return ERRNO_TEXT[code] ?? code;
}

export class CopyError extends Error {}

function wrap<T>(op: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Errno) throw new CopyError(`${op} ${path}: ${errnoText(e.code)}`);
    throw e;
  }
}

function readOr(sys: Sys, path: string): string {
  try {
    return sys.readFile(path);
  } catch (e) {
    if (e instanceof Errno) return "";
    throw e;
  }
}

export function sysIdNames(sys: Sys): IdNames {
  return idNamesFrom(readOr(sys, "/etc/passwd"), readOr(sys, "/etc/group"));
}

const clean = (p: string): string => {
  const abs = p.startsWith("/");
  const parts: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (!abs) parts.push("..");
    } else parts.push(s);
  }
  const j = parts.join("/");
  return abs ? `/${j}` : j || ".";
};

export const dirOf = (p: string): string => {
  const c = clean(p);
  const i = c.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : c.slice(0, i);
};

const baseOf = (p: string): string => {
  const c = clean(p);
  return c === "/" ? "/" : c.slice(c.lastIndexOf("/") + 1);
};

/** Go's SplitPathDirEntry: a trailing "/." counts as naming the directory's contents ("."). */
export function splitPathDirEntry(path: string): [string, string] {
  let c = clean(path);
  if (path.endsWith("/.") || path === ".") c = c === "/" ? "/." : `${c}/.`;
  const i = c.lastIndexOf("/");
  if (i < 0) return [".", c];
  return [i === 0 ? "/" : c.slice(0, i), c.slice(i + 1) || "/"];
}

/** filepath.Abs, keeping a trailing "/" or "/." the user typed (PreserveTrailingDotOrSeparator). */
export function absPath(sys: Sys, p: string): string {
  const abs = clean(p.startsWith("/") ? p : `${sys.getcwd()}/${p}`);
  if (p.endsWith("/.") || p === ".") return abs === "/" ? "/." : `${abs}/.`;
  if (p.endsWith("/") && abs !== "/") return `${abs}/`;
  return abs;
}

export const assertsDirectory = (p: string) => p.endsWith("/") || p.endsWith("/.") || p === ".";

export interface CopyInfo {
  path: string;
  exists: boolean;
  isDir: boolean;
  rebaseName?: string;
}

/** Where an archive goes and how its names change (PrepareArchiveCopy). */
export function prepareArchiveCopy(src: CopyInfo, dst: CopyInfo): { dir: string; rebase?: [string, string] } {
  const [dstDir, dstBase] = splitPathDirEntry(dst.path);
  let srcBase = splitPathDirEntry(src.path)[1];
  if (dst.exists && dst.isDir) return { dir: dst.path };
  if (dst.exists && src.isDir) throw new CopyError("cannot copy directory");
  if (!dst.exists && !src.isDir && assertsDirectory(dst.path)) throw new CopyError("no such directory");
  if (src.rebaseName) srcBase = src.rebaseName;
  return { dir: dstDir, rebase: [srcBase, dstBase] };
}

/** RebaseArchiveEntries: the first occurrence of oldBase in each name becomes newBase. */
export function rebaseEntries<T extends TarItem | TarMemberRead>(items: readonly T[], oldBase: string, newBase: string): T[] {
  return items.map((m) => {
    const first = m.name.split("/")[0];
    if (first !== oldBase && oldBase !== "/") return m;
    const name = oldBase === "/" ? `${newBase}/${m.name}` : m.name.replace(oldBase, newBase);
    const entry: FileEntry = { ...m.entry, path: name.replace(/^\.\//, "").replace(/\/$/, "") };
    if (entry.type === "hardlink" && entry.target !== undefined && entry.target.split("/")[0] === oldBase) entry.target = entry.target.replace(oldBase, newBase);
    return { ...m, name, entry };
  });
}

/** CopyInfoDestinationPath: the destination, following symlinks; its parent must exist. */
export function destinationInfo(sys: Sys, path: string): CopyInfo {
  let p = path;
  for (let i = 0; i < 32; i++) {
    let st: ReturnType<Sys["lstat"]>;
    try {
      st = sys.lstat(p);
    } catch (e) {
      if (!(e instanceof Errno) || e.code !== "ENOENT") throw e instanceof Errno ? new CopyError(pathError("lstat", p, e)) : e;
      wrap("stat", dirOf(p), () => sys.stat(dirOf(p)));
      return { path: p, exists: false, isDir: false };
    }
    if (st.type !== "symlink") return { path: p, exists: true, isDir: st.type === "dir" };
    const target = sys.readlink(p);
    p = target.startsWith("/") ? target : `${dirOf(p)}/${target}`;
  }
  throw new CopyError(`too many symlinks in ${path}`);
}

/** CopyInfoSourcePath: the host source (its parent's symlinks resolved; the last one with -L). */
export function sourceInfo(sys: Sys, path: string, followLink: boolean): CopyInfo {
  const trailing = assertsDirectory(path);
  let resolved: string;
  let rebaseName: string | undefined;
  if (followLink) {
    resolved = realpathOf(sys, path);
    if (baseOf(resolved) !== baseOf(path)) rebaseName = baseOf(path);
  } else {
    const [dir, base] = [dirOf(path), path.endsWith("/") ? "" : baseOf(path)];
    const rdir = realpathOf(sys, dir);
    resolved = base === "" ? realpathOf(sys, path) : rdir === "/" ? `/${base}` : `${rdir}/${base}`;
    if (trailing && baseOf(path) !== baseOf(resolved)) rebaseName = baseOf(path);
  }
  const st = wrap("lstat", resolved, () => sys.lstat(resolved));
  if (trailing && st.type !== "dir") throw new CopyError("not a directory");
  return { path: path.endsWith("/.") ? `${resolved}/.` : resolved, exists: true, isDir: st.type === "dir", rebaseName };
}

function realpathOf(sys: Sys, path: string): string {
  try {
    return sys.realpath(path);
  } catch (e) {
    if (e instanceof Errno) {
      // EvalSymlinks reports the first component that is missing.
      const parts = clean(path).split("/").filter(Boolean);
      let cur = "";
      for (const part of parts) {
        cur += `/${part}`;
        try {
          sys.lstat(cur);
        } catch (e2) {
          if (e2 instanceof Errno) throw new CopyError(pathError("lstat", cur, e2));
          throw e2;
        }
      }
      throw new CopyError(pathError("lstat", path, e));
    }
    throw e;
  }
}

/** A host path read into tar members named under `base` (TarResourceRebase). */
export function readHostTree(sys: Sys, path: string, base: string, names: IdNames): TarItem[] {
  const out: TarItem[] = [];
  const seen = new Map<string, string>();
  const visit = (p: string, name: string) => {
    const st = wrap("lstat", p, () => sys.lstat(p));
    if (st.type === "socket") return;
    const entry: FileEntry = { path: name.replace(/\/$/, ""), type: st.type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtime) };
    const item: TarItem = { name, entry, uname: names.user(st.uid), gname: names.group(st.gid) };
    if (st.type !== "dir" && st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = seen.get(key);
      if (first !== undefined) {
        item.entry = { ...entry, type: "hardlink", target: first };
        out.push(item);
        return;
      }
      seen.set(key, name);
    }
    if (st.type === "file") entry.content = wrap("open", p, () => sys.readFile(p));
    else if (st.type === "symlink") entry.target = sys.readlink(p);
    else if (st.type === "char" || st.type === "block") entry.rdev = st.rdev;
    out.push(item);
    if (st.type !== "dir") return;
    const children = wrap("open", p, () => sys.readdir(p))
      .filter((n) => n !== "." && n !== "..")
      .sort();
    for (const c of children) {
      const cp = p === "/" ? `/${c}` : `${p}/${c}`;
      let isDir = false;
      try {
        isDir = sys.lstat(cp).type === "dir";
      } catch {
        // vanished meanwhile
      }
      visit(cp, `${name}${c}${isDir ? "/" : ""}`);
    }
  };
  const isDir = wrap("lstat", path, () => sys.lstat(path)).type === "dir";
  visit(path, isDir ? `${base}/` : base);
  return out;
}

/**
 * Go's Untar on the client (NoLchown, NoOverwriteDirNonDir): members go under `dest`, files are
 * owned by the caller, modes and times come from the archive (directory times last).
 */
export function extractOnHost(sys: Sys, dest: string, members: ReadonlyArray<TarItem | TarMemberRead>) {
  const join = (p: string) => (dest === "/" ? `/${p}` : `${dest.replace(/\/\.?$/, "")}/${p}`);
  const lstat = (p: string) => {
    try {
      return sys.lstat(p);
    } catch (e) {
      if (e instanceof Errno) return null;
      throw e;
    }
  };
  const dirTimes: Array<[string, number]> = [];
  for (const m of members) {
    const e = m.entry;
    if (e.path === "") continue;
    const target = join(e.path);
    const parts = e.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const p = join(parts.slice(0, i).join("/"));
      if (!lstat(p)) wrap("mkdir", p, () => sys.mkdir(p, 0o755));
    }
    const existing = lstat(target);
    if (existing) {
      if (existing.type === "dir" && e.type !== "dir") throw new CopyError(`cannot overwrite directory "${target}" with non-directory "${e.path}"`);
      if (existing.type !== "dir" && e.type === "dir") throw new CopyError(`cannot overwrite non-directory "${target}" with directory "${e.path}"`);
      if (existing.type !== "dir") wrap("unlinkat", target, () => sys.unlink(target));
    }
    switch (e.type) {
      case "dir":
        if (!existing) wrap("mkdir", target, () => sys.mkdir(target, e.mode & 0o7777));
        break;
      case "file":
        wrap("open", target, () => sys.writeFile(target, entryData(e), { mode: e.mode & 0o7777 }));
        break;
      case "symlink":
        wrap("symlink", target, () => sys.symlink(e.target ?? "", target));
        break;
      case "hardlink":
        wrap("link", target, () => sys.link(join(e.target ?? ""), target));
        continue;
      default:
        wrap("mknod", target, () => sys.mknod(target, (e.type === "char" ? 0o020000 : e.type === "block" ? 0o060000 : 0o010000) | (e.mode & 0o7777), e.rdev));
    }
    if (e.type !== "symlink") wrap("chmod", target, () => sys.chmod(target, e.mode & 0o7777));
    if (e.type === "dir") dirTimes.push([target, e.mtime]);
    else wrap("utimes", target, () => sys.utimes(target, e.mtime, e.mtime, { nofollow: true }));
  }
  for (const [p, t] of dirTimes) wrap("utimes", p, () => sys.utimes(p, t, t));
}
