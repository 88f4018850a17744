/**
 * A container's filesystem as runc builds it: the overlay of the image layers, the container's
 * init layer and its writable layer (mounted on the host under /var/lib/docker/overlay2/ID/merged),
 * then a mount namespace of its own rooted there, with /proc, /dev, /sys, cgroup, and the
 * resolv.conf/hostname/hosts bind mounts.
 */
import { Errno, type Kernel } from "../../kernel";
import { holdPending, newDiskFs, pendingIno } from "../../kernel/fs/diskfs";
import type { FileEntry } from "../../kernel/fs/entries";
import { defineDeferredMounts } from "../../kernel/fs/deferred-mounts";
import { addFs, anonDev, attachMount, NO_MOUNTS_BELOW_ROOT } from "../../kernel/fs/mount";
import { overlayMountData } from "../../kernel/fs/overlay";
import { newNamespace, reserveNsInum } from "../../kernel/ns/namespaces";
import { randomHex } from "../../kernel/rng";
import type { Walker } from "../../kernel/fs/vfs";
import type { DiskFs, Loc, Mount, PendingEntries, SuperBlock } from "../../kernel/world";
import { hostWalker, mkdirp, readFile, removeTree, symlink, writeFile } from "../hostfs";
import { DOCKER_ROOT, imageLayers, lowerChain } from "../images/store";
import { type ContainerRecord, engineState } from "../state";
import { applyDefaultMasks } from "./masked-paths";
import { bindShm, mountShareableShm, networkDonor, type ShmSource } from "./namespaces";
import { hostsFile, resolvConf } from "../networks/resolv";
import { addDevices, DEFAULT_SHM_SIZE, resourcesOf, shmSizeOption, sliceDir } from "./resources";
import { confinesSystemPaths, privilegedDevices } from "./security";

// /etc/hosts and /etc/resolv.conf are written by the networking side.
export { hostsFile, resolvConf };

function linkName(k: Kernel): string {
  return randomHex(k.w.rng, 13).toUpperCase().slice(0, 26);
}

/** Creates the init and writable layer directories of a new container (docker create). */
export function createLayers(k: Kernel, c: ContainerRecord) {
  const st = engineState(k);
  const img = st.images[c.imageId];
  const layers = imageLayers(k, img);
  const top = layers[layers.length - 1];
  const lowers = [top.link, ...lowerChain(k, top)].map((l) => `l/${l}`);
  const initLink = linkName(k);
  // Each directory is found once; what goes in it is named relative to it.
  const overlay2 = mkdirp(k, `${DOCKER_ROOT}/overlay2`);
  const links = mkdirp(k, "l", 0o755, overlay2);
  // overlay2 makes layer directories 0710; create mounts each layer once, so the kernel has made
  // its work/work (mode 000) by the time `docker create` returns.
  const initDir = mkdirp(k, `${c.rwCacheId}-init`, 0o710, overlay2);
  const initDiff = mkdirp(k, "diff", 0o755, initDir);
  mkdirp(k, "work", 0, mkdirp(k, "work", 0o700, initDir));
  writeFile(k, "link", initLink, 0o644, initDir);
  writeFile(k, "lower", lowers.join(":"), 0o644, initDir);
  symlink(k, `../${c.rwCacheId}-init/diff`, initLink, links);
  // Its content is the same for every container: held pending, made when someone looks in.
  holdPending(k.w.fs[initDiff.fs] as DiskFs, initDiff.node as number, initLayerEntries());
  writeFile(k, "committed", "", 0o600, initDir);
  const rw = mkdirp(k, c.rwCacheId, 0o710, overlay2);
  mkdirp(k, "diff", 0o755, rw);
  mkdirp(k, "work", 0, mkdirp(k, "work", 0o700, rw));
  writeFile(k, "link", c.rwLink, 0o644, rw);
  writeFile(k, "lower", [`l/${initLink}`, ...lowers].join(":"), 0o644, rw);
  symlink(k, `../${c.rwCacheId}/diff`, c.rwLink, links);
  const cdir = mkdirp(k, `${DOCKER_ROOT}/containers/${c.id}`, 0o710);
  writeFile(k, "hostname", `${c.config.Hostname}\n`, 0o644, cdir);
  writeFile(k, "resolv.conf", resolvConf(k, c), 0o644, cdir);
  writeFile(k, "hosts", hostsFile(k, c), 0o644, cdir);
  writeFile(k, `${c.id}-json.log`, "", 0o640, cdir);
}

