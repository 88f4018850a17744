/**
 * The VFS: path resolution across mounts and symlinks, permission checks, and the path-based file
 * operations system calls use. Drivers (driver.ts) know single filesystems; this file knows how they
 * are stacked into a tree per mount namespace.
 */
import type { FileType, Stat } from "../api";
import { Errno } from "../errno";
import type { Loc, Mount, NodeId, SuperBlock } from "../world";
import type { FsDriver, FsHost, NewNode, SetAttr } from "./driver";
import { inWalkScope } from "./walk-scope";
import { mountNsTableAt } from "./deferred-mounts";
import { ALL_CAPS, hasCap } from "../caps";

export const PATH_MAX = 4096;
export const NAME_MAX = 255;
const SYMLOOP_MAX = 40;

export interface Cred {
  uid: number;
  gid: number;
  groups: number[];
  /** Effective capabilities (caps.ts). Left out by the kernel's and engine's own walks: uid 0 then has all. */
  caps?: number;
}

/** The capabilities a cred acts with. */
export function credCaps(cred: Cred): number {
  return cred.caps ?? (cred.uid === 0 ? ALL_CAPS : 0);
}

/** May this cred search every directory (CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH)? */
function searchesAll(cred: Cred): boolean {
  const caps = credCaps(cred);
  return hasCap(caps, "DAC_OVERRIDE") || hasCap(caps, "DAC_READ_SEARCH");
}

/** Who is looking up a path, and from where. */
export interface Walker {
  root: Loc;
  cwd: Loc;
  cred: Cred;
}

export function sameLoc(a: Loc, b: Loc): boolean {
  return a.mnt === b.mnt && a.fs === b.fs && a.node === b.node;
}

export function mountKey(mnt: number, fs: string, node: NodeId): string {
  return `${mnt}:${fs}:${node}`;
}

export class Vfs {
  constructor(private readonly h: FsHost) {}

  sb(fs: string): SuperBlock {
    const sb = this.h.w.fs[fs];
    if (!sb) throw new Errno("ENOENT");
    return sb;
  }

  drv(fs: string): FsDriver {
    return this.h.driver(this.sb(fs));
  }

  mount(id: number): Mount {
    return this.h.w.mounts[id];
  }

  /** The file type at `loc`, cheaply when the driver can tell without a whole stat. */
  kindOf(loc: Loc): FileType {
    const sb = this.sb(loc.fs);
    const drv = this.h.driver(sb);
    return drv.kindOf ? drv.kindOf(this.h, sb, loc.node) : drv.getattr(this.h, sb, loc.node).type;
  }

  stat(loc: Loc): Stat {
    const sb = this.sb(loc.fs);
    const s = this.h.driver(sb).getattr(this.h, sb, loc.node);
    // Field by field (drivers build their part with makeStat): `{ dev, ...s }` copies far slower.
    return {
      dev: sb.dev,
      ino: s.ino,
      mode: s.mode,
      type: s.type,
      nlink: s.nlink,
      uid: s.uid,
      gid: s.gid,
      rdev: s.rdev,
      size: s.size,
      blocks: s.blocks,
      blksize: s.blksize,
      atime: s.atime,
      mtime: s.mtime,
      ctime: s.ctime,
      atimeNs: s.atimeNs,
      mtimeNs: s.mtimeNs,
      ctimeNs: s.ctimeNs,
    };
  }

  /** If a mount covers `loc`, the root of the topmost one; else `loc`. */
  private crossMounts(loc: Loc): Loc {
    const ns = mountNsTableAt(this.h, loc.mnt, loc.node);
    for (;;) {
      const top = ns.index[mountKey(loc.mnt, loc.fs, loc.node)];
      if (top === undefined) return loc;
      const m = this.mount(top);
      loc = { mnt: m.id, fs: m.fs, node: m.root };
    }
  }

