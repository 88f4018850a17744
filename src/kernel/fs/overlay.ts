/**
 * The overlay filesystem: Linux overlayfs with its default options (redirect_dir=off, index=off,
 * metacopy=off, xino=off). Node ids are paths from the overlay root ("" is the root). The merged
 * view is in overlay-view.ts, copy-up and whiteouts in overlay-copyup.ts.
 *
 * Mounting: `overlayMountData(k, id, dev, walker, data)` (overlay-mount.ts, re-exported here)
 * parses "lowerdir=A:B,upperdir=U,workdir=W", checks it as Linux does and returns the superblock.
 *
 * Beyond FsDriver: `prepareWrite(h, sb, node)` is what open(2) for writing must call on a regular
 * file (Linux copies up at open time, before any write, and also for O_TRUNC of an empty file).
 *
 * Inode numbers: every object reports the overlay's st_dev, as Linux does when all layers sit on
 * one filesystem (as Docker's overlay2 directories do). The simulation's layers are separate
 * filesystems, so their inode numbers are told apart the way xino does it: the number of a lower
 * object is its real inode number plus (layer filesystem index << 24); upper objects keep theirs.
 * A merged directory reports the number of its topmost lower directory, a copied-up file keeps
 * the number it had before copy-up (its origin), and a merged directory has nlink 1.
 */
import { Errno } from "../errno";
import type { NodeId, OverlayFs, SuperBlock } from "../world";
import type { DirEntry, FsDriver, FsHost } from "./driver";
import {
  addFreshWhiteout,
  addWhiteout,
  clearWhiteouts,
  copyUp,
  decodeOrigin,
  dropWhiteout,
  ESCAPED_PREFIX,
  markImpure,
  PRIVATE_PREFIX,
  upperOf,
  workWorkDir,
} from "./overlay-copyup";
import {
  baseOf,
  childObj,
  childPath,
  isMerged,
  isOpaqueDir,
  isWhiteoutStat,
  lowerListing,
  lowerPositive,
  OPAQUE_XATTR,
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
  topReal,
  upperReal,
} from "./overlay-view";

export { type MountHost, overlayMountData } from "./overlay-mount";

// --- inode numbers ------------------------------------------------------------------------------

const FSID_SHIFT = 2 ** 24;
/** Per superblock: filesystem id -> index (upper's is 0), or null when all layers share one fs. */
const fsids = new WeakMap<object, Map<string, number> | null>();

function fsidMap(sb: OverlayFs): Map<string, number> | null {
  const base = baseOf(sb);
  const known = fsids.get(base);
  if (known !== undefined) return known;
  const map = new Map<string, number>();
  if (base.upper) map.set(base.upper.fs, 0);
  const first = base.upper ? 0 : 1;
  for (const l of base.lower) if (!map.has(l.fs)) map.set(l.fs, map.size + first);
  const result = map.size === 1 ? null : map;
  fsids.set(base, result);
  return result;
}

function mapIno(sb: SuperBlock, fs: string, ino: number): number {
  const m = fsidMap(ovl(sb));
  return m ? (m.get(fs) ?? 0) * FSID_SHIFT + ino : ino;
}

/** The lower object a copied-up non-directory came from, if Linux would report its inode number. */
function originOf(h: FsHost, sb: SuperBlock, upper: NodeId): { fs: string; ino: number } | null {
  const v = realXattr(h, upperReal(sb, upper), ORIGIN_XATTR);
  const r = v === null ? null : decodeOrigin(v);
  if (!r || !ovl(sb).lower.some((l) => l.fs === r.fs)) return null;
  try {
    const st = realStat(h, r);
    return st.nlink === 1 ? { fs: r.fs, ino: st.ino } : null;
  } catch {
    return null;
  }
}

