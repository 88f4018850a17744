/**
 * A disk-like filesystem kept as an inode table: ext4 for the host root, tmpfs, devtmpfs. The same
 * read-side code serves immutable layers (layerfs.ts), whose tables live outside the world.
 */
import { Errno } from "../errno";
import type { DiskFs, Inode, NodeId, PendingEntries, SuperBlock } from "../world";
import { type FileEntry, standInHeader } from "./entries";
import { type DirEntry, type FsDriver, type FsHost, fileTypeOf, makeStat, type NewNode, typeBits } from "./driver";

export const DIR_SIZE = 4096;

/** The part of a DiskFs the read-side code needs. */
export interface InodeTable {
  inodes: Record<number, Inode>;
  rootIno: number;
  dev?: number;
}

export function inodeOf(t: InodeTable, node: NodeId): Inode {
  const ino = t.inodes[node as number];
  if (!ino) throw new Errno("ENOENT");
  return ino;
}

export function inodeSize(i: Inode): number {
  const t = i.mode & 0o170000;
  if (t === 0o040000) return DIR_SIZE;
  if (t === 0o120000) return i.target?.length ?? 0;
  if (t === 0o100000) return i.size ?? i.data?.length ?? 0;
  return 0;
}

function isDir(i: Inode): boolean {
  return (i.mode & 0o170000) === 0o040000;
}

export const tableReader = {
  lookup(t: InodeTable, dir: NodeId, name: string): NodeId {
    const ino = tableReader.tryLookup(t, dir, name);
    if (ino === null) throw new Errno("ENOENT");
    return ino;
  },
  tryLookup(t: InodeTable, dir: NodeId, name: string): NodeId | null {
    const d = inodeOf(t, dir);
    if (!isDir(d)) throw new Errno("ENOTDIR");
    if (name === "..") return d.parent ?? t.rootIno;
    if (name === "." || name === "") return dir;
    return d.entries?.[name] ?? null;
  },
  getattr(t: InodeTable, node: NodeId) {
    const i = inodeOf(t, node);
    return makeStat({
      ino: i.ino,
      mode: i.mode,
      nlink: i.nlink,
      uid: i.uid,
      gid: i.gid,
      size: inodeSize(i),
      atime: i.atime ?? i.mtime,
      mtime: i.mtime,
      ctime: i.ctime ?? i.mtime,
      rdev: i.rdev,
    });
  },
  readdir(t: InodeTable, dir: NodeId): DirEntry[] {
    const d = inodeOf(t, dir);
    if (!isDir(d)) throw new Errno("ENOTDIR");
    return Object.entries(d.entries ?? {}).map(([name, ino]) => ({
      name,
      ino,
      type: fileTypeOf(t.inodes[ino].mode),
    }));
  },
  readlink(t: InodeTable, node: NodeId): string {
    const i = inodeOf(t, node);
    if ((i.mode & 0o170000) !== 0o120000) throw new Errno("EINVAL");
    return i.target ?? "";
  },
  read(t: InodeTable, node: NodeId): string {
    const i = inodeOf(t, node);
    if (isDir(i)) throw new Errno("EISDIR");
    if (i.data === undefined && i.size !== undefined) return standInBinary(i);
    return i.data ?? "";
  },
  getxattr(t: InodeTable, node: NodeId, name: string): string {
    const v = inodeOf(t, node).xattrs?.[name];
    if (v === undefined) throw new Errno("ENODATA");
    return v;
  },
  listxattr(t: InodeTable, node: NodeId): string[] {
    return Object.keys(inodeOf(t, node).xattrs ?? {});
  },
};

/**
 * Content of a stand-in file: for a simulated executable an ELF header naming its program, for
 * bulk data (libraries) just zeros; padded to the file's reported size.
 */
export function standInBinary(i: Inode): string {
  if (i.prog === undefined) return "\x00".repeat(i.size ?? 0);
  const head = standInHeader(i.prog);
  const size = i.size ?? head.length;
  if (size <= head.length) return head.slice(0, size);
  return head + "\x00".repeat(size - head.length);
}

/**
 * Pending directories (Inode.pending): a directory made with its entries described, not made.
 * Looking up a name the list does not have, or a stat of the directory, needs nothing made; any
 * other look inside (a found name, a listing, a change) extracts the whole list first.
 */

/**
 * Gives the empty directory `dir` its entries as a pending list (frozen, shared; see Inode.pending).
 * The filesystem counts them as made already (statfs does not change when they are).
 */
