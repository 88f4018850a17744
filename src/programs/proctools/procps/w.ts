/**
 * w: procps-ng 4.0.2 as Debian 12 builds it (FROM shown by default). The uptime line, then one row
 * per USER_PROCESS record of /var/run/utmp whose login process still exists: its terminal, remote
 * host, login time, idle time (since the terminal's last access), the CPU time of every process on
 * the terminal (JCPU), and the newest foreground process (WHAT) with its CPU time (PCPU).
 */
import type { Gen, ProcessInfo, ProgramDef, Sys } from "../../../kernel/api";
import { out } from "../../lib/io";
import { passwdEntries } from "../../lib/users";
import { isUserProcess, nowSeconds, readUtmp, ttyAtime, type UtmpRecord } from "../../sysutils/utmp";
import { uptimeLine } from "./uptime";
import { parseProcps, ProcpsUsage, usageFailure, versionOut } from "./usage";

const USAGE = `
Usage:
 w [options] [user]

Options:
 -h, --no-header     do not print header
 -u, --no-current    ignore current process username
 -s, --short         short format
 -f, --from          show remote hostname field
 -o, --old-style     old style output
 -i, --ip-addr       display IP address instead of hostname (if possible)

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see w(1).
`;

const OPTIONS = [
  { short: "h", long: "no-header" },
  { short: "u", long: "no-current" },
  { short: "s", long: "short" },
  { short: "f", long: "from" },
  { short: "o", long: "old-style" },
  { short: "i", long: "ip-addr" },
  { long: "help" },
  { short: "V", long: "version" },
];

const HZ = 100;
const USERLEN = 8;
const FROMLEN = 16;
const MIN_CMD_WIDTH = 7;
const MAX_CMD_WIDTH = 512;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
const ticks = (usec: number) => Math.floor(usec / (1e6 / HZ));

/** print_time_ival7(): a 7-column interval. */
function ival7(t: number, centi: number, oldStyle: boolean): string {
  if (t < 0) return "   ?   ";
  const days = Math.floor(t / 86400);
  const hours = Math.floor(t / 3600);
  const minutes = Math.floor(t / 60);
  if (t >= 48 * 3600) return ` ${String(days).padStart(2)}days`;
  if (oldStyle) {
    if (t >= 3600) return ` ${String(hours).padStart(2)}:${two(minutes % 60)} `;
    if (t > 60) return ` ${String(minutes).padStart(2)}:${two(t % 60)}m`;
    return "       ";
  }
  if (t >= 3600) return ` ${String(hours).padStart(2)}:${two(minutes % 60)}m`;
  if (t > 60) return ` ${String(minutes).padStart(2)}:${two(t % 60)} `;
  return ` ${String(t).padStart(2)}.${two(centi)}s`;
}

/** print_logintime(): today's "HH:MM", this week's "DayHH", older "DDMonYY". */
function loginTime(now: number, login: number): string {
  const l = new Date(login * 1000);
  const c = new Date(now * 1000);
  const sameDay = l.getUTCFullYear() === c.getUTCFullYear() && l.getUTCMonth() === c.getUTCMonth() && l.getUTCDate() === c.getUTCDate();
  if (now - login > 12 * 3600 && !sameDay) {
    if (now - login > 6 * 86400) return ` ${two(l.getUTCDate())}${MONTHS[l.getUTCMonth()]}${two(l.getUTCFullYear() % 100)}`;
    return ` ${DAYS[l.getUTCDay()]}${two(l.getUTCHours())}  `;
  }
  return ` ${two(l.getUTCHours())}:${two(l.getUTCMinutes())}  `;
}

/** print_host(): printable characters up to a blank or odd one (then '-'), '-' when empty, padded. */
function host(h: string): string {
  let s = "";
  for (const c of h.slice(0, FROMLEN)) {
    const code = c.charCodeAt(0);
    if (code > 0x20 && code < 0x7f) s += c;
    else {
      s += "-";
      break;
    }
  }
  return (s || "-").padEnd(FROMLEN);
}

function from(r: UtmpRecord, ipAddresses: boolean): string {
  if (!ipAddresses) return host(r.host);
  const [a, b, c, d] = r.addr;
  // An IPv4-mapped address reads as its last word.
  const v4 = b === 0 && c === 0 && d === 0 ? a : c === 0xffff0000 && a === 0 && b === 0 ? d : undefined;
  if (v4 === undefined) return host(r.host);
  if (v4 === 0) return host(r.host);
  return `${v4 & 0xff}.${(v4 >>> 8) & 0xff}.${(v4 >>> 16) & 0xff}.${v4 >>> 24}`.padEnd(FROMLEN);
}

interface Best {
  found: boolean;
  jcpu: number;
  pcpu: number;
  cmdline: string;
}

