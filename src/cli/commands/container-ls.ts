/** docker ps (container ls): the container table, filters, -q, -n/-l, --format, --size. */
import type { Gen } from "../../kernel";
import { EngineError, type DockerClient } from "../../engine/client";
import type { ContainerRecord } from "../../engine/state";
import { formatRows } from "../format";
import { CliError, type CommandContext } from "./lib/context";
import { CONTAINER_HEADERS, containerContext } from "./lib/container-view";

const DEFAULT_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const ACCEPTED = ["ancestor", "before", "exited", "expose", "health", "id", "isolation", "is-task", "label", "name", "network", "publish", "since", "status", "volume"];
const STATES = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

/** --filter values by key. */
function readFilters(values: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const v of values) {
    const eq = v.indexOf("=");
    const key = v.slice(0, eq).trim().toLowerCase();
    const list = m.get(key) ?? [];
    list.push(v.slice(eq + 1));
    m.set(key, list);
  }
  return m;
}

/** The daemon's filtering of /containers/json (daemon/list.go). */
function applyFilters(d: DockerClient, list: ContainerRecord[], filters: Map<string, string[]>): ContainerRecord[] {
  for (const key of filters.keys()) if (!ACCEPTED.includes(key)) throw new EngineError(`invalid filter '${key}'`, 400);
  for (const s of filters.get("status") ?? []) if (!STATES.includes(s)) throw new EngineError(`invalid filter 'status=${s}'`, 400);
  const exited = (filters.get("exited") ?? []).map((v) => {
    if (!/^-?\d+$/.test(v)) throw new EngineError(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`, 400);
    return Number(v);
  });
  const ancestors = (filters.get("ancestor") ?? []).map((a) => d.findImage(a)?.id ?? `?${a}`);
  const refId = (key: string): ContainerRecord | undefined => {
    const v = filters.get(key)?.[0];
    if (v === undefined) return undefined;
    return d.container(v);
  };
  const before = refId("before");
  const since = refId("since");
  const any = (key: string, test: (v: string) => boolean) => {
    const vs = filters.get(key);
    return !vs || vs.some(test);
  };
  return list.filter((c) => {
    if (!any("status", (s) => s === c.state.Status)) return false;
    if (!any("name", (n) => new RegExp(n).test(`/${c.name}`))) return false;
    if (!any("id", (id) => c.id.startsWith(id))) return false;
    if (exited.length > 0 && (c.state.Running || c.state.StartedAt.startsWith("0001") || !exited.includes(c.state.ExitCode))) return false;
    if (ancestors.length > 0 && !ancestors.includes(c.imageId)) return false;
    if (!any("label", (l) => {
      const eq = l.indexOf("=");
      const labels = c.config.Labels ?? {};
      return eq < 0 ? l in labels : labels[l.slice(0, eq)] === l.slice(eq + 1);
    }))
      return false;
    if (!any("network", (n) => c.hostConfig.NetworkMode === n || (n === "bridge" && c.hostConfig.NetworkMode === "default"))) return false;
    if (!any("volume", (v) => c.mounts.some((m) => m.Name === v || m.Destination === v || m.Source === v))) return false;
    if (!any("publish", (p) => Object.values(c.hostConfig.PortBindings).flat().some((b) => p.split("/")[0] === b.HostPort))) return false;
    if (!any("expose", (p) => Object.keys(c.config.ExposedPorts ?? {}).some((e) => e === p || e === `${p}/tcp`))) return false;
    if (before && c.createdUptime >= before.createdUptime) return false;
    if (since && c.createdUptime <= since.createdUptime) return false;
    return true;
  });
}

export function* containerLs(ctx: CommandContext): Gen<number> {
  const f = ctx.flags;
  const d = ctx.client('Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/json"');
  const filters = readFilters(f.list("filter"));
  let last = f.int("last");
  if (f.bool("latest")) last = 1;
  const all = f.bool("all") || last > 0 || filters.has("status");
  // Newest first; containers created in the same instant keep their creation order, newest first.
  const order = d.containerList(true);
  const byAge = order.map((c, i) => ({ c, i })).sort((a, b) => b.c.createdUptime - a.c.createdUptime || b.i - a.i).map((x) => x.c);
  let list = applyFilters(d, byAge, filters);
  if (!all) list = list.filter((c) => c.state.Running || c.state.Restarting || c.state.Paused);
  if (last > 0) list = list.slice(0, last);
  let format = f.string("format");
  const trunc = !f.bool("no-trunc");
  if (format === "" || format === "table") format = f.bool("quiet") ? "{{.ID}}" : f.bool("size") ? `${DEFAULT_TABLE}\t{{.Size}}` : DEFAULT_TABLE;
  const size = f.bool("size") || format.includes(".Size") || format === "json" || /json \./.test(format);
  const now = { uptime: ctx.sys.uptime() };
  const rows = list.map((c) => containerContext(d, c, now, trunc, size));
  const r = formatRows(format, rows, CONTAINER_HEADERS);
  // docker ps checks its template itself, with its own wording (recorded from the 28.2 client).
  if (!r.ok) throw new CliError(`failed to ${r.stage === "parse" ? "parse" : "execute"} template: ${r.detail}`);
  yield* ctx.out(r.output);
  return 0;
}
