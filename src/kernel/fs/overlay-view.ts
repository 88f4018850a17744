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
import { walkMemo } from "./walk-scope";

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

/** Looks up `name` in a real directory; null when absent (`onlyEnoent`: ENOTDIR is thrown). */
export function realLookup(h: FsHost, dir: Real, name: string, onlyEnoent = false): NodeId | null {
  try {
    const drv = realDrv(h, dir);
    const sb = realSb(h, dir.fs);
    return drv.tryLookup ? drv.tryLookup(h, sb, dir.node, name) : drv.lookup(h, sb, dir.node, name);
  } catch (e) {
    if (e instanceof Errno && (e.code === "ENOENT" || (!onlyEnoent && e.code === "ENOTDIR"))) return null;
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

/**
 * Looks `name` up in lower directories (topmost first), adding the directories it finds to
 * `found`. Returns null when the merge goes on below, "stop" when it ends here (whiteout, opaque
 * directory, or a non-directory under a directory), or the non-directory that is the result.
 */
function scan(h: FsHost, dirs: readonly Real[], name: string, found: Real[]): LowerView | "stop" | null {
  for (const d of dirs) {
    const node = realLookup(h, d, name);
    if (node === null) continue;
    const r = { fs: d.fs, node };
    const st = realStat(h, r);
    if (isWhiteoutStat(st)) return "stop";
    if (st.type === "dir") {
      found.push(r);
      if (isOpaqueDir(h, r)) return "stop";
      continue;
    }
    // A non-directory hides what is below it, and is itself hidden below a directory.
    return found.length === 0 ? { kind: "other", real: r, type: st.type } : "stop";
  }
  return null;
}

function dirView(found: Real[]): LowerView {
  return found.length > 0 ? { kind: "dir", dirs: found } : NONE;
}

/** The lookup of `name` in a stack of lower directories (topmost first). */
function lowerChild(h: FsHost, dirs: readonly Real[], name: string): LowerView {
  const found: Real[] = [];
  const end = scan(h, dirs, name, found);
  return end === null || end === "stop" ? dirView(found) : end;
}

interface Listing extends LowerListing {
  /** Names whited out in these layers (they hide the names of layers further down). */
  hidden: Set<string>;
}

/** The merged listing of lower directories; `lastIsBottom`: whether the last one is the stack's bottom. */
function lowerListingOf(h: FsHost, dirs: readonly Real[], lastIsBottom = true): Listing {
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
      (lastIsBottom && i === dirs.length - 1 ? bottom : middle).push(entry);
    }
  });
  return { bottom, middle, byName, hidden };
}

// --- the lower-stack cache ----------------------------------------------------------------------
//
// The immutable layers at the bottom of the stack (all of it for an image, all but the container's
// init directory for a container) are memoized; lower directories above them are looked up live.

interface StackCache {
  views: Map<string, LowerView>;
  listings: Map<string, Listing>;
}

interface StackPlan {
  /** Filesystems of the lowers above the memoized tail (looked up every time). */
  headFs: ReadonlySet<string>;
  /** The memo of the tail of immutable layers; null when there is none. */
  tail: StackCache | null;
}

const NO_CACHE: StackPlan = { headFs: new Set(), tail: null };
const MAX_STACKS = 64;
const MAX_PATHS = 200_000;
const tableIds = new WeakMap<object, number>();
let nextTableId = 1;
/** Memos by tail key (the identities of the layer tables and root nodes, topmost first). */
const stacks = new Map<string, StackCache>();
/** The plan of each overlay superblock, per host. */
const planOfSb = new WeakMap<object, WeakMap<object, StackPlan>>();

function tableId(t: object): number {
  let id = tableIds.get(t);
  if (id === undefined) tableIds.set(t, (id = nextTableId++));
  return id;
}

/** The committed object behind an immer draft: its identity is stable across transactions. */
export function baseOf<T extends object>(o: T): T {
  return isDraft(o) ? (original(o as Draft<T>) as T) : o;
}

function makePlan(h: FsHost, sb: OverlayFs): StackPlan {
  let start = sb.lower.length;
  while (start > 0 && h.w.fs[sb.lower[start - 1].fs]?.kind === "layer") start--;
  if (start === sb.lower.length) return NO_CACHE;
  const headFs = new Set(sb.lower.slice(0, start).map((l) => l.fs));
  let key = "";
  for (const l of sb.lower.slice(start)) {
    // A filesystem both above and in the tail would make the split ambiguous.
    if (headFs.has(l.fs)) return NO_CACHE;
    const lsb = h.w.fs[l.fs];
    if (lsb?.kind !== "layer") return NO_CACHE;
    key += `${tableId(h.layer(lsb.digest))}@${l.node},`;
  }
  let tail = stacks.get(key);
  if (!tail) {
    if (stacks.size >= MAX_STACKS) stacks.delete(stacks.keys().next().value!);
    tail = { views: new Map(), listings: new Map() };
    stacks.set(key, tail);
  }
  return { headFs, tail };
}