export function holdPending(fs: DiskFs, dir: number, pending: PendingEntries) {
  const d = fs.inodes[dir];
  const top = topLevelOf(pending);
  // The directory's own entry ("" or "."), if any, applies now, as extraction would apply it.
  if (top.self) {
    d.mode = 0o040000 | (top.self.mode & 0o7777);
    if (!pending.dirTimes) setAllTimes(d, top.self.mtime * 1e6);
  }
  if (top.own.length === 0) return;
  d.pending = pending;
  // Its link count is already what extraction will leave: 2 and one per subdirectory.
  d.nlink = 2 + top.dirs;
  fs.used += top.bytes;
  fs.pendingInodes = (fs.pendingInodes ?? 0) + top.inodes;
}

/**
 * Inode `node`. A node the table lacks may be one pendingIno planned (a mount on a directory of
 * the root's pending list, a bind of a file in it): the root's entries are extracted then.
 */
function nodeOf(fs: DiskFs, node: NodeId): Inode {
  const i = fs.inodes[node as number];
  if (i !== undefined) return i;
  const root = fs.inodes[fs.rootIno];
  if (root.pending !== undefined) extractPending(fs, root);
  return inodeOf(fs, node);
}

/** The table to read `node` from, with `node` in it (see nodeOf). */
function planned(sb: SuperBlock, node: NodeId): DiskFs {
  nodeOf(sb as DiskFs, node);
  return sb as DiskFs;
}

/** The directory `node`, its pending entries extracted first. */
function openDir(fs: DiskFs, node: NodeId): Inode {
  const d = nodeOf(fs, node);
  if (d.pending !== undefined) extractPending(fs, d);
  return d;
}

/**
 * Makes the entries directory `d` holds pending (Inode.pending), with the directory's mtime: its
 * own entries only, each subdirectory holding what lies below it pending in turn.
 */
export function extractPending(fs: DiskFs, d: Inode) {
  const pending = d.pending;
  if (pending === undefined) return;
  d.pending = undefined;
  d.nlink = 2;
  const top = topLevelOf(pending);
  const mtime = pending.dirTimes ? d.mtime : undefined;
  // Made now: extraction and the subdirectories' own pending lists count them again.
  fs.used -= top.bytes;
  fs.pendingInodes = (fs.pendingInodes ?? 0) - top.inodes;
  if (top.hardlinks) {
    extractEntries(fs, d.ino, pending.entries, mtime);
    return;
  }
  for (const e of top.own) {
    extractEntries(fs, d.ino, [e], mtime);
    const below = top.below.get(e.path);
    if (below) holdPending(fs, d.entries![e.path], below);
  }
}

/** A pending list seen from its directory: its own entries, and the lists of its subdirectories. */
interface TopLevel {
  /** The directory's own entry ("" or "."), applied when the list is held. */
  self?: FileEntry;
  own: FileEntry[];
  names: Set<string>;
  dirs: number;
  below: Map<string, PendingEntries>;
  /** Hard links tie entries across directories: such a list is extracted whole. */
  hardlinks: boolean;
  /** What the whole list makes: inodes, and bytes of file data. */
  inodes: number;
  bytes: number;
}

function topLevelOf(pending: PendingEntries): TopLevel {
  const top = topLevels.get(pending);
  if (top) return top;
  const t: TopLevel = { own: [], names: new Set(), dirs: 0, below: new Map(), hardlinks: false, inodes: 0, bytes: 0 };
  const below = new Map<string, FileEntry[]>();
  const implied = new Set<string>();
  const addOwn = (e: FileEntry) => {
    t.own.push(e);
    t.names.add(e.path);
    if (e.type === "dir") t.dirs++;
  };
  for (const e of pending.entries) {
    const path = e.path.replace(/^\.?\/+/, "").replace(/\/+$/, "");
    if (path === "" || path === ".") {
      t.self = e;
      continue;
    }
    if (e.type === "hardlink") t.hardlinks = true;
    else t.inodes++;
    if (e.type === "file") t.bytes += e.content === undefined ? (e.size ?? 0) : e.content.length;
    const slash = path.indexOf("/");
    if (slash < 0) {
      const own = path === e.path ? e : { ...e, path };
      if (implied.delete(path)) {
        // Listed after what lies below it: it replaces the directory made for them.
        t.own[t.own.findIndex((x) => x.path === path)] = own;
        t.inodes--;
      } else addOwn(own);
      continue;
    }
    const name = path.slice(0, slash);
    // A directory only implied by what lies below it is made as extraction would make it.
    if (!t.names.has(name)) {
      addOwn({ path: name, type: "dir", mode: 0o755, uid: 0, gid: 0, mtime: e.mtime });
      implied.add(name);
      t.inodes++;
    }
    const list = below.get(name) ?? [];
    list.push({ ...e, path: path.slice(slash + 1) });
    below.set(name, list);
  }
  for (const [name, list] of below) t.below.set(name, Object.freeze({ entries: Object.freeze(list), dirTimes: pending.dirTimes }));
  topLevels.set(pending, t);
  return t;
}

