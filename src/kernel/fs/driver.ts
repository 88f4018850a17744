/**
 * The filesystem driver interface (the VFS's inode operations). Each kind of superblock has a
 * driver; the VFS (vfs.ts) walks paths and crosses mounts, drivers only know their own tree.
 * Node ids are numbers (inode numbers) or strings (paths inside synthetic and stacked filesystems).
 */
import type { FileType, Stat } from "../api";
import type { NodeId, SuperBlock, World } from "../world";

export interface DirEntry {
  name: string;
  ino: number;
  type: FileType;
}

export interface NewNode {
  type: FileType;
  /** Permission bits (already masked by umask). */
  perm: number;
  uid: number;
  gid: number;
  target?: string;
  rdev?: [number, number];
}

export interface SetAttr {
  perm?: number;
  uid?: number;
  gid?: number;
  atime?: number;
  mtime?: number;
}

/** What drivers may use of the kernel. */
export interface FsHost {
  readonly w: World;
  /** Microseconds since the epoch (virtual clock). */
  now(): number;
  driver(sb: SuperBlock): FsDriver;
  /** The inode table of an immutable layer, by digest. */
  layer(digest: string): import("./diskfs").InodeTable;
}

export interface FsDriver {
  root(h: FsHost, sb: SuperBlock): NodeId;
  /** Child by name; ".." gives the parent (the root is its own parent). Throws ENOENT / ENOTDIR. */
  lookup(h: FsHost, sb: SuperBlock, dir: NodeId, name: string): NodeId;
  /** lookup() answering null where it would throw ENOENT: absent names are common, exceptions slow. */
  tryLookup?(h: FsHost, sb: SuperBlock, dir: NodeId, name: string): NodeId | null;
  getattr(h: FsHost, sb: SuperBlock, node: NodeId): Omit<Stat, "dev">;
  readdir(h: FsHost, sb: SuperBlock, dir: NodeId): DirEntry[];
  readlink(h: FsHost, sb: SuperBlock, node: NodeId): string;
  /** Whole content of a regular (or synthetic) file. */
  read(h: FsHost, sb: SuperBlock, node: NodeId): string;
  /** Replace or patch content: writes `data` at `offset` (extending with NULs), or truncates when `truncate` set. */
  write(h: FsHost, sb: SuperBlock, node: NodeId, offset: number, data: string): void;
  truncate(h: FsHost, sb: SuperBlock, node: NodeId, size: number): void;
  create(h: FsHost, sb: SuperBlock, dir: NodeId, name: string, n: NewNode): NodeId;
  link(h: FsHost, sb: SuperBlock, dir: NodeId, name: string, target: NodeId): void;
  unlink(h: FsHost, sb: SuperBlock, dir: NodeId, name: string): void;
  rmdir(h: FsHost, sb: SuperBlock, dir: NodeId, name: string): void;
  rename(h: FsHost, sb: SuperBlock, fromDir: NodeId, fromName: string, toDir: NodeId, toName: string): void;
  setattr(h: FsHost, sb: SuperBlock, node: NodeId, a: SetAttr): void;
  getxattr(h: FsHost, sb: SuperBlock, node: NodeId, name: string): string;
  setxattr(h: FsHost, sb: SuperBlock, node: NodeId, name: string, value: string | null): void;
  listxattr(h: FsHost, sb: SuperBlock, node: NodeId): string[];
  statfs(h: FsHost, sb: SuperBlock): { bsize: number; blocks: number; bfree: number; files: number; ffree: number };
  /** Synthetic files: content fixed when opened (seq_file). Regular drivers omit it. */
  snapshot?(h: FsHost, sb: SuperBlock, node: NodeId): string;
  /** Synthetic files: a write() to an open file (cgroup knobs, /proc/sys). */
  writeSynthetic?(h: FsHost, sb: SuperBlock, node: NodeId, data: string): void;
  /** Magic links (/proc/PID/cwd, fd/N, ns/X): where following them leads, instead of a path. */
  magicLink?(h: FsHost, sb: SuperBlock, node: NodeId): import("../world").Loc | null;
  /** Just the file type (path walks ask this for every component; getattr builds a whole Stat). */
  kindOf?(h: FsHost, sb: SuperBlock, node: NodeId): FileType;
  /** open(2) for writing: a stacked filesystem copies the file up now (overlayfs copies up at open). */
  prepareWrite?(h: FsHost, sb: SuperBlock, node: NodeId): void;
  /** The simulated program a binary runs on exec (stand-in binaries), if the driver knows it. */
  progOf?(h: FsHost, sb: SuperBlock, node: NodeId): string | undefined;
  /** Whether writes are refused with EROFS regardless of the mount (immutable layers). */
  readonly immutable?: boolean;
}

export function fileTypeOf(mode: number): FileType {
  switch (mode & 0o170000) {
    case 0o040000:
      return "dir";
    case 0o120000:
      return "symlink";
    case 0o020000:
      return "char";
    case 0o060000:
      return "block";
    case 0o010000:
      return "fifo";
    case 0o140000:
      return "socket";
    default:
      return "file";
  }
}

export function typeBits(t: FileType): number {
  switch (t) {
    case "dir":
      return 0o040000;
    case "symlink":
      return 0o120000;
    case "char":
      return 0o020000;
    case "block":
      return 0o060000;
    case "fifo":
      return 0o010000;
    case "socket":
      return 0o140000;
    default:
      return 0o100000;
  }
}

const sec = (us: number) => Math.floor(us / 1e6);
const ns = (us: number) => (us % 1e6) * 1000;

/** Stat fields shared by all drivers, from a few facts. Times in microseconds since the epoch. */
export function makeStat(p: {
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  atime: number;
  mtime: number;
  ctime: number;
  rdev?: [number, number];
}): Omit<Stat, "dev"> {
  const type = fileTypeOf(p.mode);
  return {
    ino: p.ino,
    mode: p.mode,
    type,
    nlink: p.nlink,
    uid: p.uid,
    gid: p.gid,
    rdev: p.rdev ?? [0, 0],
    size: p.size,
    blocks: type === "file" || type === "dir" ? Math.ceil(p.size / 4096) * 8 : 0,
    blksize: 4096,
    atime: sec(p.atime),
    mtime: sec(p.mtime),
    ctime: sec(p.ctime),
    atimeNs: ns(p.atime),
    mtimeNs: ns(p.mtime),
    ctimeNs: ns(p.ctime),
  };
}
