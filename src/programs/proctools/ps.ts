/**
 * ps: busybox 1.35 as Debian builds it (DESKTOP on, no time/etime columns). Reads /proc like
 * procps_scan; -o picks columns ("COL=HEADER" renames the last one), other POSIX flags are
 * accepted and ignored; non-option words ("ps aux") are ignored too.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { warn } from "../lib/io";
import { BufferedOut } from "../lib/stdio";
import { AccountNames } from "../lib/users";
import { formatCmdline, type ProcStatus, realIds, scanProcesses, smartUlltoa, terminalSize } from "./procscan";

const USAGE = "ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads";
const MAX_WIDTH = 2 * 1024;

interface Column {
  name: string;
  header: string;
  width: number;
  value: (p: ProcStatus, width: number, names: AccountNames) => string;
}

const num = (n: number, w: number) => String(n).padStart(w);
const userName = (names: AccountNames, uid: number) => names.user(uid) ?? String(uid);
const groupName = (names: AccountNames, gid: number) => names.group(gid) ?? String(gid);

/** The column table, in busybox's order (its "supported arguments" message lists them so). */
const SPECS: Column[] = [
  { name: "user", header: "USER", width: 8, value: (p, w, n) => userName(n, p.uid).slice(0, w) },
  { name: "group", header: "GROUP", width: 8, value: (p, w, n) => groupName(n, p.gid).slice(0, w) },
  { name: "comm", header: "COMMAND", width: 16, value: (p, w) => p.comm.slice(0, w) },
  { name: "args", header: "COMMAND", width: MAX_WIDTH, value: (p, w) => formatCmdline(p.cmdline, w + 1, p.comm) },
  { name: "pid", header: "PID", width: 5, value: (p, w) => num(p.pid, w) },
  { name: "ppid", header: "PPID", width: 5, value: (p, w) => num(p.ppid, w) },
  { name: "pgid", header: "PGID", width: 5, value: (p, w) => num(p.pgid, w) },
  { name: "nice", header: "NI", width: 5, value: (p, w) => num(p.nice, w) },
  // The real ids come from /proc/PID/status, filled in by the caller.
  { name: "rgroup", header: "RGROUP", width: 8, value: (p, w, n) => groupName(n, (p as RealIds).rgid).slice(0, w) },
  { name: "ruser", header: "RUSER", width: 8, value: (p, w, n) => userName(n, (p as RealIds).ruid).slice(0, w) },
  { name: "tty", header: "TT", width: 6, value: (p, w) => (p.ttyMajor ? `${p.ttyMajor},${p.ttyMinor}`.slice(0, w) : "?") },
  { name: "vsz", header: "VSZ", width: 4, value: (p, w) => smartUlltoa(p.vsz, 4).slice(0, w) },
  { name: "sid", header: "SID", width: 5, value: (p, w) => num(p.sid, w) },
  { name: "stat", header: "STAT", width: 4, value: (p, w) => p.state.slice(0, w) },
  { name: "rss", header: "RSS", width: 4, value: (p, w) => smartUlltoa(p.rss, 4).slice(0, w) },
];

type RealIds = ProcStatus & { ruid: number; rgid: number };

class BadColumn extends Error {}

function findSpec(name: string): Column {
  // busybox compares strncmp(name, name6, 6): the first six characters decide.
  const spec = SPECS.find((s) => name.slice(0, 6) === s.name);
  if (!spec) throw new BadColumn(name);
  return { ...spec };
}

/** parse_o(): comma-separated columns, each optionally "=HEADER" (an empty header prints none). */
function parseO(opt: string, cols: Column[]): boolean {
  let printHeader = false;
  for (const item of opt.split(",")) {
    const equal = item.indexOf("=");
    const col = findSpec(equal >= 0 ? item.slice(0, equal) : item);
    if (equal >= 0) {
      col.header = item.slice(equal + 1);
      if (col.header !== "") {
        col.width = col.header.length;
        printHeader = true;
      }
    } else printHeader = true;
    cols.push(col);
  }
  return printHeader;
}

function* psMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(sys.argv, { flags: "ZaAdeflT", withArg: "o" });
  } catch (e) {
    if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
    throw e;
  }
  const cols: Column[] = [];
  let printHeader = false;
  try {
    for (const o of parsed.args.o ?? ["pid,user,args"]) printHeader = parseO(o, cols) || printHeader;
  } catch (e) {
    if (!(e instanceof BadColumn)) throw e;
    yield* warn(sys, `bad -o argument '${e.message}', supported arguments: ${SPECS.map((s) => s.name).join(",")}`);
    return 1;
  }
  let termWidth = MAX_WIDTH;
  if (sys.isatty(1)) termWidth = Math.min(terminalSize(sys, 0).cols - 1, MAX_WIDTH);
  // Columns that start beyond the screen are dropped (alloc_line_buffer).
  let width = 0;
  for (let i = 0; i < cols.length; i++) {
    if (cols[i].header !== "") printHeader = true;
    width += cols[i].width + 1;
    if (width - termWidth > 0) {
      cols.length = i + 1;
      break;
    }
  }
  const o = new BufferedOut(sys);
  if (printHeader) {
    let line = "";
    cols.forEach((c, i) => {
      line += i === cols.length - 1 ? c.header : `${c.header.padEnd(c.width)} `;
    });
    yield* o.put(`${line.slice(0, termWidth)}\n`);
  }
  const names = new AccountNames(sys);
  const needReal = cols.some((c) => c.name === "ruser" || c.name === "rgroup");
  for (const scanned of scanProcesses(sys)) {
    const p = needReal ? { ...scanned, ...realIds(sys, scanned) } : scanned;
    let line = "";
    cols.forEach((c, i) => {
      let v = c.value(p, c.width, names);
      if (v === "") v = "-";
      line += v;
      if (i < cols.length - 1) line += " ".repeat(Math.max(0, c.width - v.length + 1));
    });
    yield* o.put(`${line.slice(0, termWidth)}\n`);
  }
  yield* o.flush();
  return 0;
}

export const ps: ProgramDef = { name: "ps", main: psMain };