/**
 * Mounts the container's overlay on the host (…/merged); returns its superblock id and the mount's
 * options (the container's root mount shows the same, and shares the array).
 */
export function mountOverlay(k: Kernel, c: ContainerRecord): { fs: string; options: string[] } {
  const base = `${DOCKER_ROOT}/overlay2`;
  const dir = `${base}/${c.rwCacheId}`;
  const w = hostWalker(k);
  // The layer directories are found from overlay2 and the container's own directory, and the
  // overlay is told where they are (the options still name them by their full paths).
  const overlay2 = k.vfs.walk(w, base, true);
  const own = k.vfs.walk(hostWalker(k, overlay2), c.rwCacheId, true);
  const lowers = readFile(k, "lower", own).split(":");
  const found = new Map<string, Loc>();
  const foundAt = (path: string, from: Loc, rel: string) => {
    // `path` is `from`'s path, "/" and `rel`: walking `rel` from `from` ends where `path` does.
    if (rel.startsWith("/")) return;
    try {
      found.set(path, k.vfs.walk(hostWalker(k, from), rel, true));
    } catch (e) {
      // Left to the mount, which fails on it as it would have.
      if (!(e instanceof Errno)) throw e;
    }
  };
  for (const l of lowers) foundAt(`${base}/${l}`, overlay2, l);
  foundAt(`${dir}/diff`, own, "diff");
  foundAt(`${dir}/work`, own, "work");
  const lowerdir = lowers.map((l) => `${base}/${l}`).join(":");
  const options = `lowerdir=${lowerdir},upperdir=${dir}/diff,workdir=${dir}/work`;
  const merged = mkdirp(k, "merged", 0o755, own);
  const sb = addFs(k, (id) => overlayMountData(k, id, anonDev(k), w, options, found));
  const mountOptions = ["relatime", ...options.split(",")];
  attachMount(k, k.w.initNs.mnt, merged, {
    fs: sb.id,
    root: k.driver(sb).root(k, sb),
    source: "overlay",
    fstype: "overlay",
    readonly: false,
    options: mountOptions,
  });
  return { fs: sb.id, options: mountOptions };
}

/** Unmounts …/merged (docker stop / container exit). */
export function unmountOverlay(k: Kernel, c: ContainerRecord) {
  const path = `${DOCKER_ROOT}/overlay2/${c.rwCacheId}/merged`;
  const ns = k.w.ns[k.w.initNs.mnt].mnt!;
  const root = k.w.procs[1].root;
  for (const id of [...ns.mounts].reverse()) {
    const m = k.w.mounts[id];
    if (m.fstype !== "overlay" || m.hidden) continue;
    if (k.vfs.pathOf({ mnt: m.id, fs: m.fs, node: m.root }, root) !== path) continue;
    ns.mounts = ns.mounts.filter((x) => x !== id);
    for (const [key, v] of Object.entries(ns.index)) if (v === id) delete ns.index[key];
    delete k.w.mounts[id];
  }
  // overlay2 removes the mountpoint once unmounted (it makes it again at the next mount).
  removeTree(k, path);
}

/**
 * Entry lists directories hold pending (diskfs.ts holdPending), one frozen list per kind, shared
 * by every container until someone looks; their times are the directory's.
 */
function sharedEntries(key: string, make: () => FileEntry[]): PendingEntries {
  let list = entryLists.get(key);
  if (!list) {
    // Only terminal numbers vary without bound; the other kinds are a handful.
    if (entryLists.size >= 64) entryLists.clear();
    list = Object.freeze({ entries: Object.freeze(make().map((e) => Object.freeze(e))), dirTimes: true });
    entryLists.set(key, list);
  }
  return list;
}

const entryLists = new Map<string, PendingEntries>();

