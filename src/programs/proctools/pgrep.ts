/**
 * pgrep and pkill: procps-ng 4.0.2 (Debian 12; busybox's build here has neither). The pattern is
 * an extended regular expression matched against the process name (comm) or, with -f, the whole
 * command line; the tool never matches itself.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { getopt, OptError } from "../lib/getopt";
import { posixToJs, RegexSyntaxError } from "../lib/posixregex";
import { asErrno, err, out, progName } from "../lib/io";
import { AccountNames } from "../lib/users";
import { sendSignal } from "./kill";
import { cmdlineArgs, realIds, scanProcesses } from "./procscan";
import { signalNameToNumber, takeSignalOption } from "./procps/signals";
import { ttyName } from "./procps/ps";

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

For more details see pgrep(1).
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
  /** The terminal's name as procps prints it ("pts/0"), or null. */
  tty: string | null;
  /** Seconds since it started. */
  age: number;
}

/** glibc's ERE checks the shared converter leaves out: intervals and a quantifier with nothing before it. */
function ereBraceError(pattern: string): string | null {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) return null;
      i = close;
      continue;
    }
    const prev = i === 0 ? "" : pattern[i - 1];
    if ((c === "*" || c === "+" || c === "?" || c === "{") && (prev === "" || prev === "|" || prev === "(")) {
      return "Invalid preceding regular expression";
    }
    if (c === "{") {
      const m = /^\{(\d*)(,(\d*))?(\})?/.exec(pattern.slice(i));
      if (!m || (m[1] === "" && m[2] === undefined)) return /^\{[^}]*$/.test(pattern.slice(i)) ? "Unmatched \\{" : "Invalid content of \\{\\}";
      if (!m[4]) return "Unmatched \\{";
    }
  }
  return null;
}

