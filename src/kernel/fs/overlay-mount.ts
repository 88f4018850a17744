/**
 * mount -t overlay: the mount data ("lowerdir=A:B,upperdir=U,workdir=W") checked as Linux checks it
 * (EINVAL for bad combinations and options, ENOENT for missing directories), and the superblock.
 * Without upperdir the overlay is read-only and needs two lowerdirs; the mount must then be ro.
 */
import { Errno } from "../errno";
import type { Loc, NodeId, OverlayFs } from "../world";
import type { FsHost } from "./driver";
import { removeTree, upperOf, workWorkDir } from "./overlay-copyup";
import type { Vfs, Walker } from "./vfs";

/** What mounting needs of the kernel: path walking and the mount table. */
export type MountHost = FsHost & { readonly vfs: Vfs };

/** Options that only restate the defaults the simulation implements. */
const DEFAULT_OPTIONS: Record<string, (v: string) => boolean> = {
  redirect_dir: (v) => v === "off" || v === "follow" || v === "nofollow",
  index: (v) => v === "off",
  metacopy: (v) => v === "off",
  nfs_export: (v) => v === "off",
  xino: (v) => v === "off" || v === "auto" || v === "on",
  uuid: (v) => ["null", "off", "on", "auto"].includes(v),
  verity: (v) => v === "off",
  volatile: (v) => v === "",
  default_permissions: (v) => v === "",
  nouserxattr: (v) => v === "",
};

const MAX_LOWER = 500;

/** Splits lowerdir's list on ":" (a "\:" is a colon inside a name). */
function splitLowerdir(v: string): string[] {
  return v.split(/(?<!\\):/).map((p) => p.replace(/\\:/g, ":"));
}

/**
 * Builds the superblock of `mount -t overlay -o <data>` (see the top of the file). `found`: the
 * directories of the data the caller has already walked to (by their paths as written), which are
 * then not walked again; the engine passes the ones it found relative to its own directories.
 */
export function overlayMountData(
  k: MountHost,
  id: string,
  dev: number,
  w: Walker,
  data: string,
  found?: ReadonlyMap<string, Loc>,
): OverlayFs {
  const opts = new Map<string, string>();
  for (const part of data.split(",")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    if (key !== "lowerdir" && key !== "upperdir" && key !== "workdir" && !DEFAULT_OPTIONS[key]?.(value))
      throw new Errno("EINVAL");
    opts.set(key, value);
  }
  const lowerdir = opts.get("lowerdir");
  if (!lowerdir) throw new Errno("EINVAL");
  const dirAt = (path: string) => {
    const loc = found?.get(path) ?? k.vfs.walk(w, path, true);
    if (k.vfs.stat(loc).type !== "dir") throw new Errno("EINVAL");
    return loc;
  };
  const lower = splitLowerdir(lowerdir).map((p) => {
    if (p === "") throw new Errno("EINVAL");
    const loc = dirAt(p);
    return { fs: loc.fs, node: loc.node };
  });
  if (lower.length > MAX_LOWER) throw new Errno("EINVAL");
  const upperdir = opts.get("upperdir");
  const workdir = opts.get("workdir");
  if (upperdir === undefined) {
    if (lower.length < 2) throw new Errno("EINVAL");
    return { id, kind: "overlay", dev, lower, upper: null, work: null, options: data };
  }
  if (workdir === undefined) throw new Errno("EINVAL");
  const upperLoc = dirAt(upperdir);
  const workLoc = dirAt(workdir);
  if (k.w.mounts[upperLoc.mnt].readonly || k.vfs.drv(upperLoc.fs).immutable) throw new Errno("EINVAL");
  if (workLoc.mnt !== upperLoc.mnt || workLoc.fs !== upperLoc.fs) throw new Errno("EINVAL");
  if (
    isWithin(k, upperLoc.fs, workLoc.node, upperLoc.node) ||
    isWithin(k, upperLoc.fs, upperLoc.node, workLoc.node)
  )
    throw new Errno("EINVAL");
  const sb: OverlayFs = {
    id,
    kind: "overlay",
    dev,
    lower,
    upper: { fs: upperLoc.fs, node: upperLoc.node },
    work: { fs: workLoc.fs, node: workLoc.node },
    options: data,
  };
  // Linux empties $workdir/work at every mount and makes it again, mode 000.
  const up = upperOf(k, sb);
  if (workWorkDir(k, sb, false) !== null) removeTree(k, up, workLoc.node, "work");
  workWorkDir(k, sb, true);
  return sb;
}

/** Whether `node` is `dir` or below it, in filesystem `fs`. */
function isWithin(k: MountHost, fs: string, node: NodeId, dir: NodeId): boolean {
  const drv = k.vfs.drv(fs);
  const sb = k.vfs.sb(fs);
  for (let cur = node, guard = 0; guard < 4096; guard++) {
    if (cur === dir) return true;
    const parent = drv.lookup(k, sb, cur, "..");
    if (parent === cur) return false;
    cur = parent;
  }
  return false;
}
