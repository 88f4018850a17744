/**
 * The system calls: `Sys` as one process sees it. Each call looks its process up afresh in the
 * world (generators outlive transactions, so no world object is kept across a yield).
 */
import {
  type ForkOptions,
  type Gen,
  type Main,
  type NsType,
  type OpenFlags,
  type ProcessInfo,
  ProcessExit,
  type Signal,
  type SpawnOptions,
  type Stat,
  type Sys,
  type Termios,
  type Uname,
  type WaitOptions,
  type WaitResult,
} from "./api";
import { Errno } from "./errno";
import type { Kernel, ProcRuntime } from "./kernel";
import { randomBytes } from "./rng";
import type { Loc, OpenFile, Process } from "./world";
import { doMount, doUmount, walkerOf } from "./fs/mount";
import { closeFd, fileAddRef, fileOf, installFd, isBlocked, newFile, newPipe, tryRead, tryWrite } from "./io/files";
import { ExecRequest, forkProcess, globalPid, pidIn, reap } from "./proc/process";
import { sendSignal } from "./proc/signal";
import { cgroupMemory } from "./cgroup/cgroups";
import { unshareProcess } from "./ns/namespaces";
import { resolveExec } from "./exec";
import { connect, listen, listenerByFile, route } from "./net/sockets";
import { capable, capsOnUidChange } from "./caps";

const READ_CHUNK = 65536;
/** The most memory one process may hold: past it the OOM killer takes it (browser heap safety). */
const PROCESS_MEMORY_CAP = 64 * 1024 * 1024;
/** How long a connect() to an address that never answers takes to fail (Linux: ~127 s). */
const CONNECT_TIMEOUT_MS = 127_000;

export class SysImpl implements Sys {
  /** The program's own copy of the environment, made when it first looks (most never do). */
  private ownEnv: Record<string, string> | undefined = undefined;

  constructor(
    private readonly k: Kernel,
    private readonly pid: number,
    readonly argv: readonly string[],
    /** The process's environment as exec gave it (never changed: shared with forks). */
    private readonly execEnv: Record<string, string>,
  ) {}

  get env(): Record<string, string> {
    return (this.ownEnv ??= { ...this.execEnv });
  }

  set env(env: Record<string, string>) {
    this.ownEnv = env;
  }

  withArgv(argv: readonly string[]): Sys {
    const sys = new SysImpl(this.k, this.pid, argv, this.execEnv);
    sys.ownEnv = this.ownEnv;
    return sys;
  }

  /** This process, fresh from the current world. A process that died meanwhile unwinds. */
  private get p(): Process {
    const p = this.k.w.procs[this.pid];
    if (!p || p.state === "Z") throw new ProcessExit(0);
    return p;
  }

  private get rt(): ProcRuntime | undefined {
    return this.k.rt.get(this.pid);
  }

  private get w() {
    return walkerOf(this.p);
  }

  /** After waking from a wait: if a signal handler ran meanwhile, the call fails with EINTR. */
  private checkIntr() {
    void this.p;
    const rt = this.rt;
    if (rt?.interrupted) {
      rt.interrupted = false;
      throw new Errno("EINTR");
    }
  }

  /** The pid of process `g` (global) in this process's namespace. */
  private nsPid(g: number): number {
    const q = this.k.w.procs[g];
    return q ? pidIn(this.k, q, this.p.pidns) : 0;
  }

  private global(pid: number): number | undefined {
    return globalPid(this.k, this.p.pidns, pid);
  }

  getpid() {
    return this.nsPid(this.pid);
  }
  getppid() {
    return this.nsPid(this.p.ppid);
  }
  getuid() {
    return this.p.uid;
  }
  getgid() {
    return this.p.gid;
  }
  geteuid() {
    return this.p.euid;
  }
  getegid() {
    return this.p.egid;
  }
  getgroups() {
    return [...this.p.groups];
  }
  setuid(uid: number) {
    const p = this.p;
    const before = { uid: p.uid, euid: p.euid };
    // With CAP_SETUID all ids change; without it only the effective id, to the real (or saved) one.
    if (capable(p, "SETUID")) p.uid = p.euid = uid;
    else if (uid === p.uid || uid === p.euid) p.euid = uid;
    else throw new Errno("EPERM");
    p.caps = capsOnUidChange(p.caps, before, { uid: p.uid, euid: p.euid });
  }
  setgid(gid: number) {
    const p = this.p;
    if (capable(p, "SETGID")) p.gid = p.egid = gid;
    else if (gid === p.gid || gid === p.egid) p.egid = gid;
    else throw new Errno("EPERM");
  }
  getpgrp() {
    return this.nsPid(this.p.pgid);
  }
  setpgid(pid: number, pgid: number) {
    const me = this.p;
    const target = pid === 0 ? me.pid : this.global(pid);
    if (target === undefined || !this.k.w.procs[target]) throw new Errno("ESRCH");
    const t = this.k.w.procs[target];
    if (t.pid !== me.pid && t.ppid !== me.pid) throw new Errno("ESRCH");
    if (t.sid !== me.sid) throw new Errno("EPERM");
    const g = pgid === 0 ? t.pid : this.global(pgid);
    if (g === undefined) throw new Errno("EPERM");
    t.pgid = g;
  }
  setsid() {
    const p = this.p;
    if (Object.values(this.k.w.procs).some((q) => q.pgid === p.pid && q.pid !== p.pid)) throw new Errno("EPERM");
    p.sid = p.pid;
    p.pgid = p.pid;
    p.tty = null;
    return this.getpid();
  }
  umask(mask?: number) {
    const p = this.p;
    const old = p.umask;
    if (mask !== undefined) p.umask = mask & 0o777;
    return old;
  }

