/**
 * Reading processes the way busybox's procps_scan does: list /proc, stat /proc/PID for the owner,
 * parse /proc/PID/stat, read /proc/PID/cmdline. Nothing here looks at kernel structures.
 */
import type { Sys } from "../../kernel/api";

export interface ProcStatus {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** Effective uid/gid (the owner of /proc/PID). */
  uid: number;
  gid: number;
  /** Three characters: state, 'W' when it has no memory, '<'/'N' for nice. */
  state: string;
  comm: string;
  ttyMajor: number;
  ttyMinor: number;
  utime: number;
  stime: number;
  nice: number;
  /** Start time in clock ticks since boot. */
  startTime: number;
  /** Kilobytes. */
  vsz: number;
  rss: number;
  /** Raw /proc/PID/cmdline ("" for kernel threads and zombies). */
  cmdline: string;
}

/** Numeric entries of /proc, in directory order (ascending pid). */
export function procPids(sys: Sys): number[] {
  let names: string[];
  try {
    names = sys.readdir("/proc");
  } catch {
    return [];
  }
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Parses the fields of /proc/PID/stat after the command name. */
export function parseStat(text: string): Omit<ProcStatus, "pid" | "uid" | "gid" | "cmdline"> | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < 0) return null;
  const comm = text.slice(open + 1, close).slice(0, 15);
  const f = text.slice(close + 2).split(" ");
  if (f.length < 22) return null;
  const tty = Number(f[4]);
  const nice = Number(f[16]);
  const vszBytes = Number(f[20]);
  const vsz = Math.floor(vszBytes / 1024);
  const state = f[0] + (vsz === 0 && f[0] !== "Z" ? "W" : " ") + (nice < 0 ? "<" : nice > 0 ? "N" : " ");
  return {
    comm,
    state,
    ppid: Number(f[1]),
    pgid: Number(f[2]),
    sid: Number(f[3]),
    ttyMajor: (tty >> 8) & 0xfff,
    ttyMinor: (tty & 0xff) | ((tty >> 12) & 0xfff00),
    utime: Number(f[11]),
    stime: Number(f[12]),
    nice,
    startTime: Number(f[19]),
    vsz,
    rss: Number(f[21]) * 4,
  };
}

/** One process, or null when it vanished meanwhile. */
export function readProcess(sys: Sys, pid: number, withCmdline = true): ProcStatus | null {
  try {
    const st = sys.stat(`/proc/${pid}`);
    const parsed = parseStat(sys.readFile(`/proc/${pid}/stat`));
    if (!parsed) return null;
    let cmdline = "";
    if (withCmdline) {
      try {
        cmdline = sys.readFile(`/proc/${pid}/cmdline`);
      } catch {
        cmdline = "";
      }
    }
    return { pid, uid: st.uid, gid: st.gid, cmdline, ...parsed };
  } catch {
    return null;
  }
}

/** The real uid and gid (first fields of Uid:/Gid: in /proc/PID/status); the effective ones if unreadable. */
export function realIds(sys: Sys, p: ProcStatus): { ruid: number; rgid: number } {
  try {
    const status = sys.readFile(`/proc/${p.pid}/status`);
    return {
      ruid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? p.uid),
      rgid: Number(/^Gid:\s+(\d+)/m.exec(status)?.[1] ?? p.gid),
    };
  } catch {
    // gone meanwhile
    return { ruid: p.uid, rgid: p.gid };
  }
}

export function scanProcesses(sys: Sys, withCmdline = true): ProcStatus[] {
  const out: ProcStatus[] = [];
  for (const pid of procPids(sys)) {
    const p = readProcess(sys, pid, withCmdline);
    if (p) out.push(p);
  }
  return out;
}

/**
 * busybox read_cmdline(): the command line with NULs as spaces, at most `col - 1` bytes; "[comm]"
 * when empty; "{comm} args" when argv[0]'s basename does not start with comm.
 */
