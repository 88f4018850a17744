/**
 * The simulated machine as one plain, serializable value. Everything the kernel knows lives here,
 * except program code in flight (generators) and big immutable layer trees (kept by digest in the
 * LayerStore). JSON round-trip of a World is identity.
 */
import type { NsType, Signal, Termios, Wait } from "./api";
import type { FileEntry } from "./fs/entries";
import type { CapSets } from "./caps";

export type NodeId = number | string;

/** A place in the filesystem tree: a node of a filesystem, reached through a mount. */
export interface Loc {
  mnt: number;
  fs: string;
  node: NodeId;
}

/**
 * Entries a directory holds pending: a frozen list, shared by directories made alike (each
 * container's /dev and init layer, every host booted from one tree); paths relative to the directory.
 */
export interface PendingEntries {
  entries: readonly FileEntry[];
  /** The entries take the directory's mtime (made with it), not their own. */
  dirTimes: boolean;
}

export interface Inode {
  ino: number;
  /** st_mode: type and permission bits. */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  /** Times in microseconds since the epoch; atime and ctime are left out while equal to mtime. */
  atime?: number;
  mtime: number;
  ctime?: number;
  /** Regular file data (byte string). */
  data?: string;
  /** Simulated program run on exec; `data` is then a stand-in and `size` the reported size. */
  prog?: string;
  size?: number;
  /** Directory: name -> ino. */
  entries?: Record<string, number>;
  /** Directory: parent ino and own name (a directory has exactly one name). */
  parent?: number;
  name?: string;
  /** Symlink target. */
  target?: string;
  rdev?: [number, number];
  xattrs?: Record<string, string>;
  /** Directory: entries not made yet (diskfs.ts holdPending), made on the first look that needs them. */
  pending?: PendingEntries;
}

export interface DiskFs {
  id: string;
  kind: "disk";
  /** ext4, tmpfs, devtmpfs, ... (shown in /proc/mounts). */
  fstype: string;
  dev: number;
  inodes: Record<number, Inode>;
  nextIno: number;
  rootIno: number;
  /** Size limit in bytes (tmpfs size=); 0 = the disk's size. */
  sizeLimit: number;
  /** Bytes used by file data (kept up to date for statfs), pending entries' included. */
  used: number;
  /** Inodes that directories hold pending (Inode.pending): counted as made, for statfs. */
  pendingInodes?: number;
}

/** An immutable, content-addressed layer (its tree lives in the LayerStore). */
export interface LayerFs {
  id: string;
  kind: "layer";
  dev: number;
  digest: string;
}

export interface OverlayFs {
  id: string;
  kind: "overlay";
  dev: number;
  /** Lower directories, topmost first. */
  lower: Array<{ fs: string; node: NodeId }>;
  upper: { fs: string; node: NodeId } | null;
  work: { fs: string; node: NodeId } | null;
  /** Mount options as given (lowerdir=...,upperdir=...,workdir=...). */
  options: string;
}

export interface ProcFs {
  id: string;
  kind: "proc";
  dev: number;
  /** pid namespace this procfs shows. */
  pidns: number;
}

export interface SysFs {
  id: string;
  kind: "sysfs";
  dev: number;
  netns: number;
}

export interface CgroupFs {
  id: string;
  kind: "cgroup2";
  dev: number;
  /** Cgroup path shown as the root of this mount ("" = the real root). */
  root: string;
}

export interface NsFs {
  id: string;
  kind: "nsfs";
  dev: number;
}

export type SuperBlock = DiskFs | LayerFs | OverlayFs | ProcFs | SysFs | CgroupFs | NsFs;

export interface Mount {
  id: number;
  /** Mount namespace (inum) this mount belongs to. */
  ns: number;
  /** Parent mount; the namespace root's parent is itself. */
  parent: number;
  /** Directory in the parent mount this mount covers. */
  mountpoint: { fs: string; node: NodeId };
  fs: string;
  /** Root of this mount inside its filesystem (a bind mount may start at a subdirectory). */
  root: NodeId;
  source: string;
  fstype: string;
  readonly: boolean;
  /** Mount options other than rw/ro, as shown in /proc/mounts (e.g. "relatime"). */
  options: string[];
  /** Not listed in /proc/mounts (used for layer directories grafted into the host tree). */
  hidden?: boolean;
}

