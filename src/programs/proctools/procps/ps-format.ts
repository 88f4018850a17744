/**
 * procps-ng 4.0.2's `ps`, the one implementation behind the host's /usr/bin/ps and `docker top`
 * (dockerd runs the host's ps): its option syntaxes (UNIX -o, BSD aux, GNU --pid), selections,
 * standard formats, user-defined -o columns, the column widths and alignment of output.c (with
 * its overflow correction) and its error messages (the first line of its stderr). Unsupported
 * options fail plainly (PsError) instead of being ignored.
 */
import type { ProcessInfo } from "../../../kernel";

/** What ps wrote on stderr's first line, with a non-zero status. */
export class PsError extends Error {}

/** A host process as ps sees it, with what the columns need that ProcessInfo lacks. */
export interface PsProcess extends ProcessInfo {
  /** The terminal's foreground process group (stat's tpgid), -1 without a terminal. */
  tpgid?: number;
  user: string;
  group: string;
  /** Seconds since boot when ps runs (for %CPU, ELAPSED). */
  uptimeUsec: number;
  /** Unix time of the process start, in seconds. */
  startEpoch: number;
  /** Unix time now, in seconds. */
  nowEpoch: number;
  memTotal: number;
  environ: string[];
}

interface Column {
  header: string;
  value: (p: PsProcess, o: Options) => string;
  /** Columns as output.c sizes them; "pid" ones are as wide as pid_max's digits. */
  width?: number | "pid";
  align?: "L" | "R";
  /** The command line: unlimited when it is the last column. */
  unlimited?: boolean;
  /** User names too long for the column end in '+'. */
  user?: boolean;
  /** A header given with "=HEADER" widens the column to its length. */
  widen?: boolean;
}

interface Options {
  forest: boolean;
  /** BSD c: the command name instead of the whole command line. */
  commandName: boolean;
  /** Tree prefixes (" \\_ ") by pid, when --forest orders the processes. */
  prefix?: Map<number, string>;
}