  // --- files -----------------------------------------------------------------------------------

  open(path: string, flags: OpenFlags, mode = 0o666): number {
    const k = this.k;
    const p = this.p;
    const w = walkerOf(p);
    let loc: Loc;
    let created = false;
    try {
      loc = k.vfs.walk(w, path, !flags.nofollow);
      if (flags.create && flags.excl) throw new Errno("EEXIST");
    } catch (e) {
      if (!(e instanceof Errno) || e.code !== "ENOENT" || !flags.create) throw e;
      // O_CREAT through a dangling symlink creates the file it points to.
      loc = k.vfs.create(w, flags.nofollow ? path : danglingTarget(k, w, path), { type: "file", perm: mode & ~p.umask & 0o7777 });
      created = true;
    }
    const st = k.vfs.stat(loc);
    if (st.type === "symlink") throw new Errno("ELOOP");
    if (flags.directory && st.type !== "dir") throw new Errno("ENOTDIR");
    const write = !!(flags.write || flags.append);
    const read = !!flags.read || !write;
    if (st.type === "dir" && write) throw new Errno("EISDIR");
    if (!created) {
      if (read && !k.vfs.permitted(w.cred, st, 4)) throw new Errno("EACCES");
      if (write && !k.vfs.permitted(w.cred, st, 2)) throw new Errno("EACCES");
      if (write && st.type === "file") {
        k.vfs.writable(loc);
        const drv = k.vfs.drv(loc.fs);
        drv.prepareWrite?.(k, k.vfs.sb(loc.fs), loc.node);
      }
    }
    let file: number;
    if (st.type === "char" || st.type === "block") file = this.openDevice(st, read, write, flags);
    else if (st.type === "fifo" || st.type === "socket") throw new Errno("ENXIO");
    else {
      if (flags.trunc && write && st.type === "file" && st.size > 0) k.vfs.drv(loc.fs).truncate(k, k.vfs.sb(loc.fs), loc.node, 0);
      const drv = k.vfs.drv(loc.fs);
      const snapshot = st.type === "file" && read && drv.snapshot ? drv.snapshot(k, k.vfs.sb(loc.fs), loc.node) : undefined;
      file = newFile(k, {
        kind: "node",
        read,
        write,
        append: !!flags.append,
        nonblock: !!flags.nonblock,
        loc,
        path: this.displayPath(loc, path, st.type === "dir"),
        snapshot,
        dir: st.type === "dir",
      });
    }
    return installFd(k, p, file, { cloexec: flags.cloexec });
  }

  /** The path /proc/PID/fd shows: directories by their place, files through their parent. */
  private displayPath(loc: Loc, path: string, isDir: boolean): string {
    const p = this.p;
    if (isDir) return this.k.vfs.pathOf(loc, p.root);
    const { dir, name } = this.k.vfs.walkParent(walkerOf(p), path);
    const parent = this.k.vfs.pathOf(dir, p.root);
    return parent === "/" ? `/${name}` : `${parent}/${name}`;
  }

  private openDevice(st: Stat, read: boolean, write: boolean, flags: OpenFlags): number {
    const k = this.k;
    const p = this.p;
    const [major, minor] = st.rdev;
    if (st.type === "block") throw new Errno("ENXIO");
    const tty = (id: number) => {
      if (!k.w.ttys[id]) throw new Errno("ENXIO");
      // A session leader without a terminal acquires the first one it opens.
      if (p.sid === p.pid && p.tty === null && k.w.ttys[id].session === 0) {
        p.tty = id;
        k.w.ttys[id].session = p.sid;
        k.w.ttys[id].fgPgrp = p.pgid;
      }
      return newFile(k, { kind: "tty", read, write, tty: id, nonblock: !!flags.nonblock });
    };
    if (major === 5 && minor === 0) {
      if (p.tty === null) throw new Errno("ENXIO");
      return tty(p.tty);
    }
    if (major === 136) return tty(minor);
    if (major === 5 && minor === 1) return newFile(k, { kind: "device", read, write, rdev: [1, 3] });
    if (major === 1 && [3, 5, 7, 8, 9].includes(minor)) return newFile(k, { kind: "device", read, write, rdev: [major, minor] });
    throw new Errno("ENXIO");
  }

  close(fd: number) {
    closeFd(this.k, this.p, fd);
  }

