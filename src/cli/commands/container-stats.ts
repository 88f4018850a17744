/**
 * docker stats: CPU, memory, network, block I/O and pids of containers, read from their cgroups
 * (two samples a second apart, as the daemon's one-shot stats); --no-stream prints once, else the
 * table is redrawn every second (cleared first on a terminal).
 */
import type { Gen } from "../../kernel";
import type { DockerClient } from "../../engine/client";
import { cgroupPath } from "../../engine/containers/rootfs";
import type { ContainerRecord } from "../../engine/state";
import { formatRows } from "../format";
import { goStruct } from "../template";
import { bytesSize, humanSizeWithPrecision } from "../units";
import { CliError, type CommandContext } from "./lib/context";

const DEFAULT_FORMAT = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
const HEADERS: Record<string, string> = {
  Container: "CONTAINER",
  ID: "CONTAINER ID",
  Name: "NAME",
  CPUPerc: "CPU %",
  MemUsage: "MEM USAGE / LIMIT",
  MemPerc: "MEM %",
  NetIO: "NET I/O",
  BlockIO: "BLOCK I/O",
  PIDs: "PIDS",
};

interface Sample {
  cpuUsec: number;
  at: number;
}

function cpuSample(d: DockerClient, c: ContainerRecord): number {
  return d.k.w.cgroups[cgroupPath(c)]?.cpuStat.usage ?? 0;
}

/** rx and tx bytes of the container's interfaces (its init's /proc/PID/net/dev, loopback left out). */
function netIO(ctx: CommandContext, c: ContainerRecord): [number, number] {
  if (!c.state.Running || c.state.Pid === 0) return [0, 0];
  try {
    let rx = 0;
    let tx = 0;
    for (const line of ctx.sys.readFile(`/proc/${c.state.Pid}/net/dev`).split("\n").slice(2)) {
      const m = /^\s*([^:]+):\s*(.*)$/.exec(line);
      if (!m || m[1] === "lo") continue;
      const f = m[2].trim().split(/\s+/).map(Number);
      rx += f[0] ?? 0;
      tx += f[8] ?? 0;
    }
    return [rx, tx];
  } catch {
    return [0, 0];
  }
}

function statsRow(ctx: CommandContext, d: DockerClient, c: ContainerRecord, name: string, before: Sample | undefined, trunc: boolean) {
  const running = c.state.Running;
  const cg = d.k.w.cgroups[cgroupPath(c)];
  const now: Sample = { cpuUsec: cpuSample(d, c), at: ctx.sys.uptime() };
  const cpu = running && before && now.at > before.at ? ((now.cpuUsec - before.cpuUsec) / (now.at - before.at)) * 100 : 0;
  const usage = running && cg ? cg.memoryCurrent : 0;
  const limit = running ? (cg?.memoryMax ?? ctx.sys.sysinfo().memTotal) : 0;
  const [rx, tx] = netIO(ctx, c);
  const pids = running && cg ? Object.values(d.k.w.procs).filter((p) => p.state !== "Z" && p.cgroup === cg.path).length : 0;
  const h3 = (n: number) => humanSizeWithPrecision(n, 3);
  return goStruct("formatter.statsContext", {
    Container: name,
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Name: c.name,
    CPUPerc: `${cpu.toFixed(2)}%`,
    MemUsage: `${bytesSize(usage)} / ${bytesSize(limit)}`,
    MemPerc: `${(limit > 0 ? (usage / limit) * 100 : 0).toFixed(2)}%`,
    NetIO: `${h3(rx)} / ${h3(tx)}`,
    BlockIO: `${h3(0)} / ${h3(0)}`,
    PIDs: String(pids),
  });
}

export function* containerStats(ctx: CommandContext): Gen<number> {
  const f = ctx.flags;
  const d = ctx.client();
  const trunc = !f.bool("no-trunc");
  const format = f.string("format") === "" || f.string("format") === "table" ? DEFAULT_FORMAT : f.string("format");
  // World records are drafts valid only until the next yield: keep ids and look them up again.
  const named = ctx.args.map((a) => ({ name: a, id: d.container(a).id }));
  const tty = ctx.sys.isatty(1);
  for (;;) {
    const targets =
      named.length > 0
        ? named
        : d.containerList(f.bool("all")).map((c) => ({ name: c.id.slice(0, 12), id: c.id }));
    const before = new Map(targets.map((t) => [t.id, { cpuUsec: cpuSample(d, d.container(t.id)), at: ctx.sys.uptime() }]));
    yield* ctx.sys.sleep(1000);
    const live = new Map(d.containerList(true).map((c) => [c.id, c]));
    const rows = targets.flatMap((t) => {
      const c = live.get(t.id);
      return c ? [statsRow(ctx, d, c, t.name, before.get(t.id), trunc)] : [];
    });
    const r = formatRows(format, rows, HEADERS);
    if (!r.ok) throw new CliError(r.error);
    yield* ctx.out(f.bool("no-stream") || !tty ? r.output : `\x1b[2J\x1b[H${r.output}`);
    if (f.bool("no-stream")) return 0;
  }
}
