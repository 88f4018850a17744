/**
 * who: GNU coreutils 9.1 on Debian and Ubuntu (the login records of /var/run/utmp or a FILE, one line
 * each as print_line() lays it out), and busybox 1.35's who and w (one table, `w` with its header).
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { gnuProgramName, gnuTool } from "../gnu/flavour";
import { usageError } from "../lib/busybox";
import { out } from "../lib/io";
import { unicodeLocale } from "../lib/locale";
import { parseProcps, ProcpsUsage } from "../proctools/procps/usage";
import { ctime, isUserProcess, nowSeconds, readUtmp, ttyAtime, UT, UTMP_FILE, type UtmpRecord } from "./utmp";

const HELP = `Usage: who [OPTION]... [ FILE | ARG1 ARG2 ]
Print information about users who are currently logged in.

  -a, --all         same as -b -d --login -p -r -t -T -u
  -b, --boot        time of last system boot
  -d, --dead        print dead processes
  -H, --heading     print line of column headings
      --ips         print ips instead of hostnames. with --lookup,
                    canonicalizes based on stored IP, if available,
                    rather than stored hostname
  -l, --login       print system login processes
      --lookup      attempt to canonicalize hostnames via DNS
  -m                only hostname and user associated with stdin
  -p, --process     print active processes spawned by init
  -q, --count       all login names and number of users logged on
  -r, --runlevel    print current runlevel
  -s, --short       print only name, line, and time (default)
  -t, --time        print last system clock change
  -T, -w, --mesg    add user's message status as +, - or ?
  -u, --users       list users logged in
      --message     same as -T
      --writable    same as -T
      --help        display this help and exit
      --version     output version information and exit

If FILE is not specified, use /var/run/utmp.  /var/log/wtmp as FILE is common.
If ARG1 ARG2 given, -m presumed: 'am i' or 'mom likes' are usual.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/who>
or available locally via: info '(coreutils) who invocation'
`;

const OPTIONS = [
  { short: "a", long: "all" },
  { short: "b", long: "boot" },
  { short: "d", long: "dead" },
  { short: "H", long: "heading" },
  { long: "ips" },
  { short: "l", long: "login" },
  { long: "lookup" },
  { short: "m" },
  { short: "p", long: "process" },
  { short: "q", long: "count" },
  { short: "r", long: "runlevel" },
  { short: "s", long: "short" },
  { short: "t", long: "time" },
  { short: "T", long: "mesg" },
  { short: "w", long: "message" },
  { short: "w", long: "writable" },
  { short: "u", long: "users" },
  { long: "help" },
  { long: "version" },
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/**
 * hard_locale(LC_TIME): the locale setlocale() picked from the environment is neither C nor POSIX.
 * A locale that is not installed under /usr/lib/locale leaves glibc in C.
 */
function hardTimeLocale(sys: Sys): boolean {
  const name = sys.env.LC_ALL || sys.env.LC_TIME || sys.env.LANG || "";
  if (name === "" || name === "C" || name === "POSIX") return false;
  const normalized = name.replace(/\.([^@]*)/, (_, cs: string) => `.${cs.toLowerCase().replace(/[^a-z0-9]/g, "")}`);
  for (const dir of [name, normalized]) {
    try {
      sys.stat(`/usr/lib/locale/${dir}`);
      return true;
    } catch {
      // not this spelling
    }
  }
  return false;
}

interface WhoOptions {
  boot: boolean;
  dead: boolean;
  login: boolean;
  initspawn: boolean;
  runlevel: boolean;
  clockchange: boolean;
  users: boolean;
  mesg: boolean;
  idle: boolean;
  exit: boolean;
  heading: boolean;
  myLineOnly: boolean;
  count: boolean;
  short: boolean;
  isoTime: boolean;
}

/** print_line(): the fixed columns, then trailing blanks cut. */
function line(o: WhoOptions, user: string, state: string, tty: string, time: string, idle: string, pid: string, comment: string, exit: string): string {
  const xIdle = o.idle && !o.short && idle.length < 6 ? ` ${idle.padEnd(6)}` : "";
  const xPid = !o.short && pid.length < 10 ? ` ${pid.padStart(10)}` : "";
  const xExit = o.exit ? ` ${exit.padEnd(12)}` : "";
  const text = `${user.padEnd(8)}${o.mesg ? ` ${state}` : ""} ${tty.padEnd(12)} ${time.padEnd(o.isoTime ? 16 : 12)}${xIdle}${xPid} ${comment.padEnd(8)}${xExit}`;
  return `${text.replace(/ +$/, "")}\n`;
}