const topLevels = new WeakMap<PendingEntries, TopLevel>();

/** Looks `name` up in `dir`, extracting its pending entries only when the name is among them. */
function lookupIn(fs: DiskFs, dir: NodeId, name: string): NodeId | null {
  const d = nodeOf(fs, dir);
  if (d.pending !== undefined && name !== "." && name !== ".." && name !== "") {
    if (!topLevelOf(d.pending).names.has(name)) return null;
    extractPending(fs, d);
  }
  return tableReader.tryLookup(fs, dir, name);
}

/** Whether directory `i` has no entries (pending ones count). */
function isEmptyDir(i: Inode): boolean {
  return (i.pending?.entries.length ?? 0) === 0 && Object.keys(i.entries ?? {}).length === 0;
}

/** Inode numbers pending entries get when extracted into a fresh filesystem, as offsets from nextIno. */
const plannedInos = new WeakMap<PendingEntries, Map<string, number>>();

/**
 * The inode number `path` (an entry the root holds pending) will have once extracted, without extracting:
 * mounts on directories of a pending tree need their node. Undefined when there is no such entry.
 */
export function pendingIno(fs: DiskFs, path: string): number | undefined {
  const pending = fs.inodes[fs.rootIno].pending;
  if (pending === undefined) return undefined;
  let planned = plannedInos.get(pending);
  if (!planned) {
    // Extract into a scratch copy holding just the (still empty) root.
    const root = fs.inodes[fs.rootIno];
    const scratch: DiskFs = { ...fs, inodes: { [fs.rootIno]: { ...root, entries: { ...root.entries } } } };
    extractPending(scratch, scratch.inodes[fs.rootIno]);
    planned = new Map();
    const walk = (dir: number, prefix: string) => {
      for (const [name, ino] of Object.entries(scratch.inodes[dir].entries ?? {})) {
        planned!.set(prefix + name, ino - fs.nextIno);
        if (scratch.inodes[ino].entries && scratch.inodes[ino].parent === dir) walk(ino, `${prefix}${name}/`);
      }
    };
    walk(fs.rootIno, "");
    plannedInos.set(pending, planned);
  }
  const offset = planned.get(path);
  return offset === undefined ? undefined : fs.nextIno + offset;
}

/*
 * Inode times: an inode leaves out atime and ctime while they equal mtime (most never differ), which
 * spares every file two fields and their boxed numbers. Times change only through these setters.
 */

/** Sets mtime; atime and ctime keep their values (written out if they were the old mtime). */
function setMtime(i: Inode, t: number) {
  if (i.mtime === t) return;
  i.atime ??= i.mtime;
  i.ctime ??= i.mtime;
  i.mtime = t;
}

function setCtime(i: Inode, t: number) {
  if ((i.ctime ?? i.mtime) !== t) i.ctime = t;
}

function setAtime(i: Inode, t: number) {
  if ((i.atime ?? i.mtime) !== t) i.atime = t;
}

/** Data changed: mtime and ctime are now. */
function touch(i: Inode, now: number) {
  setMtime(i, now);
  setCtime(i, now);
}

/** All three times set to `t` (extraction, like tar -x). */
function setAllTimes(i: Inode, t: number) {
  i.mtime = t;
  if (i.atime !== undefined) i.atime = t;
  if (i.ctime !== undefined) i.ctime = t;
}

function touchDir(h: FsHost, d: Inode) {
  touch(d, h.now());
}

function dataBytes(i: Inode): number {
  return i.data === undefined ? (i.size ?? 0) : i.data.length;
}

function checkSpace(fs: DiskFs, h: FsHost, grow: number) {
  if (grow <= 0) return;
  const limit = fs.sizeLimit || (h.w.config.diskSize as number);
  if (fs.used + grow > limit) throw new Errno("ENOSPC");
}