/** Who runs ps, for its default selection, and how wide its columns may be. */
export interface PsContext {
  euid: number;
  /** ps's terminal ("pts/0"), or null. */
  tty: string | null;
  /** Digits of pid_max (/proc/sys/kernel/pid_max), at least 5. */
  pidWidth: number;
  /** The terminal's width when output goes to one: lines are cut there. */
  cols?: number;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** HH:MM:SS of CPU time, with a day count past 24 h (procps's "time"). */
function cpuTime(usec: number): string {
  const s = Math.floor(usec / 1e6);
  const days = Math.floor(s / 86400);
  const hms = `${pad2(Math.floor(s / 3600) % 24)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/** M:SS of CPU time (BSD formats' TIME). */
function bsdTime(usec: number): string {
  const s = Math.floor(usec / 1e6);
  return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
}

/** [[DD-]HH:]MM:SS since the start. */
function elapsed(p: PsProcess): string {
  const s = Math.max(0, Math.floor((p.uptimeUsec - p.startUsec) / 1e6));
  const d = Math.floor(s / 86400);
  const h = Math.floor(s / 3600) % 24;
  const mmss = `${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  if (d > 0) return `${d}-${pad2(h)}:${mmss}`;
  return h > 0 ? `${pad2(h)}:${mmss}` : mmss;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** STIME/START: HH:MM today, else MonDD (the host's clock is UTC). */
function startShort(p: PsProcess): string {
  const t = new Date(p.startEpoch * 1000);
  if (p.nowEpoch - p.startEpoch < 86400) return `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
  return `${MONTHS[t.getUTCMonth()]}${pad2(t.getUTCDate())}`;
}

function cpuPercent(p: PsProcess): number {
  const total = p.uptimeUsec - p.startUsec;
  return total > 0 ? (p.cpuUsec * 100) / total : 0;
}

/** One decimal, as ps prints %CPU and %MEM. */
const tenths = (x: number) => (Math.floor(x * 10) / 10).toFixed(1);

function stat(p: PsProcess): string {
  let s = p.state;
  if (p.nice < 0) s += "<";
  else if (p.nice > 0) s += "N";
  if (p.pid === p.sid) s += "s";
  if (p.threads > 1) s += "l";
  if (p.tty !== null && p.pgid === (p.tpgid ?? p.sid)) s += "+";
  return s;
}

/** Where a sleeping process waits (WCHAN, cut to its 6-column width as ps prints it). */
function wchan(p: PsProcess): string {
  if (p.state === "R") return "-";
  return (p.comm === "sleep" ? "hrtimer_nanosleep" : "do_wait").slice(0, 6);
}

const treePrefix = (p: PsProcess, o: Options) => o.prefix?.get(p.pid) ?? "";
const args = (p: PsProcess, o: Options) => treePrefix(p, o) + (o.commandName ? p.comm : p.argv.join(" ") || `[${p.comm}]`);
const comm = (p: PsProcess, o: Options) => treePrefix(p, o) + p.comm;
const kib = (bytes: number) => String(Math.floor(bytes / 1024));

/** procps's format specifiers (the subset simulated), by name, with their headers. */
const SPECS: Record<string, Column> = {
  pid: { header: "PID", value: (p) => String(p.pid) },
  tid: { header: "TID", value: (p) => String(p.pid) },
  lwp: { header: "LWP", value: (p) => String(p.pid) },
  spid: { header: "SPID", value: (p) => String(p.pid) },
  ppid: { header: "PPID", value: (p) => String(p.ppid) },
  pgid: { header: "PGID", value: (p) => String(p.pgid) },
  pgrp: { header: "PGRP", value: (p) => String(p.pgid) },
  sid: { header: "SID", value: (p) => String(p.sid) },
  sess: { header: "SESS", value: (p) => String(p.sid) },
  tpgid: { header: "TPGID", value: (p) => (p.tty === null ? "-1" : String(p.pgid)) },
  user: { header: "USER", value: (p) => p.user },
  euser: { header: "EUSER", value: (p) => p.user },
  uname: { header: "USER", value: (p) => p.user },
  ruser: { header: "RUSER", value: (p) => p.user },
  uid: { header: "UID", value: (p) => String(p.uid) },
  euid: { header: "EUID", value: (p) => String(p.uid) },
  ruid: { header: "RUID", value: (p) => String(p.uid) },
  group: { header: "GROUP", value: (p) => p.group },
  egroup: { header: "EGROUP", value: (p) => p.group },
  gid: { header: "GID", value: (p) => String(p.gid) },
  egid: { header: "EGID", value: (p) => String(p.gid) },
  comm: { header: "COMMAND", value: comm },
  ucmd: { header: "CMD", value: comm },
  ucomm: { header: "COMMAND", value: comm },
  args: { header: "COMMAND", value: args },
  cmd: { header: "CMD", value: args },
  command: { header: "COMMAND", value: args },
  tty: { header: "TT", value: (p) => p.tty ?? "?" },
  tt: { header: "TT", value: (p) => p.tty ?? "?" },
  tname: { header: "TTY", value: (p) => p.tty ?? "?" },
  time: { header: "TIME", value: (p) => cpuTime(p.cpuUsec) },
  cputime: { header: "TIME", value: (p) => cpuTime(p.cpuUsec) },
  etime: { header: "ELAPSED", value: elapsed },
  etimes: { header: "ELAPSED", value: (p) => String(Math.max(0, Math.floor((p.uptimeUsec - p.startUsec) / 1e6))) },
  stat: { header: "STAT", value: stat },
  s: { header: "S", value: (p) => p.state },
  state: { header: "S", value: (p) => p.state },
  c: { header: "C", value: (p) => String(Math.floor(cpuPercent(p))) },
  "%cpu": { header: "%CPU", value: (p) => tenths(cpuPercent(p)) },
  pcpu: { header: "%CPU", value: (p) => tenths(cpuPercent(p)) },
  "%mem": { header: "%MEM", value: (p) => tenths((p.rss * 100) / p.memTotal) },
  pmem: { header: "%MEM", value: (p) => tenths((p.rss * 100) / p.memTotal) },
  vsz: { header: "VSZ", value: (p) => kib(p.vsz) },
  vsize: { header: "VSZ", value: (p) => kib(p.vsz) },
  rss: { header: "RSS", value: (p) => kib(p.rss) },
  rssize: { header: "RSS", value: (p) => kib(p.rss) },
  rsz: { header: "RSZ", value: (p) => kib(p.rss) },
  sz: { header: "SZ", value: (p) => String(Math.floor(p.vsz / 4096)) },
  stime: { header: "STIME", value: startShort },
  start_time: { header: "START", value: startShort },
  start: {
    header: "STARTED",
    value: (p) => {
      const t = new Date(p.startEpoch * 1000);
      return p.nowEpoch - p.startEpoch < 86400 ? `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}` : `${MONTHS[t.getUTCMonth()]} ${pad2(t.getUTCDate())}`;
    },
  },
  lstart: {
    header: "STARTED",
    value: (p) => {
      const t = new Date(p.startEpoch * 1000);
      return `${DAYS[t.getUTCDay()]} ${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())} ${t.getUTCFullYear()}`;
    },
  },
  nice: { header: "NI", value: (p) => String(p.nice) },
  ni: { header: "NI", value: (p) => String(p.nice) },
  pri: { header: "PRI", value: (p) => String(19 - p.nice) },
  psr: { header: "PSR", value: () => "0" },
  nlwp: { header: "NLWP", value: (p) => String(p.threads) },
  thcount: { header: "THCNT", value: (p) => String(p.threads) },
  wchan: { header: "WCHAN", value: wchan },
  // PF_SUPERPRIV: the container's first process is the one that used root's privileges (exec by runc).
  f: { header: "F", value: (p) => (p.uid === 0 && p.pid === p.sid ? "4" : "0") },
  flag: { header: "F", value: (p) => (p.uid === 0 && p.pid === p.sid ? "4" : "0") },
  flags: { header: "F", value: (p) => (p.uid === 0 && p.pid === p.sid ? "4" : "0") },
};

/** Standard formats: the columns, each "spec" or "spec=HEADER". */
const FORMATS = {
  default: ["pid", "tname", "time", "ucmd"],
  full: ["user=UID", "pid", "ppid", "c", "stime", "tname", "time", "cmd"],
  extraFull: ["user=UID", "pid", "ppid", "c", "sz", "rss", "psr", "stime", "tname", "time", "cmd"],
  // -l's ADDR is one column wide: its header's overflow is taken back from SZ's padding.
  long: ["f", "s", "uid", "pid", "ppid", "c", "lpri", "ni", "addr:1", "sz", "wchan", "tname", "time", "ucmd"],
  longFull: ["f", "s", "user=UID", "pid", "ppid", "c", "lpri", "ni", "addr:1", "sz", "wchan", "stime", "tname", "time", "cmd"],
  extraFullLong: ["f", "s", "user=UID", "pid", "ppid", "c", "lpri", "ni", "addr:1", "sz", "wchan", "rss", "psr", "stime", "tname", "time", "cmd"],
  jobs: ["pid", "pgid", "sid", "tname", "time", "ucmd"],
  threads: ["pid", "lwp", "tname", "time", "ucmd"],
  threadsFull: ["user=UID", "pid", "ppid", "lwp", "c", "nlwp", "stime", "tname", "time", "cmd"],
  bsd: ["pid", "tname", "stat", "bsdtime", "args"],
  bsdUser: ["user", "pid", "%cpu", "%mem", "vsz", "rss", "tname", "stat", "start_time", "bsdtime", "args"],
  bsdJobs: ["ppid", "pid", "pgid", "sid", "tname", "tpgid", "stat", "uid", "bsdtime", "args"],
  bsdLong: ["f", "uid", "pid", "ppid", "bsdpri", "ni", "vsz", "rss", "wchan", "stat", "tname", "bsdtime", "args"],
};

/** Columns only the standard formats use. */
const FORMAT_ONLY: Record<string, Column> = {
  addr: { header: "ADDR", value: () => "-" },
  bsdtime: { header: "TIME", value: (p) => bsdTime(p.cpuUsec) },
  bsdpri: { header: "PRI", value: (p) => String(20 + p.nice) },
  lpri: { header: "PRI", value: (p) => String(80 + p.nice) },
};

/** output.c's widths and alignment: "width align [flags]", u = user name, * = unlimited when last. */
const LAYOUT: Record<string, string> = {
  pid: "pid R", tid: "pid R", lwp: "pid R", spid: "pid R", ppid: "pid R", pgid: "pid R", pgrp: "pid R",
  sid: "pid R", sess: "pid R", tpgid: "pid R",
  user: "8 L u", euser: "8 L u", uname: "8 L u", ruser: "8 L u", group: "8 L u", egroup: "8 L u",
  uid: "5 R", euid: "5 R", ruid: "5 R", gid: "5 R", egid: "5 R",
  comm: "15 L *", ucmd: "15 L *", ucomm: "15 L *", args: "27 L *", cmd: "27 L *", command: "27 L *",
  tty: "8 L", tt: "8 L", tname: "8 L",
  time: "8 R", cputime: "8 R", etime: "11 R", etimes: "7 R", bsdtime: "6 R",
  stat: "4 L", s: "1 L", state: "1 L", c: "2 R", "%cpu": "4 R", pcpu: "4 R", "%mem": "4 R", pmem: "4 R",
  vsz: "6 R", vsize: "6 R", rss: "5 R", rssize: "5 R", rsz: "5 R", sz: "5 R",
  stime: "5 R", start_time: "5 R", start: "8 R", lstart: "24 R",
  nice: "3 R", ni: "3 R", pri: "3 R", lpri: "3 R", bsdpri: "3 R", psr: "3 R", nlwp: "4 R", thcount: "5 R",
  wchan: "6 L", f: "1 R", flag: "1 R", flags: "1 R", addr: "4 R",
};

/** A column from "name", "name:WIDTH" or "name=HEADER" (a header wider than the column widens it). */
function column(spec: string): Column {
  const eq = spec.indexOf("=");
  let name = eq < 0 ? spec : spec.slice(0, eq);
  let width: number | undefined;
  const colon = name.indexOf(":");
  if (colon >= 0) {
    width = Number(name.slice(colon + 1));
    name = name.slice(0, colon);
    if (!Number.isInteger(width) || width < 1) throw new PsError(`error: unknown user-defined format specifier "${spec}"`);
  }
  const base = SPECS[name] ?? FORMAT_ONLY[name];
  if (!base) throw new PsError(`error: unknown user-defined format specifier "${name}"`);
  const [w, align, flag] = (LAYOUT[name] ?? "1 L").split(" ");
  const header = eq < 0 ? base.header : spec.slice(eq + 1);
  return {
    header,
    value: base.value,
    width: width ?? (w === "pid" ? "pid" : Number(w)),
    align: align as "L" | "R",
    unlimited: flag === "*",
    user: flag === "u",
    widen: eq >= 0,
  };
}

/** -o's list: names split on commas and blanks; "name=HEADER" takes the rest of the word as the header. */
function userColumns(list: string): Column[] {
  const cols: Column[] = [];
  for (const word of list.split(/[\s]+/).filter(Boolean)) {
    let rest = word;
    while (rest !== "") {
      const comma = rest.indexOf(",");
      const eq = rest.indexOf("=");
      if (eq >= 0 && (comma < 0 || eq < comma)) {
        cols.push(column(rest));
        break;
      }
      const name = comma < 0 ? rest : rest.slice(0, comma);
      if (name !== "") cols.push(column(name.toLowerCase()));
      rest = comma < 0 ? "" : rest.slice(comma + 1);
    }
  }
  return cols;
}

export interface PsSelection {
  pids?: number[];
  commands?: string[];
  users?: string[];
  ttys?: string[];
  ppids?: number[];
  all?: boolean;
  /** -a: processes with a terminal, session leaders excepted; -d: all but session leaders. */
  withTtyNoLeaders?: boolean;
  noLeaders?: boolean;
  /** BSD r: running processes only. */
  running?: boolean;
  /** BSD a: not only ps's user; x: not only processes on ps's terminal. */
  anyUser?: boolean;
  anyTty?: boolean;
}

export interface PsRun {
  titles: string[];
  processes: string[][];
}

/** UNIX options known to procps that this simulation does not have (they change the format or selection). */
const SYSV_UNSUPPORTED = "cgGkMNsTyZP";
/** BSD options known to procps that this simulation does not have. */
const BSD_UNSUPPORTED = "gGkLmnOsStTvVXZ";

/** Parses a pid list ("1,2 3"); procps's message when it is not one. */
function pidList(v: string | undefined): number[] {
  const parts = (v ?? "").split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((x) => !/^\d+$/.test(x) || Number(x) === 0)) throw new PsError("error: process ID list syntax error");
  return parts.map(Number);
}

/** How dockerd runs ps: as root, without a terminal, on a host whose pid_max has 7 digits. */
const DAEMON: PsContext = { euid: 0, tty: null, pidWidth: 7 };

/**
 * Runs ps with `argv` over `procs` (the host's processes, pid order); returns the titles and the
 * field lists of every line, as dockerd's parsePSOutput reads them. Throws PsError.
 */
export function runProcps(argv: string[], procs: PsProcess[], ctx: PsContext = DAEMON): PsRun {
  return parseOutput(procpsLines(argv, procs, ctx));
}

/** The lines ps prints for `argv` over `procs` (pid order), without their newlines. Throws PsError. */
export function procpsLines(argv: string[], procs: PsProcess[], ctx: PsContext): string[] {
  let formatCols: Column[] | null = null;
  let sysv = "";
  let bsd = "";
  const o: Options = { forest: false, commandName: false };
  const sel: PsSelection = {};
  let headers = true;
  let sortKeys: string[] = [];
  let bsdEnv = false;
  // Quick mode (-q) selects by pid alone: it combines with no other selection, nor the forest.
  let quick: number[] | null = null;
  let quickLists = 0;
  const addFormat = (list: string | undefined, flag: string) => {
    if (list === undefined) throw new PsError(`error: format specification must follow ${flag}`);
    formatCols = [...(formatCols ?? []), ...userColumns(list)];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "") continue;
    if (a.startsWith("--")) {
      const [name, inline] = a.includes("=") ? [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a.slice(2), undefined];
      const value = () => inline ?? argv[++i];
      if (name === "quick-pid") {
        quickLists++;
        quick = [...(quick ?? []), ...pidList(value())];
      } else if (name === "pid") sel.pids = [...(sel.pids ?? []), ...pidList(value())];
      else if (name === "ppid") sel.ppids = pidList(value());
      else if (name === "format") addFormat(value(), "--format");
      else if (name === "user" || name === "User") sel.users = (value() ?? "").split(",");
      else if (name === "tty") sel.ttys = (value() ?? "").split(",");
      else if (name === "forest") o.forest = true;
      else if (name === "no-headers" || name === "no-heading") headers = false;
      else if (name === "headers") headers = true;
      else if (name === "sort") sortKeys = (value() ?? "").split(",");
      else if (["cols", "columns", "width", "lines", "rows"].includes(name)) value();
      else if (name === "deselect" || name === "cumulative" || name === "info") throw new PsError(`--${name} is not supported in this sandbox`);
      else throw new PsError("error: unknown gnu long option");
      continue;
    }
    if (a.startsWith("-")) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const rest = a.slice(j + 1);
        const arg = () => (rest !== "" ? rest : argv[++i]);
        if (ch === "o" || ch === "O") {
          const v = arg();
          addFormat(ch === "O" && v !== undefined ? `pid,${v},s,tname,time,args` : v, `-${ch}`);
          break;
        }
        if ("pqCuUt".includes(ch)) {
          const v = arg();
          if (v === undefined) throw new PsError(ch === "p" || ch === "q" ? `error: list of process IDs must follow -${ch}` : `error: list must follow -${ch}`);
          if (ch === "p") sel.pids = [...(sel.pids ?? []), ...pidList(v)];
          else if (ch === "q") {
            quickLists++;
            quick = [...(quick ?? []), ...pidList(v)];
          }
          else if (ch === "C") sel.commands = v.split(",");
          else if (ch === "t") sel.ttys = v.split(",");
          else sel.users = v.split(",");
          break;
        }
        if ("fFljL".includes(ch)) sysv += ch;
        else if (ch === "x") {
          sel.anyTty = true;
          bsd += "x";
        }
        else if (ch === "H") o.forest = true;
        else if (ch === "e" || ch === "A") sel.all = true;
        else if (ch === "a") sel.withTtyNoLeaders = true;
        else if (ch === "d") sel.noLeaders = true;
        else if (ch === "w") continue;
        else if (SYSV_UNSUPPORTED.includes(ch)) throw new PsError(`-${ch} is not supported in this sandbox`);
        else throw new PsError("error: unsupported SysV option");
      }
      continue;
    }
    if (/^\d[\d,]*$/.test(a)) {
      sel.pids = [...(sel.pids ?? []), ...pidList(a)];
      continue;
    }
    for (let j = 0; j < a.length; j++) {
      const ch = a[j];
      const rest = a.slice(j + 1);
      if (ch === "o" || ch === "O") {
        const v = rest !== "" ? rest : argv[++i];
        addFormat(ch === "O" ? `pid,${v ?? ""},s,tname,time,args` : v, ch);
        break;
      }
      if (ch === "p" || ch === "q") {
        const pids = pidList(rest !== "" ? rest : argv[++i]);
        if (ch === "q") {
          quickLists++;
          quick = [...(quick ?? []), ...pids];
        }
        else sel.pids = [...(sel.pids ?? []), ...pids];
        break;
      }
      if (ch === "U" || ch === "t") {
        const v = (rest !== "" ? rest : argv[++i]) ?? "";
        if (ch === "U") sel.users = v.split(",");
        else sel.ttys = v.split(",");
        break;
      }
      if ("ujl".includes(ch)) bsd += ch;
      else if (ch === "f") o.forest = true;
      else if (ch === "e") {
        bsdEnv = true;
        bsd += "e";
      }
      else if (ch === "a") {
        sel.anyUser = true;
        bsd += "a";
      } else if (ch === "x") {
        sel.anyTty = true;
        bsd += "x";
      }
      else if (ch === "w") continue;
      else if (ch === "h") headers = false;
      else if (ch === "c") o.commandName = true;
      else if (ch === "r") sel.running = true;
      else if (BSD_UNSUPPORTED.includes(ch)) throw new PsError(`${ch} is not supported in this sandbox`);
      else throw new PsError("error: unsupported option (BSD syntax)");
    }
  }
  if (quick) {
    if (quickLists > 1 || sel.pids || sel.ppids || sel.commands || sel.users || sel.ttys || sel.withTtyNoLeaders || sel.noLeaders || o.forest) throw new PsError("error: conflicting process selections (-q)");
    sel.pids = quick;
  }
  const cols: Column[] = formatCols ?? standardFormat(sysv, bsd).map(column);
  if (bsdEnv && formatCols === null) {
    const last = cols[cols.length - 1];
    cols[cols.length - 1] = { ...last, value: (p, opts) => [last.value(p, opts), ...p.environ].join(" ") };
  }
  let rows = procs.filter((p) => selected(p, sel, ctx));
  sortRows(rows, sortKeys);
  if (o.forest) rows = forestOrder(rows, o);
  const lines: string[] = [];
  if (headers && cols.some((c) => c.header !== "")) lines.push(renderLine(cols, (c) => c.header, ctx));
  for (const p of rows) lines.push(renderLine(cols, (c) => c.value(p, o) || "-", ctx));
  return lines;
}

/**
 * One line as output.c's show_one_proc lays it out: right-aligned columns padded on the left,
 * left-aligned ones' padding deferred to the next column, one blank between columns; what
 * overflows a column is taken back from the padding that follows, so later columns realign.
 */
function renderLine(cols: Column[], text: (c: Column) => string, ctx: PsContext): string {
  let line = "";
  let correct = 0;
  let deferred = 0;
  cols.forEach((c, i) => {
    const last = i === cols.length - 1;
    let width = c.width === "pid" ? ctx.pidWidth : (c.width ?? 1);
    if (c.widen) width = Math.max(width, c.header.length);
    let v = text(c);
    if (c.user && v.length > width && v !== c.header) v = `${v.slice(0, width - 1)}+`;
    else if (c.unlimited && !last && v.length > width && v !== c.header) v = v.slice(0, width);
    const leftpad = c.align === "R" ? Math.max(0, width - v.length) : 0;
    let gap = deferred + leftpad;
    const take = Math.min(correct, gap);
    gap -= take;
    correct -= take;
    line += (i > 0 ? " " : "") + " ".repeat(gap) + v;
    correct += Math.max(0, v.length - width);
    deferred = c.align === "L" && !last ? Math.max(0, width - v.length) : 0;
  });
  return ctx.cols !== undefined ? line.slice(0, ctx.cols) : line;
}

/**
 * --forest: each process under its parent, with output.c's " \\_ " prefixes. As procps sorts for
 * it (ppid, start time, pid), and init's children stand as trees of their own, not under init.
 */
function forestOrder(rows: PsProcess[], o: Options): PsProcess[] {
  const pids = new Set(rows.map((p) => p.pid));
  const byStart = (a: PsProcess, b: PsProcess) => a.ppid - b.ppid || a.startUsec - b.startUsec || a.pid - b.pid;
  const isRoot = (p: PsProcess) => p.ppid <= 1 || !pids.has(p.ppid) || p.ppid === p.pid;
  const children = new Map<number, PsProcess[]>();
  for (const p of [...rows].sort(byStart)) {
    const parent = isRoot(p) ? 0 : p.ppid;
    children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const out: PsProcess[] = [];
  o.prefix = new Map();
  const walk = (parent: number, ancestors: string) => {
    const kids = children.get(parent) ?? [];
    kids.forEach((p, i) => {
      const more = i < kids.length - 1;
      o.prefix!.set(p.pid, parent === 0 ? "" : `${ancestors} \\_ `);
      out.push(p);
      walk(p.pid, parent === 0 ? "" : `${ancestors}${more ? " |  " : "    "}`);
    });
  };
  walk(0, "");
  return out;
}

function standardFormat(sysv: string, bsd: string): string[] {
  if (bsd.includes("u")) return FORMATS.bsdUser;
  if (bsd.includes("j")) return FORMATS.bsdJobs;
  if (bsd.includes("l")) return FORMATS.bsdLong;
  const has = (c: string) => sysv.includes(c);
  if (has("l")) return has("F") ? FORMATS.extraFullLong : has("f") ? FORMATS.longFull : FORMATS.long;
  if (has("L")) return has("f") ? FORMATS.threadsFull : FORMATS.threads;
  if (has("F")) return FORMATS.extraFull;
  if (has("f")) return FORMATS.full;
  if (has("j")) return FORMATS.jobs;
  if (bsd !== "") return FORMATS.bsd;
  return FORMATS.default;
}

function selected(p: PsProcess, s: PsSelection, ctx: PsContext): boolean {
  const explicit = s.pids || s.commands || s.users || s.ttys || s.ppids || s.all || s.withTtyNoLeaders || s.noLeaders;
  if (!explicit) {
    // Without a selection: ps's own user on ps's terminal; BSD a drops the first condition, x the second.
    if (!s.anyUser && p.uid !== ctx.euid) return false;
    if (!s.anyTty && (s.anyUser ? p.tty === null : p.tty !== ctx.tty)) return false;
  }
  if (s.pids && !s.pids.includes(p.pid)) return false;
  if (s.withTtyNoLeaders && (p.tty === null || p.pid === p.sid)) return false;
  if (s.noLeaders && p.pid === p.sid) return false;
  if (s.running && p.state !== "R") return false;
  if (s.ppids && !s.ppids.includes(p.ppid)) return false;
  if (s.commands && !s.commands.includes(p.comm)) return false;
  if (s.users && !s.users.some((u) => u === p.user || u === String(p.uid))) return false;
  if (s.ttys && !s.ttys.some((t) => t === (p.tty ?? "?") || `/dev/${t}` === p.tty || t === p.tty?.replace(/^pts\//, ""))) return false;
  return true;
}

const SORT_KEYS: Record<string, (p: PsProcess) => number | string> = {
  pid: (p) => p.pid,
  ppid: (p) => p.ppid,
  pgid: (p) => p.pgid,
  sid: (p) => p.sid,
  uid: (p) => p.uid,
  user: (p) => p.user,
  comm: (p) => p.comm,
  cmd: (p) => p.argv.join(" "),
  args: (p) => p.argv.join(" "),
  rss: (p) => p.rss,
  vsz: (p) => p.vsz,
  "%cpu": cpuPercent,
  pcpu: cpuPercent,
  "%mem": (p) => p.rss,
  time: (p) => p.cpuUsec,
  start_time: (p) => p.startUsec,
};

function sortRows(rows: PsProcess[], keys: string[]) {
  const specs = keys.filter(Boolean).map((k) => {
    const desc = k.startsWith("-");
    const name = k.replace(/^[+-]/, "");
    const get = SORT_KEYS[name];
    if (!get) throw new PsError("error: unknown sort specifier");
    return { get, desc };
  });
  if (specs.length === 0) return;
  rows.sort((a, b) => {
    for (const { get, desc } of specs) {
      const x = get(a);
      const y = get(b);
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}

/** dockerd's parsePSOutput up to the pid filter: titles from the first line, each line's fields. */
function parseOutput(lines: string[]): PsRun {
  const fields = (l: string) => l.split(/[\t\n\f\r ]+/).filter(Boolean);
  return { titles: fields(lines[0] ?? ""), processes: lines.slice(1).filter((l) => l !== "").map(fields) };
}
