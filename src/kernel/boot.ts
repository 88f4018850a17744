/**
 * Boots the simulated host: a Debian 12 machine with an ext4 root, the usual virtual filesystems
 * mounted, cgroup v2 with a systemd-like tree, and init as PID 1.
 */
import type { Gen, ProgramDef, Signal, Sys } from "./api";
import { Errno } from "./errno";
import { Kernel, type ProgramRegistry } from "./kernel";
import { seedRng } from "./rng";
import type { DiskFs, Loc, PendingEntries, World } from "./world";
import { diskDriver, extractEntries, holdPending, newDiskFs } from "./fs/diskfs";
import type { FileEntry } from "./fs/entries";
import { addFs, anonDev, attachMount, newMountIndex } from "./fs/mount";
import { loopback } from "./ns/namespaces";
import { newCgroup } from "./cgroup/cgroups";
import { newFile } from "./io/files";
import { rootCaps } from "./caps";
import { hostTree } from "./hostfs";

export interface BootOptions {
  programs: ProgramRegistry;
  /**
   * The root filesystem's entries (a distribution, composed above the kernel). Without them the
   * root is hostfs.ts's small Debian tree with `binaries` installed.
   */
  rootfs?: readonly FileEntry[];
  /** Where each program is installed on the small tree: absolute path -> program name. */
  binaries?: Record<string, string>;
  seed?: number;
  hostname?: string;
  /** Wall-clock time at boot, microseconds since the epoch. */
  bootEpochUsec?: number;
  cpus?: number;
  memTotal?: number;
}

export const DEFAULT_BOOT_EPOCH_USEC = Date.UTC(2026, 0, 15, 9, 0, 0) * 1000;
export const ROOT_DEV = (8 << 8) | 1;

/** PID 1: reaps orphans, ignores what init ignores. */
export const initProgram: ProgramDef = {
  name: "init",
  rss: 12 * 1024 * 1024,
  *main(sys: Sys): Gen<number> {
    let reap = false;
    sys.signal("CHLD", () => {
      reap = true;
    });
    for (;;) {
      try {
        if (reap) {
          reap = false;
          for (;;) {
            const r = yield* sys.wait(-1, { nohang: true });
            if (!r) break;
          }
        }
        yield* sys.sleep(365 * 24 * 3600 * 1000);
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
      }
    }
  },
};

/** A root tree as pending entries, one wrapper per tree (hosts booted from one tree share it). */
function pendingTree(entries: readonly FileEntry[]): PendingEntries {
  let p = pendingTrees.get(entries);
  if (!p) pendingTrees.set(entries, (p = Object.freeze({ entries, dirTimes: false })));
  return p;
}

const pendingTrees = new WeakMap<readonly FileEntry[], PendingEntries>();

function emptyWorld(opts: BootOptions): World {
  return {
    version: 1,
    config: {
      cpus: opts.cpus ?? 2,
      memTotal: opts.memTotal ?? 8 * 1024 ** 3,
      diskSize: 64 * 1024 ** 3,
      kernelRelease: "6.1.0-31-amd64",
      kernelVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.128-1 (2025-02-07)",
      machine: "x86_64",
    },
    clock: { bootEpochUsec: opts.bootEpochUsec ?? DEFAULT_BOOT_EPOCH_USEC, nowUsec: 0 },
    rng: seedRng(opts.seed ?? 1),
    fs: {},
    mounts: {},
    ns: {},
    procs: {},
    files: {},
    pipes: {},
    ttys: {},
    cgroups: {},
    next: { pid: 1, file: 1, pipe: 1, mount: 21, fs: 1, dev: 20, nsInum: 4026532160, tty: 0 },
    initNs: { cgroup: 4026531835, ipc: 4026531839, mnt: 4026531841, net: 4026531840, pid: 4026531836, time: 4026531834, user: 4026531837, uts: 4026531838 },
    ext: {},
    loadavg: [0, 0, 0],
    loadavgAt: 0,
  };
}

const INIT_PROGRAMS: ProgramRegistry = { get: (n) => (n === "init" ? initProgram : undefined) };

export function bootHost(opts: BootOptions): Kernel {
  const registry: ProgramRegistry = {
    get: (name) => opts.programs.get(name) ?? INIT_PROGRAMS.get(name),
  };
  const k = new Kernel(emptyWorld(opts), registry);
  k.transact(() => setup(k, opts));
  return k;
}