function* usage(sys: Sys, msg: string): Gen<number> {
  yield* err(sys, `${msg === "" ? "" : `${progName(sys)}: ${msg}\n`}${usageText(progName(sys))}`);
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

function* pgrepMain(sys: Sys, asKill: boolean): Gen<number> {
  const name = progName(sys);
  // One binary (Debian links pkill to pgrep): the name it was called by picks the mode.
  const kill = name === "pkill" ? true : name === "pgrep" ? false : asKill;
  const argv = [...sys.argv];
  let signo = 15;
  // pkill -SIG: the first "-NAME" that names a signal, wherever it stands, before getopt.
  if (kill) {
    const n = takeSignalOption(argv);
    if (n > -1) signo = n;
  }
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(argv, {
      flags: kill ? "cfinoxeVALh" : "lavwcfinoxhVAL",
      withArg: kill ? "gGPstuUrOqF" : "dgGPstuUrOF",
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
        pidfile: { short: "F", arg: true },
        logpidfile: { short: "L" },
        runstates: { short: "r", arg: true },
        older: { short: "O", arg: true },
        "ignore-ancestors": { short: "A" },
        lightweight: { short: "w" },
        queue: { short: "q", arg: true },
        ns: { short: "ns", arg: true },
        nslist: { short: "nslist", arg: true },
        cgroup: { short: "cgroup", arg: true },
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
    // An unknown name stays -1: kill(2) then fails with EINVAL for each match.
    signo = signalNameToNumber(sigArg);
    if (signo === -1 && /^\d/.test(sigArg)) signo = Number.parseInt(sigArg, 10);
  }
  if (parsed.operands.length > 1) {
    yield* err(sys, `${name}: only one pattern can be provided\nTry \`${name} --help' for more information.\n`);
    return 2;
  }
  const names = new AccountNames(sys);
  const lists: Record<string, number[]> = {};
  for (const [opt, kind, label] of [
    ["u", "user", "invalid user name"],
    ["U", "user", "invalid user name"],
    ["G", "group", "invalid group name"],
    ["g", "num", "invalid process group"],
    ["P", "num", "not a number"],
    ["s", "num", "invalid session id"],
    ["t", "str", ""],
  ] as const) {
    const v = parsed.args[opt]?.at(-1);
    if (v === undefined) continue;
    // An empty list is no list: the usage, status 2.
    if (v === "") return yield* usage(sys, "");
    if (kind === "str") continue;
    const r = idList(v, names, kind);
    if (typeof r === "string") {
      yield* err(sys, `${name}: ${label}: ${r}\n`);
      return 2;
    }
    lists[opt] = r;
  }
  const tryHelp = `Try \`${name} --help' for more information.\n`;
  if (f.L && parsed.args.F === undefined) {
    yield* err(sys, `${name}: -L without -F makes no sense\n${tryHelp}`);
    return 2;
  }
  const pidfile = parsed.args.F?.at(-1);
  if (pidfile !== undefined) {
    // read_pidfile: a number first, then the end or a blank; -L also wants a lock nobody here holds.
    let text = "";
    try {
      text = pidfile === "-" ? "" : sys.readFile(pidfile);
    } catch {
      text = "";
    }
    const m = /^\s*([+-]?\d+)(\s|$)/.exec(text.split("\n")[0] + (text.includes("\n") ? "\n" : ""));
    if (!m || f.L) {
      yield* err(sys, `${name}: pidfile not valid\n${tryHelp}`);
      return 1;
    }
    lists.F = [Number(m[1])];
  }
  const ttys = parsed.args.t?.at(-1)?.split(",");
  const runstates = parsed.args.r?.at(-1);
  const older = parsed.args.O?.at(-1);
  const nsPid = parsed.args.ns?.at(-1);
  const NS_KINDS = ["ipc", "mnt", "net", "pid", "user", "uts"];
  let nsKinds = NS_KINDS;
  const nslist = parsed.args.nslist?.at(-1);
  if (nslist !== undefined) {
    nsKinds = nslist.split(",");
    if (nsKinds.some((k) => !NS_KINDS.includes(k))) {
      yield* err(sys, `${name}: invalid namespace list\n${tryHelp}`);
      return 2;
    }
  }
  const nsOf = (pid: number): string[] | null => {
    try {
      return nsKinds.map((k) => sys.readlink(`/proc/${pid}/ns/${k}`));
    } catch {
      return null;
    }
  };
  let nsMatch: string[] | null = null;
  if (nsPid !== undefined) {
    nsMatch = /^\d+$/.test(nsPid) ? nsOf(Number(nsPid)) : null;
    if (!nsMatch) return 1;
  }
  const ancestors = new Set<number>();
  if (f.A) {
    for (let pid = sys.getppid(); pid > 0; ) {
      ancestors.add(pid);
      const st = (() => {
        try {
          return sys.readFile(`/proc/${pid}/stat`);
        } catch {
          return "";
        }
      })();
      pid = Number(st.slice(st.lastIndexOf(")") + 2).split(" ")[1] ?? 0);
    }
  }
  const pattern = parsed.operands[0];
  const criteria = Object.keys(lists).length > 0 || ttys || runstates || older || nsPid || f.A;
  if (pattern === undefined && !criteria && !f.n && !f.o) {
    yield* err(sys, `${name}: no matching criteria specified\nTry \`${name} --help' for more information.\n`);
    return 2;
  }
  let re: RegExp | null = null;
  if (pattern !== undefined) {
    try {
      const braces = ereBraceError(pattern);
      if (braces) throw new RegexSyntaxError(braces);
      const js = posixToJs(pattern, true, Boolean(f.i));
      re = new RegExp(f.x ? `^(?:${js})$` : js, f.i ? "i" : "");
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      yield* err(sys, `${name}: regex error: ${e.message}\n`);
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
      tty: p.ttyMajor === 0 ? null : ttyName((p.ttyMajor << 8) | (p.ttyMinor & 0xff) | ((p.ttyMinor & 0xfff00) << 12)),
      age: Math.floor(sys.uptime() / 1e6 - p.startTime / 100),
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
    if (lists.F && !lists.F.includes(c.pid)) ok = false;
    if (ttys && !ttys.includes(c.tty ?? "")) ok = false;
    if (runstates && !runstates.includes(c.state)) ok = false;
    if (older && c.age < Number(older)) ok = false;
    if (ancestors.has(c.pid)) ok = false;
    if (nsMatch && nsOf(c.pid)?.join() !== nsMatch.join()) ok = false;
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
