/**
 * A single-process stand-in for the kernel, for unit-testing programs before/without a full host:
 * an in-memory filesystem, stdin from a string, stdout/stderr captured, a virtual clock.
 * Only what text/system utilities use is implemented; anything else throws ENOSYS.
 */
import { type Gen, type Main, ProcessExit, type Stat, type Sys, type Wait } from "../../../src/kernel/api";
import { Errno } from "../../../src/kernel/errno";

interface Node {
  type: "file" | "dir";
  data: string;
  mode: number;
  mtime: number;
}

interface OpenFile {
  path: string;
  pos: number;
  append: boolean;
  kind: "file" | "stdin" | "stdout" | "stderr" | "dir";
}

export interface FakeResult {
  stdout: string;
  stderr: string;
  code: number;
  files: Map<string, Node>;
}

export interface FakeOptions {
  stdin?: string;
  files?: Record<string, string>;
  env?: Record<string, string>;
  cwd?: string;
  /** Wall clock at start, microseconds since the epoch. */
  now?: number;
  hostname?: string;
  /** Called at each sleep, with a way to append to a file (to test tail -f). */
  onSleep?: (append: (name: string, data: string) => void, sleeps: number) => void;
  /** End the program (code -1, as if killed) once it has blocked this many times. */
  stopAfterWaits?: number;
}

