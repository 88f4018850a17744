/**
 * docker top: the container's processes as the daemon lists them (ps -ef run on the host, limited
 * to the container's cgroup): UID PID PPID C STIME TTY TIME CMD, host pids.
 */
import type { Gen, ProcessInfo } from "../../kernel";
import { EngineError } from "../../engine/client";
import { cgroupPath } from "../../engine/containers/rootfs";
import { TabWriter } from "../tabwriter";
import { CliError, type CommandContext } from "./lib/context";

const HEADERS = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];

function userName(passwd: string, uid: number): string {
  const line = passwd.split("\n").find((l) => l.split(":")[2] === String(uid));
  return line ? line.split(":")[0] : String(uid);
}

function hhmm(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

function cputime(usec: number): string {
  const s = Math.floor(usec / 1e6);
  return `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export function* containerTop(ctx: CommandContext): Gen<number> {
  if (ctx.args.length > 1) throw new CliError("docker top: ps options are not supported in this sandbox");
  const d = ctx.client();
  const c = d.container(ctx.args[0]);
  if (!c.state.Running) throw new EngineError(`container ${c.id} is not running`, 409);
  const path = cgroupPath(c);
  const k = d.k;
  let passwd = "";
  try {
    passwd = ctx.sys.readFile("/etc/passwd");
  } catch {
    passwd = "";
  }
  const bootUsec = ctx.sys.now() - ctx.sys.uptime();
  const members = Object.values(k.w.procs)
    .filter((p) => p.state !== "Z" && (p.cgroup === path || p.cgroup.startsWith(`${path}/`)))
    .map((p) => ctx.sys.procInfo(p.pid))
    .filter((p): p is ProcessInfo => p !== null)
    .sort((a, b) => a.pid - b.pid);
  const now = ctx.sys.uptime();
  const rows = members.map((p) => {
    const elapsed = Math.max(1, now - p.startUsec);
    const cpu = Math.floor((p.cpuUsec * 100) / elapsed);
    return [userName(passwd, p.uid), String(p.pid), String(p.ppid), String(cpu), hhmm(bootUsec + p.startUsec), p.tty ?? "?", cputime(p.cpuUsec), p.argv.join(" ") || `[${p.comm}]`];
  });
  // top.go: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0).
  const w = new TabWriter(20, 1, 3, " ");
  for (const r of [HEADERS, ...rows]) w.write(`${r.join("\t")}\n`);
  yield* ctx.out(w.flush());
  return 0;
}