  *read(fd: number, max = READ_CHUNK): Gen<string> {
    for (;;) {
      const p = this.p;
      const r = tryRead(this.k, p, fileOf(this.k, p, fd), max);
      if (!isBlocked(r)) return r;
      yield { kind: "chan", chan: r.blocked };
      this.checkIntr();
    }
  }

  *write(fd: number, data: string): Gen<number> {
    let done = 0;
    while (done < data.length || data.length === 0) {
      const p = this.p;
      const r = tryWrite(this.k, p, fileOf(this.k, p, fd), done === 0 ? data : data.slice(done));
      if (data.length === 0) return 0;
      if (isBlocked(r)) {
        yield { kind: "chan", chan: r.blocked };
        this.checkIntr();
        continue;
      }
      done += r;
      // A process killed by SIGPIPE while writing stops here.
      void this.p;
    }
    return done;
  }

  pread(fd: number, max: number, offset: number): string {
    const f = fileOf(this.k, this.p, fd);
    if (f.kind !== "node") throw new Errno("ESPIPE");
    const saved = f.offset;
    f.offset = offset;
    try {
      const r = tryRead(this.k, this.p, f, max);
      return isBlocked(r) ? "" : r;
    } finally {
      f.offset = saved;
    }
  }

  lseek(fd: number, offset: number, whence: "set" | "cur" | "end"): number {
    const f = fileOf(this.k, this.p, fd);
    if (f.kind !== "node") throw new Errno("ESPIPE");
    const size = f.snapshot?.length ?? this.k.vfs.stat(f.loc!).size;
    const base = whence === "set" ? 0 : whence === "cur" ? f.offset : size;
    if (base + offset < 0) throw new Errno("EINVAL");
    f.offset = base + offset;
    return f.offset;
  }

  dup(fd: number): number {
    const p = this.p;
    const f = fileOf(this.k, p, fd);
    fileAddRef(this.k, f.id);
    return installFd(this.k, p, f.id);
  }

  dup2(fd: number, to: number): number {
    const p = this.p;
    const f = fileOf(this.k, p, fd);
    if (fd === to) return to;
    fileAddRef(this.k, f.id);
    return installFd(this.k, p, f.id, { at: to });
  }

  pipe(): [number, number] {
    const k = this.k;
    const p = this.p;
    const id = newPipe(k);
    const r = installFd(k, p, newFile(k, { kind: "pipe", read: true, write: false, pipe: id }));
    const w = installFd(k, p, newFile(k, { kind: "pipe", read: false, write: true, pipe: id }));
    return [r, w];
  }

  fstat(fd: number): Stat {
    const f = fileOf(this.k, this.p, fd);
    return this.statOfFile(f);
  }

  private statOfFile(f: OpenFile): Stat {
    if (f.kind === "node") return this.k.vfs.stat(f.loc!);
    const now = this.k.now();
    const sec = Math.floor(now / 1e6);
    const base: Stat = {
      dev: 12,
      ino: 1000 + f.id,
      mode: 0o010600,
      type: "fifo",
      nlink: 1,
      uid: this.p.euid,
      gid: this.p.egid,
      rdev: [0, 0],
      size: 0,
      blocks: 0,
      blksize: 4096,
      atime: sec,
      mtime: sec,
      ctime: sec,
      atimeNs: 0,
      mtimeNs: 0,
      ctimeNs: 0,
    };
    if (f.kind === "tty") return { ...base, dev: 22, mode: 0o020620, type: "char", rdev: [136, f.tty!], gid: 5 };
    if (f.kind === "device") return { ...base, dev: 5, mode: 0o020666, type: "char", rdev: f.rdev! };
    return base;
  }

  private ttyOf(fd: number) {
    const f = fileOf(this.k, this.p, fd);
    if (f.kind !== "tty") throw new Errno("ENOTTY");
    return this.k.w.ttys[f.tty!];
  }

  isatty(fd: number): boolean {
    try {
      return fileOf(this.k, this.p, fd).kind === "tty";
    } catch (e) {
      if (e instanceof Errno) return false;
      throw e;
    }
  }

  ttyname(fd: number): string {
    return `/dev/${this.ttyOf(fd).name}`;
  }

  tcgetattr(fd: number): Termios {
    return { ...this.ttyOf(fd).termios };
  }

  tcsetattr(fd: number, t: Partial<Termios>) {
    const tty = this.ttyOf(fd);
    Object.assign(tty.termios, t);
    this.k.wake(`tty:${tty.id}`);
  }

  tcgetpgrp(fd: number): number {
    return this.nsPid(this.ttyOf(fd).fgPgrp);
  }

  tcsetpgrp(fd: number, pgid: number) {
    const tty = this.ttyOf(fd);
    const p = this.p;
    if (p.tty !== tty.id) throw new Errno("ENOTTY");
    const g = this.global(pgid);
    if (g === undefined || !Object.values(this.k.w.procs).some((q) => q.pgid === g && q.sid === p.sid))
      throw new Errno("EPERM");
    tty.fgPgrp = g;
    this.k.wake(`tty:${tty.id}`);
  }

  winsize(fd: number) {
    const tty = this.ttyOf(fd);
    return { rows: tty.rows, cols: tty.cols };
  }