/** st_ino as overlayfs reports it (see the top of the file). */
function inoOf(h: FsHost, sb: SuperBlock, o: OvlObj, top: Real, realIno: number): number {
  if (o.type === "dir") {
    if (o.path !== "" && o.upper !== null && o.lower.length > 0)
      return mapIno(sb, o.lower[0].fs, realStat(h, o.lower[0]).ino);
    return mapIno(sb, top.fs, realIno);
  }
  if (o.upper !== null) {
    const origin = originOf(h, sb, o.upper);
    if (origin) return mapIno(sb, origin.fs, origin.ino);
  }
  return mapIno(sb, top.fs, realIno);
}

// --- helpers ------------------------------------------------------------------------------------

function dirObj(h: FsHost, sb: SuperBlock, node: NodeId): OvlObj {
  const o = resolve(h, sb, node);
  if (o.type !== "dir") throw new Errno("ENOTDIR");
  return o;
}

function existingChild(h: FsHost, sb: SuperBlock, dir: OvlObj, name: string): OvlObj {
  const c = childObj(h, sb, dir, name);
  if (!c) throw new Errno("ENOENT");
  return c;
}

/** Overlay xattr names as stored: overlayfs's own namespace is escaped with one more "overlay.". */
function storedXattrName(name: string): string {
  return name.startsWith(PRIVATE_PREFIX) ? ESCAPED_PREFIX + name.slice(PRIVATE_PREFIX.length) : name;
}

function isUpperWhiteout(h: FsHost, sb: SuperBlock, dir: NodeId, name: string): boolean {
  const node = realLookup(h, upperReal(sb, dir), name);
  return node !== null && isWhiteoutStat(realStat(h, upperReal(sb, node)));
}

/**
 * Whether Linux filters whiteouts out of this directory's listing: merged directories, the root,
 * and directories with an origin record (OVL_WHITEOUTS). Others are listed as their real directory,
 * where a stray whiteout shows up although looking it up finds nothing.
 */
function mayHaveWhiteouts(h: FsHost, sb: SuperBlock, o: OvlObj): boolean {
  return o.path === "" || isMerged(o) || realXattr(h, topReal(sb, o), ORIGIN_XATTR) !== null;
}

/** A directory with only an upper part that Linux does not expect whiteouts in (ovl_pure_upper). */
function isPureUpper(h: FsHost, sb: SuperBlock, o: OvlObj): boolean {
  return o.upper !== null && o.lower.length === 0 && !mayHaveWhiteouts(h, sb, o);
}

/**
 * The merged listing of a directory, in the order Linux returns it. `forEmptyCheck`: the listing
 * rmdir and rename judge emptiness by, which always leaves whiteouts out.
 */
function mergedEntries(h: FsHost, sb: SuperBlock, o: OvlObj, forEmptyCheck = false): DirEntry[] {
  const upperNames = new Set<string>();
  const fromUpper: DirEntry[] = [];
  if (!forEmptyCheck && !mayHaveWhiteouts(h, sb, o)) {
    const r = topReal(sb, o);
    const entries = realDrv(h, r).readdir(h, realSb(h, r.fs), r.node);
    if (o.upper === null) return entries.map((e) => ({ ...e, ino: mapIno(sb, r.fs, e.ino) }));
    return entries.map((e) =>
      e.type === "char" ? { ...e, ino: mapIno(sb, r.fs, e.ino) } : upperEntry(h, sb, o, e, null),
    );
  }
  if (o.upper !== null) {
    const ur = upperReal(sb, o.upper);
    const drv = realDrv(h, ur);
    const usb = realSb(h, ur.fs);
    for (const e of drv.readdir(h, usb, o.upper)) {
      upperNames.add(e.name);
      if (e.type === "char" && isUpperWhiteout(h, sb, o.upper, e.name)) continue;
      fromUpper.push(e);
    }
  }
  if (o.lower.length === 0) return fromUpper.map((e) => upperEntry(h, sb, o, e, null));
  const listing = lowerListing(h, sb, o);
  const fromLower = (list: typeof listing.bottom): DirEntry[] =>
    list
      .filter((e) => !upperNames.has(e.name))
      .map((e) => ({ name: e.name, type: e.type, ino: mapIno(sb, e.fs, e.ino) }));
  return [
    ...fromLower(listing.bottom),
    ...fromUpper.map((e) => upperEntry(h, sb, o, e, listing.byName.get(e.name) ?? null)),
    ...fromLower(listing.middle),
  ];
}