  private parentOf(loc: Loc, root: Loc): Loc {
    if (sameLoc(loc, root)) return loc;
    for (;;) {
      const m = this.mount(loc.mnt);
      if (loc.node !== m.root || m.parent === m.id) break;
      loc = { mnt: m.parent, fs: m.mountpoint.fs, node: m.mountpoint.node };
      if (sameLoc(loc, root)) return loc;
    }
    return { ...loc, node: this.drv(loc.fs).lookup(this.h, this.sb(loc.fs), loc.node, "..") };
  }

  /** May `cred` access a file with this stat for r (4), w (2), x (1)? */
  permitted(cred: Cred, st: Stat, want: number): boolean {
    let bits: number;
    if (st.uid === cred.uid) bits = (st.mode >> 6) & 7;
    else if (st.gid === cred.gid || cred.groups.includes(st.gid)) bits = (st.mode >> 3) & 7;
    else bits = st.mode & 7;
    if ((bits & want) === want) return true;
    // generic_permission(): CAP_DAC_OVERRIDE passes everything but executing a file with no x bit;
    // CAP_DAC_READ_SEARCH passes reading files and reading or searching directories.
    const caps = credCaps(cred);
    if (hasCap(caps, "DAC_OVERRIDE") && ((want & 1) === 0 || st.type === "dir" || (st.mode & 0o111) !== 0)) return true;
    return hasCap(caps, "DAC_READ_SEARCH") && (want & 2) === 0 && (st.type === "dir" || (want & 1) === 0);
  }

  checkAccess(cred: Cred, loc: Loc, want: number) {
    if (!this.permitted(cred, this.stat(loc), want)) throw new Errno("EACCES");
  }

  /**
   * Resolves a path. `follow`: follow a symlink in the last component. With `parent`, resolves all
   * but the last component and returns that directory and the last name ("" for "/").
   */
  walk(w: Walker, path: string, follow: boolean): Loc {
    return inWalkScope(() => this.walkFrom(w, path, follow, 0, false)!.loc);
  }

  /** walk(), answering null where it would throw ENOENT (a missing name costs no exception). */
  tryWalk(w: Walker, path: string, follow: boolean): Loc | null {
    try {
      return inWalkScope(() => this.walkFrom(w, path, follow, 0, true)?.loc ?? null);
    } catch (e) {
      if (e instanceof Errno && e.code === "ENOENT") return null;
      throw e;
    }
  }

  walkParent(w: Walker, path: string): { dir: Loc; name: string; trailingSlash: boolean } {
    if (path === "") throw new Errno("ENOENT");
    if (path.length >= PATH_MAX) throw new Errno("ENAMETOOLONG");
    const trailingSlash = /\/+$/.test(path) && path.replace(/\/+$/, "") !== "";
    const trimmed = path.replace(/\/+$/, "");
    const slash = trimmed.lastIndexOf("/");
    const name = trimmed.slice(slash + 1);
    if (name.length > NAME_MAX) throw new Errno("ENAMETOOLONG");
    const dirPath = slash < 0 ? "." : slash === 0 ? "/" : trimmed.slice(0, slash);
    const dir = this.walk(w, path.startsWith("/") && trimmed === "" ? "/" : dirPath, true);
    if (this.stat(dir).type !== "dir") throw new Errno("ENOTDIR");
    return { dir, name, trailingSlash };
  }

