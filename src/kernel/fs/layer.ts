/**
 * Immutable, content-addressed layers. A layer is built once from file entries into an inode table,
 * frozen, and shared by reference by every mount that uses it; the world refers to it by digest.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { Errno } from "../errno";
import type { Inode, LayerFs, SuperBlock } from "../world";
import { utf8Encode } from "../bytes";
import { fileTypeOf, type FsDriver, typeBits } from "./driver";
import { type InodeTable, inodeOf, tableReader } from "./diskfs";
import type { FileEntry } from "./entries";

export interface Layer extends InodeTable {
  digest: string;
  /** Bytes of file data (stand-in binaries count their reported size). */
  size: number;
  files: number;
}

/**
 * The canonical serialization hashed for a layer's digest: one header line per entry in path order
 * (type, mode, uid, gid, mtime, size, link target, device, xattrs, program), each followed by the
 * file data. Stand-in binaries are represented by program and size, not by their filler bytes.
 */
export function canonicalLayerBytes(entries: readonly FileEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let out = "";
  for (const e of sorted) {
    const data = e.prog === undefined ? (e.content ?? "") : "";
    const xattrs = Object.keys(e.xattrs ?? {})
      .sort()
      .map((k) => `${k}=${e.xattrs![k]}`)
      .join(",");
    const header = [
      e.type,
      utf8Encode(e.path),
      (e.mode & 0o7777).toString(8),
      e.uid,
      e.gid,
      e.mtime,
      e.prog === undefined ? data.length : (e.size ?? 0),
      e.target ?? "",
      e.rdev ? e.rdev.join(":") : "",
      xattrs,
      e.prog ?? "",
    ].join("\t");
    out += `${header}\n${data}`;
  }
  return out;
}

export function layerDigest(entries: readonly FileEntry[]): string {
  const bytes = canonicalLayerBytes(entries);
  const arr = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i);
  return `sha256:${bytesToHex(sha256(arr))}`;
}

