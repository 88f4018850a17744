/**
 * A small simulated machine for overlay tests: one ext4-like disk holding lower directories (or
 * immutable layers mounted on it), the upper and work directories, and the overlay mounted at
 * /merged through the real mount-data code. Operations go through the real VFS and drivers, with
 * the open(2)/truncate(2) steps a syscall layer adds written out in SimPosix.
 */
import type { Stat } from "../../src/kernel/api";
import { Errno } from "../../src/kernel/errno";
import { diskDriver, newDiskFs } from "../../src/kernel/fs/diskfs";
import type { FsDriver, FsHost } from "../../src/kernel/fs/driver";
import type { FileEntry } from "../../src/kernel/fs/entries";
import { LayerStore, layerDriver } from "../../src/kernel/fs/layer";
import { overlayDriver, overlayMountData } from "../../src/kernel/fs/overlay";
import { type Walker, Vfs, mountKey } from "../../src/kernel/fs/vfs";
import type { DiskFs, Loc, Mount, NodeId, SuperBlock, World } from "../../src/kernel/world";
import type { Tree } from "./overlay-spec";

/** Simulated "now" (2024-01-01): later than every fixed time the specs use. */
export const SIM_EPOCH_SEC = 1_704_067_200;

export class SimHost implements FsHost {
  readonly layers = new LayerStore();
  readonly vfs: Vfs;
  clockUsec = SIM_EPOCH_SEC * 1e6;
  constructor(readonly w: World) {
    this.vfs = new Vfs(this);
  }
  now(): number {
    return this.clockUsec;
  }
  driver(sb: SuperBlock): FsDriver {
    if (sb.kind === "disk") return diskDriver;
    if (sb.kind === "layer") return layerDriver;
    if (sb.kind === "overlay") return overlayDriver;
    throw new Error(`no driver for ${sb.kind} in the overlay test host`);
  }
  layer(digest: string) {
    return this.layers.get(digest);
  }
}

export const ROOT_CRED = { uid: 0, gid: 0, groups: [] };

export interface Sim {
  h: SimHost;
  vfs: Vfs;
  /** Walker at the machine's root. */
  w: Walker;
  disk: DiskFs;
  overlayFs: string;
  posix: SimPosix;
}

function emptyWorld(): World {
  return {
    fs: {},
    mounts: {},
    ns: { 1: { inum: 1, type: "mnt", mnt: { root: 1, mounts: [], index: {} } } },
    config: { diskSize: 1 << 30 },
  } as unknown as World;
}

/** A host with an empty disk mounted at /. */
export function newSimHost(): Sim {
  const world = emptyWorld();
  const h = new SimHost(world);
  const disk = newDiskFs("disk", "ext4", 0xfe00, h.now());
  world.fs.disk = disk;
  addMount(world, {
    id: 1,
    parent: 1,
    mountpoint: { fs: "disk", node: disk.rootIno },
    fs: "disk",
    root: disk.rootIno,
  });
  const root: Loc = { mnt: 1, fs: "disk", node: disk.rootIno };
  const w: Walker = { root, cwd: root, cred: ROOT_CRED };
  return { h, vfs: h.vfs, w, disk, overlayFs: "", posix: new SimPosix(h, h.vfs, w) };
}

function addMount(world: World, m: Pick<Mount, "id" | "parent" | "mountpoint" | "fs" | "root">) {
  world.mounts[m.id] = { ...m, ns: 1, source: m.fs, fstype: m.fs, readonly: false, options: [] };
  const ns = world.ns[1].mnt!;
  ns.mounts.push(m.id);
  if (m.parent !== m.id) ns.index[mountKey(m.parent, m.mountpoint.fs, m.mountpoint.node)] = m.id;
}

function nextMountId(world: World): number {
  return Math.max(0, ...Object.keys(world.mounts).map(Number)) + 1;
}

/** Mounts an immutable layer built from `entries` on directory `at`. */
export function mountLayer(sim: Sim, at: string, entries: FileEntry[]): string {
  const layer = sim.h.layers.add(entries);
  const id = `layer${Object.keys(sim.h.w.fs).length}`;
  sim.h.w.fs[id] = { id, kind: "layer", dev: 0x100 + Object.keys(sim.h.w.fs).length, digest: layer.digest };
  const dir = sim.vfs.walk(sim.w, at, true);
  addMount(sim.h.w, {
    id: nextMountId(sim.h.w),
    parent: dir.mnt,
    mountpoint: { fs: dir.fs, node: dir.node },
    fs: id,
    root: layer.rootIno,
  });
  return id;
}