function stackPlan(h: FsHost, sb: OverlayFs): StackPlan {
  const base = baseOf(sb);
  let perHost = planOfSb.get(h);
  if (!perHost) planOfSb.set(h, (perHost = new WeakMap()));
  let plan = perHost.get(base);
  if (!plan) perHost.set(base, (plan = makePlan(h, base)));
  return plan;
}

function remember<V>(m: Map<string, V>, key: string, v: V): V {
  if (m.size >= MAX_PATHS) m.clear();
  m.set(key, v);
  return v;
}

/** Where the tail's directories start in a directory's lower list. */
function tailStart(dirs: readonly Real[], headFs: ReadonlySet<string>): number {
  let i = 0;
  while (i < dirs.length && headFs.has(dirs[i].fs)) i++;
  return i;
}

/**
 * What the lower layers show at `path`, a child of `dir`. The tail part of `dir.lower`, when not
 * empty, is the tail's own view of `dir.path` (the head never cut the merge above), so the tail's
 * answer for `path` can be memoized by path.
 */
function lowerViewAt(h: FsHost, sb: OverlayFs, dir: OvlObj, path: string, name: string): LowerView {
  const { headFs, tail } = stackPlan(h, sb);
  if (!tail) return lowerChild(h, dir.lower, name);
  const split = tailStart(dir.lower, headFs);
  if (split === 0) return tailView(h, tail, dir, split, path, name);
  const found: Real[] = [];
  const end = scan(h, dir.lower.slice(0, split), name, found);
  if (end === "stop") return dirView(found);
  if (end !== null) return end;
  if (split === dir.lower.length) return dirView(found);
  const tv = tailView(h, tail, dir, split, path, name);
  if (tv.kind === "dir") return { kind: "dir", dirs: found.length > 0 ? [...found, ...tv.dirs] : tv.dirs };
  return tv.kind === "other" && found.length === 0 ? tv : dirView(found);
}

/** The memoized tail's view of `path` (the part of `dir.lower` from `split` on). */
function tailView(h: FsHost, tail: StackCache, dir: OvlObj, split: number, path: string, name: string): LowerView {
  const known = tail.views.get(path);
  return known ?? remember(tail.views, path, lowerChild(h, dir.lower.slice(split), name));
}

/** The merged listing of the lower directories of `dir`. */
export function lowerListing(h: FsHost, sb: SuperBlock, dir: OvlObj): LowerListing {
  const { headFs, tail } = stackPlan(h, ovl(sb));
  if (!tail) return lowerListingOf(h, dir.lower);
  const split = tailStart(dir.lower, headFs);
  if (split === dir.lower.length) return lowerListingOf(h, dir.lower);
  const known = tail.listings.get(dir.path);
  const low = known ?? remember(tail.listings, dir.path, lowerListingOf(h, dir.lower.slice(split)));
  if (split === 0) return low;
  const head = lowerListingOf(h, dir.lower.slice(0, split), false);
  const shown = (e: LowerEntry) => !head.byName.has(e.name) && !head.hidden.has(e.name);
  const byName = new Map(head.byName);
  for (const [name, e] of low.byName) if (shown(e)) byName.set(name, e);
  return { bottom: low.bottom.filter(shown), middle: [...head.middle, ...low.middle.filter(shown)], byName };
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
  const memo = walkMemo<OvlObj | null>(sb.id);
  if (memo === null) return findChild(h, sb, dir, path, name);
  const known = memo.get(path);
  if (known !== undefined) return known;
  const found = findChild(h, sb, dir, path, name);
  memo.set(path, found);
  return found;
}

function findChild(h: FsHost, sb: SuperBlock, dir: OvlObj, path: string, name: string): OvlObj | null {
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

/**
 * The object at a node id; ENOENT when it is gone, ENOTDIR when a parent is not a directory. Within
 * a path walk, objects already resolved are reused (each step then costs one child lookup).
 */
export function resolve(h: FsHost, sb: SuperBlock, path: NodeId): OvlObj {
  const memo = walkMemo<OvlObj | null>(sb.id);
  if (memo === null) return resolveFrom(h, sb, rootObj(sb), String(path), 0);
  const p = String(path);
  const known = memo.get(p);
  if (known) return known;
  // Start below the deepest ancestor resolved in this walk.
  let o = rootObj(sb);
  let from = 0;
  for (let cut = p.lastIndexOf("/"); cut > 0; cut = p.lastIndexOf("/", cut - 1)) {
    const anc = memo.get(p.slice(0, cut));
    if (anc) {
      o = anc;
      from = cut + 1;
      break;
    }
  }
  return resolveFrom(h, sb, o, p, from);
}

function resolveFrom(h: FsHost, sb: SuperBlock, o: OvlObj, path: string, from: number): OvlObj {
  if (path === "") return o;
  while (from <= path.length) {
    let end = path.indexOf("/", from);
    if (end < 0) end = path.length;
    if (o.type !== "dir") throw new Errno("ENOTDIR");
    const c = childObj(h, sb, o, path.slice(from, end));
    if (!c) throw new Errno("ENOENT");
    o = c;
    from = end + 1;
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