/** Builds the inode table of a layer. Missing parent directories are created (0755 root). */
export function buildLayer(entries: readonly FileEntry[], digest = layerDigest(entries)): Layer {
  const inodes: Record<number, Inode> = {};
  let next = 1;
  const mk = (mode: number, mtime: number): Inode => {
    const i: Inode = { ino: next++, mode, uid: 0, gid: 0, nlink: 1, atime: mtime, mtime, ctime: mtime };
    inodes[i.ino] = i;
    return i;
  };
  const root = mk(0o040755, 0);
  root.entries = {};
  root.nlink = 2;
  root.parent = root.ino;
  root.name = "";
  const byPath = new Map<string, Inode>([["", root]]);
  let size = 0;
  const dirOf = (path: string): Inode => {
    const found = byPath.get(path);
    if (found) return found;
    const slash = path.lastIndexOf("/");
    const parent = dirOf(slash < 0 ? "" : path.slice(0, slash));
    const d = mk(0o040755, 0);
    d.entries = {};
    d.nlink = 2;
    d.parent = parent.ino;
    d.name = path.slice(slash + 1);
    parent.entries![d.name] = d.ino;
    parent.nlink++;
    byPath.set(path, d);
    return d;
  };
  // Hard links last, so that their targets exist whatever their names sort as.
  const sorted = [...entries].sort(
    (a, b) => Number(a.type === "hardlink") - Number(b.type === "hardlink") || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  for (const e of sorted) {
    const path = e.path.replace(/^\.?\/+/, "").replace(/\/+$/, "");
    if (path === "") {
      root.mode = 0o040000 | (e.mode & 0o7777);
      root.mtime = root.atime = root.ctime = e.mtime * 1e6;
      continue;
    }
    const slash = path.lastIndexOf("/");
    const parent = dirOf(slash < 0 ? "" : path.slice(0, slash));
    const name = path.slice(slash + 1);
    if (e.type === "hardlink") {
      const target = byPath.get(e.target ?? "");
      if (!target) throw new Error(`layer: hard link ${path} to missing ${e.target}`);
      parent.entries![name] = target.ino;
      target.nlink++;
      continue;
    }
    const t = e.type === "dir" ? "dir" : e.type;
    let node = e.type === "dir" ? byPath.get(path) : undefined;
    if (!node) node = mk(typeBits(t) | (e.mode & 0o7777), e.mtime * 1e6);
    node.mode = typeBits(t) | (e.mode & 0o7777);
    node.uid = e.uid;
    node.gid = e.gid;
    node.mtime = node.atime = node.ctime = e.mtime * 1e6;
    if (e.type === "dir") {
      node.entries ??= {};
      if (node.nlink < 2) node.nlink = 2;
      if (!byPath.has(path)) {
        node.parent = parent.ino;
        node.name = name;
        parent.nlink++;
      }
    } else if (e.type === "file") {
      if (e.prog !== undefined || (e.content === undefined && e.size !== undefined)) {
        // Binaries and bulk data (libraries) are stand-ins of their reported size.
        if (e.prog !== undefined) node.prog = e.prog;
        node.size = e.size ?? 0;
      } else node.data = e.content ?? "";
      size += e.content === undefined ? (e.size ?? 0) : e.content.length;
    } else if (e.type === "symlink") node.target = e.target ?? "";
    else if (e.type === "char" || e.type === "block") node.rdev = e.rdev ?? [0, 0];
    if (e.xattrs) node.xattrs = { ...e.xattrs };
    parent.entries![name] = node.ino;
    byPath.set(path, node);
  }
  return deepFreeze({ digest, inodes, rootIno: root.ino, size, files: next - 1 });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Layers by digest. Lives beside the world (not in it): layers are big and never change. */
export class LayerStore {
  private readonly layers = new Map<string, Layer>();

  /** Adds a layer (or returns the one already stored under the same digest). */
  add(entries: readonly FileEntry[], digest?: string): Layer {
    const d = digest ?? layerDigest(entries);
    const existing = this.layers.get(d);
    if (existing) return existing;
    const layer = buildLayer(entries, d);
    this.layers.set(d, layer);
    return layer;
  }

  get(digest: string): Layer {
    const l = this.layers.get(digest);
    if (!l) throw new Error(`layer ${digest} is not in the store`);
    return l;
  }

  has(digest: string): boolean {
    return this.layers.has(digest);
  }
}

function tree(h: { layer(d: string): InodeTable }, sb: SuperBlock): InodeTable {
  return h.layer((sb as LayerFs).digest);
}

const rofs = (): never => {
  throw new Errno("EROFS");
};

export const layerDriver: FsDriver = {
  immutable: true,
  root: (h, sb) => tree(h, sb).rootIno,
  lookup: (h, sb, dir, name) => tableReader.lookup(tree(h, sb), dir, name),
  tryLookup: (h, sb, dir, name) => tableReader.tryLookup(tree(h, sb), dir, name),
  getattr: (h, sb, node) => tableReader.getattr(tree(h, sb), node),
  readdir: (h, sb, dir) => tableReader.readdir(tree(h, sb), dir),
  readlink: (h, sb, node) => tableReader.readlink(tree(h, sb), node),
  read: (h, sb, node) => tableReader.read(tree(h, sb), node),
  getxattr: (h, sb, node, name) => tableReader.getxattr(tree(h, sb), node, name),
  listxattr: (h, sb, node) => tableReader.listxattr(tree(h, sb), node),
  progOf: (h, sb, node) => tree(h, sb).inodes[node as number]?.prog,
  kindOf: (h, sb, node) => fileTypeOf(inodeOf(tree(h, sb), node).mode),
  write: rofs,
  truncate: rofs,
  create: rofs,
  link: rofs,
  unlink: rofs,
  rmdir: rofs,
  rename: rofs,
  setattr: rofs,
  setxattr: rofs,
  statfs: (h, sb) => {
    const t = tree(h, sb) as Layer;
    const blocks = Math.ceil(t.size / 4096);
    return { bsize: 4096, blocks, bfree: 0, files: t.files, ffree: 0 };
  },
};
