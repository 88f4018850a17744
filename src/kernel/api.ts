/**
 * The contract between the kernel and what runs on it (shells, coreutils, toy servers, the docker CLI).
 *
 * A program is a generator function. It runs as a kernel process and sees the machine only through
 * `Sys`, the simulated system-call interface. Calls that may block (read from a pipe or tty, write
 * to a full pipe, wait for a child, sleep, burn CPU) are generators themselves and are used with
 * `yield*`; everything else is synchronous and throws `Errno` on failure.
 *
 * Strings that cross this interface as file or stream data are *byte strings*: every char code is
 * one byte (0..255). UTF-8 text is carried as its bytes; `utf8Encode`/`utf8Decode` convert.
 */
import type { ErrnoCode } from "./errno";

/** Why a process is not running. Produced by blocking calls; programs never build these by hand. */
export type Wait =
  | { kind: "timer"; until: number }
  | { kind: "chan"; chan: string; until?: number }
  | { kind: "cpu"; usec: number }
  | { kind: "yield" };

/** A blocking call or a whole program: yields Waits to the scheduler, returns T. */
export type Gen<T> = Generator<Wait, T, unknown>;

/** A program's entry point. Returns the exit status (0..255). */
export type Main = (sys: Sys) => Gen<number>;

export interface ProgramDef {
  /** Name as registered; binaries in the filesystem refer to it (inode `prog`). */
  name: string;
  main: Main;
  /** Resident memory of a fresh process running it, in bytes (for ps, top, cgroup memory). */
  rss?: number;
}

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

export type FileType = "file" | "dir" | "symlink" | "char" | "block" | "fifo" | "socket";

export interface Stat {
  dev: number;
  ino: number;
  /** File type bits and permission bits, as st_mode. */
  mode: number;
  type: FileType;
  nlink: number;
  uid: number;
  gid: number;
  /** Device number for char/block devices: [major, minor]. */
  rdev: [number, number];
  size: number;
  blocks: number;
  blksize: number;
  /** Seconds since the epoch (virtual clock), with nanoseconds. */
  atime: number;
  mtime: number;
  ctime: number;
  atimeNs: number;
  mtimeNs: number;
  ctimeNs: number;
}

export interface OpenFlags {
  read?: boolean;
  write?: boolean;
  append?: boolean;
  create?: boolean;
  excl?: boolean;
  trunc?: boolean;
  directory?: boolean;
  nofollow?: boolean;
  nonblock?: boolean;
  cloexec?: boolean;
}

export interface Termios {
  /** Canonical (line) mode: input is delivered a line at a time, with erase/kill editing. */
  icanon: boolean;
  echo: boolean;
  /** ^C ^\ ^Z generate SIGINT SIGQUIT SIGTSTP for the foreground process group. */
  isig: boolean;
  /** Output post-processing: "\n" is written to the terminal as "\r\n". */
  onlcr: boolean;
  /** Map input CR to NL. */
  icrnl: boolean;
}

export type Signal =
  | "HUP"
  | "INT"
  | "QUIT"
  | "ILL"
  | "TRAP"
  | "ABRT"
  | "BUS"
  | "FPE"
  | "KILL"
  | "USR1"
  | "SEGV"
  | "USR2"
  | "PIPE"
  | "ALRM"
  | "TERM"
  | "STKFLT"
  | "CHLD"
  | "CONT"
  | "STOP"
  | "TSTP"
  | "TTIN"
  | "TTOU"
  | "URG"
  | "XCPU"
  | "XFSZ"
  | "VTALRM"
  | "PROF"
  | "WINCH"
  | "IO"
  | "PWR"
  | "SYS";

/** How a waited-for child changed state, as decoded from a wait status. */
export interface WaitResult {
  pid: number;
  /** Exit code when exited normally. */
  code?: number;
  /** The terminating signal when killed. */
  signal?: Signal;
  /** Set when the child stopped (WUNTRACED) rather than ended. */
  stopped?: Signal;
  /** Set when the child continued (WCONTINUED). */
  continued?: boolean;
}

export type NsType = "mnt" | "uts" | "ipc" | "pid" | "net" | "user" | "cgroup" | "time";

export interface SpawnOptions {
  /** Child fd -> parent fd to duplicate into it. Fds not listed are not inherited. */
  fds?: Record<number, number>;
  env?: Record<string, string>;
  cwd?: string;
  /** Process group for the child: 0 = its own new group (pgid = its pid), else an existing pgid. */
  pgid?: number;
  /** Namespaces the child gets new copies of (clone flags). */
  newNs?: NsType[];
}