function setup(k: Kernel, opts: BootOptions) {
  const w = k.w;
  const now = k.now();
  const i = w.initNs;
  w.ns[i.user] = { inum: i.user, type: "user", user: { uidMap: [[0, 0, 4294967295]], gidMap: [[0, 0, 4294967295]], owner: 0 } };
  w.ns[i.uts] = { inum: i.uts, type: "uts", uts: { hostname: opts.hostname ?? "sandbox", domainname: "(none)" } };
  w.ns[i.ipc] = { inum: i.ipc, type: "ipc" };
  w.ns[i.pid] = { inum: i.pid, type: "pid", pid: { level: 0, nextPid: 2, reaper: null, pids: {} } };
  w.ns[i.cgroup] = { inum: i.cgroup, type: "cgroup", cgroup: { root: "" } };
  w.ns[i.time] = { inum: i.time, type: "time" };
  const lo = { ...loopback(), up: true, addrs: ["127.0.0.1/8"] };
  const eth0 = {
    ...loopback(),
    name: "eth0",
    index: 2,
    kind: "ether" as const,
    mac: "52:54:00:12:34:56",
    mtu: 1500,
    up: true,
    addrs: ["10.0.2.15/24"],
  };
  w.ns[i.net] = {
    inum: i.net,
    type: "net",
    net: { ifaces: [lo, eth0], routes: [{ dst: "default", via: "10.0.2.2", dev: "eth0" }, { dst: "10.0.2.0/24", dev: "eth0", src: "10.0.2.15" }], nextIndex: 3 },
  };
  w.ns[i.mnt] = { inum: i.mnt, type: "mnt", mnt: { root: 0, mounts: [], index: newMountIndex() } };
  // nsfs: where /proc/PID/ns/* links lead.
  addFs(k, (id) => ({ id, kind: "nsfs", dev: 4 }));

  // The root filesystem.
  const rootFs = addFs(k, (id) => newDiskFs(id, "ext4", ROOT_DEV, now)) as DiskFs;
  // Held pending: a directory is made when first looked in (most of /usr never is).
  holdPending(rootFs, rootFs.rootIno, pendingTree(opts.rootfs ?? hostTree(opts.binaries ?? {}, Math.floor(now / 1e6), opts.hostname ?? "sandbox")));
  const rootMount = attachMount(k, i.mnt, null, {
    fs: rootFs.id,
    root: rootFs.rootIno,
    source: "/dev/sda1",
    fstype: "ext4",
    readonly: false,
    options: ["relatime", "errors=remount-ro"],
  });
  const at = (path: string) => {
    let node = rootFs.rootIno;
    for (const part of path.split("/").filter(Boolean)) node = diskDriver.lookup(k, rootFs, node, part) as number;
    return { mnt: rootMount.id, fs: rootFs.id, node };
  };
  const mountVirtual = (path: string, make: (id: string) => import("./world").SuperBlock, m: { source: string; fstype: string; options: string[] }, parent: Loc = at(path)) => {
    const sb = addFs(k, make);
    return attachMount(k, i.mnt, parent, { fs: sb.id, root: k.driver(sb).root(k, sb), readonly: false, ...m });
  };
  const sys = mountVirtual("/sys", (id) => ({ id, kind: "sysfs", dev: anonDev(k), netns: i.net }), { source: "sysfs", fstype: "sysfs", options: ["nosuid", "nodev", "noexec", "relatime"] });
  mountVirtual("/proc", (id) => ({ id, kind: "proc", dev: anonDev(k), pidns: i.pid }), { source: "proc", fstype: "proc", options: ["nosuid", "nodev", "noexec", "relatime"] });
  const memKb = Math.floor(k.w.config.memTotal / 1024);
  const dev = mountVirtual("/dev", (id) => newDiskFs(id, "devtmpfs", anonDev(k), now, k.w.config.memTotal / 2), {
    source: "udev",
    fstype: "devtmpfs",
    options: ["nosuid", "relatime", `size=${Math.floor(memKb / 2)}k`, `nr_inodes=${Math.floor(memKb / 8)}`, "mode=755"],
  });
  const devFs = k.w.fs[dev.fs] as DiskFs;
  devFs.inodes[devFs.rootIno].mode = 0o040755;
  extractEntries(devFs, devFs.rootIno, devTree(Math.floor(now / 1e6)));
  const devAt = (name: string) => ({ mnt: dev.id, fs: devFs.id, node: devFs.inodes[devFs.rootIno].entries![name] });
  const pts = mountVirtual("/dev/pts", (id) => newDiskFs(id, "devpts", anonDev(k), now, 0), { source: "devpts", fstype: "devpts", options: ["nosuid", "noexec", "relatime", "gid=5", "mode=620", "ptmxmode=000"] }, devAt("pts"));
  const ptsFs = k.w.fs[pts.fs] as DiskFs;
  ptsFs.inodes[ptsFs.rootIno].mode = 0o040755;
  extractEntries(ptsFs, ptsFs.rootIno, [{ path: "ptmx", type: "char", mode: 0o000, uid: 0, gid: 0, mtime: Math.floor(now / 1e6), rdev: [5, 2] }]);
  mountVirtual("/run", (id) => newDiskFs(id, "tmpfs", anonDev(k), now, k.w.config.memTotal / 10), { source: "tmpfs", fstype: "tmpfs", options: ["nosuid", "nodev", "noexec", "relatime", `size=${Math.floor(memKb / 10)}k`, "mode=755"] });
  const runFs = Object.values(k.w.fs).at(-1) as DiskFs;
  runFs.inodes[runFs.rootIno].mode = 0o040755;
  mountVirtual("/dev/shm", (id) => newDiskFs(id, "tmpfs", anonDev(k), now, k.w.config.memTotal / 2), { source: "tmpfs", fstype: "tmpfs", options: ["nosuid", "nodev"] }, devAt("shm"));
  const sysfsSb = k.w.fs[sys.fs];
  const cgroupAt = { mnt: sys.id, fs: sysfsSb.id, node: "fs/cgroup" };
  mountVirtual("/sys/fs/cgroup", (id) => ({ id, kind: "cgroup2", dev: anonDev(k), root: "" }), { source: "cgroup2", fstype: "cgroup2", options: ["nosuid", "nodev", "noexec", "relatime", "nsdelegate", "memory_recursiveprot"] }, cgroupAt);

  // cgroup v2, shaped as systemd leaves it.
  for (const path of ["", "init.scope", "system.slice", "user.slice", "user.slice/user-0.slice", "user.slice/user-0.slice/session-1.scope"])
    w.cgroups[path] = newCgroup(path, 0);
  for (const path of ["", "system.slice", "user.slice", "user.slice/user-0.slice"]) w.cgroups[path].subtreeControl = ["cpuset", "cpu", "io", "memory", "pids"];

  // PID 1.
  const root = { mnt: rootMount.id, fs: rootFs.id, node: rootFs.rootIno };
  const initPid = w.next.pid++;
  w.ns[i.pid].pid!.pids![initPid] = initPid;
  w.ns[i.pid].pid!.reaper = initPid;
  const console = newFile(k, { kind: "device", read: true, write: true, rdev: [1, 3] });
  k.w.files[console].refs = 3;
  w.procs[initPid] = {
    pid: initPid,
    nspid: [initPid],
    pidns: i.pid,
    ppid: 0,
    pgid: initPid,
    sid: initPid,
    comm: "systemd",
    argv: ["/sbin/init"],
    env: { HOME: "/", TERM: "linux" },
    exe: "/usr/lib/systemd/systemd",
    prog: "init",
    uid: 0,
    gid: 0,
    euid: 0,
    egid: 0,
    groups: [],
    umask: 0o022,
    cwd: root,
    root,
    fds: { 0: { file: console, cloexec: false }, 1: { file: console, cloexec: false }, 2: { file: console, cloexec: false } },
    ns: { mnt: i.mnt, uts: i.uts, ipc: i.ipc, net: i.net, user: i.user, cgroup: i.cgroup, time: i.time, pidChildren: i.pid },
    cgroup: "init.scope",
    state: "R",
    wait: null,
    exit: null,
    disp: {},
    pending: [] as Signal[],
    stopReport: null,
    children: [],
    tty: null,
    startUsec: 0,
    cpuUsec: 0,
    rss: initProgram.rss!,
    vsz: initProgram.rss! * 2,
    nice: 0,
    caps: rootCaps(),
    noNewPrivs: false,
    seccomp: { mode: 0, filters: 0 },
  };
  for (const path of ["", "init.scope"]) {
    w.cgroups[path].pidsCurrent = 1;
    w.cgroups[path].memoryCurrent = initProgram.rss!;
  }
  k.startProcess(initPid, initProgram);
}

function devTree(mtime: number): FileEntry[] {
  const c = (path: string, major: number, minor: number, mode = 0o666, gid = 0): FileEntry => ({
    path,
    type: "char",
    mode,
    uid: 0,
    gid,
    mtime,
    rdev: [major, minor],
  });
  const l = (path: string, target: string): FileEntry => ({ path, type: "symlink", mode: 0o777, uid: 0, gid: 0, mtime, target });
  const d = (path: string, mode = 0o755): FileEntry => ({ path, type: "dir", mode, uid: 0, gid: 0, mtime });
  return [
    c("null", 1, 3),
    c("zero", 1, 5),
    c("full", 1, 7),
    c("random", 1, 8),
    c("urandom", 1, 9),
    c("tty", 5, 0, 0o666, 5),
    c("console", 5, 1, 0o600),
    c("ptmx", 5, 2, 0o666, 5),
    d("pts"),
    d("shm", 0o1777),
    d("mqueue", 0o1777),
    l("fd", "/proc/self/fd"),
    l("stdin", "/proc/self/fd/0"),
    l("stdout", "/proc/self/fd/1"),
    l("stderr", "/proc/self/fd/2"),
    l("core", "/proc/kcore"),
  ];
}