  fds(): number[] {
    return Object.keys(this.p.fds)
      .map(Number)
      .sort((a, b) => a - b);
  }

  readFile(path: string): string {
    const fd = this.open(path, { read: true });
    try {
      const p = this.p;
      const f = fileOf(this.k, p, fd);
      if (f.kind === "node" && f.dir) throw new Errno("EISDIR");
      if (f.kind !== "node" && f.kind !== "device") throw new Errno("EINVAL");
      if (f.kind === "device" && f.rdev![1] !== 3) throw new Errno("EINVAL");
      const r = tryRead(this.k, p, f, Number.MAX_SAFE_INTEGER);
      return isBlocked(r) ? "" : r;
    } finally {
      this.close(fd);
    }
  }

  writeFile(path: string, data: string, opts: { append?: boolean; mode?: number } = {}) {
    const fd = this.open(path, { write: true, create: true, trunc: !opts.append, append: opts.append }, opts.mode ?? 0o666);
    try {
      const p = this.p;
      const f = fileOf(this.k, p, fd);
      if (f.kind !== "node" && f.kind !== "device") throw new Errno("EINVAL");
      tryWrite(this.k, p, f, data);
    } finally {
      this.close(fd);
    }
  }

  stat(path: string): Stat {
    return this.k.vfs.stat(this.k.vfs.walk(this.w, path, true));
  }

  lstat(path: string): Stat {
    return this.k.vfs.stat(this.k.vfs.walk(this.w, path, false));
  }

  access(path: string, mode: number) {
    const w = this.w;
    const loc = this.k.vfs.walk(w, path, true);
    if (mode === 0) return;
    if (!this.k.vfs.permitted(w.cred, this.k.vfs.stat(loc), mode)) throw new Errno("EACCES");
    if (mode & 2) this.k.vfs.writable(loc);
  }

  readdir(path: string): string[] {
    const w = this.w;
    const loc = this.k.vfs.walk(w, path, true);
    const st = this.k.vfs.stat(loc);
    if (st.type !== "dir") throw new Errno("ENOTDIR");
    if (!this.k.vfs.permitted(w.cred, st, 4)) throw new Errno("EACCES");
    return this.k.vfs.readdir(loc).map((e) => e.name);
  }

  mkdir(path: string, mode = 0o777) {
    this.k.vfs.create(this.w, path, { type: "dir", perm: mode & ~this.p.umask & 0o7777 });
  }

  rmdir(path: string) {
    this.k.vfs.rmdir(this.w, path);
  }

  unlink(path: string) {
    this.k.vfs.unlink(this.w, path);
  }

  rename(from: string, to: string) {
    this.k.vfs.rename(this.w, from, to);
  }

  link(existing: string, path: string) {
    this.k.vfs.link(this.w, existing, path);
  }

  symlink(target: string, path: string) {
    if (target === "") throw new Errno("ENOENT");
    this.k.vfs.create(this.w, path, { type: "symlink", perm: 0o777, target });
  }

  readlink(path: string): string {
    const loc = this.k.vfs.walk(this.w, path, false);
    return this.k.vfs.readlink(loc);
  }

  realpath(path: string): string {
    if (path === "") throw new Errno("ENOENT");
    const queue = (path.startsWith("/") ? path : `${this.getcwd()}/${path}`).split("/");
    const resolved: string[] = [];
    let links = 0;
    while (queue.length > 0) {
      const c = queue.shift()!;
      if (c === "" || c === ".") continue;
      if (c === "..") {
        resolved.pop();
        continue;
      }
      const candidate = `/${[...resolved, c].join("/")}`;
      const st = this.lstat(candidate);
      if (st.type === "symlink") {
        if (++links > 40) throw new Errno("ELOOP");
        const target = this.readlink(candidate);
        if (target.startsWith("/")) resolved.length = 0;
        queue.unshift(...target.split("/"));
        continue;
      }
      if (st.type !== "dir" && queue.some((q) => q !== "" && q !== ".")) throw new Errno("ENOTDIR");
      resolved.push(c);
    }
    return `/${resolved.join("/")}`;
  }

  chmod(path: string, mode: number) {
    this.k.vfs.setattr(this.w, path, { perm: mode & 0o7777 });
  }

  chown(path: string, uid: number, gid: number, opts: { nofollow?: boolean } = {}) {
    this.k.vfs.setattr(
      this.w,
      path,
      { uid: uid === -1 ? undefined : uid, gid: gid === -1 ? undefined : gid },
      !opts.nofollow,
    );
  }

  utimes(path: string, atime: number, mtime: number, opts: { nofollow?: boolean } = {}) {
    this.k.vfs.setattr(this.w, path, { atime: Math.round(atime * 1e6), mtime: Math.round(mtime * 1e6) }, !opts.nofollow);
  }

  truncate(path: string, size: number) {
    const w = this.w;
    const loc = this.k.vfs.walk(w, path, true);
    const st = this.k.vfs.stat(loc);
    if (st.type === "dir") throw new Errno("EISDIR");
    if (!this.k.vfs.permitted(w.cred, st, 2)) throw new Errno("EACCES");
    this.k.vfs.writable(loc);
    this.k.vfs.drv(loc.fs).truncate(this.k, this.k.vfs.sb(loc.fs), loc.node, size);
  }

