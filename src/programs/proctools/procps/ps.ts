/**
 * procps-ng's ps on the host: reads every /proc/PID (stat, status, cmdline, environ) as
 * readproc does, then prints with the shared implementation (ps-format.ts, also behind docker top).
 * Output to a terminal is cut at its width; to a pipe or file, lines are whole.
 */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { err, out } from "../../lib/io";
import { AccountNames } from "../../lib/users";
import { procPids } from "../procscan";
import { procpsLines, PsError, type PsProcess } from "./ps-format";

const TICKS = 100;

function read(sys: Sys, path: string): string {
  try {
    return sys.readFile(path);
  } catch {
    return "";
  }
}

/** The terminal a stat tty_nr names, as procps's dev-to-tty prints it. */
export function ttyName(ttyNr: number): string | null {
  if (ttyNr === 0) return null;
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return `tty${minor}`;
  if (major === 5 && minor === 1) return "console";
  return "?";
}

/** Fields of /proc/PID/stat after the command name, and the name. */
function statFields(text: string): { comm: string; f: string[] } | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < 0) return null;
  return { comm: text.slice(open + 1, close), f: text.slice(close + 2).trim().split(" ") };
}

/** Every process /proc shows, as ps-format wants them. */
export function readProcesses(sys: Sys, names: AccountNames): PsProcess[] {
  const uptime = sys.uptime();
  const now = sys.now();
  const bootUsec = now - uptime;
  const memTotal = sys.sysinfo().memTotal;
  const procs: PsProcess[] = [];
  for (const pid of procPids(sys)) {
    const st = statFields(read(sys, `/proc/${pid}/stat`));
    if (!st) continue;
    const status = read(sys, `/proc/${pid}/status`);
    const uid = Number(/^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const gid = Number(/^Gid:\s+\d+\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const f = st.f;
    const cmdline = read(sys, `/proc/${pid}/cmdline`);
    const startUsec = (Number(f[19]) * 1e6) / TICKS;
    procs.push({
      pid,
      ppid: Number(f[1]),
      pgid: Number(f[2]),
      sid: Number(f[3]),
      tty: ttyName(Number(f[4])),
      tpgid: Number(f[5]),
      uid,
      gid,
      comm: st.comm,
      argv: cmdline === "" ? [] : cmdline.replace(/\0$/, "").split("\0"),
      state: f[0] as PsProcess["state"],
      cpuUsec: ((Number(f[11]) + Number(f[12])) * 1e6) / TICKS,
      nice: Number(f[16]),
      threads: Number(f[17]) || 1,
      startUsec,
      vsz: Number(f[20]),
      rss: Number(f[21]) * 4096,
      user: names.user(uid) ?? String(uid),
      group: names.group(gid) ?? String(gid),
      uptimeUsec: uptime,
      startEpoch: Math.floor((bootUsec + startUsec) / 1e6),
      nowEpoch: Math.floor(now / 1e6),
      memTotal,
      environ: read(sys, `/proc/${pid}/environ`).split("\0").filter(Boolean),
    });
  }
  return procs;
}

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

function* psMain(sys: Sys): Gen<number> {
  const args = sys.argv.slice(1);
  if (args[0] === "-V" || args[0] === "V" || args[0] === "--version") {
    yield* out(sys, "ps from procps-ng 4.0.2\n");
    return 0;
  }
  const self = statFields(read(sys, "/proc/self/stat"));
  const pidMax = read(sys, "/proc/sys/kernel/pid_max").trim();
  const ctx = {
    euid: sys.geteuid(),
    tty: self ? ttyName(Number(self.f[4])) : null,
    pidWidth: Math.max(5, pidMax.length),
    cols: sys.isatty(1) ? sys.winsize(1).cols : undefined,
  };
  let lines: string[];
  try {
    lines = procpsLines(args, readProcesses(sys, new AccountNames(sys)), ctx);
  } catch (e) {
    if (!(e instanceof PsError)) throw e;
    yield* err(sys, `${e.message}\n${USAGE}`);
    return 1;
  }
  yield* out(sys, lines.map((l) => `${l}\n`).join(""));
  return 0;
}

export const procpsPs: ProgramDef = { name: "procps:ps", rss: 3 * 1024 * 1024, main: psMain };
