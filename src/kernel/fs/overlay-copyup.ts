/**
 * Writing to an overlay: copy-up of lower objects into the upper layer (fs/overlayfs/copy_up.c) and
 * whiteouts. Everything goes through the upper filesystem's own driver.
 */
import type { Stat } from "../api";
import { Errno } from "../errno";
import type { NodeId, SuperBlock } from "../world";
import type { FsDriver, FsHost } from "./driver";
import {
  baseName,
  IMPURE_XATTR,
  isWhiteoutStat,
  ORIGIN_XATTR,
  type OvlObj,
  ovl,
  parentPath,
  type Real,
  realDrv,
  realLookup,
  realSb,
  realStat,
  realXattr,
  resolve,
  upperReal,
} from "./overlay-view";

/** The private xattr namespace overlayfs keeps for itself; "trusted.overlay.overlay." escapes it. */
export const PRIVATE_PREFIX = "trusted.overlay.";
export const ESCAPED_PREFIX = "trusted.overlay.overlay.";

export interface Upper {
  sb: SuperBlock;
  drv: FsDriver;
  fs: string;
}

/** The upper filesystem; EROFS for an overlay mounted without upperdir. */
export function upperOf(h: FsHost, sb: SuperBlock): Upper {
  const u = ovl(sb).upper;
  if (!u) throw new Errno("EROFS");
  const usb = realSb(h, u.fs);
  return { sb: usb, drv: h.driver(usb), fs: u.fs };
}

function usec(sec: number, ns: number): number {
  return sec * 1e6 + Math.floor(ns / 1000);
}

function timesOf(st: Omit<Stat, "dev">) {
  return { atime: usec(st.atime, st.atimeNs), mtime: usec(st.mtime, st.mtimeNs) };
}

/**
 * Makes sure `o` has an upper object, copying it (and first its parent directories) up from the
 * topmost lower: same type, mode, owner, times, data or link target, and xattrs, plus an origin
 * record. The parent's visible times are restored afterwards, as Linux does.
 */
export function copyUp(h: FsHost, sb: SuperBlock, o: OvlObj): NodeId {
  if (o.upper !== null) return o.upper;
  const up = upperOf(h, sb);
  const parent = resolve(h, sb, parentPath(o.path));
  const pu = copyUp(h, sb, parent);
  const src = o.lower[0];
  const sdrv = realDrv(h, src);
  const ssb = realSb(h, src.fs);
  const st = realStat(h, src);
  const parentTimes = timesOf(up.drv.getattr(h, up.sb, pu));
  const node = up.drv.create(h, up.sb, pu, baseName(o.path), {
    type: st.type,
    perm: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    target: st.type === "symlink" ? sdrv.readlink(h, ssb, src.node) : undefined,
    rdev: st.rdev,
  });
  if (st.type === "file") {
    const data = sdrv.read(h, ssb, src.node);
    if (data.length > 0) up.drv.write(h, up.sb, node, 0, data);
  }
  for (const name of sdrv.listxattr(h, ssb, src.node)) {
    if (name.startsWith(PRIVATE_PREFIX) && !name.startsWith(ESCAPED_PREFIX)) continue;
    up.drv.setxattr(h, up.sb, node, name, sdrv.getxattr(h, ssb, src.node, name));
  }
  // Linux records the origin only where it identifies one object (not for lower hard links).
  if (st.type === "dir" || st.nlink === 1) up.drv.setxattr(h, up.sb, node, ORIGIN_XATTR, encodeOrigin(src));
  up.drv.setattr(h, up.sb, node, timesOf(st));
  markImpure(h, sb, pu);
  up.drv.setattr(h, up.sb, pu, parentTimes);
  return node;
}

/** Marks an upper directory as possibly holding copied-up objects (trusted.overlay.impure=y). */
export function markImpure(h: FsHost, sb: SuperBlock, dir: NodeId) {
  if (realXattr(h, upperReal(sb, dir), IMPURE_XATTR) !== null) return;
  const up = upperOf(h, sb);
  up.drv.setxattr(h, up.sb, dir, IMPURE_XATTR, "y");
}

/** trusted.overlay.origin: Linux stores a file handle; the simulation stores the lower object. */
export function encodeOrigin(r: Real): string {
  return JSON.stringify([r.fs, r.node]);
}