/** find_best_proc(): the login process, then the newest foreground process on the terminal. */
function findBestProc(sys: Sys, procs: ProcessInfo[], r: UtmpRecord, ignoreUser: boolean): Best {
  const best: Best = { found: false, jcpu: 0, pcpu: 0, cmdline: "-" };
  let uid = -1;
  if (!ignoreUser) {
    const account = passwdEntries(sys).find((a) => a.name === r.user);
    if (!account) return best;
    uid = account.id;
  }
  let bestTime = 0;
  let secondBest = 0;
  for (const p of procs) {
    const start = ticks(p.startUsec);
    const cpu = ticks(p.cpuUsec);
    const cmd = p.argv.length ? p.argv.join(" ") : p.comm;
    if (p.pid === r.pid) {
      best.found = true;
      if (!bestTime) {
        bestTime = start;
        best.cmdline = cmd;
        best.pcpu = cpu;
      }
    }
    if (p.tty !== r.line) continue;
    best.jcpu += cpu;
    if (!(secondBest && start <= secondBest)) {
      secondBest = start;
      if (best.cmdline === "-") {
        best.cmdline = cmd;
        best.pcpu = cpu;
      }
    }
    const tpgid = foregroundGroup(sys, p);
    if ((!ignoreUser && uid !== p.uid) || p.pgid !== tpgid || start <= bestTime) continue;
    bestTime = start;
    best.cmdline = cmd;
    best.pcpu = cpu;
  }
  return best;
}

/** The terminal's foreground process group (stat's tpgid), read from /proc. */
function foregroundGroup(sys: Sys, p: ProcessInfo): number {
  try {
    const stat = sys.readFile(`/proc/${p.pid}/stat`);
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[5]);
  } catch {
    return -1;
  }
}

function* wMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof parseProcps>;
  try {
    parsed = parseProcps(sys, OPTIONS);
  } catch (e) {
    if (!(e instanceof ProcpsUsage)) throw e;
    return yield* usageFailure(sys, e.message, USAGE);
  }
  let header = true;
  let longForm = true;
  let showFrom = true;
  let oldStyle = false;
  let ipAddresses = false;
  let ignoreUser = false;
  for (const [o] of parsed.opts) {
    if (o === "h") header = false;
    else if (o === "s") longForm = false;
    else if (o === "f") showFrom = !showFrom;
    else if (o === "u") ignoreUser = true;
    else if (o === "o") oldStyle = true;
    else if (o === "i") {
      ipAddresses = true;
      showFrom = true;
    } else if (o === "V") return yield* versionOut(sys, "w");
    else if (o === "--help") {
      yield* out(sys, USAGE);
      return 0;
    }
  }
  const matchUser = parsed.operands[0];
  let maxcmd = MAX_CMD_WIDTH;
  try {
    maxcmd = sys.winsize(1).cols || MAX_CMD_WIDTH;
  } catch {
    if (sys.env.COLUMNS !== undefined) maxcmd = Number.parseInt(sys.env.COLUMNS, 10) || 0;
  }
  const clamp = (n: number) => Math.min(MAX_CMD_WIDTH, Math.max(MIN_CMD_WIDTH, n));
  maxcmd = clamp(clamp(maxcmd) - (21 + USERLEN + (showFrom ? FROMLEN : 0) + (longForm ? 20 : 0)));

  let text = "";
  if (header) {
    text += ` ${uptimeLine(sys)}\n${"USER".padEnd(USERLEN)} TTY      ${showFrom ? "FROM".padEnd(FROMLEN - 1) : ""}`;
    text += longForm ? "  LOGIN@   IDLE   JCPU   PCPU WHAT\n" : "   IDLE WHAT\n";
  }
  const procs = sys.ps().sort((a, b) => a.pid - b.pid);
  const now = nowSeconds(sys);
  for (const r of readUtmp(sys)) {
    if (!isUserProcess(r) || (matchUser !== undefined && r.user !== matchUser.slice(0, 32))) continue;
    const best = findBestProc(sys, procs, r, ignoreUser);
    if (!best.found) continue;
    const tty = r.line.replace(/[^A-Za-z0-9/].*$/s, "");
    text += `${r.user.slice(0, USERLEN).padEnd(USERLEN + 1)}${tty.slice(0, 8).padEnd(9)}`;
    if (showFrom) text += from(r, ipAddresses);
    if (longForm) text += loginTime(now, r.time);
    const atime = ttyAtime(sys, tty);
    text += r.line.startsWith(":") ? " ?xdm? " : ival7(atime === undefined ? 0 : now - atime, 0, oldStyle);
    if (longForm) {
      text += ival7(Math.floor(best.jcpu / HZ), best.jcpu % HZ, oldStyle);
      text += best.pcpu > 0 ? ival7(Math.floor(best.pcpu / HZ), best.pcpu % HZ, oldStyle) : "   ?   ";
    }
    text += ` ${best.cmdline.slice(0, maxcmd)}\n`;
  }
  yield* out(sys, text);
  return 0;
}

export const procpsW: ProgramDef = { name: "procps:w", main: wMain };