function normalize(cwd: string, path: string): string {
  const abs = path.startsWith("/") ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const p of abs.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

export function runFake(main: Main, argv: string[], opts: FakeOptions = {}): FakeResult {
  const cwd = opts.cwd ?? "/w";
  const files = new Map<string, Node>();
  const mkdirs = (p: string) => {
    let cur = "";
    files.set("/", { type: "dir", data: "", mode: 0o755, mtime: 0 });
    for (const part of p.split("/").filter(Boolean)) {
      cur += `/${part}`;
      if (!files.has(cur)) files.set(cur, { type: "dir", data: "", mode: 0o755, mtime: 0 });
    }
  };
  mkdirs(cwd);
  mkdirs("/tmp");
  for (const [name, data] of Object.entries(opts.files ?? {})) {
    const abs = normalize(cwd, name);
    mkdirs(abs.slice(0, abs.lastIndexOf("/")) || "/");
    if (name.endsWith("/")) mkdirs(abs);
    else files.set(abs, { type: "file", data, mode: 0o644, mtime: 0 });
  }
  let clock = opts.now ?? 1_795_000_000_000_000;
  let hostname = opts.hostname ?? "sandbox";
  let stdin = opts.stdin ?? "";
  let stdout = "";
  let stderr = "";
  const fds = new Map<number, OpenFile>([
    [0, { path: "", pos: 0, append: false, kind: "stdin" }],
    [1, { path: "", pos: 0, append: false, kind: "stdout" }],
    [2, { path: "", pos: 0, append: false, kind: "stderr" }],
  ]);
  const lookup = (path: string): Node => {
    if (path === "") throw new Errno("ENOENT");
    const n = files.get(normalize(cwd, path));
    if (!n) throw new Errno("ENOENT");
    return n;
  };
  const fd = (n: number): OpenFile => {
    const f = fds.get(n);
    if (!f) throw new Errno("EBADF");
    return f;
  };
  const statOf = (n: Node): Stat => ({
    dev: 1,
    ino: 1,
    mode: (n.type === "dir" ? 0o040000 : 0o100000) | n.mode,
    type: n.type,
    nlink: 1,
    uid: 0,
    gid: 0,
    rdev: [0, 0],
    size: n.data.length,
    blocks: 0,
    blksize: 4096,
    atime: n.mtime,
    mtime: n.mtime,
    ctime: n.mtime,
    atimeNs: 0,
    mtimeNs: 0,
    ctimeNs: 0,
  });
  const nosys = (): never => {
    throw new Errno("ENOSYS");
  };
  const sys: Sys = {
    argv,
    env: { ...(opts.env ?? { PATH: "/usr/bin:/bin" }) },
    getpid: () => 42,
    getppid: () => 1,
    getuid: () => 0,
    getgid: () => 0,
    geteuid: () => 0,
    getegid: () => 0,
    getgroups: () => [0],
    setuid: nosys,
    setgid: nosys,
    getpgrp: () => 42,
    setpgid: nosys,
    setsid: nosys,
    umask: () => 0o022,
    open(path, flags) {
      const abs = normalize(cwd, path);
      let n = files.get(abs);
      if (!n) {
        if (!flags.create) throw new Errno("ENOENT");
        const parent = files.get(abs.slice(0, abs.lastIndexOf("/")) || "/");
        if (!parent) throw new Errno("ENOENT");
        if (parent.type !== "dir") throw new Errno("ENOTDIR");
        n = { type: "file", data: "", mode: 0o644, mtime: clock / 1e6 };
        files.set(abs, n);
      } else if (flags.create && flags.excl) throw new Errno("EEXIST");
      if (n.type === "dir" && (flags.write || flags.append)) throw new Errno("EISDIR");
      if (flags.trunc && n.type === "file") n.data = "";
      let num = 0;
      while (fds.has(num)) num++;
      fds.set(num, { path: abs, pos: 0, append: !!flags.append, kind: n.type === "dir" ? "dir" : "file" });
      return num;
    },
    close(n) {
      fd(n);
      fds.delete(n);
    },
    // biome-ignore lint/correctness/useYield: the stand-in never blocks
    *read(n, max) {
      const f = fd(n);
      if (f.kind === "stdin") {
        const take = max === undefined ? Math.min(stdin.length, 4096) : Math.min(max, stdin.length);
        const chunk = stdin.slice(0, take);
        stdin = stdin.slice(take);
        return chunk;
      }
      if (f.kind === "dir") throw new Errno("EISDIR");
      if (f.kind !== "file") throw new Errno("EBADF");
      const node = lookup(f.path);
      const chunk = node.data.slice(f.pos, f.pos + (max ?? 4096));
      f.pos += chunk.length;
      return chunk;
    },
    // biome-ignore lint/correctness/useYield: the stand-in never blocks
    *write(n, data) {
      const f = fd(n);
      if (f.kind === "stdout") stdout += data;
      else if (f.kind === "stderr") stderr += data;
      else if (f.kind === "file") {
        const node = lookup(f.path);
        if (f.append) f.pos = node.data.length;
        node.data = node.data.slice(0, f.pos) + data + node.data.slice(f.pos + data.length);
        f.pos += data.length;
      } else throw new Errno("EBADF");
      return data.length;
    },
    pread: nosys,
    lseek(n, offset, whence) {
      const f = fd(n);
      if (f.kind !== "file") throw new Errno("ESPIPE");
      const size = lookup(f.path).data.length;
      f.pos = whence === "set" ? offset : whence === "cur" ? f.pos + offset : size + offset;
      return f.pos;
    },
    dup: nosys,
    dup2: nosys,
    pipe: nosys,
    fstat(n) {
      const f = fd(n);
      if (f.kind === "file" || f.kind === "dir") return statOf(lookup(f.path));
      return { ...statOf({ type: "file", data: "", mode: 0o600, mtime: 0 }), mode: 0o010600, type: "fifo" };
    },
    isatty: () => false,
    ttyname: () => {
      throw new Errno("ENOTTY");
    },
    tcgetattr: nosys,
    tcsetattr: nosys,
    tcgetpgrp: nosys,
    tcsetpgrp: nosys,
    winsize: () => ({ rows: 24, cols: 80 }),
    fds: () => [...fds.keys()].sort((a, b) => a - b),
    readFile(path) {
      const n = lookup(path);
      if (n.type === "dir") throw new Errno("EISDIR");
      return n.data;
    },
    writeFile(path, data, o) {
      const abs = normalize(cwd, path);
      const n = files.get(abs);
      if (n?.type === "dir") throw new Errno("EISDIR");
      if (!files.has(abs.slice(0, abs.lastIndexOf("/")) || "/")) throw new Errno("ENOENT");
      if (n && o?.append) n.data += data;
      else files.set(abs, { type: "file", data, mode: o?.mode ?? 0o644, mtime: clock / 1e6 });
    },
    stat: (p) => statOf(lookup(p)),
    lstat: (p) => statOf(lookup(p)),
    access: (p) => void lookup(p),
    readdir(p) {
      const abs = normalize(cwd, p);
      const n = lookup(p);
      if (n.type !== "dir") throw new Errno("ENOTDIR");
      const prefix = abs === "/" ? "/" : `${abs}/`;
      return [...files.keys()]
        .filter((k) => k.startsWith(prefix) && k !== abs && !k.slice(prefix.length).includes("/"))
        .map((k) => k.slice(prefix.length));
    },
    mkdir: nosys,
    rmdir: nosys,
    unlink(p) {
      lookup(p);
      files.delete(normalize(cwd, p));
    },
    rename(from, to) {
      const n = lookup(from);
      files.delete(normalize(cwd, from));
      files.set(normalize(cwd, to), n);
    },
    link: nosys,
    symlink: nosys,
    readlink: () => {
      throw new Errno("EINVAL");
    },
    realpath: (p) => normalize(cwd, p),
    chmod(p, mode) {
      lookup(p).mode = mode & 0o7777;
    },
    chown: () => {},
    utimes: nosys,
    truncate: nosys,
    mknod: nosys,
    getxattr: nosys,
    setxattr: nosys,
    listxattr: nosys,
    chdir: nosys,
    getcwd: () => cwd,
    chroot: nosys,
    mount: nosys,
    umount: nosys,
    statfs: nosys,
    fork: nosys,
    exec: nosys,
    spawn: nosys,
    wait: nosys,
    kill: nosys,
    signal: () => {},
    exit(code) {
      throw new ProcessExit(code);
    },
    *sleep(ms) {
      const w: Wait = { kind: "timer", until: clock + ms * 1000 };
      yield w;
    },
    *cpu(usec) {
      yield { kind: "cpu", usec };
    },
    *yield() {
      yield { kind: "yield" };
    },
    *alloc() {},
    ps: () => [],
    procInfo: () => null,
    unshare: nosys,
    setns: nosys,
    uname: () => ({
      sysname: "Linux",
      nodename: hostname,
      release: "6.1.0-sandbox",
      version: "#1 SMP PREEMPT_DYNAMIC",
      machine: "x86_64",
      domainname: "(none)",
    }),
    sethostname(name) {
      hostname = name;
    },
    now: () => clock,
    uptime: () => 3_600_000_000,
    random: (n) => "\x00".repeat(n),
    sysinfo: () => ({
      cpus: 2,
      memTotal: 2 << 30,
      memFree: 1 << 30,
      memAvailable: 1 << 30,
      buffers: 0,
      cached: 0,
      loads: [0, 0, 0],
      procs: 1,
    }),
  };
  const gen: Gen<number> = main(sys);
  let code: number;
  let steps = 0;
  let sleeps = 0;
  for (;;) {
    let r: IteratorResult<Wait, number>;
    try {
      r = gen.next();
    } catch (e) {
      if (e instanceof ProcessExit) {
        code = e.code;
        break;
      }
      throw e;
    }
    if (r.done) {
      code = r.value;
      break;
    }
    const w = r.value;
    if (opts.stopAfterWaits !== undefined && steps >= opts.stopAfterWaits) {
      code = -1;
      break;
    }
    if (w.kind === "timer") {
      clock = Math.max(clock, w.until);
      sleeps++;
      opts.onSleep?.((name, data) => {
        const node = files.get(normalize(cwd, name));
        if (node) node.data += data;
      }, sleeps);
    } else if (w.kind === "cpu") clock += w.usec;
    if (++steps > 1_000_000) throw new Error("fake sys: program did not finish");
  }
  return { stdout, stderr, code, files };
}