  /** `soft`: a name missing in a directory ends the walk with null instead of ENOENT. */
  private walkFrom(w: Walker, path: string, follow: boolean, depth: number, soft: boolean): { loc: Loc; links: number } | null {
    if (path === "") throw new Errno("ENOENT");
    if (path.length >= PATH_MAX) throw new Errno("ENAMETOOLONG");
    let links = depth;
    let loc = path.charCodeAt(0) === 47 ? w.root : w.cwd;
    // Components are read off the path in place: `end` is where the last one ends.
    let end = path.length;
    while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
    const mustBeDir = path.charCodeAt(path.length - 1) === 47;
    // The type of `loc` when the previous step already asked (a walk changes nothing).
    let locKind: FileType | null = null;
    const searchAll = searchesAll(w.cred);
    for (let start = 0; start < end; ) {
      let slash = path.indexOf("/", start);
      if (slash < 0 || slash > end) slash = end;
      if (slash === start) {
        start++;
        continue;
      }
      const name = path.slice(start, slash);
      const last = slash === end;
      start = slash + 1;
      if (name.length > NAME_MAX) throw new Errno("ENAMETOOLONG");
      const dirSb = this.sb(loc.fs);
      const dirDrv = this.h.driver(dirSb);
      const dirKind =
        locKind ?? (dirDrv.kindOf ? dirDrv.kindOf(this.h, dirSb, loc.node) : dirDrv.getattr(this.h, dirSb, loc.node).type);
      locKind = null;
      if (dirKind !== "dir") throw new Errno("ENOTDIR");
      // CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH search any directory; others need x permission.
      if (!searchAll && !this.permitted(w.cred, this.stat(loc), 1)) throw new Errno("EACCES");
      if (name === ".") continue;
      if (name === "..") {
        loc = this.parentOf(loc, w.root);
        continue;
      }
      const node =
        soft && dirDrv.tryLookup ? dirDrv.tryLookup(this.h, dirSb, loc.node, name) : dirDrv.lookup(this.h, dirSb, loc.node, name);
      if (node === null) return null;
      const child: Loc = { mnt: loc.mnt, fs: loc.fs, node };
      const crossed = this.crossMounts(child);
      const kind = this.kindOf(crossed);
      if (kind === "symlink" && (!last || follow || mustBeDir)) {
        if (++links > SYMLOOP_MAX) throw new Errno("ELOOP");
        const sb = this.sb(crossed.fs);
        const drv = this.h.driver(sb);
        const magic = drv.magicLink?.(this.h, sb, crossed.node);
        if (magic) {
          loc = magic;
        } else {
          const target = drv.readlink(this.h, sb, crossed.node);
          const sub = this.walkFrom({ ...w, cwd: loc }, target, true, links, soft);
          if (sub === null) return null;
          loc = sub.loc;
          links = sub.links;
        }
        continue;
      }
      loc = crossed;
      locKind = kind;
    }
    if (mustBeDir && (locKind ?? this.kindOf(loc)) !== "dir") throw new Errno("ENOTDIR");
    return { loc, links };
  }

  /** The path of `loc` as seen from `root` (d_path); "" when it is not below root. */
  pathOf(loc: Loc, root: Loc): string {
    const parts: string[] = [];
    let cur = loc;
    for (let guard = 0; guard < 4096; guard++) {
      if (sameLoc(cur, root)) return `/${parts.reverse().join("/")}`;
      const m = this.mount(cur.mnt);
      if (cur.node === m.root) {
        if (m.parent === m.id) return `/${parts.reverse().join("/")}`;
        cur = { mnt: m.parent, fs: m.mountpoint.fs, node: m.mountpoint.node };
        continue;
      }
      // Path-keyed filesystems (overlay, proc, sys, cgroup) name their nodes by path; files
      // (bind-mounted ones) have no ".." to look up, so their parent comes from the key.
      const parent =
        typeof cur.node === "string"
          ? cur.node.slice(0, Math.max(0, cur.node.lastIndexOf("/")))
          : this.drv(cur.fs).lookup(this.h, this.sb(cur.fs), cur.node, "..");
      parts.push(this.nameIn(cur.fs, parent, cur.node));
      cur = { ...cur, node: parent };
    }
    throw new Errno("ELOOP");
  }

  private nameIn(fs: string, dir: NodeId, node: NodeId): string {
    if (typeof node === "string") return node.slice(node.lastIndexOf("/") + 1);
    const sb = this.sb(fs);
    const entry = this.h.driver(sb).readdir(this.h, sb, dir).find((e) => e.ino === this.stat({ mnt: 0, fs, node }).ino);
    return entry?.name ?? "";
  }

  /** Refuses modification on read-only mounts and immutable filesystems. */
  writable(loc: Loc) {
    if (this.mount(loc.mnt).readonly || this.drv(loc.fs).immutable) throw new Errno("EROFS");
  }