export function decodeOrigin(v: string): Real | null {
  try {
    const parsed: unknown = JSON.parse(v);
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === "string" &&
      ["string", "number"].includes(typeof parsed[1])
    )
      return { fs: parsed[0], node: parsed[1] };
  } catch {
    // not ours: ignored, as Linux ignores an origin it cannot decode
  }
  return null;
}

const WORK_DIR = "work";

/** `$workdir/work`, where Linux keeps its temporary files and the shared whiteout. */
export function workWorkDir(h: FsHost, sb: SuperBlock, create: boolean): NodeId | null {
  const work = ovl(sb).work;
  if (!work) return null;
  const up = upperOf(h, sb);
  const found = realLookup(h, { fs: up.fs, node: work.node }, WORK_DIR, true);
  if (found !== null || !create) return found;
  return up.drv.create(h, up.sb, work.node, WORK_DIR, { type: "dir", perm: 0, uid: 0, gid: 0 });
}

function newWhiteout(h: FsHost, up: Upper, dir: NodeId, name: string): NodeId {
  return up.drv.create(h, up.sb, dir, name, { type: "char", perm: 0, uid: 0, gid: 0, rdev: [0, 0] });
}

/**
 * Puts a whiteout at `name` in upper directory `dir`. Like Linux (5.8+), unlink and rmdir hard-link
 * one shared whiteout inode kept in the work directory.
 */
export function addWhiteout(h: FsHost, sb: SuperBlock, dir: NodeId, name: string) {
  const up = upperOf(h, sb);
  const ww = workWorkDir(h, sb, true);
  if (ww === null) {
    newWhiteout(h, up, dir, name);
    return;
  }
  let shared: NodeId | null = null;
  for (const e of up.drv.readdir(h, up.sb, ww)) {
    if (!e.name.startsWith("#") || e.type !== "char") continue;
    const node = up.drv.lookup(h, up.sb, ww, e.name);
    if (isWhiteoutStat(up.drv.getattr(h, up.sb, node))) {
      shared = node;
      break;
    }
  }
  if (shared === null) {
    let n = Math.floor(h.now() / 1e6) % 0x1000;
    for (;;) {
      try {
        shared = newWhiteout(h, up, ww, `#${n.toString(16)}`);
        break;
      } catch (e) {
        if (!(e instanceof Errno) || e.code !== "EEXIST") throw e;
        n++;
      }
    }
  }
  up.drv.link(h, up.sb, dir, name, shared);
}

/** A whiteout of its own (what rename(RENAME_WHITEOUT) leaves on the upper filesystem). */
export function addFreshWhiteout(h: FsHost, sb: SuperBlock, dir: NodeId, name: string) {
  newWhiteout(h, upperOf(h, sb), dir, name);
}

/** Removes the whiteouts in an upper directory that the overlay shows as empty. */
export function clearWhiteouts(h: FsHost, sb: SuperBlock, dir: NodeId) {
  const up = upperOf(h, sb);
  for (const e of up.drv.readdir(h, up.sb, dir)) {
    const node = up.drv.lookup(h, up.sb, dir, e.name);
    if (!isWhiteoutStat(up.drv.getattr(h, up.sb, node))) throw new Errno("ENOTEMPTY");
    up.drv.unlink(h, up.sb, dir, e.name);
  }
}

/** If upper directory `dir` holds a whiteout at `name`, removes it; returns whether it did. */
export function dropWhiteout(h: FsHost, sb: SuperBlock, dir: NodeId, name: string): boolean {
  const up = upperOf(h, sb);
  let node: NodeId;
  try {
    node = up.drv.lookup(h, up.sb, dir, name);
  } catch (e) {
    if (e instanceof Errno && e.code === "ENOENT") return false;
    throw e;
  }
  if (!isWhiteoutStat(up.drv.getattr(h, up.sb, node))) return false;
  up.drv.unlink(h, up.sb, dir, name);
  return true;
}

/** Deletes a whole tree in the upper filesystem (used to reset `$workdir/work` at mount). */
export function removeTree(h: FsHost, up: Upper, dir: NodeId, name: string) {
  const node = up.drv.lookup(h, up.sb, dir, name);
  if (up.drv.getattr(h, up.sb, node).type !== "dir") {
    up.drv.unlink(h, up.sb, dir, name);
    return;
  }
  for (const e of up.drv.readdir(h, up.sb, node)) removeTree(h, up, node, e.name);
  up.drv.rmdir(h, up.sb, dir, name);
}
