/**
 * last: util-linux 2.38 on Debian (the logins of /var/log/wtmp, newest first, each with its logout
 * or "still logged in", boots as "system boot ... still running", then "wtmp begins ..."), and
 * busybox 1.35's simple last when the binary is busybox.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { asErrno, out } from "../lib/io";
import { passwdEntries } from "../lib/users";
import { parseProcps, ProcpsUsage } from "../proctools/procps/usage";
import { ctime, hhmm, nowSeconds, parseUtmp, UT, type UtmpRecord, WTMP_FILE } from "./utmp";

const HELP = `
Usage:
 last [options] [<username>...] [<tty>...]

Show a listing of last logged in users.

Options:
 -<number>            how many lines to show
 -a, --hostlast       display hostnames in the last column
 -d, --dns            translate the IP number back into a hostname
 -f, --file <file>    use a specific file instead of /var/log/wtmp
 -F, --fulltimes      print full login and logout times and dates
 -i, --ip             display IP numbers in numbers-and-dots notation
 -n, --limit <number> how many lines to show
 -R, --nohostname     don't display the hostname field
 -s, --since <time>   display the lines since the specified time
 -t, --until <time>   display the lines until the specified time
 -p, --present <time> display who were present at the specified time
 -w, --fullnames      display full user and domain names
 -x, --system         display system shutdown entries and run level changes
     --time-format <format>  show timestamps in the specified <format>:
                               notime|short|full|iso

 -h, --help           display this help
 -V, --version        display version

For more details see last(1).
`;

const OPTIONS = [
  { short: "n", long: "limit", arg: true },
  { short: "h", long: "help" },
  { short: "f", long: "file", arg: true },
  { short: "R", long: "nohostname" },
  { short: "V", long: "version" },
  { short: "a", long: "hostlast" },
  { short: "d", long: "dns" },
  { short: "i", long: "ip" },
  { short: "p", long: "present", arg: true },
  { short: "s", long: "since", arg: true },
  { short: "t", long: "until", arg: true },
  { short: "w", long: "fullnames" },
  { short: "x", long: "system" },
  { short: "F", long: "fulltimes" },
  { long: "time-format", arg: true },
  ...[..."0123456789"].map((d) => ({ short: d })),
];

type TimeFormat = "notime" | "short" | "full" | "iso";
/** Widths of the login and logout columns, and how each is written. */
const FORMATS: Record<TimeFormat, { inLen: number; outLen: number }> = {
  notime: { inLen: 0, outLen: 0 },
  short: { inLen: 16, outLen: 7 },
  full: { inLen: 24, outLen: 26 },
  iso: { inLen: 25, outLen: 27 },
};

interface LastOptions {
  showHost: boolean;
  altList: boolean;
  useIp: boolean;
  extended: boolean;
  nameLen: number;
  domainLen: number;
  format: TimeFormat;
  maxRecs: number;
  show: string[];
  bootTime: number;
}

const R = { CRASH: 1, DOWN: 2, NORMAL: 3, NOW: 4, REBOOT: 5, PHANTOM: 6, TIMECHANGE: 7 } as const;

const two = (n: number) => String(n).padStart(2, "0");