const entry = (path: string, type: FileEntry["type"], mode: number, more: Partial<FileEntry> = {}): FileEntry => ({ path, type, mode, uid: 0, gid: 0, mtime: 0, ...more });

/** A fresh container's /dev. */
function devEntries(withConsole: boolean, withShm = true): PendingEntries {
  return sharedEntries(`dev:${withConsole}:${withShm}`, () => {
    const c = (path: string, major: number, minor: number, mode = 0o666, gid = 0) => entry(path, "char", mode, { gid, rdev: [major, minor] });
    const l = (path: string, target: string) => entry(path, "symlink", 0o777, { target });
    return [
      ...(withConsole ? [c("console", 136, 0, 0o620, 5)] : []),
      l("core", "/proc/kcore"),
      l("fd", "/proc/self/fd"),
      c("full", 1, 7),
      entry("mqueue", "dir", 0o1777),
      c("null", 1, 3),
      l("ptmx", "pts/ptmx"),
      entry("pts", "dir", 0o755),
      c("random", 1, 8),
      // --ipc none: no /dev/shm at all.
      ...(withShm ? [entry("shm", "dir", 0o1777)] : []),
      l("stderr", "/proc/self/fd/2"),
      l("stdin", "/proc/self/fd/0"),
      l("stdout", "/proc/self/fd/1"),
      c("tty", 5, 0),
      c("urandom", 1, 9),
      c("zero", 1, 5),
    ];
  });
}

/** /dev/pts of a fresh container: ptmx, and its terminal when it has one. */
function ptsEntries(tty: number | null): PendingEntries {
  return sharedEntries(`pts:${tty}`, () => [
    entry("ptmx", "char", 0o666, { rdev: [5, 2] }),
    ...(tty !== null ? [entry("0", "char", 0o620, { gid: 5, rdev: [136, tty] })] : []),
  ]);
}

/**
 * What docker's init layer holds (daemon/initlayer): the mountpoints runc needs, empty files for
 * the bind mounts, /etc/mtab, and /.dockerenv.
 */
function initLayerEntries(): PendingEntries {
  return sharedEntries("init-layer", () => [
    entry("dev", "dir", 0o755),
    entry("dev/pts", "dir", 0o755),
    entry("dev/shm", "dir", 0o755),
    entry("etc", "dir", 0o755),
    entry("proc", "dir", 0o755),
    entry("sys", "dir", 0o755),
    entry(".dockerenv", "file", 0o755, { content: "" }),
    entry("etc/hostname", "file", 0o755, { content: "" }),
    entry("etc/hosts", "file", 0o755, { content: "" }),
    entry("etc/resolv.conf", "file", 0o755, { content: "" }),
    entry("etc/mtab", "symlink", 0o777, { target: "/proc/mounts" }),
  ]);
}

// Mount options of the mounts every container has. Mounts never change their options array after
// attaching it, so containers share these.
const KERNEL_FS_OPTIONS = ["nosuid", "nodev", "noexec", "relatime"];
const DEV_OPTIONS = ["nosuid", "size=65536k", "mode=755", "inode64"];
const DEVPTS_OPTIONS = ["nosuid", "noexec", "relatime", "gid=5", "mode=620", "ptmxmode=666"];
const CGROUP_OPTIONS = ["nosuid", "nodev", "noexec", "relatime", "nsdelegate", "memory_recursiveprot"];
const SHM_OPTIONS = ["nosuid", "nodev", "noexec", "relatime", "size=65536k", "inode64"];
const BIND_OPTIONS = ["relatime", "errors=remount-ro"];

export interface ContainerNs {
  mntNs: number;
  root: Loc;
}

/**
 * What the standard mounts of a container need, as plain data (DeferredMounts.args): the
 * container whose hostname/hosts/resolv.conf are bound, the namespaces /proc and /sys show, the
 * time the tmpfs roots were made, the cgroup the cgroup2 mount shows as its root.
 */
interface StandardMountArgs {
  [key: string]: string | number | boolean | null;
  files: string;
  pidns: number;
  netns: number;
  tty: number | null;
  now: number;
  cgroupRoot: string;
  sysReadonly: boolean;
  shmSize: number;
  /** /dev/shm: a tmpfs of its own ("private"), none, or a bind made by the caller ("bind"). */
  shm: "private" | "none" | "bind";
  masks: boolean;
}

