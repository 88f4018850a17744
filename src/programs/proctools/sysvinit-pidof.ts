/**
 * sysvinit-utils 3.06's pidof (killall5.c's main_pidof), Debian 12's /usr/bin/pidof. It matches a
 * name against argv[0] (whole or basename), the stat name when argv[0] is empty or has a blank or
 * starts with '-' (login shells), and with -x a script's argv[1]; an absolute path against the
 * /proc/PID/exe links. Pids come newest first (the process list is built by prepending).
 * Messages go to syslog unless stdin is a terminal.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { out } from "../lib/io";
import { procPids } from "./procscan";

const HELP = `pidof usage: [options] <program-name>

 -c           Return PIDs with the same root directory
 -d <sep>     Use the provided character as output separator
 -h           Display this help text
 -n           Avoid using stat system function on network shares
 -o <pid>     Omit results with a given PID
 -q           Quiet mode. Do not display output
 -s           Only return one PID
 -x           Return PIDs of shells running scripts with a matching name
 -z           List zombie and I/O waiting processes. May cause pidof to hang.

`;

interface Proc {
  pid: number;
  statname: string;
  argv0: string | null;
  argv0base: string | null;
  argv1: string | null;
  argv1base: string | null;
  pathname: string | null;
  root: string | null;
}

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);

function readProcs(sys: Sys, withZombies: boolean): Proc[] {
  const list: Proc[] = [];
  for (const pid of procPids(sys)) {
    let stat: string;
    let cmdline: string;
    try {
      stat = sys.readFile(`/proc/${pid}/stat`);
      cmdline = sys.readFile(`/proc/${pid}/cmdline`);
    } catch {
      continue;
    }
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    if (open < 0 || close < 0) continue;
    const state = stat.slice(close + 2).split(" ")[0];
    if (!withZombies && state.includes("Z")) continue;
    const args = cmdline.split("\0");
    const argv0 = args[0] ? args[0] : null;
    // argv[1]: the first later argument that is not an option (an empty one ends the search).
    let argv1: string | null = null;
    for (const a of args.slice(1)) {
      if (a === "" || !a.startsWith("-")) {
        argv1 = a || null;
        break;
      }
    }
    let pathname: string | null = null;
    let root: string | null = null;
    try {
      pathname = sys.readlink(`/proc/${pid}/exe`);
    } catch {
      pathname = null;
    }
    try {
      root = sys.readlink(`/proc/${pid}/root`);
    } catch {
      root = null;
    }
    list.unshift({
      pid,
      statname: stat.slice(open + 1, close),
      argv0,
      argv0base: argv0 === null ? null : base(argv0),
      argv1,
      argv1base: argv1 === null ? null : base(argv1),
      pathname,
      root,
    });
  }
  return list;
}

function matches(sys: Sys, procs: Proc[], prog: string, scriptsToo: boolean): Proc[] {
  const s = base(prog);
  if (s === "") return [];
  const found: Proc[] = [];
  if (prog.startsWith("/")) {
    let real: string | null = null;
    try {
      real = sys.realpath(prog);
    } catch {
      real = null;
    }
    if (real !== null) for (const p of procs) if (p.pathname === real) found.push(p);
    if (found.length > 0) return found;
  }
  const root = sys.geteuid() === 0;
  for (const p of procs) {
    if (prog.startsWith("/")) {
      if (p.pathname === null) {
        if (root) continue;
      } else if (p.pathname === prog || p.pathname === `${prog} (deleted)`) {
        found.push(p);
        continue;
      } else if (!scriptsToo) continue;
    }
    let ok =
      (p.argv0 !== null && p.argv0 === prog) ||
      (p.argv0 !== null && s !== prog && p.argv0 === s) ||
      (p.argv0base !== null && p.argv0base === prog);
    if (scriptsToo && p.argv1base !== null && p.statname.slice(0, 15) === p.argv1base.slice(0, 15)) {
      ok ||= p.argv1 === prog || (s !== prog && p.argv1 === s) || p.argv1base === prog;
    }
    if (s.length <= 15 && (p.argv0 === null || p.argv0.includes(" "))) ok ||= p.statname === s;
    if (s.length <= 15 && p.argv1 === null && p.argv0?.startsWith("-")) ok ||= p.statname === s;
    if (ok) found.push(p);
  }
  return found;
}

export const sysvinitPidof: ProgramDef = {
  name: "sysvinit:pidof",
  *main(sys) {
    const argv = sys.argv;
    const complain = function* (msg: string): Gen<void> {
      if (sys.isatty(0)) yield* sys.write(2, `pidof: ${msg}\n`);
    };
    let single = false;
    let quiet = false;
    let scriptsToo = false;
    let zombies = false;
    let chrootCheck = false;
    let sep = " ";
    const omit = new Set<number>();
    let i = 1;
    // getopt("qhco:d:sxzn") with opterr = 0, stopping at the first operand (POSIXLY_CORRECT is not
    // needed: glibc permutes, so options after names count too).
    const operands: string[] = [];
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--") {
        operands.push(...argv.slice(i + 1));
        break;
      }
      if (!a.startsWith("-") || a === "-") {
        operands.push(a);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "o" || c === "d") {
          const arg = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (arg === undefined) {
            yield* complain("invalid options on command line!\n");
            return 1;
          }
          if (c === "d") sep = arg.slice(0, 1);
          else {
            for (const token of arg.split(/[,;:]/)) {
              const opid = token === "%PPID" ? sys.getppid() : Number.parseInt(token, 10) || 0;
              if (opid < 1) yield* complain(`illegal omit pid value (${token})!\n`);
              else omit.add(opid);
            }
          }
          break;
        }
        if (c === "h") {
          yield* out(sys, HELP);
          return 0;
        }
        if (c === "q") quiet = true;
        else if (c === "s") single = true;
        else if (c === "x") scriptsToo = true;
        else if (c === "z") zombies = true;
        else if (c === "c") chrootCheck = sys.geteuid() === 0;
        else if (c !== "n") {
          yield* complain("invalid options on command line!\n");
          return 1;
        }
      }
    }
    const procs = readProcs(sys, zombies);
    const myRoot = chrootCheck ? procs.find((p) => p.pid === sys.getpid())?.root : undefined;
    const pids: number[] = [];
    for (const name of operands) {
      let first = true;
      for (const p of matches(sys, procs, name, scriptsToo)) {
        if (omit.has(p.pid)) continue;
        if (single && !first) continue;
        first = false;
        if (chrootCheck && p.root !== myRoot) continue;
        pids.push(p.pid);
      }
    }
    if (pids.length === 0) return 1;
    if (!quiet) yield* out(sys, `${pids.join(sep)}\n`);
    return 0;
  },
};