  mknod(path: string, mode: number, rdev: [number, number] = [0, 0]) {
    const bits = mode & 0o170000;
    const type = bits === 0o020000 ? "char" : bits === 0o060000 ? "block" : bits === 0o010000 ? "fifo" : bits === 0o140000 ? "socket" : "file";
    if ((type === "char" || type === "block") && !capable(this.p, "MKNOD")) throw new Errno("EPERM");
    this.k.vfs.create(this.w, path, { type, perm: mode & ~this.p.umask & 0o7777, rdev });
  }

  getxattr(path: string, name: string): string {
    const loc = this.k.vfs.walk(this.w, path, true);
    return this.k.vfs.drv(loc.fs).getxattr(this.k, this.k.vfs.sb(loc.fs), loc.node, name);
  }

  setxattr(path: string, name: string, value: string) {
    const loc = this.k.vfs.walk(this.w, path, true);
    if (name.startsWith("trusted.") && !capable(this.p, "SYS_ADMIN")) throw new Errno("EPERM");
    this.k.vfs.writable(loc);
    this.k.vfs.drv(loc.fs).setxattr(this.k, this.k.vfs.sb(loc.fs), loc.node, name, value);
  }

  listxattr(path: string): string[] {
    const loc = this.k.vfs.walk(this.w, path, true);
    return this.k.vfs.drv(loc.fs).listxattr(this.k, this.k.vfs.sb(loc.fs), loc.node);
  }

  chdir(path: string) {
    const p = this.p;
    const w = walkerOf(p);
    const loc = this.k.vfs.walk(w, path, true);
    const st = this.k.vfs.stat(loc);
    if (st.type !== "dir") throw new Errno("ENOTDIR");
    if (!this.k.vfs.permitted(w.cred, st, 1)) throw new Errno("EACCES");
    p.cwd = loc;
  }

  getcwd(): string {
    const p = this.p;
    return this.k.vfs.pathOf(p.cwd, p.root);
  }

  chroot(path: string) {
    const p = this.p;
    if (!capable(p, "SYS_CHROOT")) throw new Errno("EPERM");
    const loc = this.k.vfs.walk(walkerOf(p), path, true);
    if (this.k.vfs.stat(loc).type !== "dir") throw new Errno("ENOTDIR");
    p.root = loc;
  }

  mount(source: string, target: string, fstype: string, opts: { flags?: string[]; data?: string }) {
    doMount(this.k, this.p, { source, target, fstype, flags: opts.flags ?? [], data: opts.data ?? "" });
  }

  umount(target: string, opts: { lazy?: boolean } = {}) {
    doUmount(this.k, this.p, target, !!opts.lazy);
  }

  statfs(path: string) {
    const loc = this.k.vfs.walk(this.w, path, true);
    const s = this.k.vfs.drv(loc.fs).statfs(this.k, this.k.vfs.sb(loc.fs));
    const m = this.k.w.mounts[loc.mnt];
    return { type: m?.fstype ?? "", bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bfree, files: s.files, ffree: s.ffree };
  }

  // --- processes -------------------------------------------------------------------------------

  fork(child: Main, opts: ForkOptions = {}): number {
    const p = this.p;
    const g = forkProcess(this.k, {
      parent: p.pid,
      main: child,
      comm: opts.comm ?? p.comm,
      newNs: opts.newNs,
      pgid: opts.pgid === undefined ? undefined : opts.pgid === 0 ? 0 : this.global(opts.pgid),
    });
    return this.nsPid(g);
  }

  exec(path: string, argv: string[], env?: Record<string, string>): never {
    const p = this.p;
    const r = resolveExec(this.k, p, path, argv);
    throw new ExecRequest(r.prog, r.path, r.argv, env ?? this.env, r.setid);
  }

  spawn(path: string, argv: string[], opts: SpawnOptions = {}): number {
    const p = this.p;
    // Exec errors belong to the caller, as with posix_spawn.
    const r = resolveExec(this.k, p, path, argv, opts.cwd);
    const env = opts.env ?? this.env;
    const main: Main = function* () {
      throw new ExecRequest(r.prog, r.path, r.argv, env, r.setid);
    };
    const pid = this.fork(main, { pgid: opts.pgid, newNs: opts.newNs, comm: p.comm });
    // The child's descriptors and directory are set now, before the caller goes on (and may close
    // its ends of pipes), as posix_spawn does.
    const child = this.k.w.procs[this.global(pid)!];
    if (opts.fds) replaceFds(this.k, child, p, opts.fds);
    if (opts.cwd !== undefined) child.cwd = this.k.vfs.walk(walkerOf(child), opts.cwd, true);
    return pid;
  }

  *wait(pid: number, opts: WaitOptions = {}): Gen<WaitResult | null> {
    for (;;) {
      const r = this.reapChild(pid, opts);
      if (r !== undefined || opts.nohang) return r ?? null;
      // Only what the loop needs lives across the yield (a waiting parent keeps this frame).
      yield { kind: "chan", chan: `child:${this.p.pid}` };
      this.checkIntr();
    }
  }