/** Where in the root mount the standard mounts go (an overlay's nodes are its paths). */
const STANDARD_MOUNTPOINTS: readonly string[] = Object.freeze(["proc", "dev", "sys", "etc/resolv.conf", "etc/hostname", "etc/hosts"]);

const RUNC_MOUNTS = "runc";

defineDeferredMounts(RUNC_MOUNTS, (k, ns, args) => attachStandardMounts(k, ns, args as StandardMountArgs));

/**
 * A fresh mount namespace for the container, rooted at its overlay (as after runc's pivot_root):
 * /proc, /dev (tmpfs with the standard devices), /dev/pts, /sys (ro), /sys/fs/cgroup (ro, the
 * container's cgroup as root), /dev/mqueue, /dev/shm and the bind mounts of hostname/hosts/resolv.conf,
 * then docker's masks and the container's own mounts. A plain container defers its standard
 * mounts until someone looks (fs/deferred-mounts.ts); one with devices, a shared /dev/shm or
 * mounts of its own gets them at once.
 */
export function buildMountNs(
  k: Kernel,
  c: ContainerRecord,
  overlayFs: string,
  overlayOptions: string[],
  pidns: number,
  netns: number,
  tty: number | null,
  shmSource: ShmSource = { kind: "private" },
  inum = reserveNsInum(k),
): ContainerNs {
  newNamespace(k, "mnt", { mnt: { root: 0, mounts: [], index: NO_MOUNTS_BELOW_ROOT } }, inum);
  const overlaySb = k.w.fs[overlayFs];
  const rootMount = attachMount(k, inum, null, {
    fs: overlayFs,
    root: k.driver(overlaySb).root(k, overlaySb),
    source: "overlay",
    fstype: "overlay",
    readonly: c.hostConfig.ReadonlyRootfs,
    options: overlayOptions,
  });
  const root: Loc = { mnt: rootMount.id, fs: overlayFs, node: rootMount.root };
  const args: StandardMountArgs = {
    files: networkDonor(k, c)?.id ?? c.id,
    pidns,
    netns,
    tty,
    now: k.now(),
    // In the host's cgroup namespace, cgroup2 mounted in the container shows the whole hierarchy.
    cgroupRoot: c.hostConfig.CgroupnsMode === "host" ? "" : cgroupPath(c),
    // --privileged: /sys and the cgroup tree writable, no masks (security.ts).
    sysReadonly: confinesSystemPaths(c.hostConfig),
    shmSize: resourcesOf(c.hostConfig).ShmSize,
    shm: shmSource.kind === "private" || shmSource.kind === "none" ? shmSource.kind : "bind",
    masks: !c.hostConfig.Privileged,
  };
  const devices = [...(c.hostConfig.Privileged ? privilegedDevices(k) : []), ...(c.hostConfig.Devices ?? [])];
  if (args.shm !== "bind" && devices.length === 0 && c.mounts.length === 0) {
    k.w.ns[inum].mnt!.deferred = { kind: RUNC_MOUNTS, at: STANDARD_MOUNTPOINTS, args };
    return { mntNs: inum, root };
  }
  const w = { root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } };
  const devFs = attachStandardMounts(k, inum, args, (inDev) => {
    const makeShm = (id: string) => newDiskFs(id, "tmpfs", anonDev(k), args.now, Math.ceil(args.shmSize / 4096) * 4096);
    bindShm(k, inum, inDev("shm"), shmSource.kind === "bind" ? shmSource.at : mountShareableShm(k, c, makeShm, shmOptionsFor(args.shmSize)), w);
  });
  addDevices(k, devFs, devices);
  const hw = hostWalker(k);
  for (const m of c.mounts) {
    const src = m.Type === "bind" ? m.Source : m.Type === "volume" ? m.Source : "";
    if (m.Type === "tmpfs") {
      const sb = addFs(k, (id) => newDiskFs(id, "tmpfs", anonDev(k), args.now, 0));
      attachMount(k, inum, dirAt(k, w, m.Destination), { fs: sb.id, root: k.driver(sb).root(k, sb), source: "tmpfs", fstype: "tmpfs", readonly: !m.RW, options: ["nosuid", "nodev", "noexec", "relatime", "inode64"] });
      continue;
    }
    const from = k.vfs.walk(hw, src, true);
    const at = dirAt(k, w, m.Destination);
    // An empty volume mounted over a directory of the image starts as a copy of it (docker's
    // volume "copy-up"; bind mounts never do this).
    if (m.Type === "volume" && k.vfs.readdir(from).length === 0) copyTree(k, at, from);
    const fm = k.w.mounts[from.mnt];
    attachMount(k, inum, at, { fs: from.fs, root: from.node, source: fm.source, fstype: fm.fstype, readonly: !m.RW, options: [...fm.options] });
  }
  return { mntNs: inum, root };
}