export function formatCmdline(cmdline: string, col: number, comm: string | null): string {
  let buf = cmdline.slice(0, Math.max(0, col - 1));
  if (buf.length === 0) return `[${comm ?? "?"}]`.slice(0, Math.max(0, col - 1));
  let sz = buf.length;
  while (sz > 0 && buf[sz - 1] === "\0") sz--;
  buf = buf.slice(0, sz);
  const argv0 = buf.split(/[\0 ]/)[0];
  let base = argv0.slice(argv0.lastIndexOf("/") + 1);
  if (base.startsWith("-")) base = base.slice(1);
  const text = buf.replace(/[\x00-\x1f]/g, " ");
  if (comm === null || base.startsWith(comm)) return text;
  return `{${comm}} ${text}`.slice(0, Math.max(0, col - 1));
}

/**
 * busybox smart_ulltoa4/smart_ulltoa5: a compact size in `width` (4 or 5) characters, scaled by
 * 1024 with one decimal when it does not fit ("1234", " 48m", "9.2g"; "12345", "1015m", "32.6g").
 */
export function smartUlltoa(value: number, width: 4 | 5, scale = " mgtpezy"): string {
  const limit = width === 4 ? 10000 : 100000;
  let ul = value;
  let idx = 0;
  if (ul >= limit) {
    ul *= 10;
    do {
      ul = Math.floor(ul / 1024);
      idx++;
    } while (ul >= limit);
  }
  let u = Math.floor(ul / 10);
  let v = ul % 10;
  const lead = " 123456789";
  const digits = "0123456789";
  // Leading digits are blank until the first non-zero one; `places` digits before the last.
  const intDigits = (n: number, places: number): string => {
    let fmt = places === 0 ? digits : lead;
    let s = "";
    for (let p = places; p >= 1; p--) {
      const d = Math.floor(n / 10 ** p) % 10;
      const c = p === places ? lead[Math.floor(n / 10 ** p)] : fmt[d];
      if (c !== " ") fmt = digits;
      s += c;
    }
    return s + fmt[n % 10];
  };
  if (idx === 0) return intDigits(u, width - 2) + digits[v];
  if (u >= 10 ** (width - 3)) {
    v = u % 10;
    u = Math.floor(u / 10);
    return intDigits(u, width - 3) + digits[v] + scale[idx];
  }
  return `${intDigits(u, width - 4)}.${digits[v]}${scale[idx]}`;
}

/** argv[0] of a raw cmdline, and the rest split at NULs. */
export function cmdlineArgs(cmdline: string): string[] {
  if (cmdline === "") return [];
  const trimmed = cmdline.endsWith("\0") ? cmdline.slice(0, -1) : cmdline;
  return trimmed.split("\0");
}

/**
 * busybox find_pid_by_name(): processes whose comm is NAME (a 15-char comm also needs argv[1]'s
 * basename to be NAME), whose argv[0] basename is NAME, or whose /proc/PID/exe is NAME.
 */
export function findPidsByName(sys: Sys, name: string): number[] {
  const out: number[] = [];
  for (const p of scanProcesses(sys)) {
    const args = cmdlineArgs(p.cmdline);
    let exe: string | null = null;
    try {
      exe = sys.readlink(`/proc/${p.pid}/exe`);
    } catch {
      exe = null;
    }
    const base = (s: string) => s.slice(s.lastIndexOf("/") + 1);
    const commMatch =
      p.comm.slice(0, 15) === name.slice(0, 15) &&
      (p.comm.length < 15 || (args.length > 1 && base(args[1]) === name));
    if (commMatch || (args.length > 0 && base(args[0]) === name) || exe === name) out.push(p.pid);
  }
  return out;
}

/** busybox get_terminal_width_height(): the tty's size, COLUMNS/LINES overriding, 80x24 otherwise. */
export function terminalSize(sys: Sys, fd: number): { cols: number; rows: number } {
  let cols = 0;
  let rows = 0;
  try {
    const ws = sys.winsize(fd);
    cols = ws.cols;
    rows = ws.rows;
  } catch {
    // not a terminal
  }
  const pick = (value: number, def: number, env: string) => {
    const s = sys.env[env];
    if (s !== undefined) value = Number.parseInt(s, 10) || 0;
    return value <= 1 || value >= 30000 ? def : value;
  };
  return { cols: pick(cols, 80, "COLUMNS"), rows: pick(rows, 24, "LINES") };
}
