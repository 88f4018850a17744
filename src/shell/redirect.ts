/**
 * Redirections. For builtins, functions and compound commands they apply to the shell itself and
 * are undone afterwards (the old fds are parked at 10 and above); in a child about to exec they
 * apply for good.
 */
import type { Gen, OpenFlags } from "../kernel/api";
import { Errno } from "../kernel/errno";
import type { Redir } from "./ast";
import type { Shell } from "./shell";

/** How to undo one redirection: put `saved` back on `fd`, or close `fd` when it was not open. */
export interface SavedFd {
  fd: number;
  saved: number | null;
}

/** ash's errmsg(): its own words for "no such file" cases, strerror otherwise. */
function errmsg(e: Errno, forNoEnt: string): string {
  return e.code === "ENOENT" || e.code === "ENOTDIR" ? forNoEnt : e.message;
}

function isOpen(sh: Shell, fd: number): boolean {
  return sh.sys.fds().includes(fd);
}

/** Parks a copy of `fd` at the first free descriptor >= 10. */
function park(sh: Shell, fd: number): number | null {
  if (!isOpen(sh, fd)) return null;
  const open = new Set(sh.sys.fds());
  let to = 10;
  while (open.has(to)) to++;
  sh.sys.dup2(fd, to);
  sh.savedFds.add(to);
  return to;
}

function moveTo(sh: Shell, from: number, fd: number): void {
  if (from === fd) return;
  sh.sys.dup2(from, fd);
  sh.sys.close(from);
}

/** Applies redirections in order. With `save`, returns what restoreRedirs needs to undo them. */
export function* applyRedirs(sh: Shell, redirs: Redir[], save: boolean): Gen<SavedFd[]> {
  const saved: SavedFd[] = [];
  try {
    for (const r of redirs) {
      try {
        yield* applyOne(sh, r, save ? saved : null);
      } catch (e) {
        // A descriptor the kernel refuses (RLIMIT_NOFILE): ash's "sh: 10: Bad file descriptor".
        if (e instanceof Errno && (e.code === "EMFILE" || e.code === "EBADF")) yield* sh.fail(`${r.fd}: Bad file descriptor`, 1);
        throw e;
      }
    }
  } catch (e) {
    if (save && !sh.unwinding) restoreRedirs(sh, saved);
    throw e;
  }
  return saved;
}

function remember(sh: Shell, fd: number, saved: SavedFd[] | null): void {
  if (!saved || saved.some((s) => s.fd === fd)) return;
  saved.push({ fd, saved: park(sh, fd) });
}

function* applyOne(sh: Shell, r: Redir, saved: SavedFd[] | null): Gen<void> {
  const sys = sh.sys;
  if (r.op === "<<" || r.op === "<<-") {
    const body = r.heredocQuoted
      ? r.target.parts.map((p) => (p.type === "lit" ? p.value : "")).join("")
      : yield* sh.expander.string(r.target, { tilde: false });
    remember(sh, r.fd, saved);
    const rfd = yield* hereDocFd(sh, body);
    moveTo(sh, rfd, r.fd);
    return;
  }
  const target = yield* sh.expander.string(r.target);
  if (r.op === "<&" || r.op === ">&") {
    if (target === "-") {
      remember(sh, r.fd, saved);
      if (isOpen(sh, r.fd)) sys.close(r.fd);
      return;
    }
    if (/^\d+$/.test(target)) {
      const from = Number(target);
      if (from === r.fd) return;
      if (!isOpen(sh, from)) return yield* sh.fail(`${from}: Bad file descriptor`, 1);
      remember(sh, r.fd, saved);
      sys.dup2(from, r.fd);
      return;
    }
    if (r.op === "<&" || r.fd !== 1) return yield* sh.fail("redir error");
    // ">&file" is "&>file"
    yield* openOnto(sh, target, { write: true, create: true, trunc: true }, [1, 2], saved);
    return;
  }
  switch (r.op) {
    case "<":
      yield* openOnto(sh, target, { read: true }, [r.fd], saved);
      return;
    case ">":
      yield* openOnto(
        sh,
        target,
        { write: true, create: true, trunc: true, excl: sh.options.has("C") },
        [r.fd],
        saved,
      );
      return;
    case ">|":
      yield* openOnto(sh, target, { write: true, create: true, trunc: true }, [r.fd], saved);
      return;
    case ">>":
      yield* openOnto(sh, target, { write: true, create: true, append: true }, [r.fd], saved);
      return;
    case "<>":
      yield* openOnto(sh, target, { read: true, write: true, create: true }, [r.fd], saved);
      return;
    case "&>":
      yield* openOnto(sh, target, { write: true, create: true, trunc: true }, [1, 2], saved);
      return;
  }
}

function* openOnto(
  sh: Shell,
  path: string,
  flags: OpenFlags,
  fds: number[],
  saved: SavedFd[] | null,
): Gen<void> {
  for (const target of fds) remember(sh, target, saved);
  let fd: number;
  try {
    if (flags.excl) {
      // noclobber refuses only existing regular files
      let regular = false;
      try {
        regular = sh.sys.stat(path).type === "file";
      } catch {
        regular = false;
      }
      if (regular) throw new Errno("EEXIST");
      fd = sh.sys.open(path, { ...flags, excl: false }, 0o666);
    } else fd = sh.sys.open(path, flags, 0o666);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    if (flags.write) return yield* sh.fail(`can't create ${path}: ${errmsg(e, "nonexistent directory")}`, 1);
    return yield* sh.fail(`can't open ${path}: ${errmsg(e, "no such file")}`, 1);
  }
  const [first, ...rest] = fds;
  if (fd !== first) {
    sh.sys.dup2(fd, first);
  }
  for (const t of rest) sh.sys.dup2(first, t);
  if (fd !== first && !fds.includes(fd)) sh.sys.close(fd);
}

/** A pipe whose read end yields the here-document. Big bodies are written by a child, as ash does. */
function* hereDocFd(sh: Shell, body: string): Gen<number> {
  const [r, w] = sh.sys.pipe();
  if (body.length <= 4096) {
    if (body !== "") yield* sh.sys.write(w, body);
    sh.sys.close(w);
    return r;
  }
  yield* sh.fork(function* (child) {
    child.sys.close(r);
    try {
      yield* child.sys.write(w, body);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
    return 0;
  });
  sh.sys.close(w);
  return r;
}

export function restoreRedirs(sh: Shell, saved: SavedFd[]): void {
  for (let i = saved.length - 1; i >= 0; i--) {
    const s = saved[i];
    try {
      if (s.saved === null) {
        if (isOpen(sh, s.fd)) sh.sys.close(s.fd);
      } else {
        sh.sys.dup2(s.saved, s.fd);
        sh.sys.close(s.saved);
        sh.savedFds.delete(s.saved);
      }
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }
}