/** A directory of the container, made with its parents when missing (as runc does for mount destinations). */
function dirAt(k: Kernel, w: Walker, path: string): Loc {
  try {
    return k.vfs.walk(w, path, true);
  } catch {
    let cur = "";
    for (const part of path.split("/").filter(Boolean)) {
      cur += `/${part}`;
      try {
        k.vfs.walk(w, cur, true);
      } catch {
        k.vfs.create(w, cur, { type: "dir", perm: 0o755 });
      }
    }
    return k.vfs.walk(w, path, true);
  }
}

function shmOptionsFor(size: number): string[] {
  return size === DEFAULT_SHM_SIZE ? SHM_OPTIONS : SHM_OPTIONS.map((o) => (o.startsWith("size=") ? shmSizeOption(size) : o));
}

/**
 * The mounts runc makes in every container, in its order: /proc, /dev, /dev/pts, /sys,
 * /sys/fs/cgroup, /dev/mqueue, /dev/shm (own tmpfs, none, or `bindShm`), the three files, the masks.
 */
function attachStandardMounts(
  k: Kernel,
  inum: number,
  args: StandardMountArgs,
  bindShmAt?: (inDev: (name: string) => Loc | string) => void,
): DiskFs {
  const table = k.w.ns[inum].mnt!;
  const rootMount = k.w.mounts[table.root];
  const root: Loc = { mnt: rootMount.id, fs: rootMount.fs, node: rootMount.root };
  const w = { root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } };
  const now = args.now;
  const mountNew = (at: string | Loc, make: (id: string) => SuperBlock, m: Omit<Mount, "id" | "ns" | "parent" | "mountpoint" | "fs" | "root">) => {
    const loc = typeof at === "string" ? dirAt(k, w, at) : at;
    const sb = addFs(k, make);
    const { source, fstype, readonly, options } = m;
    return attachMount(k, inum, loc, { fs: sb.id, root: k.driver(sb).root(k, sb), source, fstype, readonly, options });
  };
  mountNew("/proc", (id) => ({ id, kind: "proc", dev: anonDev(k), pidns: args.pidns }), { source: "proc", fstype: "proc", readonly: false, options: KERNEL_FS_OPTIONS });
  const dev = mountNew("/dev", (id) => newDiskFs(id, "tmpfs", anonDev(k), now, 65536 * 1024), { source: "tmpfs", fstype: "tmpfs", readonly: false, options: DEV_OPTIONS });
  const devFs = k.w.fs[dev.fs] as DiskFs;
  devFs.inodes[devFs.rootIno].mode = 0o040755;
  // The standard devices stay pending until someone looks in /dev; the mounts below go on the
  // directories they will be.
  holdPending(devFs, devFs.rootIno, devEntries(args.tty !== null, args.shm !== "none"));
  const inDev = (name: string): Loc | string => {
    const node = pendingIno(devFs, name);
    return node === undefined ? `/dev/${name}` : { mnt: dev.id, fs: devFs.id, node };
  };
  const pts = mountNew(inDev("pts"), (id) => newDiskFs(id, "devpts", anonDev(k), now, 0), { source: "devpts", fstype: "devpts", readonly: false, options: DEVPTS_OPTIONS });
  const ptsFs = k.w.fs[pts.fs] as DiskFs;
  ptsFs.inodes[ptsFs.rootIno].mode = 0o040755;
  holdPending(ptsFs, ptsFs.rootIno, ptsEntries(args.tty));
  const sys = mountNew("/sys", (id) => ({ id, kind: "sysfs", dev: anonDev(k), netns: args.netns }), { source: "sysfs", fstype: "sysfs", readonly: args.sysReadonly, options: KERNEL_FS_OPTIONS });
  const cgAt: Loc = { mnt: sys.id, fs: sys.fs, node: "fs/cgroup" };
  const cgSb = addFs(k, (id) => ({ id, kind: "cgroup2", dev: anonDev(k), root: args.cgroupRoot }));
  attachMount(k, inum, cgAt, { fs: cgSb.id, root: "", source: "cgroup", fstype: "cgroup2", readonly: args.sysReadonly, options: CGROUP_OPTIONS });
  mountNew(inDev("mqueue"), (id) => newDiskFs(id, "mqueue", anonDev(k), now, 0), { source: "mqueue", fstype: "mqueue", readonly: false, options: KERNEL_FS_OPTIONS });
  // --ipc (namespaces.ts): a tmpfs of its own, none, or a bind of one that can be shared.
  if (args.shm === "private") {
    const makeShm = (id: string) => newDiskFs(id, "tmpfs", anonDev(k), now, Math.ceil(args.shmSize / 4096) * 4096);
    mountNew(inDev("shm"), makeShm, { source: "shm", fstype: "tmpfs", readonly: false, options: shmOptionsFor(args.shmSize) });
  } else if (args.shm === "bind") bindShmAt?.(inDev);
  const hw = hostWalker(k);
  // The container's directory and /etc are found once; the three files are named from there.
  const cdir = hostWalker(k, k.vfs.walk(hw, `${DOCKER_ROOT}/containers/${args.files}`, true));
  const etc = { ...w, cwd: k.vfs.walk(w, "/etc", true) };
  for (const f of ["resolv.conf", "hostname", "hosts"]) {
    const src = k.vfs.walk(cdir, f, true);
    const at = k.vfs.walk(etc, f, true);
    attachMount(k, inum, at, { fs: src.fs, root: src.node, source: "/dev/sda1", fstype: "ext4", readonly: false, options: BIND_OPTIONS });
  }
  // Docker's read-only and masked paths (masked-paths.ts).
  if (args.masks) applyDefaultMasks(k, inum, w, inDev("null"), now);
  return devFs;
}