  /** One look for a child matching `pid` that died (reaped) or stopped/continued; ECHILD if none. */
  private reapChild(pid: number, opts: WaitOptions): WaitResult | undefined {
    const p = this.p;
    const k = this.k;
    const match = (c: Process) => {
      if (pid > 0) return c.pid === this.global(pid);
      if (pid === -1) return true;
      if (pid === 0) return c.pgid === p.pgid;
      return c.pgid === this.global(-pid);
    };
    const kids = p.children.map((c) => k.w.procs[c]).filter((c) => c && match(c));
    if (kids.length === 0) throw new Errno("ECHILD");
    const zombie = kids.find((c) => c.state === "Z");
    if (zombie) {
      const res: WaitResult = { pid: this.nsPid(zombie.pid) };
      if (zombie.exit?.signal) res.signal = zombie.exit.signal;
      else res.code = zombie.exit?.code ?? 0;
      reap(k, zombie.pid);
      return res;
    }
    if (opts.untraced) {
      const s = kids.find((c) => c.stopReport?.stopped);
      if (s) {
        const sig = s.stopReport!.stopped!;
        s.stopReport = null;
        return { pid: this.nsPid(s.pid), stopped: sig };
      }
    }
    if (opts.continued) {
      const s = kids.find((c) => c.stopReport?.continued);
      if (s) {
        s.stopReport = null;
        return { pid: this.nsPid(s.pid), continued: true };
      }
    }
    return undefined;
  }

  kill(pid: number, sig: Signal | 0) {
    const k = this.k;
    const p = this.p;
    const allowed = (t: Process) => p.euid === t.uid || p.uid === t.uid || capable(p, "KILL");
    let targets: Process[];
    if (pid > 0) {
      const g = this.global(pid);
      const t = g === undefined ? undefined : k.w.procs[g];
      if (!t) throw new Errno("ESRCH");
      targets = [t];
    } else if (pid === -1) {
      targets = Object.values(k.w.procs).filter(
        (t) => t.pid !== p.pid && pidIn(k, t, p.pidns) > 1 && t.state !== "Z",
      );
    } else {
      const g = pid === 0 ? p.pgid : this.global(-pid);
      targets = Object.values(k.w.procs).filter((t) => g !== undefined && t.pgid === g);
      if (targets.length === 0) throw new Errno("ESRCH");
    }
    const permitted = targets.filter(allowed);
    if (permitted.length === 0 && targets.length > 0) throw new Errno("EPERM");
    if (sig === 0) return;
    for (const t of permitted) sendSignal(k, t.pid, sig, p.pid);
    // A process that just killed itself stops here.
    void this.p;
  }

  signal(sig: Signal, action: "default" | "ignore" | ((sig: Signal) => void)) {
    if (sig === "KILL" || sig === "STOP") throw new Errno("EINVAL");
    const p = this.p;
    const rt = this.rt;
    // Dispositions are replaced, never changed in place: a fork shares its parent's.
    if (action === "default") {
      const { [sig]: _, ...rest } = p.disp;
      p.disp = rest;
      rt?.handlers?.delete(sig);
    } else if (action === "ignore") {
      p.disp = { ...p.disp, [sig]: "ignore" };
      rt?.handlers?.delete(sig);
      p.pending = p.pending.filter((s) => s !== sig);
    } else {
      p.disp = { ...p.disp, [sig]: "handler" };
      if (rt) (rt.handlers ??= new Map()).set(sig, action);
    }
  }

  exit(code: number): never {
    throw new ProcessExit(code);
  }

  *sleep(ms: number): Gen<void> {
    const until = this.k.uptime() + Math.max(0, Math.round(ms * 1000));
    while (this.k.uptime() < until) {
      yield { kind: "timer", until };
      this.checkIntr();
    }
  }

  *cpu(usec: number): Gen<void> {
    yield { kind: "cpu", usec };
    this.checkIntr();
  }

  *yield(): Gen<void> {
    yield { kind: "yield" };
    this.checkIntr();
  }

  *alloc(bytes: number): Gen<void> {
    this.charge(bytes);
    yield { kind: "yield" };
    void this.p;
  }

  charge(bytes: number) {
    const p = this.p;
    const delta = Math.max(-p.rss, bytes);
    p.rss += delta;
    p.vsz = Math.max(p.vsz + delta, p.rss);
    cgroupMemory(this.k, p.cgroup, delta);
    // Outside any cgroup limit the machine's own OOM killer acts; it also stops a process before
    // its buffers outgrow what a browser tab can hold.
    const used = Object.values(this.k.w.procs).reduce((sum, q) => sum + q.rss, 0);
    if (delta > 0 && (used > this.k.w.config.memTotal || p.rss > PROCESS_MEMORY_CAP)) sendSignal(this.k, p.pid, "KILL", 0);
  }