/** d_ino of an upper entry: the same number stat() reports for it. */
function upperEntry(
  h: FsHost,
  sb: SuperBlock,
  dir: OvlObj,
  e: DirEntry,
  below: { type: string; fs: string; ino: number } | null,
): DirEntry {
  const ufs = ovl(sb).upper!.fs;
  if (e.type === "dir") {
    const merged =
      below?.type === "dir" &&
      !isOpaqueDir(h, upperReal(sb, realLookup(h, upperReal(sb, dir.upper!), e.name)!));
    return { ...e, ino: merged ? mapIno(sb, below.fs, below.ino) : mapIno(sb, ufs, e.ino) };
  }
  const node = realLookup(h, upperReal(sb, dir.upper!), e.name);
  const origin = node === null ? null : originOf(h, sb, node);
  return { ...e, ino: origin ? mapIno(sb, origin.fs, origin.ino) : mapIno(sb, ufs, e.ino) };
}

// --- the driver ---------------------------------------------------------------------------------

export const overlayDriver: FsDriver & {
  /** The file is being opened for writing: Linux copies it up at open time, before any write. */
  prepareWrite(h: FsHost, sb: SuperBlock, node: NodeId): void;
} = {
  root: () => "",

  lookup(h, sb, dir, name) {
    const d = dirObj(h, sb, dir);
    if (name === "..") return parentPath(d.path);
    if (name === "." || name === "") return d.path;
    return existingChild(h, sb, d, name).path;
  },

  tryLookup(h, sb, dir, name) {
    const d = dirObj(h, sb, dir);
    if (name === "..") return parentPath(d.path);
    if (name === "." || name === "") return d.path;
    return childObj(h, sb, d, name)?.path ?? null;
  },

  kindOf: (h, sb, node) => resolve(h, sb, node).type,

  getattr(h, sb, node) {
    const o = resolve(h, sb, node);
    const top = topReal(sb, o);
    const st = realStat(h, top);
    const nlink = o.type === "dir" && isMerged(o) ? 1 : st.nlink;
    return { ...st, ino: inoOf(h, sb, o, top, st.ino), nlink };
  },

  readdir: (h, sb, dir) => mergedEntries(h, sb, dirObj(h, sb, dir)),

  readlink(h, sb, node) {
    const r = topReal(sb, resolve(h, sb, node));
    return realDrv(h, r).readlink(h, realSb(h, r.fs), r.node);
  },

  read(h, sb, node) {
    const r = topReal(sb, resolve(h, sb, node));
    return realDrv(h, r).read(h, realSb(h, r.fs), r.node);
  },

  progOf(h, sb, node) {
    const r = topReal(sb, resolve(h, sb, node));
    return realDrv(h, r).progOf?.(h, realSb(h, r.fs), r.node);
  },

  prepareWrite(h, sb, node) {
    const o = resolve(h, sb, node);
    if (o.type === "file") copyUp(h, sb, o);
  },

  write(h, sb, node, offset, data) {
    const o = resolve(h, sb, node);
    if (o.type === "dir") throw new Errno("EISDIR");
    const up = upperOf(h, sb);
    up.drv.write(h, up.sb, copyUp(h, sb, o), offset, data);
  },

  truncate(h, sb, node, size) {
    const o = resolve(h, sb, node);
    if (o.type === "dir") throw new Errno("EISDIR");
    const up = upperOf(h, sb);
    up.drv.truncate(h, up.sb, copyUp(h, sb, o), size);
  },

  create(h, sb, dir, name, n) {
    const up = upperOf(h, sb);
    // A whiteout is overlayfs's own marker: it cannot be made through the overlay.
    if (n.type === "char" && n.rdev && n.rdev[0] === 0 && n.rdev[1] === 0) throw new Errno("EPERM");
    const d = dirObj(h, sb, dir);
    if (childObj(h, sb, d, name)) throw new Errno("EEXIST");
    const pu = copyUp(h, sb, d);
    const overWhiteout = dropWhiteout(h, sb, pu, name);
    const node = up.drv.create(h, up.sb, pu, name, n);
    // A directory made where a name was deleted must not show what the lower layers had there.
    if (n.type === "dir" && overWhiteout) up.drv.setxattr(h, up.sb, node, OPAQUE_XATTR, "y");
    return childPath(d.path, name);
  },

  link(h, sb, dir, name, target) {
    const up = upperOf(h, sb);
    const t = resolve(h, sb, target);
    if (t.type === "dir") throw new Errno("EPERM");
    const d = dirObj(h, sb, dir);
    if (childObj(h, sb, d, name)) throw new Errno("EEXIST");
    const tu = copyUp(h, sb, t);
    // Copying the target up may have copied this directory up too.
    const pu = copyUp(h, sb, resolve(h, sb, d.path));
    dropWhiteout(h, sb, pu, name);
    up.drv.link(h, up.sb, pu, name, tu);
  },

  unlink(h, sb, dir, name) {
    const up = upperOf(h, sb);
    const d = dirObj(h, sb, dir);
    const c = existingChild(h, sb, d, name);
    if (c.type === "dir") throw new Errno("EISDIR");
    const whiteout = lowerPositive(h, sb, d, name);
    if (c.upper !== null) up.drv.unlink(h, up.sb, d.upper!, name);
    if (whiteout) addWhiteout(h, sb, copyUp(h, sb, d), name);
  },

  rmdir(h, sb, dir, name) {
    const up = upperOf(h, sb);
    const d = dirObj(h, sb, dir);
    const c = existingChild(h, sb, d, name);
    if (c.type !== "dir") throw new Errno("ENOTDIR");
    const whiteout = lowerPositive(h, sb, d, name);
    // A pure upper directory is left to the upper filesystem's rmdir: a stray whiteout in it counts.
    const merged = whiteout || !isPureUpper(h, sb, c);
    if (merged && mergedEntries(h, sb, c, true).length > 0) throw new Errno("ENOTEMPTY");
    if (c.upper !== null) {
      if (merged) clearWhiteouts(h, sb, c.upper);
      up.drv.rmdir(h, up.sb, d.upper!, name);
    }
    if (whiteout) addWhiteout(h, sb, copyUp(h, sb, d), name);
  },

  rename(h, sb, fromDir, fromName, toDir, toName) {
    const up = upperOf(h, sb);
    const od = dirObj(h, sb, fromDir);
    const old = existingChild(h, sb, od, fromName);
    const nd = dirObj(h, sb, toDir);
    const target = childObj(h, sb, nd, toName);
    if (old.path === childPath(nd.path, toName)) return;
    // The checks the VFS makes before asking the filesystem (fs/namei.c), in its order.
    if (old.type === "dir" && childPath(nd.path, toName).startsWith(`${old.path}/`))
      throw new Errno("EINVAL");
    if (target && old.path.startsWith(`${target.path}/`)) throw new Errno("ENOTEMPTY");
    if (target && old.upper !== null && target.upper !== null && sameUpperInode(h, sb, old, target)) return;
    if (target && old.type === "dir" && target.type !== "dir") throw new Errno("ENOTDIR");
    if (target && old.type !== "dir" && target.type === "dir") throw new Errno("EISDIR");
    // Without redirect_dir, a directory that has lower parts cannot be moved: mv copies instead.
    if (old.type === "dir" && (old.upper === null || old.lower.length > 0)) throw new Errno("EXDEV");
    const mergedTarget = target !== null && target.type === "dir" && !isPureUpper(h, sb, target);
    if (mergedTarget && mergedEntries(h, sb, target, true).length > 0) throw new Errno("ENOTEMPTY");
    const whiteoutOld = lowerPositive(h, sb, od, fromName);
    const ou = copyUp(h, sb, old);
    // Copying the source up may have copied the target directory up too.
    const npu = copyUp(h, sb, resolve(h, sb, nd.path));
    const opu = resolve(h, sb, od.path).upper!;
    // A copied-up object moving to another directory makes that directory "impure", as in Linux.
    if (od.path !== nd.path && realXattr(h, upperReal(sb, ou), ORIGIN_XATTR) !== null) markImpure(h, sb, npu);
    // A directory moved into a merged directory must not pick up what the lowers have under its
    // new name. Linux marks it before renaming (and leaves the mark if the rename then fails).
    if (old.type === "dir" && nd.lower.length > 0) {
      const moving = upperReal(sb, old.upper!);
      if (!isOpaqueDir(h, moving)) up.drv.setxattr(h, up.sb, moving.node, OPAQUE_XATTR, "y");
    }
    const targetWhiteout = isUpperWhiteout(h, sb, npu, toName);
    // A merged target directory shows empty but may hold whiteouts; a pure upper one must be empty.
    if (mergedTarget && target.upper !== null) clearWhiteouts(h, sb, target.upper);
    if (targetWhiteout && whiteoutOld) {
      // RENAME_EXCHANGE: the whiteout at the target moves to the old name.
      const ww = workWorkDir(h, sb, true)!;
      const parked = `#wh-${fromName}`;
      up.drv.rename(h, up.sb, npu, toName, ww, parked);
      up.drv.rename(h, up.sb, opu, fromName, npu, toName);
      up.drv.rename(h, up.sb, ww, parked, opu, fromName);
    } else {
      if (targetWhiteout) dropWhiteout(h, sb, npu, toName);
      try {
        up.drv.rename(h, up.sb, opu, fromName, npu, toName);
      } catch (e) {
        // ext4 makes the RENAME_WHITEOUT whiteout before finding the target directory not empty,
        // and the old directory keeps the new times when it backs out.
        if (whiteoutOld && e instanceof Errno && e.code === "ENOTEMPTY") {
          const now = h.now();
          up.drv.setattr(h, up.sb, opu, { mtime: now });
        }
        throw e;
      }
      if (whiteoutOld) addFreshWhiteout(h, sb, opu, fromName);
    }
  },

  setattr(h, sb, node, a) {
    const up = upperOf(h, sb);
    up.drv.setattr(h, up.sb, copyUp(h, sb, resolve(h, sb, node)), a);
  },

  getxattr(h, sb, node, name) {
    const r = topReal(sb, resolve(h, sb, node));
    return realDrv(h, r).getxattr(h, realSb(h, r.fs), r.node, storedXattrName(name));
  },

  setxattr(h, sb, node, name, value) {
    const up = upperOf(h, sb);
    const o = resolve(h, sb, node);
    const stored = storedXattrName(name);
    // Removing an attribute the file does not have fails without copying it up.
    if (value === null && realXattr(h, topReal(sb, o), stored) === null) throw new Errno("ENODATA");
    up.drv.setxattr(h, up.sb, copyUp(h, sb, o), stored, value);
  },

  listxattr(h, sb, node) {
    const r = topReal(sb, resolve(h, sb, node));
    const out: string[] = [];
    for (const name of realDrv(h, r).listxattr(h, realSb(h, r.fs), r.node)) {
      if (name.startsWith(ESCAPED_PREFIX)) out.push(PRIVATE_PREFIX + name.slice(ESCAPED_PREFIX.length));
      else if (!name.startsWith(PRIVATE_PREFIX)) out.push(name);
    }
    return out;
  },

  statfs(h, sb) {
    const o = ovl(sb);
    const r = o.upper ?? o.lower[0];
    const rsb = realSb(h, r.fs);
    return h.driver(rsb).statfs(h, rsb);
  },
};

/** Two upper names of one upper inode: rename between them does nothing (POSIX). */
function sameUpperInode(h: FsHost, sb: SuperBlock, a: OvlObj, b: OvlObj): boolean {
  return realStat(h, upperReal(sb, a.upper!)).ino === realStat(h, upperReal(sb, b.upper!)).ino;
}