/** Copies a directory's contents (files, directories, links; modes, owners, times) as root. */
function copyTree(k: Kernel, from: Loc, to: Loc) {
  for (const e of k.vfs.readdir(from)) {
    const src: Loc = { ...from, node: k.vfs.drv(from.fs).lookup(k, k.vfs.sb(from.fs), from.node, e.name) };
    const st = k.vfs.stat(src);
    const drv = k.vfs.drv(to.fs);
    const sb = k.vfs.sb(to.fs);
    const perm = st.mode & 0o7777;
    const common = { perm, uid: st.uid, gid: st.gid };
    if (st.type === "dir") {
      const node = drv.create(k, sb, to.node, e.name, { type: "dir", ...common });
      copyTree(k, src, { ...to, node });
    } else if (st.type === "symlink") {
      drv.create(k, sb, to.node, e.name, { type: "symlink", ...common, target: k.vfs.readlink(src) });
    } else if (st.type === "file") {
      const node = drv.create(k, sb, to.node, e.name, { type: "file", ...common });
      drv.write(k, sb, node, 0, k.vfs.drv(src.fs).read(k, k.vfs.sb(src.fs), src.node));
      drv.setattr(k, sb, node, { atime: st.atime * 1e6, mtime: st.mtime * 1e6 });
    } else if (st.type === "char" || st.type === "block" || st.type === "fifo") {
      drv.create(k, sb, to.node, e.name, { type: st.type, ...common, rdev: st.rdev });
    }
  }
}

export function cgroupPath(c: ContainerRecord): string {
  return `${sliceDir(c.hostConfig.CgroupParent ?? "")}/docker-${c.id}.scope`;
}