  ps(): ProcessInfo[] {
    const p = this.p;
    return Object.values(this.k.w.procs)
      .filter((q) => pidIn(this.k, q, p.pidns) > 0)
      .map((q) => this.info(q))
      .sort((a, b) => a.pid - b.pid);
  }

  procInfo(pid: number): ProcessInfo | null {
    const g = this.global(pid);
    const q = g === undefined ? undefined : this.k.w.procs[g];
    return q ? this.info(q) : null;
  }

  private info(q: Process): ProcessInfo {
    const tty = q.tty !== null ? (this.k.w.ttys[q.tty]?.name ?? null) : null;
    return {
      pid: this.nsPid(q.pid),
      ppid: this.nsPid(q.ppid),
      pgid: this.nsPid(q.pgid),
      sid: this.nsPid(q.sid),
      uid: q.euid,
      gid: q.egid,
      comm: q.comm,
      argv: [...q.argv],
      state: q.state,
      tty,
      cpuUsec: q.cpuUsec,
      rss: q.rss,
      vsz: q.vsz,
      startUsec: q.startUsec,
      nice: q.nice,
      threads: 1,
    };
  }

  tcpListen(ip: string, port: number): number {
    const p = this.p;
    return installFd(this.k, p, listen(this.k, p, ip, port));
  }

  *tcpAccept(fd: number): Gen<{ fd: number; peer: { ip: string; port: number } }> {
    for (;;) {
      const p = this.p;
      const l = listenerByFile(this.k, fileOf(this.k, p, fd).id);
      if (!l) throw new Errno("EINVAL");
      const server = l.backlog.shift();
      if (server !== undefined) {
        const peer = this.k.w.files[server].peer!;
        return { fd: installFd(this.k, p, server), peer: { ...peer } };
      }
      yield { kind: "chan", chan: `listen:${l.netns}|${l.port}` };
      this.checkIntr();
    }
  }

  *tcpConnect(ip: string, port: number): Gen<number> {
    const p = this.p;
    try {
      const { file } = connect(this.k, p, ip, port);
      yield* this.cpu(50);
      return installFd(this.k, this.p, file);
    } catch (e) {
      if (e instanceof Errno && e.code === "ETIMEDOUT") {
        // Nothing answers out there: the SYN retries run out (about 2 minutes on Linux).
        yield* this.sleep(CONNECT_TIMEOUT_MS);
      }
      throw e;
    }
  }

  peerName(fd: number): { ip: string; port: number } {
    const f = fileOf(this.k, this.p, fd);
    if (!f.peer) throw new Errno("ENOTCONN");
    return { ...f.peer };
  }

  *ping(ip: string): Gen<number> {
    // An ICMP echo goes out through a raw socket, which needs CAP_NET_RAW.
    if (!capable(this.p, "NET_RAW")) throw new Errno("EPERM");
    const dest = route(this.k, this.p.ns.net, ip);
    if (dest instanceof Errno) {
      if (dest.code === "ETIMEDOUT") yield* this.sleep(1000);
      throw dest;
    }
    const rtt = dest === this.p.ns.net ? 40 : 80;
    yield* this.sleep(rtt / 1000);
    return rtt;
  }

  *udpQuery(ip: string, port: number, payload: string): Gen<string> {
    const dest = route(this.k, this.p.ns.net, ip);
    const responder = dest instanceof Errno ? undefined : this.k.udpResponders.get(`${dest}|${ip}|${port}`);
    if (!responder) {
      yield* this.sleep(5000);
      throw new Errno("ETIMEDOUT");
    }
    yield* this.sleep(0.1);
    return responder(payload, this.pid);
  }

  netInfo() {
    const net = this.k.w.ns[this.p.ns.net].net!;
    return {
      ifaces: net.ifaces.map((i) => ({
        name: i.name,
        index: i.index,
        kind: i.kind,
        mac: i.mac,
        mtu: i.mtu,
        up: i.up,
        addrs: [...i.addrs],
        peerIndex: i.peer?.[1],
        master: i.master === undefined ? undefined : net.ifaces.find((m) => m.index === i.master)?.name,
        rxBytes: i.rxBytes,
        txBytes: i.txBytes,
        rxPackets: i.rxPackets,
        txPackets: i.txPackets,
      })),
      routes: net.routes.map((r) => ({ ...r })),
    };
  }

  setLink(name: string, change: { up?: boolean; mtu?: number }) {
    const p = this.p;
    if (!capable(p, "NET_ADMIN")) throw new Errno("EPERM");
    const iface = this.k.w.ns[p.ns.net].net!.ifaces.find((i) => i.name === name);
    if (!iface) throw new Errno("ENODEV");
    if (change.mtu !== undefined) {
      // Linux's limits: 68 (IPv4's minimum) up to the device's maximum.
      if (change.mtu < 68 || change.mtu > (iface.kind === "loopback" ? 2 ** 31 - 1 : 65535)) throw new Errno("EINVAL");
      iface.mtu = change.mtu;
    }
    if (change.up !== undefined) iface.up = change.up;
  }

