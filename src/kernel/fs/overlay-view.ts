/**
 * The merged view of an overlay: which real objects (upper, lowers) make up the object at a path.
 * Follows fs/overlayfs/namei.c: lookup goes top-down; a whiteout (char 0/0) hides the name below,
 * an opaque directory (trusted.overlay.opaque=y) stops the merge, a non-directory hides all below
 * it, and a non-directory below a directory is ignored.
 *
 * What the lower layers show at a path does not depend on the upper layer, so for stacks made only
 * of immutable layers it is memoized per stack (keyed by the layer tables' identity): after the
 * first visit, a lookup costs the same through 125 layers as through one.
 */
import { type Draft, isDraft, original } from "immer";
import type { FileType, Stat } from "../api";
import { Errno } from "../errno";
import type { NodeId, OverlayFs, SuperBlock } from "../world";
import type { FsDriver, FsHost } from "./driver";

export const OPAQUE_XATTR = "trusted.overlay.opaque";
export const ORIGIN_XATTR = "trusted.overlay.origin";
export const IMPURE_XATTR = "trusted.overlay.impure";

/** An object of an underlying filesystem. */
export interface Real {
  fs: string;
  node: NodeId;
}

/** What the lower layers alone show at one path. */
export type LowerView =
  | { kind: "none" }
  | { kind: "dir"; dirs: Real[] }
  | { kind: "other"; real: Real; type: FileType };

/** An object of the overlay. */
export interface OvlObj {
  /** Node id: the path from the overlay root ("" is the root). */
  path: string;
  /** The object in the upper layer, if any (a node of `sb.upper.fs`). */
  upper: NodeId | null;
  /** Directories: the lower directories merged into it (none when opaque or pure upper).
   *  Non-directories: the lower object, when there is no upper one. */
  lower: Real[];
  type: FileType;
}

/** One entry of the merged lower listing of a directory. */
export interface LowerEntry {
  name: string;
  type: FileType;
  fs: string;
  /** The real inode number (d_ino of the layer it comes from). */
  ino: number;
}

export interface LowerListing {
  /** Entries first seen in the bottom layer: Linux lists them first. */
  bottom: LowerEntry[];
  /** Entries first seen in the other layers, top to bottom. */
  middle: LowerEntry[];
  byName: Map<string, LowerEntry>;
}

const NONE: LowerView = { kind: "none" };
const NO_REALS: Real[] = [];

export function ovl(sb: SuperBlock): OverlayFs {
  return sb as OverlayFs;
}

export function childPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function realSb(h: FsHost, fs: string): SuperBlock {
  const sb = h.w.fs[fs];
  if (!sb) throw new Errno("EIO");
  return sb;
}

export function realDrv(h: FsHost, r: Real): FsDriver {
  return h.driver(realSb(h, r.fs));
}

export function realStat(h: FsHost, r: Real): Omit<Stat, "dev"> {
  return realDrv(h, r).getattr(h, realSb(h, r.fs), r.node);
}

export function isWhiteoutStat(st: { type: FileType; rdev: [number, number] }): boolean {
  return st.type === "char" && st.rdev[0] === 0 && st.rdev[1] === 0;
}

/** Looks up `name` in a real directory; null when absent. */
export function realLookup(h: FsHost, dir: Real, name: string): NodeId | null {
  try {
    return realDrv(h, dir).lookup(h, realSb(h, dir.fs), dir.node, name);
  } catch (e) {
    if (e instanceof Errno && (e.code === "ENOENT" || e.code === "ENOTDIR")) return null;
    throw e;
  }
}

export function realXattr(h: FsHost, r: Real, name: string): string | null {
  const drv = realDrv(h, r);
  const sb = realSb(h, r.fs);
  // listxattr first: absent attributes are the common case and exceptions are slow.
  if (!drv.listxattr(h, sb, r.node).includes(name)) return null;
  return drv.getxattr(h, sb, r.node, name);
}

export function isOpaqueDir(h: FsHost, r: Real): boolean {
  return realXattr(h, r, OPAQUE_XATTR) === "y";
}

/** The lookup of `name` in a stack of lower directories (topmost first). */
function lowerChild(h: FsHost, dirs: readonly Real[], name: string): LowerView {
  const found: Real[] = [];
  for (const d of dirs) {
    const node = realLookup(h, d, name);
    if (node === null) continue;
    const r = { fs: d.fs, node };
    const st = realStat(h, r);
    if (isWhiteoutStat(st)) break;
    if (st.type === "dir") {
      found.push(r);
      if (isOpaqueDir(h, r)) break;
      continue;
    }
    // A non-directory hides what is below it, and is itself hidden below a directory.
    if (found.length === 0) return { kind: "other", real: r, type: st.type };
    break;
  }
  return found.length > 0 ? { kind: "dir", dirs: found } : NONE;
}

function lowerListingOf(h: FsHost, dirs: readonly Real[]): LowerListing {
  const byName = new Map<string, LowerEntry>();
  const hidden = new Set<string>();
  const bottom: LowerEntry[] = [];
  const middle: LowerEntry[] = [];
  dirs.forEach((d, i) => {
    const drv = realDrv(h, d);
    const sb = realSb(h, d.fs);
    for (const e of drv.readdir(h, sb, d.node)) {
      if (byName.has(e.name) || hidden.has(e.name)) continue;
      if (e.type === "char" && isWhiteoutStat(drv.getattr(h, sb, drv.lookup(h, sb, d.node, e.name)))) {
        hidden.add(e.name);
        continue;
      }
      const entry = { name: e.name, type: e.type, fs: d.fs, ino: e.ino };
      byName.set(e.name, entry);
      (i === dirs.length - 1 ? bottom : middle).push(entry);
    }
  });
  return { bottom, middle, byName };
}