export interface NetIface {
  name: string;
  index: number;
  kind: "loopback" | "ether" | "veth" | "bridge";
  mac: string;
  mtu: number;
  up: boolean;
  /** CIDR addresses, e.g. "172.17.0.2/16". */
  addrs: string[];
  /** veth peer: [netns inum, iface index]. */
  peer?: [number, number];
  /** Bridge this interface is enslaved to (iface index in the same netns). */
  master?: number;
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
}

export interface Route {
  dst: string;
  via?: string;
  dev: string;
  src?: string;
}

export interface Namespace {
  inum: number;
  type: NsType;
  /** Parent namespace (pid and user namespaces nest). */
  parent?: number;
  uts?: { hostname: string; domainname: string };
  /** pids: this namespace's pid -> global pid. */
  pid?: { level: number; nextPid: number; reaper: number | null; pids?: Record<number, number> };
  mnt?: MountNsData;
  net?: { ifaces: NetIface[]; routes: Route[]; nextIndex: number; /** net.* sysctls set in this namespace (others read their defaults). */ sysctls?: Record<string, string> };
  user?: { uidMap: Array<[number, number, number]>; gidMap: Array<[number, number, number]>; owner: number };
  cgroup?: { root: string };
}

/** A mount namespace's table: mounts in mount order, and which mount covers which (mount, node). */
export interface MountNsData {
  root: number;
  mounts: number[];
  index: Record<string, number>;
  /** Mounts not attached yet (fs/deferred-mounts.ts): attached when someone first looks. */
  deferred?: DeferredMounts;
}

/**
 * Mounts a namespace will have, described instead of made: `kind` names who attaches them
 * (registered in fs/deferred-mounts.ts), `at` the nodes of the root mount they go on, `args` the
 * rest, as plain data.
 */
export interface DeferredMounts {
  kind: string;
  at: readonly NodeId[];
  args: Record<string, string | number | boolean | null>;
}

export interface FdEntry {
  file: number;
  cloexec: boolean;
}

export interface Process {
  /** PID in the initial (host) namespace. */
  pid: number;
  /** PIDs from the host namespace down to the process's own namespace (NSpid). */
  nspid: number[];
  pidns: number;
  ppid: number;
  pgid: number;
  sid: number;
  comm: string;
  argv: string[];
  env: Record<string, string>;
  exe: string;
  prog: string;
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  groups: number[];
  umask: number;
  cwd: Loc;
  root: Loc;
  fds: Record<number, FdEntry>;
  ns: Record<Exclude<NsType, "pid">, number> & { pidChildren: number };
  cgroup: string;
  state: "R" | "S" | "D" | "T" | "Z";
  wait: Wait | null;
  exit: { code?: number; signal?: Signal; core?: boolean } | null;
  /** Signal dispositions other than default. */
  disp: Partial<Record<Signal, "ignore" | "handler">>;
  pending: Signal[];
  /** Set when the process stopped or continued and its parent has not yet been told by wait(). */
  stopReport: { stopped?: Signal; continued?: boolean } | null;
  children: number[];
  /** Controlling terminal (tty id). */
  tty: number | null;
  startUsec: number;
  cpuUsec: number;
  rss: number;
  vsz: number;
  nice: number;
  /** Capability sets (caps.ts). */
  caps: CapSets;
  /** prctl(PR_SET_NO_NEW_PRIVS): execve grants no privileges (set-user-ID bits are ignored). */
  noNewPrivs: boolean;
  /** Seccomp mode (0 off, 2 filter) and how many filters are installed, as /proc/PID/status shows. */
  seccomp: { mode: 0 | 2; filters: number };
  /** Resource limits (setrlimit); absent: the defaults (see proc/rlimits.ts). Replaced, never mutated. */
  rlimits?: Rlimits;
  /** /proc/PID/oom_score_adj (inherited on fork). */
  oomScoreAdj?: number;
  /** Audit login uid and session id (/proc/PID/loginuid, sessionid), set at login, inherited on fork; absent: unset. */
  loginuid?: number;
  sessionid?: number;
}

/** Soft and hard limit per resource; null is unlimited (RLIM_INFINITY). */
export type Rlimits = Record<string, [number | null, number | null]>;

