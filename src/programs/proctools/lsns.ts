/**
 * lsns: util-linux 2.38 (Debian 12). Reads every /proc/PID/ns/TYPE (the link's inode is the
 * namespace id), groups processes by namespace, and prints one line per namespace with its
 * lowest PID, in libsmartcols' layout: columns as wide as their widest cell, NS/NPROCS/PID
 * right-aligned, the last column unpadded, COMMAND cut to fit a terminal.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { getopt, OptError } from "../lib/getopt";
import { out } from "../lib/io";
import { AccountNames } from "../lib/users";
import { cmdlineArgs, procPids, readProcess, terminalSize } from "./procscan";
import { tryHelp, utilErr } from "./utillinux";

const TYPES = ["mnt", "net", "pid", "uts", "ipc", "user", "cgroup", "time"] as const;

interface Proc {
  pid: number;
  ppid: number;
  uid: number;
  ns: Map<string, number>;
}

interface Ns {
  id: number;
  type: string;
  procs: Proc[];
  lowest: Proc;
}

/** What the net columns need, read once: ids of peer namespaces and nsfs bind mounts. */
interface NetFacts {
  ownNet: number;
  /** netnsid of each other network namespace, as the caller's namespace numbers it. */
  nsids: Map<number, number>;
  /** Where each namespace is bind-mounted (nsfs mounts in /proc/self/mountinfo). */
  nsfs: Map<number, string[]>;
}

interface ColumnDef {
  right: boolean;
  trunc?: boolean;
  value: (ns: Ns, names: AccountNames, sys: Sys, net: NetFacts) => string;
}

function command(sys: Sys, pid: number): string {
  try {
    const args = cmdlineArgs(sys.readFile(`/proc/${pid}/cmdline`));
    if (args.length > 0) return args.join(" ").replace(/\s+$/, "");
    return sys.readFile(`/proc/${pid}/comm`).replace(/\n$/, "");
  } catch {
    return "";
  }
}

const COLUMNS: Record<string, ColumnDef> = {
  NS: { right: true, value: (ns) => String(ns.id) },
  TYPE: { right: false, value: (ns) => ns.type },
  PATH: { right: false, value: (ns) => `/proc/${ns.lowest.pid}/ns/${ns.type}` },
  NPROCS: { right: true, value: (ns) => String(ns.procs.length) },
  PID: { right: true, value: (ns) => String(ns.lowest.pid) },
  PPID: { right: true, value: (ns) => String(ns.lowest.ppid) },
  COMMAND: { right: false, trunc: true, value: (ns, _n, sys) => command(sys, ns.lowest.pid) },
  UID: { right: true, value: (ns) => String(ns.lowest.uid) },
  USER: { right: false, value: (ns, names) => names.user(ns.lowest.uid) ?? String(ns.lowest.uid) },
  NETNSID: {
    right: true,
    value: (ns, _n, _s, net) => (ns.type !== "net" ? "" : String(net.nsids.get(ns.id) ?? "unassigned")),
  },
  NSFS: { right: false, value: (ns, _n, _s, net) => (net.nsfs.get(ns.id) ?? []).join("\n") },
};

function hasLinkBeyondLo(sys: Sys, pid: number): boolean {
  try {
    return sys
      .readFile(`/proc/${pid}/net/dev`)
      .split("\n")
      .slice(2)
      .some((l) => /^\s*[^\s:]+:/.test(l) && !/^\s*lo:/.test(l));
  } catch {
    return false;
  }
}

/**
 * The kernel gives a peer namespace an id when a link (a veth's other end) first ties it to the
 * caller's: in creation order, which is also inode order. A namespace with only lo has none.
 */
function netFacts(sys: Sys, list: Ns[]): NetFacts {
  let ownNet = 0;
  try {
    ownNet = sys.stat("/proc/self/ns/net").ino;
  } catch {
    // no /proc: every namespace shows as unassigned
  }
  const nsids = new Map<number, number>();
  const ownHasVeth = sys.netInfo().ifaces.some((i) => i.kind === "veth");
  let next = 0;
  for (const ns of list) {
    if (ns.type !== "net" || ns.id === ownNet || !ownHasVeth) continue;
    if (hasLinkBeyondLo(sys, ns.lowest.pid)) nsids.set(ns.id, next++);
  }
  const nsfs = new Map<number, string[]>();
  try {
    for (const line of sys.readFile("/proc/self/mountinfo").split("\n")) {
      const f = line.split(" ");
      const dash = f.indexOf("-");
      if (dash < 0 || f[dash + 1] !== "nsfs") continue;
      const m = /\[(\d+)\]/.exec(f[3]);
      if (!m) continue;
      const id = Number(m[1]);
      nsfs.set(id, [...(nsfs.get(id) ?? []), f[4]]);
    }
  } catch {
    // no mountinfo: no paths
  }
  return { ownNet, nsids, nsfs };
}

function readProcs(sys: Sys, types: readonly string[]): Proc[] {
  const procs: Proc[] = [];
  for (const pid of procPids(sys)) {
    const p = readProcess(sys, pid, false);
    if (!p) continue;
    const ns = new Map<string, number>();
    for (const t of types) {
      try {
        ns.set(t, sys.stat(`/proc/${pid}/ns/${t}`).ino);
      } catch {
        // not permitted: the process is listed without it
      }
    }
    procs.push({ pid, ppid: p.ppid, uid: p.uid, ns });
  }
  return procs;
}

function* lsnsMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(sys.argv, {
      flags: "lnruhVJTW",
      withArg: "pot",
      long: {
        task: { short: "p", arg: true },
        output: { short: "o", arg: true },
        type: { short: "t", arg: true },
        list: { short: "l" },
        noheadings: { short: "n" },
        raw: { short: "r" },
        notruncate: { short: "u" },
        json: { short: "J" },
        help: { short: "h" },
        version: { short: "V" },
      },
    });
  } catch (e) {
    if (e instanceof OptError) return yield* tryHelp(sys, e.message);
    throw e;
  }
  const f = parsed.flags;
  if (f.V) {
    yield* out(sys, "lsns from util-linux 2.38.1\n");
    return 0;
  }
  let types: string[] = [...TYPES];
  if (parsed.args.t) {
    for (const t of parsed.args.t) {
      if (!(TYPES as readonly string[]).includes(t)) {
        yield* utilErr(sys, `unknown namespace type: ${t}`);
        return 1;
      }
    }
    types = TYPES.filter((t) => parsed.args.t!.includes(t));
  }
  let filterPid = 0;
  const pArg = parsed.args.p?.at(-1);
  if (pArg !== undefined) {
    if (!/^[+-]?\d+$/.test(pArg.trim()) || Math.abs(Number(pArg)) > 2147483647) {
      yield* utilErr(sys, `invalid PID argument: '${pArg}'`);
      return 1;
    }
    filterPid = Number(pArg);
  }
  let filterNs = 0;
  if (parsed.operands.length > 0) {
    if (filterPid) {
      yield* utilErr(sys, "--task is mutually exclusive with <namespace>");
      return 1;
    }
    if (!/^\d+$/.test(parsed.operands[0])) {
      yield* utilErr(sys, `invalid namespace argument: '${parsed.operands[0]}'`);
      return 1;
    }
    filterNs = Number(parsed.operands[0]);
  }
  // util-linux adds the net columns by default when net is the only type asked for.
  const netOnly = types.length === 1 && types[0] === "net";
  const columns = (parsed.args.o?.at(-1) ?? `NS,TYPE,NPROCS,PID,USER,${netOnly ? "NETNSID,NSFS," : ""}COMMAND`).split(",");
  for (const c of columns) {
    if (!COLUMNS[c.toUpperCase()]) {
      yield* utilErr(sys, `unknown column: ${c}`);
      return 1;
    }
  }
  const cols = columns.map((c) => c.toUpperCase());

  const procs = readProcs(sys, types);
  const byId = new Map<number, Ns>();
  for (const p of procs) {
    for (const t of types) {
      const id = p.ns.get(t);
      if (id === undefined) continue;
      let ns = byId.get(id);
      if (!ns) byId.set(id, (ns = { id, type: t, procs: [], lowest: p }));
      ns.procs.push(p);
      if (p.pid < ns.lowest.pid) ns.lowest = p;
    }
  }
  let list = [...byId.values()].sort((a, b) => a.id - b.id);
  if (filterPid) list = list.filter((ns) => ns.procs.some((p) => p.pid === filterPid));
  if (filterNs) list = list.filter((ns) => ns.id === filterNs);

  const names = new AccountNames(sys);
  const net = netFacts(sys, [...byId.values()].sort((a, b) => a.id - b.id));
  const rows = list.map((ns) => cols.map((c) => COLUMNS[c].value(ns, names, sys, net)));
  if (f.r) {
    const lines = f.n ? [] : [cols.join(" ")];
    for (const r of rows) lines.push(r.map((v) => v.replace(/[\s\\]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16)}`)).join(" "));
    if (rows.length > 0) yield* out(sys, `${lines.join("\n")}\n`);
    return 0;
  }
  const widths = cols.map((c, i) => Math.max(f.n ? 0 : c.length, ...rows.map((r) => r[i].length)));
  // On a terminal the truncatable column gives way so that lines fit.
  if (sys.isatty(1) && !f.u) {
    const width = terminalSize(sys, 1).cols;
    const total = widths.reduce((s, w) => s + w, 0) + widths.length - 1;
    const ti = cols.findIndex((c) => COLUMNS[c].trunc);
    if (total > width && ti >= 0) {
      widths[ti] = Math.max(cols[ti].length, widths[ti] - (total - width));
      for (const r of rows) r[ti] = r[ti].slice(0, widths[ti]);
    }
  }
  const format = (cells: string[]) =>
    cells
      .map((v, i) => {
        const right = COLUMNS[cols[i]].right;
        if (i === cells.length - 1) return right ? v.padStart(widths[i]) : v;
        return right ? v.padStart(widths[i]) : v.padEnd(widths[i]);
      })
      .join(" ");
  const lines = f.n ? [] : [format(cols)];
  for (const r of rows) lines.push(format(r));
  if (rows.length > 0) yield* out(sys, `${lines.join("\n")}\n`);
  return 0;
}

export const lsns: ProgramDef = { name: "lsns", main: lsnsMain };