/** mount -t overlay overlay -o <data> <at> */
export function mountOverlay(sim: Sim, at: string, data: string): string {
  const id = `ovl${Object.keys(sim.h.w.fs).length}`;
  const sb = overlayMountData(sim.h, id, 0x2a, sim.w, data);
  sim.h.w.fs[id] = sb;
  const dir = sim.vfs.walk(sim.w, at, true);
  const mount = nextMountId(sim.h.w);
  addMount(sim.h.w, {
    id: mount,
    parent: dir.mnt,
    mountpoint: { fs: dir.fs, node: dir.node },
    fs: id,
    root: "",
  });
  // Without an upper layer Linux makes the mount read-only.
  if (!sb.upper) sim.h.w.mounts[mount].readonly = true;
  sim.overlayFs = id;
  return id;
}

/** Mode bits that a Tree entry kind maps to. */
function typeOf(kind: string): Exclude<FileEntry["type"], "hardlink"> {
  return kind === "whiteout" ? "char" : (kind as Exclude<FileEntry["type"], "hardlink">);
}

/** The entries of one tree as layer file entries (parents are listed before children). */
export function treeToEntries(tree: Tree): FileEntry[] {
  return tree.map((e) => ({
    path: e.path,
    type: e.kind === "hardlink" ? "hardlink" : typeOf(e.kind),
    mode: e.mode,
    uid: e.uid,
    gid: e.uid,
    mtime: e.mtime,
    content: e.kind === "file" ? e.content : undefined,
    target: e.kind === "symlink" || e.kind === "hardlink" ? e.target : undefined,
    rdev: e.kind === "whiteout" ? [0, 0] : undefined,
    xattrs: e.opaque ? { "trusted.overlay.opaque": "y" } : undefined,
  }));
}

/** Writes a tree under directory `at` of the simulated disk. */
export function writeTree(sim: Sim, at: string, tree: Tree) {
  const { vfs, w, h } = sim;
  sim.posix.mkdirs(at);
  const base = vfs.walk(w, at, true);
  const loc = (p: string) => vfs.walk({ ...w, cwd: base }, p, false);
  for (const e of tree) {
    if (e.path === "") continue;
    const cw = { ...w, cwd: base };
    if (e.kind === "hardlink") {
      vfs.link(cw, e.target!, e.path);
      continue;
    }
    const type = typeOf(e.kind);
    vfs.create(cw, e.path, {
      type,
      perm: e.mode,
      target: e.target,
      rdev: type === "char" ? [0, 0] : undefined,
    });
    const l = loc(e.path);
    const drv = vfs.drv(l.fs);
    const sb = vfs.sb(l.fs);
    if (e.kind === "file" && e.content) drv.write(h, sb, l.node, 0, e.content);
    if (e.opaque) drv.setxattr(h, sb, l.node, "trusted.overlay.opaque", "y");
    drv.setattr(h, sb, l.node, { uid: e.uid, gid: e.uid });
  }
  // Times last, deepest first, so that making children does not move their parents' times.
  for (const e of [...tree].sort((a, b) => b.path.split("/").length - a.path.split("/").length)) {
    if (e.kind === "hardlink") continue;
    const l = e.path === "" ? base : loc(e.path);
    if (e.path === "")
      vfs.drv(l.fs).setattr(h, vfs.sb(l.fs), l.node, { perm: e.mode, uid: e.uid, gid: e.uid });
    vfs.drv(l.fs).setattr(h, vfs.sb(l.fs), l.node, { atime: e.mtime * 1e6, mtime: e.mtime * 1e6 });
  }
}

export type OpResult = "ok" | string;

/** The steps of the system calls the tests use, on top of the VFS (what syscalls.ts adds). */
export class SimPosix {
  umask = 0o022;
  constructor(
    readonly h: FsHost,
    readonly vfs: Vfs,
    readonly w: Walker,
  ) {}

  private drv(l: Loc) {
    return { drv: this.vfs.drv(l.fs), sb: this.vfs.sb(l.fs), h: this.h };
  }

  mkdirs(path: string) {
    let cur = "";
    for (const part of path.split("/").filter((p) => p !== "")) {
      cur += `/${part}`;
      try {
        this.vfs.create(this.w, cur, { type: "dir", perm: 0o755 });
      } catch (e) {
        if (!(e instanceof Errno) || e.code !== "EEXIST") throw e;
      }
    }
  }

  /** open(path, O_WRONLY | flags) as Linux does it, including O_CREAT through a dangling symlink. */
  openWrite(path: string, f: { creat?: boolean; trunc?: boolean }): Loc {
    let w = this.w;
    for (let links = 0; links <= 40; links++) {
      const { dir, name } = this.vfs.walkParent(w, path);
      const child = name === "" ? dir : this.vfs.lookupChild(dir, name);
      if (!child) {
        if (!f.creat) throw new Errno("ENOENT");
        return this.vfs.create({ ...w, cwd: dir }, name, { type: "file", perm: 0o666 & ~this.umask });
      }
      const loc = name === "" ? dir : this.vfs.walk({ ...w, cwd: dir }, name, false);
      const st = this.vfs.stat(loc);
      if (st.type === "symlink") {
        path = this.vfs.readlink(loc);
        w = { ...w, cwd: dir };
        continue;
      }
      if (st.type === "dir") throw new Errno("EISDIR");
      this.vfs.writable(loc);
      const { drv, sb, h } = this.drv(loc);
      if (st.type === "file") (drv as typeof overlayDriver).prepareWrite?.(h, sb, loc.node);
      if (f.trunc && st.type === "file") drv.truncate(h, sb, loc.node, 0);
      return loc;
    }
    throw new Errno("ELOOP");
  }