export interface OpenFile {
  id: number;
  refs: number;
  kind: "node" | "pipe" | "tty" | "device" | "sink";
  read: boolean;
  write: boolean;
  append: boolean;
  nonblock: boolean;
  offset: number;
  /** node: where it is and the path it was opened by (for /proc/PID/fd links). */
  loc?: Loc;
  path?: string;
  /** Content fixed at open time for synthetic files (procfs, sysfs, cgroupfs). */
  snapshot?: string;
  /** Directory handle. */
  dir?: boolean;
  pipe?: number;
  /** Sockets: the pipe written to (reads come from `pipe`); a connection is two pipes. */
  pipeOut?: number;
  /** Sockets: the other end's address, and for listening sockets their listener key. */
  peer?: { ip: string; port: number };
  listener?: string;
  tty?: number;
  /** device: major/minor. */
  rdev?: [number, number];
  /** sink: id of an outside listener (output captured by the runner). */
  sink?: number;
}

export interface Pipe {
  id: number;
  buf: string;
  readers: number;
  writers: number;
  /** Pipes fed from outside the machine (runner stdin): writers are counted here, not in files. */
  external?: boolean;
  /**
   * One direction of a TCP connection that was reset (the peer closed with data unread, or was
   * written to after it closed): the reader's next read fails with ECONNRESET ("pending"), once.
   */
  reset?: "pending" | "reported";
}

export interface Tty {
  id: number;
  /** Name under /dev, e.g. "pts/0". */
  name: string;
  termios: Termios;
  rows: number;
  cols: number;
  /** Bytes ready for read(). In canonical mode only whole lines (or EOF marks) get here. */
  input: string;
  /** Count of pending EOF marks (^D on an empty line) in input order, kept as positions. */
  eofAt: number[];
  /** The line being edited in canonical mode. */
  line: string;
  fgPgrp: number;
  session: number;
}

export interface Cgroup {
  path: string;
  subtreeControl: string[];
  memoryMax: number | null;
  memoryHigh: number | null;
  memoryMin: number;
  memoryLow: number;
  swapMax: number | null;
  oomGroup: boolean;
  memoryCurrent: number;
  memoryPeak: number;
  memoryEvents: { low: number; high: number; max: number; oom: number; oom_kill: number; oom_group_kill: number };
  cpuMax: { quota: number | null; period: number };
  cpuWeight: number;
  cpuStat: { usage: number; user: number; system: number; periods: number; throttled: number; throttledUsec: number };
  /** Quota used in the current period. */
  cpuPeriodUsed: number;
  cpuPeriodStart: number;
  cpuThrottledThisPeriod: boolean;
  pidsMax: number | null;
  pidsCurrent: number;
  pidsPeak: number;
  pidsEvents: number;
  frozen: boolean;
  /** cpuset.cpus / cpuset.mems as written ("": the parent's). */
  cpusetCpus?: string;
  cpusetMems?: string;
  /** io.weight default, and io.max lines per device ("8:0" -> "rbps=... wbps=max ..."). */
  ioWeight?: number;
  ioMax?: Record<string, { rbps: number | null; wbps: number | null; riops: number | null; wiops: number | null }>;
}

export interface World {
  version: 1;
  config: {
    cpus: number;
    memTotal: number;
    diskSize: number;
    kernelRelease: string;
    kernelVersion: string;
    machine: string;
  };
  clock: { bootEpochUsec: number; nowUsec: number };
  rng: [number, number, number, number];
  fs: Record<string, SuperBlock>;
  mounts: Record<number, Mount>;
  ns: Record<number, Namespace>;
  procs: Record<number, Process>;
  files: Record<number, OpenFile>;
  pipes: Record<number, Pipe>;
  ttys: Record<number, Tty>;
  cgroups: Record<string, Cgroup>;
  /** auditSession: the last audit session id handed out (absent: none yet). */
  next: { pid: number; file: number; pipe: number; mount: number; fs: number; dev: number; nsInum: number; tty: number; auditSession?: number };
  /** Initial namespaces (of the host's init). */
  initNs: Record<NsType, number>;
  /** State of layers above the kernel (the docker engine keeps its images, containers, ... here). */
  ext: Record<string, unknown>;
  /** Load averages (1, 5, 15 min) updated every 5 s like Linux. */
  loadavg: [number, number, number];
  loadavgAt: number;
}