function dropInode(fs: DiskFs, i: Inode) {
  if (i.nlink > 0) return;
  fs.used -= dataBytes(i);
  delete fs.inodes[i.ino];
}

/**
 * A new inode in the table. Each type gets all its fields in one literal (adding them afterwards
 * would give every inode a separate property array); a directory's parent and name are the
 * caller's to set (they start as a root's). Its atime and ctime are its mtime (left out).
 */
export function newInode(fs: DiskFs, now: number, n: NewNode): Inode {
  const ino = fs.nextIno++;
  const mode = typeBits(n.type) | (n.perm & 0o7777);
  const { uid, gid } = n;
  let inode: Inode;
  switch (n.type) {
    case "dir":
      inode = { ino, mode, uid, gid, nlink: 2, mtime: now, entries: {}, parent: ino, name: "" };
      break;
    case "file":
      inode = { ino, mode, uid, gid, nlink: 1, mtime: now, data: "" };
      break;
    case "symlink":
      inode = { ino, mode, uid, gid, nlink: 1, mtime: now, target: n.target ?? "" };
      break;
    case "char":
    case "block":
      inode = { ino, mode, uid, gid, nlink: 1, mtime: now, rdev: n.rdev ?? [0, 0] };
      break;
    default:
      inode = { ino, mode, uid, gid, nlink: 1, mtime: now };
  }
  fs.inodes[ino] = inode;
  return inode;
}