  writeFile(path: string, data: string, append = false) {
    const loc = this.openWrite(path, { creat: true, trunc: !append });
    const { drv, sb, h } = this.drv(loc);
    const offset = append ? this.vfs.stat(loc).size : 0;
    if (data.length > 0) drv.write(h, sb, loc.node, offset, data);
  }

  truncate(path: string, size: number) {
    const loc = this.vfs.walk(this.w, path, true);
    if (this.vfs.stat(loc).type === "dir") throw new Errno("EISDIR");
    this.vfs.writable(loc);
    const { drv, sb, h } = this.drv(loc);
    drv.truncate(h, sb, loc.node, size);
  }

  chmod(path: string, mode: number) {
    this.vfs.setattr(this.w, path, { perm: mode });
  }

  utimes(path: string, sec: number) {
    this.vfs.setattr(this.w, path, { atime: sec * 1e6, mtime: sec * 1e6 });
  }

  mkdir(path: string, mode: number) {
    this.vfs.create(this.w, path, { type: "dir", perm: mode & ~this.umask });
  }

  symlink(target: string, path: string) {
    this.vfs.create(this.w, path, { type: "symlink", perm: 0o777, target });
  }

  /*
   * unlink, rmdir, rename and link: fs/namei.c resolves the parents, then takes the mount for
   * writing (EROFS), then looks the names up. vfs.ts looks names up first; these wrappers make
   * the syscall's checks in Linux's order before handing over to the VFS.
   */
  unlink(path: string) {
    this.vfs.writable(this.vfs.walkParent(this.w, path).dir);
    this.vfs.unlink(this.w, path);
  }

  rmdir(path: string) {
    this.vfs.writable(this.vfs.walkParent(this.w, path).dir);
    this.vfs.rmdir(this.w, path);
  }

  rename(from: string, to: string) {
    const a = this.vfs.walkParent(this.w, from);
    const b = this.vfs.walkParent(this.w, to);
    if (a.dir.mnt !== b.dir.mnt) throw new Errno("EXDEV");
    this.vfs.writable(a.dir);
    this.vfs.rename(this.w, from, to);
  }

  link(existing: string, path: string) {
    this.vfs.walk(this.w, existing, false);
    const { dir, name } = this.vfs.walkParent(this.w, path);
    if (this.vfs.lookupChild(dir, name)) throw new Errno("EEXIST");
    this.vfs.writable(dir);
    this.vfs.link(this.w, existing, path);
  }

  stat(path: string, follow = false): Stat {
    return this.vfs.stat(this.vfs.walk(this.w, path, follow));
  }

  readFile(path: string): string {
    const loc = this.vfs.walk(this.w, path, true);
    const { drv, sb, h } = this.drv(loc);
    return drv.read(h, sb, loc.node);
  }

  readdir(path: string): string[] {
    return this.vfs.readdir(this.vfs.walk(this.w, path, true)).map((e) => e.name);
  }
}

/** Runs `fn`, giving "ok" or the errno code it failed with. */
export function attempt(fn: () => void): OpResult {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof Errno) return e.code;
    throw e;
  }
}

export interface DirWalkEntry {
  path: string;
  /** null: listed by readdir but not found by lookup. */
  st: Stat | null;
  loc: Loc | null;
}

/** Every object below `at` (not following symlinks), depth first in name order. */
export function walkSim(sim: Sim, at: string): DirWalkEntry[] {
  const out: DirWalkEntry[] = [];
  const visit = (rel: string, loc: Loc) => {
    const names = sim.vfs
      .readdir(loc)
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      const path = rel === "" ? name : `${rel}/${name}`;
      let child: Loc;
      try {
        child = sim.vfs.walk({ ...sim.w, cwd: loc }, name, false);
      } catch (e) {
        if (!(e instanceof Errno) || e.code !== "ENOENT") throw e;
        out.push({ path, st: null, loc: null });
        continue;
      }
      const st = sim.vfs.stat(child);
      out.push({ path, st, loc: child });
      if (st.type === "dir") visit(path, child);
    }
  };
  visit("", sim.vfs.walk(sim.w, at, true));
  return out;
}

export function simNode(sim: Sim, path: string): { loc: Loc; node: NodeId } {
  const loc = sim.vfs.walk(sim.w, path, false);
  return { loc, node: loc.node };
}