  isMountpoint(loc: Loc): boolean {
    const m = this.mount(loc.mnt);
    if (loc.node === m.root) return true;
    const ns = mountNsTableAt(this.h, loc.mnt, loc.node);
    return ns.index[mountKey(loc.mnt, loc.fs, loc.node)] !== undefined;
  }

  lookupChild(dir: Loc, name: string): Loc | null {
    try {
      const sb = this.sb(dir.fs);
      const drv = this.h.driver(sb);
      const node = drv.tryLookup ? drv.tryLookup(this.h, sb, dir.node, name) : drv.lookup(this.h, sb, dir.node, name);
      if (node === null) return null;
      return { mnt: dir.mnt, fs: dir.fs, node };
    } catch (e) {
      if (e instanceof Errno && e.code === "ENOENT") return null;
      throw e;
    }
  }

  create(w: Walker, path: string, n: Omit<NewNode, "uid" | "gid">): Loc {
    const { dir, name, trailingSlash } = this.walkParent(w, path);
    if (name === "" || name === "." || name === "..") throw new Errno("EEXIST");
    if (trailingSlash && n.type !== "dir") {
      if (this.lookupChild(dir, name)) throw new Errno("EEXIST");
      throw new Errno("ENOENT");
    }
    return this.createIn(w.cred, dir, name, n);
  }

  /** create() once the parent directory is found: `name` is a plain name in directory `dir`. */
  createIn(cred: Cred, dir: Loc, name: string, n: Omit<NewNode, "uid" | "gid">): Loc {
    if (this.lookupChild(dir, name)) throw new Errno("EEXIST");
    const dst = this.stat(dir);
    if (!this.permitted(cred, dst, 3)) throw new Errno("EACCES");
    this.writable(dir);
    // setgid directories pass their group on.
    const gid = dst.mode & 0o2000 ? dst.gid : cred.gid;
    const perm = n.type === "dir" && dst.mode & 0o2000 ? n.perm | 0o2000 : n.perm;
    const sb = this.sb(dir.fs);
    const node = this.h.driver(sb).create(this.h, sb, dir.node, name, { type: n.type, perm, uid: cred.uid, gid, target: n.target, rdev: n.rdev });
    return { mnt: dir.mnt, fs: dir.fs, node };
  }

  unlink(w: Walker, path: string) {
    const { dir, name } = this.walkParent(w, path);
    if (name === "" || name === "." || name === "..") throw new Errno("EISDIR");
    this.writable(dir);
    const child = this.lookupChild(dir, name);
    if (!child) throw new Errno("ENOENT");
    if (this.stat(child).type === "dir") throw new Errno("EISDIR");
    this.checkAccess(w.cred, dir, 3);
    this.checkSticky(w.cred, dir, child);
    this.writable(dir);
    if (this.isMountpoint(child)) throw new Errno("EBUSY");
    this.drv(dir.fs).unlink(this.h, this.sb(dir.fs), dir.node, name);
  }

  rmdir(w: Walker, path: string) {
    const { dir, name } = this.walkParent(w, path);
    if (name === "") throw new Errno("EBUSY");
    if (name === ".") throw new Errno("EINVAL");
    if (name === "..") throw new Errno("ENOTEMPTY");
    this.writable(dir);
    const child = this.lookupChild(dir, name);
    if (!child) throw new Errno("ENOENT");
    if (this.stat(child).type !== "dir") throw new Errno("ENOTDIR");
    const crossed = this.crossMounts(child);
    if (!sameLoc(crossed, child) || sameLoc(child, w.root)) throw new Errno("EBUSY");
    this.checkAccess(w.cred, dir, 3);
    this.checkSticky(w.cred, dir, child);
    this.writable(dir);
    this.drv(dir.fs).rmdir(this.h, this.sb(dir.fs), dir.node, name);
  }

  private checkSticky(cred: Cred, dir: Loc, child: Loc) {
    if (hasCap(credCaps(cred), "FOWNER")) return;
    const d = this.stat(dir);
    if (d.mode & 0o1000 && d.uid !== cred.uid && this.stat(child).uid !== cred.uid) throw new Errno("EPERM");
  }