// --- the lower-stack cache ----------------------------------------------------------------------

interface StackCache {
  views: Map<string, LowerView>;
  listings: Map<string, LowerListing>;
}

const MAX_STACKS = 64;
const MAX_PATHS = 200_000;
const tableIds = new WeakMap<object, number>();
let nextTableId = 1;
/** Caches by stack key (the identities of the layer tables and root nodes, topmost first). */
const stacks = new Map<string, StackCache>();
/** The cache (or null: not cacheable) of each overlay superblock, per host. */
const stackOfSb = new WeakMap<object, WeakMap<object, StackCache | null>>();

function tableId(t: object): number {
  let id = tableIds.get(t);
  if (id === undefined) tableIds.set(t, (id = nextTableId++));
  return id;
}

/** The committed object behind an immer draft: its identity is stable across transactions. */
export function baseOf<T extends object>(o: T): T {
  return isDraft(o) ? (original(o as Draft<T>) as T) : o;
}

function stackCache(h: FsHost, sb: OverlayFs): StackCache | null {
  const base = baseOf(sb);
  let perHost = stackOfSb.get(h);
  if (!perHost) stackOfSb.set(h, (perHost = new WeakMap()));
  const known = perHost.get(base);
  if (known !== undefined) return known;
  let key = "";
  for (const l of base.lower) {
    const lsb = h.w.fs[l.fs];
    if (lsb?.kind !== "layer") {
      perHost.set(base, null);
      return null;
    }
    key += `${tableId(h.layer(lsb.digest))}@${l.node},`;
  }
  let cache = stacks.get(key);
  if (!cache) {
    if (stacks.size >= MAX_STACKS) stacks.delete(stacks.keys().next().value!);
    cache = { views: new Map(), listings: new Map() };
    stacks.set(key, cache);
  }
  perHost.set(base, cache);
  return cache;
}

function remember<V>(m: Map<string, V>, key: string, v: V): V {
  if (m.size >= MAX_PATHS) m.clear();
  m.set(key, v);
  return v;
}

/** What the lower layers show at `path`, a child of `dir` (whose `lower` must be the stack's view). */
function lowerViewAt(h: FsHost, sb: OverlayFs, dir: OvlObj, path: string, name: string): LowerView {
  const cache = stackCache(h, sb);
  if (!cache) return lowerChild(h, dir.lower, name);
  return cache.views.get(path) ?? remember(cache.views, path, lowerChild(h, dir.lower, name));
}

/** The merged listing of the lower directories of `dir`. */
export function lowerListing(h: FsHost, sb: SuperBlock, dir: OvlObj): LowerListing {
  const cache = stackCache(h, ovl(sb));
  if (!cache) return lowerListingOf(h, dir.lower);
  return cache.listings.get(dir.path) ?? remember(cache.listings, dir.path, lowerListingOf(h, dir.lower));
}

// --- objects ------------------------------------------------------------------------------------

export function rootObj(sb: SuperBlock): OvlObj {
  const o = ovl(sb);
  return { path: "", upper: o.upper ? o.upper.node : null, lower: o.lower as Real[], type: "dir" };
}

export function upperReal(sb: SuperBlock, node: NodeId): Real {
  return { fs: ovl(sb).upper!.fs, node };
}

/** The child `name` of directory `dir`, or null when the overlay shows no such name. */
export function childObj(h: FsHost, sb: SuperBlock, dir: OvlObj, name: string): OvlObj | null {
  const path = childPath(dir.path, name);
  let upper: NodeId | null = null;
  let type: FileType = "dir";
  let stop = false;
  if (dir.upper !== null) {
    const ur = upperReal(sb, dir.upper);
    const node = realLookup(h, ur, name);
    if (node !== null) {
      const r = upperReal(sb, node);
      const st = realStat(h, r);
      if (isWhiteoutStat(st)) return null;
      upper = node;
      type = st.type;
      stop = st.type !== "dir" || isOpaqueDir(h, r);
    }
  }
  let lower = NO_REALS;
  if (!stop && dir.lower.length > 0) {
    const v = lowerViewAt(h, ovl(sb), dir, path, name);
    if (v.kind === "dir") lower = v.dirs;
    else if (upper === null && v.kind === "other") {
      lower = [v.real];
      type = v.type;
    }
  }
  if (upper === null && lower.length === 0) return null;
  return { path, upper, lower, type };
}

/** The object at a node id; ENOENT when it is gone, ENOTDIR when a parent is not a directory. */
export function resolve(h: FsHost, sb: SuperBlock, path: NodeId): OvlObj {
  let o = rootObj(sb);
  if (path === "") return o;
  for (const name of String(path).split("/")) {
    if (o.type !== "dir") throw new Errno("ENOTDIR");
    const c = childObj(h, sb, o, name);
    if (!c) throw new Errno("ENOENT");
    o = c;
  }
  return o;
}

/** The real object that provides data and attributes: the upper one, else the topmost lower. */
export function topReal(sb: SuperBlock, o: OvlObj): Real {
  return o.upper !== null ? upperReal(sb, o.upper) : o.lower[0];
}

/** Whether the lower layers have a (not whited-out) `name` in directory `dir` (ovl_lower_positive). */
export function lowerPositive(h: FsHost, sb: SuperBlock, dir: OvlObj, name: string): boolean {
  if (dir.lower.length === 0) return false;
  return lowerViewAt(h, ovl(sb), dir, childPath(dir.path, name), name).kind !== "none";
}

/** Whether a directory is merged (several real directories), which Linux reports with nlink 1. */
export function isMerged(o: OvlObj): boolean {
  return o.lower.length + (o.upper !== null ? 1 : 0) > 1;
}