export interface ForkOptions {
  /** Process group for the child: 0 = its own new group, else an existing pgid. */
  pgid?: number;
  newNs?: NsType[];
  /** Name shown by ps for the child until it execs (default: the parent's). */
  comm?: string;
}

export interface Uname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  uid: number;
  gid: number;
  comm: string;
  argv: string[];
  state: "R" | "S" | "D" | "T" | "Z";
  /** tty name such as "pts/0", or null. */
  tty: string | null;
  /** CPU time used, in microseconds (user+system). */
  cpuUsec: number;
  rss: number;
  vsz: number;
  /** Start time, in virtual-clock microseconds since boot. */
  startUsec: number;
  nice: number;
  threads: number;
}

export interface NetIfaceInfo {
  name: string;
  index: number;
  kind: "loopback" | "ether" | "veth" | "bridge";
  mac: string;
  mtu: number;
  up: boolean;
  addrs: string[];
  /** For a veth: the peer's interface index (in the other namespace). */
  peerIndex?: number;
  /** Name of the bridge this interface is a port of. */
  master?: string;
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
}

/** The system-call interface a process sees. Paths are resolved against its root, cwd and mount ns. */
/** waitpid(2) options: WNOHANG, WUNTRACED, WCONTINUED. */
export interface WaitOptions {
  nohang?: boolean;
  untraced?: boolean;
  continued?: boolean;
}

export interface Sys {
  readonly argv: readonly string[];
  /** The process environment (a copy the program may modify; passed on to spawned children). */
  env: Record<string, string>;
  /** The same process seen with other arguments (a multi-call binary running its applet). */
  withArgv(argv: readonly string[]): Sys;

  getpid(): number;
  getppid(): number;
  getuid(): number;
  getgid(): number;
  geteuid(): number;
  getegid(): number;
  getgroups(): number[];
  setuid(uid: number): void;
  setgid(gid: number): void;
  getpgrp(): number;
  setpgid(pid: number, pgid: number): void;
  setsid(): number;
  umask(mask?: number): number;

  // --- files ---
  open(path: string, flags: OpenFlags, mode?: number): number;
  close(fd: number): void;
  /** Reads up to `max` bytes (default: whatever is available). "" means end of file. */
  read(fd: number, max?: number): Gen<string>;
  /** Writes all of `data`; a broken pipe raises SIGPIPE (and, if that is ignored, EPIPE). */
  write(fd: number, data: string): Gen<number>;
  /** Non-blocking variant for terminals and files: throws EAGAIN instead of waiting. */
  pread(fd: number, max: number, offset: number): string;
  lseek(fd: number, offset: number, whence: "set" | "cur" | "end"): number;
  dup(fd: number): number;
  dup2(fd: number, to: number): number;
  /** Returns [readFd, writeFd]. */
  pipe(): [number, number];
  fstat(fd: number): Stat;
  isatty(fd: number): boolean;
  /** Name of the terminal open on fd, e.g. "/dev/pts/0". */
  ttyname(fd: number): string;
  tcgetattr(fd: number): Termios;
  tcsetattr(fd: number, t: Partial<Termios>): void;
  tcgetpgrp(fd: number): number;
  tcsetpgrp(fd: number, pgid: number): void;
  winsize(fd: number): { rows: number; cols: number };
  /** Open fds of this process, ascending. */
  fds(): number[];

  /** Convenience: whole content of a file (regular, proc, sysfs, device with finite content). */
  readFile(path: string): string;
  /** Convenience: create/truncate (or append to) a file and write data. */
  writeFile(path: string, data: string, opts?: { append?: boolean; mode?: number }): void;