function isoTime(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+00:00`;
}

function formatTime(kind: "in" | "out", format: TimeFormat, t: number): string {
  if (format === "notime") return "";
  if (format === "iso") return isoTime(t);
  if (format === "short" && kind === "out") return hhmm(t);
  return ctime(t);
}

/** %-W.Ps: at most P characters, padded to W. */
const col = (s: string, width: number, precision = width) => s.slice(0, precision).padEnd(width);

function ipOf(r: UtmpRecord): string {
  const [a, b, c, d] = r.addr;
  const v4 = b === 0 && c === 0 && d === 0 ? a : a === 0 && b === 0 && c === 0xffff0000 ? d : undefined;
  if (v4 !== undefined) return `${v4 & 0xff}.${(v4 >>> 8) & 0xff}.${(v4 >>> 16) & 0xff}.${v4 >>> 24}`;
  const words = [a, b, c, d].flatMap((w) => [((w & 0xff) << 8) | ((w >>> 8) & 0xff), (((w >>> 16) & 0xff) << 8) | (w >>> 24)]);
  return words.map((w) => w.toString(16)).join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

/** list(): one line, or null when filtered out. */
function listLine(o: LastOptions, r: UtmpRecord, line: string, logout: number, what: number, now: number): string | null {
  let utline = line;
  if (/^ftp\d/.test(utline)) utline = utline.slice(0, 3);
  if (/^uucp\d/.test(utline)) utline = utline.slice(0, 4);
  if (o.show.length && !o.show.some((w) => r.user === w || utline === w || (utline.startsWith("tty") && utline.slice(3) === w))) return null;
  const fmt = FORMATS[o.format];
  const full = o.format === "full" || o.format === "iso";
  const login = formatTime("in", o.format, r.time);
  let logoutText = `- ${formatTime("out", o.format, logout)}`;
  const secs = logout - r.time;
  const mins = Math.trunc(secs / 60) % 60;
  const hours = Math.trunc(secs / 3600) % 24;
  const days = Math.trunc(secs / 86400);
  let length: string;
  if (logout === now) {
    [logoutText, length] = full ? ["  still running", ""] : ["  still", "running"];
  } else if (days) length = `(${days}+${two(Math.abs(hours))}:${two(Math.abs(mins))})`;
  else if (hours) length = ` (${two(hours)}:${two(Math.abs(mins))})`;
  else if (secs >= 0) length = ` (${two(hours)}:${two(mins)})`;
  else length = ` (-00:${two(Math.abs(mins))})`;
  if (what === R.CRASH) logoutText = "- crash";
  else if (what === R.DOWN) logoutText = "- down ";
  else if (what === R.NOW) [logoutText, length] = full ? ["  still logged in", ""] : ["  still", "logged in"];
  else if (what === R.PHANTOM) {
    if (full) [logoutText, length] = ["  gone - no logout", ""];
    else if (o.format === "short") [logoutText, length] = ["   gone", "- no logout"];
    else [logoutText, length] = ["", "no logout"];
  } else if (what === R.TIMECHANGE) [logoutText, length] = ["", ""];
  const domain = o.useIp ? ipOf(r) : r.host;
  const user = col(r.user, 8, o.nameLen);
  const times = `${col(login, fmt.inLen)} ${col(logoutText, fmt.outLen)}`;
  let text: string;
  if (!o.showHost) text = `${user} ${col(utline, 12)} ${times} ${length}`;
  else if (o.altList) text = `${user} ${col(utline, 12)} ${times} ${col(length, 12)} ${domain}`;
  else text = `${user} ${col(utline, 12)} ${col(domain, 16, o.domainLen)} ${times} ${length}`;
  return `${text.replace(/\s+$/, "")}\n`;
}

/** is_phantom(): a login with no logout whose process is not that user's login any more. */
function isPhantom(sys: Sys, o: LastOptions, r: UtmpRecord): boolean {
  if (r.time < o.bootTime) return true;
  const account = passwdEntries(sys).find((a) => a.name === r.user);
  if (!account) return true;
  try {
    const loginuid = sys.readFile(`/proc/${r.pid}/loginuid`);
    if (!/^\s*\d/.test(loginuid)) return true;
    return Number.parseInt(loginuid.trim(), 10) !== account.id;
  } catch {
    try {
      return sys.stat(`/dev/${r.line}`).uid !== account.id;
    } catch {
      return true;
    }
  }
}

/** process_wtmp_file(): the records newest first, logins matched with the logout that followed. */
function wtmpReport(sys: Sys, o: LastOptions, recs: UtmpRecord[], now: number): { text: string; done: boolean } {
  let text = "";
  let count = 0;
  let lastboot = 0;
  let lastrch = now;
  let lastdown = now;
  let whydown: number = 0;
  let pending: UtmpRecord[] = [];
  const emit = (r: UtmpRecord, line: string, logout: number, what: number) => {
    const l = listLine(o, r, line, logout, what, now);
    if (l === null) return false;
    text += l;
    count++;
    return o.maxRecs > 0 && count >= o.maxRecs;
  };
  for (let i = recs.length - 1; i >= 0; i--) {
    const r = { ...recs[i] };
    let quit = false;
    let down = false;
    if (r.line.startsWith("~")) {
      if (r.user.startsWith("shutdown")) r.type = 0x100;
      else if (r.user.startsWith("reboot")) r.type = UT.BOOT_TIME;
      else if (r.user.startsWith("runlevel")) r.type = UT.RUN_LVL;
    } else {
      if (r.type !== UT.DEAD_PROCESS && r.user && r.line && !r.user.startsWith("LOGIN")) r.type = UT.USER_PROCESS;
      if (r.user === "") r.type = UT.DEAD_PROCESS;
      if (r.user.startsWith("date")) {
        if (r.line.startsWith("|")) r.type = UT.OLD_TIME;
        if (r.line.startsWith("{")) r.type = UT.NEW_TIME;
      }
    }
    switch (r.type) {
      case 0x100: // SHUTDOWN_TIME
        if (o.extended) quit = emit(r, "system down", lastboot, R.NORMAL);
        lastdown = lastrch = r.time;
        down = true;
        break;
      case UT.OLD_TIME:
      case UT.NEW_TIME:
        if (o.extended) quit = emit(r, r.type === UT.NEW_TIME ? "new time" : "old time", lastdown, R.TIMECHANGE);
        break;
      case UT.BOOT_TIME:
        quit = emit(r, "system boot", lastdown, R.REBOOT);
        lastboot = r.time;
        down = true;
        break;
      case UT.RUN_LVL: {
        const x = r.pid & 255;
        if (o.extended) quit = emit(r, `(to lvl ${String.fromCharCode(x)})`, lastrch, R.NORMAL);
        if (x === 0x30 || x === 0x36) {
          lastdown = r.time;
          down = true;
          r.type = 0x100;
        }
        lastrch = r.time;
        break;
      }
      case UT.USER_PROCESS: {
        const logout = pending.find((p) => p.line === r.line);
        if (logout) quit = emit(r, r.line, logout.time, R.NORMAL);
        else {
          const what = lastboot ? whydown : isPhantom(sys, o, r) ? R.PHANTOM : R.NOW;
          quit = emit(r, r.line, lastboot, what);
        }
        pending = pending.filter((p) => p.line !== r.line);
        if (r.line) pending.unshift(r);
        break;
      }
      case UT.DEAD_PROCESS:
        if (r.line) pending.unshift(r);
        break;
    }
    if (down) {
      lastboot = r.time;
      whydown = r.type === 0x100 ? R.DOWN : R.CRASH;
      pending = [];
    }
    if (quit) return { text, done: true };
  }
  return { text, done: false };
}

function* utilLinuxLast(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof parseProcps>;
  try {
    parsed = parseProcps(sys, OPTIONS);
  } catch (e) {
    if (!(e instanceof ProcpsUsage)) throw e;
    yield* sys.write(2, `${e.message}Try 'last --help' for more information.\n`);
    return 1;
  }
  const o: LastOptions = { showHost: true, altList: false, useIp: false, extended: false, nameLen: 8, domainLen: 16, format: "short", maxRecs: 0, show: parsed.operands, bootTime: 0 };
  const files: string[] = [];
  let digits = "";
  for (const [opt, arg] of parsed.opts) {
    if (/^\d$/.test(opt)) {
      digits += opt;
      o.maxRecs = Number(digits);
      continue;
    }
    digits = "";
    switch (opt) {
      case "h":
        yield* out(sys, HELP);
        return 0;
      case "V":
        yield* out(sys, "last from util-linux 2.38.1\n");
        return 0;
      case "R": o.showHost = false; break;
      case "a": o.altList = true; break;
      case "d": break; // no DNS here: the stored host name stays
      case "i": o.useIp = true; break;
      case "w": o.nameLen = 32; o.domainLen = 256; break;
      case "x": o.extended = true; break;
      case "F": o.format = "full"; break;
      case "f": files.push(arg ?? ""); break;
      case "n": {
        const n = /^\s*[+-]?\d+\s*$/.test(arg ?? "") ? Number(arg) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < 0) {
          yield* sys.write(2, `last: failed to parse number: '${arg}'\n`);
          return 1;
        }
        o.maxRecs = n;
        break;
      }
      case "--time-format": {
        if (!(arg && arg in FORMATS)) {
          yield* sys.write(2, `last: unknown time format: ${arg}\n`);
          return 1;
        }
        o.format = arg as TimeFormat;
        break;
      }
      case "s":
      case "t":
      case "p":
        yield* sys.write(2, `last: -${opt} (times) is not simulated in this sandbox\n`);
        return 1;
    }
  }
  const now = nowSeconds(sys);
  o.bootTime = now - Math.floor(sys.uptime() / 1e6);
  if (files.length === 0) files.push(WTMP_FILE);
  let text = "";
  for (const file of files) {
    let data: string;
    let ctimeOf: number;
    try {
      data = sys.readFile(file);
      ctimeOf = Math.floor(sys.stat(file).ctime);
    } catch (e) {
      yield* out(sys, text);
      yield* sys.write(2, `last: cannot open ${file}: ${asErrno(e).message}\n`);
      return 1;
    }
    const recs = parseUtmp(data);
    text += wtmpReport(sys, o, recs, now).text;
    if (o.format !== "notime") {
      const begins = recs.length ? recs[0].time : ctimeOf;
      text += `\n${file.slice(file.lastIndexOf("/") + 1)} begins ${formatTime("in", o.format, begins)}\n`;
    }
  }
  yield* out(sys, text);
  return 0;
}

const BUSYBOX_USAGE = "last\n\nShow listing of the last users that logged into the system";

/** busybox's last.c without FEATURE_LAST_FANCY: every login and boot, newest first, login times only. */
function* busyboxLast(sys: Sys): Gen<number> {
  if (sys.argv.length > 1) {
    const a = sys.argv[1];
    return yield* usageError(sys, BUSYBOX_USAGE, a.startsWith("-") && a.length > 1 && a !== "--" ? `invalid option -- '${a[1]}'` : undefined);
  }
  let data: string;
  try {
    data = sys.readFile(WTMP_FILE);
  } catch (e) {
    yield* sys.write(2, `last: can't open '${WTMP_FILE}': ${asErrno(e).message}\n`);
    return 1;
  }
  let text = `${"USER".padEnd(10)} ${"TTY".padEnd(14)} ${"HOST".padEnd(18)} ${"LOGIN".padEnd(12)} TIME\n`;
  const recs = parseUtmp(data);
  for (let i = recs.length - 1; i >= 0; i--) {
    const r = { ...recs[i] };
    if (r.line === "~") {
      const n = ["runlevel", "reboot", "shutdown"].indexOf(r.user) + 1;
      if (n > 0) r.type = n !== 3 ? n : 0x100;
    } else {
      if (r.user === "" || r.user === "LOGIN") continue;
      if (r.type !== UT.DEAD_PROCESS && r.user && r.line) r.type = UT.USER_PROCESS;
      if (r.user === "date") {
        if (r.line === "|") r.type = UT.OLD_TIME;
        if (r.line === "{") r.type = UT.NEW_TIME;
      }
    }
    if (r.type !== UT.USER_PROCESS) {
      if ([UT.OLD_TIME, UT.NEW_TIME, UT.RUN_LVL, 0x100].includes(r.type as never)) continue;
      if (r.type === UT.BOOT_TIME) r.line = "system boot";
    }
    text += `${r.user.padEnd(10)} ${r.line.padEnd(14)} ${r.host.padEnd(18)} ${ctime(r.time).slice(4, 16)}\n`;
  }
  yield* out(sys, text);
  return 0;
}

/** Whether this process runs the busybox binary (a link to it, as in busybox images). */
function runsBusybox(sys: Sys): boolean {
  try {
    return sys.realpath("/proc/self/exe").endsWith("/busybox");
  } catch {
    return false;
  }
}

export const last: ProgramDef = {
  name: "last",
  main: (sys) => (runsBusybox(sys) ? busyboxLast(sys) : utilLinuxLast(sys)),
};