function timeString(o: WhoOptions, seconds: number): string {
  const d = new Date(seconds * 1000);
  const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  if (o.isoTime) return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${hm}`;
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hm}`;
}

/** idle_string(): "  .  " under a minute, "HH:MM" under a day, " old " otherwise. */
function idleString(now: number, when: number, boottime: number): string {
  const idle = now - when;
  if (boottime < when && when <= now && idle < 86400) {
    if (idle < 60) return "  .  ";
    return `${two(Math.floor(idle / 3600))}:${two(Math.floor((idle % 3600) / 60))}`;
  }
  return " old ";
}

function userLine(sys: Sys, o: WhoOptions, r: UtmpRecord, boottime: number): string {
  const path = r.line.startsWith("/") ? r.line : `/dev/${r.line}`;
  let state = "?";
  let idle = "  ?";
  try {
    const st = sys.stat(path);
    state = st.mode & 0o020 ? "+" : "-";
    const atime = Math.floor(st.atime);
    if (atime) idle = idleString(nowSeconds(sys), atime, boottime);
  } catch {
    // an unknown terminal: '?' for both
  }
  let host = "";
  if (r.host) {
    const colon = r.host.indexOf(":");
    host = colon < 0 ? `(${r.host})` : `(${r.host.slice(0, colon)}:${r.host.slice(colon + 1)})`;
  }
  return line(o, r.user, state, r.line, timeString(o, r.time), idle, String(r.pid), host, "");
}

function entryLine(sys: Sys, o: WhoOptions, r: UtmpRecord, boottime: number): string | undefined {
  if (o.users && isUserProcess(r)) return userLine(sys, o, r, boottime);
  if (o.runlevel && r.type === UT.RUN_LVL) {
    const last = Math.floor(r.pid / 256) % 256;
    const curr = r.pid % 256;
    const printable = last >= 0x20 && last < 0x7f;
    const comment = printable ? `last=${last === 0x4e ? "S" : String.fromCharCode(last)}` : "";
    return line(o, "", " ", `run-level ${String.fromCharCode(curr)}`, timeString(o, r.time), "", "", comment, "");
  }
  if (o.boot && r.type === UT.BOOT_TIME) return line(o, "", " ", "system boot", timeString(o, r.time), "", "", "", "");
  if (o.clockchange && r.type === UT.NEW_TIME) return line(o, "", " ", "clock change", timeString(o, r.time), "", "", "", "");
  const id = `id=${r.id}`;
  if (o.initspawn && r.type === UT.INIT_PROCESS) return line(o, "", " ", r.line, timeString(o, r.time), "", String(r.pid), id, "");
  if (o.login && r.type === UT.LOGIN_PROCESS) return line(o, "LOGIN", " ", r.line, timeString(o, r.time), "", String(r.pid), id, "");
  if (o.dead && r.type === UT.DEAD_PROCESS) {
    return line(o, "", " ", r.line, timeString(o, r.time), "", String(r.pid), id, `term=${r.exitTermination} exit=${r.exitStatus}`);
  }
  return undefined;
}

/** read_utmp(READ_UTMP_CHECK_PIDS): logins whose process is gone are left out. */
function alive(sys: Sys, r: UtmpRecord): boolean {
  if (!isUserProcess(r)) return true;
  if (r.pid <= 0) return false;
  try {
    sys.kill(r.pid, 0);
    return true;
  } catch (e) {
    return !(e instanceof Error && "code" in e && e.code === "ESRCH");
  }
}

