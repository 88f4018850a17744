/**
 * pgrep and pkill: procps-ng 4.0.2 (Debian 12; busybox's build here has neither). The pattern is
 * an extended regular expression matched against the process name (comm) or, with -f, the whole
 * command line; the tool never matches itself.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, err, out, progName } from "../lib/io";
import { AccountNames } from "../lib/users";
import { sendSignal } from "./kill";
import { cmdlineArgs, realIds, scanProcesses } from "./procscan";
import { signum } from "./signames";

function usageText(name: string): string {
  const pgrepOnly = name === "pgrep";
  return `
Usage:
 ${name} [options] <pattern>

Options:
${
  pgrepOnly
    ? ` -d, --delimiter <string>  specify output delimiter
 -l, --list-name           list PID and process name
 -a, --list-full           list PID and full command line
 -v, --inverse             negates the matching
 -w, --lightweight         list all TID
`
    : ` -<sig>, --signal <sig>    signal to send (either number or name)
 -H, --require-handler     match only if signal handler is present
 -q, --queue <value>       integer value to be sent with the signal
 -e, --echo                display what is killed
`
} -c, --count               count of matching processes
 -f, --full                use full process name to match
 -g, --pgroup <PGID,...>   match listed process group IDs
 -G, --group <GID,...>     match real group IDs
 -i, --ignore-case         match case insensitively
 -n, --newest              select most recently started
 -o, --oldest              select least recently started
 -O, --older <seconds>     select where older than seconds
 -P, --parent <PPID,...>   match only child processes of the given parent
 -s, --session <SID,...>   match session IDs
 -t, --terminal <tty,...>  match by controlling terminal
 -u, --euid <ID,...>       match by effective IDs
 -U, --uid <ID,...>        match by real IDs
 -x, --exact               match exactly with the command name
 -F, --pidfile <file>      read PIDs from file
 -L, --logpidfile          fail if PID file is not locked
 -r, --runstates <state>   match runstates [D,S,Z,...]
 -A, --ignore-ancestors    exclude our ancestors from results
 --cgroup <grp,...>        match by cgroup v2 names
 --ns <PID>                match the processes that belong to the same
                           namespace as <pid>
 --nslist <ns,...>         list which namespaces will be considered for
                           the --ns option.
                           Available namespaces: ipc, mnt, net, pid, user, uts

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see ${name}(1).
`;
}

interface Candidate {
  pid: number;
  comm: string;
  cmdline: string;
  start: number;
  ppid: number;
  pgid: number;
  sid: number;
  euid: number;
  ruid: number;
  rgid: number;
  state: string;
}

function* usage(sys: Sys, msg: string): Gen<number> {
  yield* err(sys, `${progName(sys)}: ${msg}\n${usageText(progName(sys))}`);
  return 2;
}

function idList(text: string, names: AccountNames, kind: "user" | "group" | "num"): number[] | string {
  const out: number[] = [];
  for (const item of text.split(",")) {
    if (/^\d+$/.test(item)) out.push(Number(item));
    else if (kind === "user" && names.userByName(item)) out.push(names.userByName(item)!.id);
    else if (kind === "group" && names.groupByName(item)) out.push(names.groupByName(item)!.id);
    else return item;
  }
  return out;
}

function* pgrepMain(sys: Sys, kill: boolean): Gen<number> {
  const name = progName(sys);
  let argv = [...sys.argv];
  let signo = 15;
  // pkill -SIG: a leading signal option, as procps takes it before getopt.
  if (kill && argv[1]?.startsWith("-") && argv[1].length > 1) {
    const n = signum(argv[1].slice(1));
    if (n >= 0) {
      signo = n;
      argv = [argv[0], ...argv.slice(2)];
    }
  }
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(argv, {
      flags: kill ? "cfinoxvheVAH" : "lavwcfinoxhVA",
      withArg: kill ? "gGPstuUrOq" : "dgGPstuUrO",
      long: {
        delimiter: { short: "d", arg: true },
        "list-name": { short: "l" },
        "list-full": { short: "a" },
        inverse: { short: "v" },
        count: { short: "c" },
        full: { short: "f" },
        pgroup: { short: "g", arg: true },
        group: { short: "G", arg: true },
        "ignore-case": { short: "i" },
        newest: { short: "n" },
        oldest: { short: "o" },
        parent: { short: "P", arg: true },
        session: { short: "s", arg: true },
        terminal: { short: "t", arg: true },
        euid: { short: "u", arg: true },
        uid: { short: "U", arg: true },
        exact: { short: "x" },
        echo: { short: "e" },
        signal: { short: "signal", arg: true },
        help: { short: "h" },
        version: { short: "V" },
      },
    });
  } catch (e) {
    if (e instanceof OptError) return yield* usage(sys, e.message);
    throw e;
  }
  const f = parsed.flags;
  if (f.h) {
    yield* out(sys, usageText(name));
    return 0;
  }
  if (f.V) {
    yield* out(sys, `${name} from procps-ng 4.0.2\n`);
    return 0;
  }
  const sigArg = parsed.args.signal?.at(-1);
  if (sigArg !== undefined) {
    signo = signum(sigArg);
    if (signo < 0) {
      yield* err(sys, `${name}: Unknown signal "${sigArg}".\n`);
      return 2;
    }
  }
  if (parsed.operands.length > 1) {
    yield* err(sys, `${name}: only one pattern can be provided\nTry \`${name} --help' for more information.\n`);
    return 2;
  }
  const names = new AccountNames(sys);
  const lists: Record<string, number[]> = {};
  for (const [opt, kind, label] of [
    ["u", "user", "user name"],
    ["U", "user", "user name"],
    ["G", "group", "group name"],
    ["g", "num", "process group"],
    ["P", "num", "parent"],
    ["s", "num", "session"],
  ] as const) {
    const v = parsed.args[opt]?.at(-1);
    if (v === undefined) continue;
    const r = idList(v, names, kind);
    if (typeof r === "string") {
      yield* err(sys, `${name}: invalid ${label}: ${r}\n`);
      return 2;
    }
    lists[opt] = r;
  }
  const pattern = parsed.operands[0];
  if (pattern === undefined && Object.keys(lists).length === 0 && !f.n && !f.o) {
    yield* err(sys, `${name}: no matching criteria specified\nTry \`${name} --help' for more information.\n`);
    return 2;
  }
  let re: RegExp | null = null;
  if (pattern !== undefined) {
    try {
      const body = f.x ? `^(?:${pattern})$` : pattern;
      re = new RegExp(body, f.i ? "i" : "");
    } catch {
      yield* err(sys, `${name}: regex error: Unmatched ( or \\(\n`);
      return 2;
    }
  }
  const me = sys.getpid();
  const candidates: Candidate[] = [];
  for (const p of scanProcesses(sys)) {
    if (p.pid === me) continue;
    const { ruid, rgid } = realIds(sys, p);
    candidates.push({
      pid: p.pid,
      comm: p.comm,
      cmdline: cmdlineArgs(p.cmdline).join(" "),
      start: p.startTime,
      ppid: p.ppid,
      pgid: p.pgid,
      sid: p.sid,
      euid: p.uid,
      ruid,
      rgid,
      state: p.state[0],
    });
  }
  let matched = candidates.filter((c) => {
    let ok = true;
    if (lists.u && !lists.u.includes(c.euid)) ok = false;
    if (lists.U && !lists.U.includes(c.ruid)) ok = false;
    if (lists.G && !lists.G.includes(c.rgid)) ok = false;
    if (lists.g && !lists.g.map((g) => (g === 0 ? sys.getpgrp() : g)).includes(c.pgid)) ok = false;
    if (lists.P && !lists.P.includes(c.ppid)) ok = false;
    if (lists.s && !lists.s.map((s) => (s === 0 ? sys.getpid() : s)).includes(c.sid)) ok = false;
    if (ok && re) {
      const subject = f.f && c.cmdline !== "" ? c.cmdline : c.comm;
      ok = re.test(subject);
    }
    return f.v ? !ok : ok;
  });
  if (f.n && matched.length > 0) matched = [matched.reduce((a, b) => (b.start >= a.start ? b : a))];
  if (f.o && matched.length > 0) matched = [matched.reduce((a, b) => (b.start < a.start ? b : a))];

  if (kill) {
    let killed = 0;
    for (const c of matched) {
      try {
        sendSignal(sys, c.pid, signo);
        killed++;
        if (f.e) yield* out(sys, `${c.comm} killed (pid ${c.pid})\n`);
      } catch (e) {
        yield* err(sys, `${name}: killing pid ${c.pid} failed: ${asErrno(e).message}\n`);
      }
    }
    if (f.c) yield* out(sys, `${killed}\n`);
    return killed > 0 ? 0 : 1;
  }
  if (f.c) {
    yield* out(sys, `${matched.length}\n`);
    return matched.length > 0 ? 0 : 1;
  }
  const delim = parsed.args.d?.at(-1) ?? "\n";
  const items = matched.map((c) => (f.a ? `${c.pid} ${c.cmdline || c.comm}` : f.l ? `${c.pid} ${c.comm}` : String(c.pid)));
  if (items.length > 0) yield* out(sys, `${items.join(delim)}\n`);
  return matched.length > 0 ? 0 : 1;
}

export const pgrep: ProgramDef = { name: "pgrep", main: (sys) => pgrepMain(sys, false) };
export const pkill: ProgramDef = { name: "pkill", main: (sys) => pgrepMain(sys, true) };