export const diskDriver: FsDriver = {
  root: (_h, sb) => (sb as DiskFs).rootIno,
  lookup(_h, sb, dir, name) {
    const ino = lookupIn(sb as DiskFs, dir, name);
    if (ino === null) throw new Errno("ENOENT");
    return ino;
  },
  tryLookup: (_h, sb, dir, name) => lookupIn(sb as DiskFs, dir, name),
  getattr: (_h, sb, node) => tableReader.getattr(planned(sb, node), node),
  readdir(_h, sb, dir) {
    openDir(sb as DiskFs, dir);
    return tableReader.readdir(sb as DiskFs, dir);
  },
  readlink: (_h, sb, node) => tableReader.readlink(planned(sb, node), node),
  read: (_h, sb, node) => tableReader.read(planned(sb, node), node),
  getxattr: (_h, sb, node, name) => tableReader.getxattr(planned(sb, node), node, name),
  listxattr: (_h, sb, node) => tableReader.listxattr(planned(sb, node), node),
  progOf: (_h, sb, node) => (sb as DiskFs).inodes[node as number]?.prog,
  kindOf: (_h, sb, node) => fileTypeOf(nodeOf(sb as DiskFs, node).mode),

  write(h, sb, node, offset, data) {
    const fs = sb as DiskFs;
    const i = nodeOf(fs, node);
    if (isDir(i)) throw new Errno("EISDIR");
    const old = i.data === undefined ? standInBinary(i) : i.data;
    const padded = offset > old.length ? old + "\x00".repeat(offset - old.length) : old;
    const next = padded.slice(0, offset) + data + padded.slice(offset + data.length);
    checkSpace(fs, h, next.length - dataBytes(i));
    fs.used += next.length - dataBytes(i);
    i.data = next;
    delete i.prog;
    delete i.size;
    touch(i, h.now());
  },
  truncate(h, sb, node, size) {
    const fs = sb as DiskFs;
    const i = nodeOf(fs, node);
    if (isDir(i)) throw new Errno("EISDIR");
    const old = i.data === undefined ? standInBinary(i) : i.data;
    const next = size <= old.length ? old.slice(0, size) : old + "\x00".repeat(size - old.length);
    checkSpace(fs, h, next.length - dataBytes(i));
    fs.used += next.length - dataBytes(i);
    i.data = next;
    delete i.prog;
    delete i.size;
    touch(i, h.now());
  },
  create(h, sb, dir, name, n) {
    const fs = sb as DiskFs;
    const d = openDir(fs, dir);
    if (!isDir(d)) throw new Errno("ENOTDIR");
    if (d.entries![name] !== undefined) throw new Errno("EEXIST");
    const inode = newInode(fs, h.now(), n);
    d.entries![name] = inode.ino;
    if (n.type === "dir") {
      inode.parent = d.ino;
      inode.name = name;
      d.nlink++;
    }
    touchDir(h, d);
    return inode.ino;
  },
  link(h, sb, dir, name, target) {
    const fs = sb as DiskFs;
    const d = openDir(fs, dir);
    const t = nodeOf(fs, target);
    if (isDir(t)) throw new Errno("EPERM");
    if (d.entries![name] !== undefined) throw new Errno("EEXIST");
    d.entries![name] = t.ino;
    t.nlink++;
    setCtime(t, h.now());
    touchDir(h, d);
  },
  unlink(h, sb, dir, name) {
    const fs = sb as DiskFs;
    const d = openDir(fs, dir);
    const ino = d.entries?.[name];
    if (ino === undefined) throw new Errno("ENOENT");
    const i = fs.inodes[ino];
    if (isDir(i)) throw new Errno("EISDIR");
    delete d.entries![name];
    i.nlink--;
    setCtime(i, h.now());
    touchDir(h, d);
    dropInode(fs, i);
  },
  rmdir(h, sb, dir, name) {
    const fs = sb as DiskFs;
    const d = openDir(fs, dir);
    const ino = d.entries?.[name];
    if (ino === undefined) throw new Errno("ENOENT");
    const i = fs.inodes[ino];
    if (!isDir(i)) throw new Errno("ENOTDIR");
    if (!isEmptyDir(i)) throw new Errno("ENOTEMPTY");
    delete d.entries![name];
    d.nlink--;
    i.nlink = 0;
    touchDir(h, d);
    dropInode(fs, i);
  },
  rename(h, sb, fromDir, fromName, toDir, toName) {
    const fs = sb as DiskFs;
    const fd = openDir(fs, fromDir);
    const td = openDir(fs, toDir);
    const ino = fd.entries?.[fromName];
    if (ino === undefined) throw new Errno("ENOENT");
    const src = fs.inodes[ino];
    if (fromDir === toDir && fromName === toName) return;
    if (isDir(src)) {
      // A directory cannot move into its own subtree.
      for (let p: number | undefined = td.ino; p !== undefined; ) {
        if (p === src.ino) throw new Errno("EINVAL");
        const pi: Inode = fs.inodes[p];
        p = pi.parent === p ? undefined : pi.parent;
      }
    }
    const existing = td.entries?.[toName];
    if (existing !== undefined) {
      if (existing === ino) {
        // Two names of one inode: rename does nothing (POSIX).
        return;
      }
      const e = fs.inodes[existing];
      if (isDir(src) && !isDir(e)) throw new Errno("ENOTDIR");
      if (!isDir(src) && isDir(e)) throw new Errno("EISDIR");
      if (isDir(e)) {
        if (!isEmptyDir(e)) throw new Errno("ENOTEMPTY");
        td.nlink--;
        e.nlink = 0;
      } else {
        e.nlink--;
      }
      delete td.entries![toName];
      dropInode(fs, e);
    }
    delete fd.entries![fromName];
    td.entries![toName] = ino;
    if (isDir(src)) {
      src.parent = td.ino;
      src.name = toName;
      fd.nlink--;
      td.nlink++;
    }
    setCtime(src, h.now());
    touchDir(h, fd);
    touchDir(h, td);
  },
  setattr(h, sb, node, a) {
    const i = nodeOf(sb as DiskFs, node);
    // Pending entries take the directory's mtime: made before it changes.
    if (a.mtime !== undefined && i.pending !== undefined) extractPending(sb as DiskFs, i);
    if (a.perm !== undefined) i.mode = (i.mode & 0o170000) | (a.perm & 0o7777);
    if (a.uid !== undefined) i.uid = a.uid;
    if (a.gid !== undefined) i.gid = a.gid;
    if (a.mtime !== undefined) setMtime(i, a.mtime);
    if (a.atime !== undefined) setAtime(i, a.atime);
    setCtime(i, h.now());
  },
  setxattr(h, sb, node, name, value) {
    const i = nodeOf(sb as DiskFs, node);
    if (value === null) {
      if (i.xattrs?.[name] === undefined) throw new Errno("ENODATA");
      delete i.xattrs![name];
    } else {
      i.xattrs ??= {};
      i.xattrs[name] = value;
    }
    setCtime(i, h.now());
  },
  statfs(h, sb) {
    const fs = sb as DiskFs;
    // devpts and mqueue answer with the kernel's simple_statfs: no blocks, no inode counts.
    if (fs.fstype === "devpts" || fs.fstype === "mqueue") return { bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0 };
    const size = fs.sizeLimit || h.w.config.diskSize;
    const blocks = Math.floor(size / 4096);
    // ext4 spends a block on every inode's directory or metadata; tmpfs only pages of file data.
    const pending = fs.pendingInodes ?? 0;
    const metaBlocks = fs.fstype === "ext4" ? Object.keys(fs.inodes).length + pending : 0;
    const used = Math.ceil(fs.used / 4096) + metaBlocks;
    const files = fs.fstype === "ext4" ? Math.floor(size / 16384) : Math.floor(blocks / 2);
    return {
      bsize: 4096,
      blocks,
      bfree: Math.max(0, blocks - used),
      files,
      ffree: files - (fs.nextIno - fs.rootIno + pending),
    };
  },
};

