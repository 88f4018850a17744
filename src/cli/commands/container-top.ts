/**
 * docker top CONTAINER [ps OPTIONS]: the daemon runs the host's procps ps with the options
 * (default -ef) and keeps the lines of the container's processes (moby daemon/top_unix.go):
 * options are validated first, ps runs with "-q PIDS" added and, if that fails, without it; the
 * PID column is required. Host pids, as the real.
 */
import type { Gen, ProcessInfo } from "../../kernel";
import { EngineError } from "../../engine/client";
import { cgroupPath } from "../../engine/containers/rootfs";
import { TabWriter } from "../tabwriter";
import type { CommandContext } from "./lib/context";
import { PsError, type PsProcess, type PsRun, runProcps } from "../../programs/proctools/procps/ps-format";

/** validatePSArgs: a "KEY=PID..." header may only rename the pid column. */
function validatePSArgs(psArgs: string) {
  for (const m of psArgs.matchAll(/\s+(\S*)=\s*(PID\S*)/g))
    if (m[1] !== "pid") throw new EngineError(`specifying "${m[1]}=${m[2]}" is not allowed`, 400);
}

function names(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length > 2 && !out.has(Number(f[2]))) out.set(Number(f[2]), f[0]);
  }
  return out;
}

function readOr(ctx: CommandContext, path: string): string {
  try {
    return ctx.sys.readFile(path);
  } catch {
    return "";
  }
}

/** parsePSOutput's filter: the lines whose PID is the container's, overhanging fields merged into the last. */
function containerLines(run: PsRun, pids: number[]): string[][] {
  const pidIndex = run.titles.indexOf("PID");
  if (pidIndex < 0) throw new EngineError("Couldn't find PID field in ps output", 500);
  const rows: string[][] = [];
  let previousKept = false;
  const keep = (fields: string[]) => rows.push([...fields.slice(0, run.titles.length - 1), fields.slice(run.titles.length - 1).join(" ")]);
  for (const fields of run.processes) {
    const field = fields[pidIndex] ?? "";
    // Thread lines ("-" as PID) belong to the process line before them.
    if (field === "-") {
      if (previousKept) keep(fields);
      continue;
    }
    if (!/^[+-]?\d+$/.test(field)) throw new EngineError(`Unexpected pid '${field}': strconv.Atoi: parsing "${field}": invalid syntax`, 500);
    previousKept = pids.includes(Number(field));
    if (previousKept) keep(fields);
  }
  return rows;
}

export function* containerTop(ctx: CommandContext): Gen<number> {
  const psArgs = ctx.args.slice(1).join(" ") || "-ef";
  validatePSArgs(psArgs);
  const d = ctx.client();
  const c = d.container(ctx.args[0]);
  if (!c.state.Running) throw new EngineError(`container ${c.id} is not running`, 409);
  const path = cgroupPath(c);
  const users = names(readOr(ctx, "/etc/passwd"));
  const groups = names(readOr(ctx, "/etc/group"));
  const uptime = ctx.sys.uptime();
  const bootUsec = ctx.sys.now() - uptime;
  const memTotal = ctx.sys.sysinfo().memTotal;
  const live = Object.values(d.k.w.procs).filter((p) => p.state !== "Z");
  const inContainer = new Set(live.filter((p) => p.cgroup === path || p.cgroup.startsWith(`${path}/`)).map((p) => p.pid));
  // ps sees every host process (a forest hangs the container's under its shim); the container's
  // lines are kept afterwards. Zombies are left out: ps would list them "<defunct>", but simulated
  // parents do not all reap their children as the real programs do (postgres' postmaster).
  const procs: PsProcess[] = live
    .map((p) => ctx.sys.procInfo(p.pid))
    .filter((p): p is ProcessInfo => p !== null)
    .sort((a, b) => a.pid - b.pid)
    .map((p) => ({
      ...p,
      user: users.get(p.uid) ?? String(p.uid),
      group: groups.get(p.gid) ?? String(p.gid),
      uptimeUsec: uptime,
      startEpoch: Math.floor((bootUsec + p.startUsec) / 1e6),
      nowEpoch: Math.floor(ctx.sys.now() / 1e6),
      memTotal,
      environ: readOr(ctx, `/proc/${p.pid}/environ`).split("\0").filter(Boolean),
    }));
  const pids = procs.map((p) => p.pid).filter((pid) => inContainer.has(pid));
  const args = psArgs.split(" ");
  let run: PsRun;
  try {
    run = runProcps([...args, "-q", pids.join(",")], procs);
  } catch (e) {
    if (!(e instanceof PsError)) throw e;
    // Some options (f, -p...) do not go with -q: ps runs again without it.
    try {
      run = runProcps(args, procs);
    } catch (e2) {
      if (!(e2 instanceof PsError)) throw e2;
      throw new EngineError(`ps: ${e2.message}`, 500);
    }
  }
  const rows = containerLines(run, pids);
  // top.go: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0).
  const w = new TabWriter(20, 1, 3, " ");
  for (const r of [run.titles, ...rows]) w.write(`${r.join("\t")}\n`);
  yield* ctx.out(w.flush());
  return 0;
}