  rename(w: Walker, from: string, to: string) {
    const a = this.walkParent(w, from);
    const b = this.walkParent(w, to);
    if (a.name === "" || b.name === "" || a.name === "." || a.name === ".." || b.name === "." || b.name === "..")
      throw new Errno("EBUSY");
    this.writable(a.dir);
    const src = this.lookupChild(a.dir, a.name);
    if (!src) throw new Errno("ENOENT");
    if (a.dir.mnt !== b.dir.mnt) throw new Errno("EXDEV");
    const srcType = this.stat(src).type;
    if ((a.trailingSlash || b.trailingSlash) && srcType !== "dir") throw new Errno("ENOTDIR");
    this.checkAccess(w.cred, a.dir, 3);
    this.checkAccess(w.cred, b.dir, 3);
    this.writable(a.dir);
    if (this.isMountpoint(src)) throw new Errno("EBUSY");
    const dst = this.lookupChild(b.dir, b.name);
    if (dst && this.isMountpoint(dst)) throw new Errno("EBUSY");
    this.drv(a.dir.fs).rename(this.h, this.sb(a.dir.fs), a.dir.node, a.name, b.dir.node, b.name);
  }

  link(w: Walker, existing: string, path: string) {
    const src = this.walk(w, existing, false);
    const { dir, name } = this.walkParent(w, path);
    if (this.stat(src).type === "dir") throw new Errno("EPERM");
    if (this.lookupChild(dir, name)) throw new Errno("EEXIST");
    if (dir.mnt !== src.mnt) throw new Errno("EXDEV");
    this.checkAccess(w.cred, dir, 3);
    this.writable(dir);
    this.drv(dir.fs).link(this.h, this.sb(dir.fs), dir.node, name, src.node);
  }

  setattr(w: Walker, path: string, a: SetAttr, follow = true) {
    const loc = this.walk(w, path, follow);
    this.setattrLoc(w.cred, loc, a);
  }

  setattrLoc(cred: Cred, loc: Loc, a: SetAttr) {
    const st = this.stat(loc);
    const caps = credCaps(cred);
    const owner = st.uid === cred.uid;
    // chown_ok/chgrp_ok and inode_owner_or_capable() of Linux's setattr_prepare().
    const mayChown = hasCap(caps, "CHOWN");
    if (a.uid !== undefined && !(owner && a.uid === st.uid) && !mayChown) throw new Errno("EPERM");
    const inGroup = (gid: number) => gid === cred.gid || cred.groups.includes(gid);
    if (a.gid !== undefined && !(owner && (a.gid === st.gid || inGroup(a.gid))) && !mayChown) throw new Errno("EPERM");
    const ownerOrCapable = owner || hasCap(caps, "FOWNER");
    if (a.perm !== undefined && !ownerOrCapable) throw new Errno("EPERM");
    if ((a.atime !== undefined || a.mtime !== undefined) && !ownerOrCapable && !this.permitted(cred, st, 2)) throw new Errno("EPERM");
    this.writable(loc);
    const attrs = { ...a };
    // chmod by someone outside the file's group keeps no set-group-ID bit without CAP_FSETID.
    if (a.perm !== undefined && a.perm & 0o2000 && !inGroup(a.gid ?? st.gid) && !hasCap(caps, "FSETID")) attrs.perm = a.perm & ~0o2000;
    // chown clears setuid/setgid on regular files, as Linux does.
    if ((a.uid !== undefined || a.gid !== undefined) && st.type === "file" && a.perm === undefined && st.mode & 0o6000)
      attrs.perm = st.mode & 0o1777;
    this.drv(loc.fs).setattr(this.h, this.sb(loc.fs), loc.node, attrs);
  }

  readdir(loc: Loc): Array<{ name: string; ino: number; type: FileType }> {
    return this.drv(loc.fs).readdir(this.h, this.sb(loc.fs), loc.node);
  }

  readlink(loc: Loc): string {
    return this.drv(loc.fs).readlink(this.h, this.sb(loc.fs), loc.node);
  }
}