  connect(path: string): unknown {
    const loc = this.k.vfs.walk(this.w, path, true);
    if (this.k.vfs.stat(loc).type !== "socket") throw new Errno("ECONNREFUSED");
    const service = this.k.services.get(`${loc.fs}:${loc.node}`);
    if (!service) throw new Errno("ECONNREFUSED");
    return service(this.pid);
  }

  // --- namespaces, identity, time --------------------------------------------------------------

  unshare(types: NsType[]) {
    const p = this.p;
    // A new user namespace needs no privilege; the others need CAP_SYS_ADMIN.
    if (!capable(p, "SYS_ADMIN") && !(types.length === 1 && types[0] === "user")) throw new Errno("EPERM");
    unshareProcess(this.k, p, types);
  }

  setns(path: string, type?: NsType) {
    const p = this.p;
    if (!capable(p, "SYS_ADMIN")) throw new Errno("EPERM");
    const loc = this.k.vfs.walk(walkerOf(p), path, true);
    const sb = this.k.w.fs[loc.fs];
    if (sb.kind !== "nsfs") throw new Errno("EINVAL");
    const ns = this.k.w.ns[loc.node as number];
    if (!ns || (type && ns.type !== type)) throw new Errno("EINVAL");
    switch (ns.type) {
      case "pid":
        p.ns = { ...p.ns, pidChildren: ns.inum };
        break;
      case "mnt": {
        p.ns = { ...p.ns, mnt: ns.inum };
        const root = this.k.w.mounts[ns.mnt!.root];
        p.root = { mnt: root.id, fs: root.fs, node: root.root };
        p.cwd = { ...p.root };
        break;
      }
      default:
        p.ns = { ...p.ns, [ns.type]: ns.inum };
    }
  }

  uname(): Uname {
    const c = this.k.w.config;
    const uts = this.k.w.ns[this.p.ns.uts].uts!;
    return {
      sysname: "Linux",
      nodename: uts.hostname,
      release: c.kernelRelease,
      version: c.kernelVersion,
      machine: c.machine,
      domainname: uts.domainname,
    };
  }

  sethostname(name: string) {
    const p = this.p;
    if (!capable(p, "SYS_ADMIN")) throw new Errno("EPERM");
    if (name.length > 64) throw new Errno("EINVAL");
    this.k.w.ns[p.ns.uts].uts!.hostname = name;
  }

  now(): number {
    return this.k.now();
  }

  settime(usec: number) {
    if (!capable(this.p, "SYS_TIME")) throw new Errno("EPERM");
    if (!Number.isFinite(usec) || usec < 0) throw new Errno("EINVAL");
    const clock = this.k.w.clock;
    clock.bootEpochUsec = Math.round(usec) - clock.nowUsec;
  }

  uptime(): number {
    return this.k.uptime();
  }

  random(n: number): string {
    return randomBytes(this.k.w.rng, n);
  }

  sysinfo() {
    const w = this.k.w;
    const used = Object.values(w.procs).reduce((s, q) => s + q.rss, 0) + 180 * 1024 * 1024;
    const cached = 600 * 1024 * 1024;
    const buffers = 13 * 1024 * 1024;
    const free = Math.max(0, w.config.memTotal - used - cached - buffers);
    return {
      cpus: w.config.cpus,
      memTotal: w.config.memTotal,
      memFree: free,
      memAvailable: free + cached + buffers,
      buffers,
      cached,
      loads: [...w.loadavg] as [number, number, number],
      procs: Object.keys(w.procs).length,
    };
  }

  /** Last words of a crashing process (kernel use). */
  emergencyStderr(msg: string) {
    try {
      const p = this.k.w.procs[this.pid];
      if (p?.fds[2]) tryWrite(this.k, p, fileOf(this.k, p, 2), msg);
    } catch {
      // nothing more can be done for a dying process
    }
  }
}

/** A spawned child's descriptors become exactly `map` (child fd -> the parent's fd). */
function replaceFds(k: Kernel, child: Process, parent: Process, map: Record<number, number>) {
  const files = Object.entries(map).map(([to, from]) => [Number(to), parent.fds[from]?.file] as const);
  for (const fd of Object.keys(child.fds)) closeFd(k, child, Number(fd));
  for (const [to, file] of files) {
    if (file === undefined || !k.w.files[file]) continue;
    fileAddRef(k, file);
    installFd(k, child, file, { at: to });
  }
}

/** Where O_CREAT lands for a path whose last component may be a dangling symlink (chains followed). */
function danglingTarget(k: Kernel, w: ReturnType<typeof walkerOf>, path: string): string {
  let cur = path;
  for (let i = 0; i < 40; i++) {
    let st: Stat;
    try {
      st = k.vfs.stat(k.vfs.walk(w, cur, false));
    } catch (e) {
      if (e instanceof Errno && e.code === "ENOENT") return cur;
      throw e;
    }
    if (st.type !== "symlink") return cur;
    const target = k.vfs.readlink(k.vfs.walk(w, cur, false));
    cur = target.startsWith("/") ? target : `${cur.slice(0, cur.lastIndexOf("/") + 1)}${target}`;
  }
  throw new Errno("ELOOP");
}