function* gnuWho(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof parseProcps>;
  const prog = gnuProgramName(sys);
  try {
    parsed = parseProcps(sys, OPTIONS);
  } catch (e) {
    if (!(e instanceof ProcpsUsage)) throw e;
    yield* sys.write(2, `${e.message.replace(/^[^:]*:/, `${prog}:`)}Try '${prog} --help' for more information.\n`);
    return 1;
  }
  const o: WhoOptions = {
    boot: false, dead: false, login: false, initspawn: false, runlevel: false, clockchange: false, users: false,
    mesg: false, idle: false, exit: false, heading: false, myLineOnly: false, count: false, short: false, isoTime: hardTimeLocale(sys),
  };
  let assumptions = true;
  for (const [opt] of parsed.opts) {
    switch (opt) {
      case "a":
        Object.assign(o, { boot: true, dead: true, login: true, initspawn: true, runlevel: true, clockchange: true, users: true, mesg: true, idle: true, exit: true });
        assumptions = false;
        break;
      case "b": o.boot = true; assumptions = false; break;
      case "d": Object.assign(o, { dead: true, idle: true, exit: true }); assumptions = false; break;
      case "H": o.heading = true; break;
      case "l": Object.assign(o, { login: true, idle: true }); assumptions = false; break;
      case "m": o.myLineOnly = true; break;
      case "p": o.initspawn = true; assumptions = false; break;
      case "q": o.count = true; break;
      case "r": Object.assign(o, { runlevel: true, idle: true }); assumptions = false; break;
      case "s": o.short = true; break;
      case "t": o.clockchange = true; assumptions = false; break;
      case "T": case "w": o.mesg = true; break;
      case "u": Object.assign(o, { users: true, idle: true }); assumptions = false; break;
      case "--help":
        yield* out(sys, HELP.replaceAll("Usage: who", `Usage: ${prog}`));
        return 0;
    }
  }
  if (assumptions) Object.assign(o, { users: true, short: true });
  if (o.exit) o.short = false;
  const operands = parsed.operands;
  if (operands.length > 2) {
    const q = unicodeLocale(sys.env) && o.isoTime ? `\xe2\x80\x98${operands[2]}\xe2\x80\x99` : `'${operands[2]}'`;
    yield* sys.write(2, `${prog}: extra operand ${q}\nTry '${prog} --help' for more information.\n`);
    return 1;
  }
  if (operands.length === 2) o.myLineOnly = true;
  const file = operands.length === 1 ? operands[0] : UTMP_FILE;
  let records = readUtmp(sys, file);
  if (operands.length !== 1) records = records.filter((r) => alive(sys, r));

  if (o.count) {
    const names = records.filter(isUserProcess).map((r) => r.user);
    yield* out(sys, `${names.join(" ")}\n# users=${names.length}\n`);
    return 0;
  }
  let myLine: string | undefined;
  if (o.myLineOnly) {
    try {
      myLine = sys.ttyname(0).replace(/^\/dev\//, "");
    } catch {
      return 0;
    }
  }
  let text = o.heading ? line(o, "NAME", " ", "LINE", "TIME", "IDLE", "PID", "COMMENT", "EXIT") : "";
  let boottime = 0;
  for (const r of records) {
    if (myLine === undefined || r.line === myLine) text += entryLine(sys, o, r, boottime) ?? "";
    if (r.type === UT.BOOT_TIME) boottime = r.time;
  }
  yield* out(sys, text);
  return 0;
}

const BUSYBOX_WHO_USAGE = "who [-aH]\n\nShow who is logged on\n\n\t-a\tShow all\n\t-H\tPrint column headers";
const BUSYBOX_W_USAGE = "w\n\nShow who is logged on";

/** busybox's who.c: one table for who and w (w always with its header). */
function* busyboxWho(sys: Sys, asW: boolean): Gen<number> {
  let all = false;
  let heading = asW;
  for (const a of sys.argv.slice(1)) {
    if (!a.startsWith("-") || a === "-") return yield* usageError(sys, asW ? BUSYBOX_W_USAGE : BUSYBOX_WHO_USAGE);
    for (const c of a.slice(1)) {
      if (c === "a" && !asW) all = true;
      else if (c === "H" && !asW) heading = true;
      else return yield* usageError(sys, asW ? BUSYBOX_W_USAGE : BUSYBOX_WHO_USAGE, `invalid option -- '${c}'`);
    }
  }
  let text = heading ? "USER\t\tTTY\t\tIDLE\tTIME\t\t HOST\n" : "";
  for (const r of readUtmp(sys)) {
    if (r.user === "" || !(all || r.type === UT.USER_PROCESS)) continue;
    const atime = ttyAtime(sys, r.line);
    let idle = "?";
    if (atime !== undefined) {
      const t = nowSeconds(sys) - atime;
      idle = t >= 0 && t < 86400 ? `${two(Math.floor(t / 3600))}:${two(Math.floor((t % 3600) / 60))}` : "old";
    }
    text += `${r.user.padEnd(15)} ${r.line.padEnd(15)} ${idle.padEnd(7)} ${ctime(r.time).slice(4, 20)} ${r.host}\n`;
  }
  yield* out(sys, text);
  return 0;
}

export const who: ProgramDef = {
  name: "who",
  *main(sys) {
    if (gnuTool(sys)) return yield* gnuWho(sys);
    return yield* busyboxWho(sys, false);
  },
};

/** busybox's w (the host's w is procps-ng's, src/programs/proctools/procps/w.ts). */
export const busyboxW: ProgramDef = {
  name: "w",
  main: (sys) => busyboxWho(sys, true),
};