  stat(path: string): Stat;
  lstat(path: string): Stat;
  access(path: string, mode: number): void;
  readdir(path: string): string[];
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, path: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  /** Canonical absolute path with symlinks resolved (realpath(3)). */
  realpath(path: string): string;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number, opts?: { nofollow?: boolean }): void;
  /** Sets access and modification times, in seconds since the epoch (fractions allowed), like Stat. */
  utimes(path: string, atime: number, mtime: number, opts?: { nofollow?: boolean }): void;
  truncate(path: string, size: number): void;
  mknod(path: string, mode: number, rdev?: [number, number]): void;
  getxattr(path: string, name: string): string;
  setxattr(path: string, name: string, value: string): void;
  listxattr(path: string): string[];
  chdir(path: string): void;
  getcwd(): string;
  chroot(path: string): void;
  mount(source: string, target: string, fstype: string, opts: { flags?: string[]; data?: string }): void;
  umount(target: string, opts?: { lazy?: boolean }): void;
  statfs(path: string): { type: string; bsize: number; blocks: number; bfree: number; bavail: number; files: number; ffree: number };

  // --- processes ---
  /** fork(): the child runs `child` with its own Sys (a copy of this process's fds, env, cwd). */
  fork(child: Main, opts?: ForkOptions): number;
  /** execve(): on success never returns (the process becomes the new program). */
  exec(path: string, argv: string[], env?: Record<string, string>): never;
  /** fork + exec in one step, like posix_spawn. Errors of exec are thrown in the parent. */
  spawn(path: string, argv: string[], opts?: SpawnOptions): number;
  /** waitpid(). pid -1 = any child, 0 = own group, <-1 = that group. null with nohang and nothing ready. */
  wait(pid: number, opts?: WaitOptions): Gen<WaitResult | null>;
  kill(pid: number, sig: Signal | 0): void;
  /** Install a handler; it runs the next time the process is resumed (blocking calls then throw EINTR). */
  signal(sig: Signal, action: "default" | "ignore" | ((sig: Signal) => void)): void;
  exit(code: number): never;
  sleep(ms: number): Gen<void>;
  /** Use `usec` of CPU time (the scheduler shares CPUs by weight and cgroup cpu.max). */
  cpu(usec: number): Gen<void>;
  /** Give other runnable processes a turn. */
  yield(): Gen<void>;
  /** Grow (or shrink, negative) resident memory; may trigger the cgroup OOM killer. */
  alloc(bytes: number): Gen<void>;
  /** alloc() without giving up the CPU: if the OOM killer takes this process, its next call ends it. */
  charge(bytes: number): void;
  ps(): ProcessInfo[];
  /** Info on one process as seen from this process's pid namespace, or null. */
  procInfo(pid: number): ProcessInfo | null;

  /**
   * connect() to a unix socket: returns the service listening there (e.g. the docker engine at
   * /var/run/docker.sock), bound to this process. ENOENT if no socket, ECONNREFUSED if nobody listens.
   */
  connect(path: string): unknown;

  // --- network (TCP-like streams, ICMP echo, UDP request/response) ---
  /** socket()+bind()+listen(): a listening TCP socket on ip:port ("0.0.0.0" = all) in this netns. */
  tcpListen(ip: string, port: number): number;
  /** accept(): waits for a connection; its fd reads and writes the stream. */
  tcpAccept(fd: number): Gen<{ fd: number; peer: { ip: string; port: number } }>;
  /** connect(): ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, or ETIMEDOUT (after the connect timeout). */
  tcpConnect(ip: string, port: number): Gen<number>;
  /** getpeername() of a connected socket. */
  peerName(fd: number): { ip: string; port: number };
  /** An ICMP echo request: resolves to the round-trip time in µs, or throws the errno. */
  ping(ip: string): Gen<number>;
  /** A UDP request and its single reply (DNS); ETIMEDOUT when nothing answers. */
  udpQuery(ip: string, port: number, payload: string): Gen<string>;
  /** The network namespace's interfaces and routes, as netlink reports them. */
  netInfo(): { ifaces: NetIfaceInfo[]; routes: Array<{ dst: string; via?: string; dev: string; src?: string }> };
  /** Changes an interface (SIOCSIFFLAGS / SIOCSIFMTU, RTM_NEWLINK): EPERM without CAP_NET_ADMIN, then ENODEV. */
  setLink(name: string, change: { up?: boolean; mtu?: number }): void;

  // --- namespaces, identity, time ---
  unshare(types: NsType[]): void;
  /** setns(): join the namespace that /proc/<pid>/ns/<type> (or any such path) refers to. */
  setns(path: string, type?: NsType): void;
  uname(): Uname;
  sethostname(name: string): void;
  /** Wall clock of the simulated machine, in microseconds since the epoch. */
  now(): number;
  /** settimeofday(): sets the wall clock (the machine's: time namespaces do not cover it). Needs CAP_SYS_TIME. */
  settime(usec: number): void;
  /** Microseconds since boot (CLOCK_MONOTONIC). */
  uptime(): number;
  /** Deterministic random bytes (getrandom). */
  random(n: number): string;
  /** Cheap kernel-side facts programs need that Linux exposes in /proc (cpus, memory totals). */
  sysinfo(): { cpus: number; memTotal: number; memFree: number; memAvailable: number; buffers: number; cached: number; loads: [number, number, number]; procs: number };
}

/** Thrown by exit()/exec() to unwind the program; the kernel catches it. Programs must not swallow it. */
export class ProcessExit {
  constructor(readonly code: number) {}
}

export type { ErrnoCode };