export function newDiskFs(id: string, fstype: string, dev: number, now: number, sizeLimit = 0): DiskFs {
  const fs: DiskFs = { id, kind: "disk", fstype, dev, inodes: {}, nextIno: fstype === "ext4" ? 2 : 1, rootIno: 0, sizeLimit, used: 0 };
  const root = newInode(fs, now, { type: "dir", perm: 0o755, uid: 0, gid: 0 });
  root.parent = root.ino;
  root.name = "";
  fs.rootIno = root.ino;
  if (fstype === "ext4") fs.nextIno = 11;
  if (fstype === "tmpfs") root.mode = 0o041777;
  return fs;
}

/** The directory at `path` of an extraction (see extractEntries), made if missing. */
function extractedDir(fs: DiskFs, byPath: Map<string, number>, path: string): Inode {
  const ino = byPath.get(path);
  if (ino !== undefined) return fs.inodes[ino];
  const slash = path.lastIndexOf("/");
  const parent = extractedDir(fs, byPath, slash < 0 ? "" : path.slice(0, slash));
  const name = path.slice(slash + 1);
  const existing = parent.entries![name];
  if (existing !== undefined) {
    byPath.set(path, existing);
    return fs.inodes[existing];
  }
  const d = newInode(fs, parent.mtime, { type: "dir", perm: 0o755, uid: 0, gid: 0 });
  d.parent = parent.ino;
  d.name = name;
  parent.entries![name] = d.ino;
  parent.nlink++;
  byPath.set(path, d.ino);
  return d;
}

/**
 * Extracts tar-like entries into a disk filesystem below `dir` (like `tar -x` as root);
 * `mtimeUsec`, when given, replaces their times.
 */
export function extractEntries(fs: DiskFs, dir: number, entries: readonly FileEntry[], mtimeUsec?: number) {
  const byPath = new Map<string, number>([["", dir]]);
  for (const e of entries) {
    const path = e.path.replace(/^\.?\/+/, "").replace(/\/+$/, "");
    const t = mtimeUsec ?? e.mtime * 1e6;
    if (path === "") {
      const root = fs.inodes[dir];
      root.mode = 0o040000 | (e.mode & 0o7777);
      setAllTimes(root, t);
      continue;
    }
    const slash = path.lastIndexOf("/");
    const parent = extractedDir(fs, byPath, slash < 0 ? "" : path.slice(0, slash));
    const name = path.slice(slash + 1);
    if (e.type === "hardlink") {
      const target = byPath.get(e.target ?? "");
      if (target === undefined) continue;
      parent.entries![name] = target;
      fs.inodes[target].nlink++;
      continue;
    }
    let node: Inode;
    const existing = parent.entries![name];
    if (e.type === "dir" && existing !== undefined && fs.inodes[existing].entries) node = fs.inodes[existing];
    else {
      node = newInode(fs, t, { type: e.type, perm: e.mode, uid: e.uid, gid: e.gid, target: e.target, rdev: e.rdev });
      parent.entries![name] = node.ino;
      if (e.type === "dir") {
        node.parent = parent.ino;
        node.name = name;
        parent.nlink++;
      }
    }
    node.mode = (node.mode & 0o170000) | (e.mode & 0o7777);
    node.uid = e.uid;
    node.gid = e.gid;
    setAllTimes(node, t);
    if (e.type === "file") {
      if (e.prog !== undefined || (e.content === undefined && e.size !== undefined)) {
        if (e.prog !== undefined) node.prog = e.prog;
        node.size = e.size ?? 0;
        delete node.data;
      } else node.data = e.content ?? "";
      fs.used += e.content === undefined ? (e.size ?? 0) : e.content.length;
    }
    if (e.xattrs) node.xattrs = { ...e.xattrs };
    byPath.set(path, node.ino);
  }
}
