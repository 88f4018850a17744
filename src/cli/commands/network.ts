/** docker network create / ls / inspect / rm / connect / disconnect / prune. */
import { EngineError } from "../../engine/client";
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  findNetwork,
  isPredefined,
  type Network,
  networkInspect,
  networks,
  pruneNetworks,
  removeNetwork,
} from "../../engine/networks/networks";
import { formatRows } from "../format";
import { formatGoTime } from "../timefmt";
import { parseRfc3339 } from "../../engine/images/inspect";
import { CliError, type CommandHandler } from "./lib/context";
import { parseLink } from "../../engine/networks/links";
import { confirm } from "./lib/images";
import { renderInspect } from "./lib/inspect-render";
import { NETWORK_MAP_KEYS, typedNetwork } from "./lib/network-inspect-types";
import { matchLabels, parseFilters, timestampFilter } from "./lib/images-filters";

function keyValues(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf("=");
    if (i < 0) out[v] = "";
    else out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/**
 * The client's createIPAMConfig for one subnet: each --ip-range, --gateway and --aux-address must
 * lie in it (subnetMatches: the subnet contains the address, or a range's first address).
 */
function ipamOptions(subnet: string | undefined, ranges: string[], gateways: string[], aux: Record<string, string>) {
  if (ranges.length > (subnet === undefined ? 0 : 1) || gateways.length > (subnet === undefined ? 0 : 1))
    throw new CliError("every ip-range or gateway must have a corresponding subnet");
  const contains = (data: string): boolean => {
    if (subnet === undefined) return false;
    const cidr = parseCidr(subnet);
    if (cidr === null) throw new CliError(`invalid subnet: invalid CIDR address: ${subnet}`);
    const ip = data.includes("/") ? parseCidr(data)?.ip : parseIPv4(data);
    if (ip === undefined) throw new CliError(`invalid CIDR address: ${data}`);
    return ip !== null && inCidr(ip, cidr);
  };
  for (const r of ranges) {
    if (parseCidr(r) === null) throw new CliError(`invalid CIDR address: ${r}`);
    if (!contains(r)) throw new CliError(`no matching subnet for range ${r}`);
  }
  for (const g of gateways) if (!contains(g)) throw new CliError(`no matching subnet for gateway ${g}`);
  for (const ip of Object.values(aux)) if (!contains(ip)) throw new CliError(`no matching subnet for aux-address ${ip}`);
  return { ipRange: ranges[0], auxAddresses: Object.keys(aux).length > 0 ? aux : undefined };
}

function parseIPv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) return null;
  return m.slice(1).reduce((a, o) => a * 256 + Number(o), 0);
}

function parseCidr(s: string): { ip: number; base: number; prefix: number } | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(s);
  const ip = m ? parseIPv4(m[1]) : null;
  if (!m || ip === null || Number(m[2]) > 32) return null;
  const size = 2 ** (32 - Number(m[2]));
  return { ip, base: Math.floor(ip / size) * size, prefix: Number(m[2]) };
}

function inCidr(ip: number, c: { base: number; prefix: number }): boolean {
  return ip >= c.base && ip < c.base + 2 ** (32 - c.prefix);
}

export const networkCreate: CommandHandler = function* (ctx) {
  const subnets = ctx.flags.list("subnet");
  const gateways = ctx.flags.list("gateway");
  if (subnets.length > 1) throw new CliError("docker network create: more than one --subnet is not supported in this sandbox");
  const ipam = ipamOptions(subnets[0], ctx.flags.list("ip-range"), gateways, keyValues(ctx.flags.all("aux-address")));
  if (ctx.flags.bool("ipv6")) throw new CliError("docker network create: --ipv6 is not supported in this sandbox");
  const d = ctx.client();
  const net = createNetwork(d.k, {
    name: ctx.args[0],
    driver: ctx.flags.string("driver"),
    subnet: subnets[0],
    gateway: gateways[0],
    internal: ctx.flags.bool("internal"),
    attachable: ctx.flags.bool("attachable"),
    labels: keyValues(ctx.flags.all("label")),
    options: keyValues(ctx.flags.all("opt")),
    ...ipam,
  });
  yield* ctx.out(`${net.id}\n`);
  return 0;
};

function matches(n: Network, f: Map<string, string[]>): boolean {
  const any = (key: string, test: (v: string) => boolean) => !f.get(key) || f.get(key)!.some(test);
  const type = isPredefined(n) ? "builtin" : "custom";
  return (
    any("driver", (v) => n.driver === v) &&
    any("id", (v) => n.id.startsWith(v)) &&
    any("name", (v) => n.name.includes(v)) &&
    any("scope", (v) => v === "local") &&
    any("type", (v) => v === type) &&
    matchLabels(n.labels ?? {}, f.get("label"))
  );
}

export const networkLs: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const f = parseFilters(ctx.flags.all("filter"), ["driver", "id", "label", "name", "scope", "type", "dangling"]);
  for (const t of f.get("type") ?? []) if (t !== "custom" && t !== "builtin") throw new EngineError(`invalid filter: 'type'='${t}'`, 400);
  const noTrunc = ctx.flags.bool("no-trunc");
  const rows = networks(d.k)
    .filter((n) => matches(n, f))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((n) => {
      const t = parseRfc3339(n.created);
      return {
        CreatedAt: formatGoTime(t.sec, t.nsec),
        Driver: n.driver,
        ID: noTrunc ? n.id : n.id.slice(0, 12),
        IPv4: String(n.driver === "bridge"),
        IPv6: "false",
        Internal: String(n.internal),
        Labels: Object.entries(n.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(","),
        Name: n.name,
        Scope: "local",
      };
    });
  let format = ctx.flags.string("format");
  if (ctx.flags.bool("quiet")) format = "{{.ID}}";
  else if (format === "" || format === "table") format = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
  const header = { ID: "NETWORK ID", Name: "NAME", Driver: "DRIVER", Scope: "SCOPE", IPv4: "IPV4", IPv6: "IPV6", Internal: "INTERNAL", Labels: "LABELS", CreatedAt: "CREATED AT" };
  const r = formatRows(format, rows, header);
  if (!r.ok) throw new CliError(r.error);
  yield* ctx.out(r.output);
  return 0;
};

export const networkInspectCommand: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const found: Record<string, unknown>[] = [];
  const errors: string[] = [];
  for (const name of ctx.args) {
    try {
      found.push(networkInspect(d.k, findNetwork(d.k, name)));
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  // Templates run over the client's network.Inspect, then over the raw JSON (inspect-render.ts).
  const r = renderInspect(found, ctx.flags.string("format"), NETWORK_MAP_KEYS, typedNetwork);
  yield* ctx.out(r.stdout);
  const all = [...r.errors, ...errors];
  if (all.length === 0) return 0;
  // inspect.Inspect returns a StatusError whose Status is the errors: printed as they are.
  yield* ctx.err(`${all.join("\n")}\n`);
  return 1;
};

export const networkRm: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const errors: string[] = [];
  for (const name of ctx.args) {
    try {
      removeNetwork(d.k, name);
      yield* ctx.out(`${name}\n`);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      if (ctx.flags.bool("force") && e.status === 404) continue;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  if (errors.length === 0) return 0;
  // The 28.2 client then ends with its StatusError, printed as "exit status 1" (recorded).
  yield* ctx.err(`${errors.join("\n")}\nexit status 1\n`);
  return 1;
};

// biome-ignore lint/correctness/useYield: it prints nothing, but handlers are generators
export const networkConnect: CommandHandler = function* (ctx) {
  for (const flag of ["ip6", "link-local-ip", "driver-opt", "gw-priority"])
    if (ctx.flags.changed(flag)) throw new CliError(`docker network connect: --${flag} is not supported in this sandbox`);
  // opts.ValidateLink, when the flag is parsed: the value is kept as written.
  const links = ctx.flags.list("link");
  for (const v of links) {
    const r = parseLink(v);
    if ("error" in r)
      throw new CliError(
        `invalid argument ${JSON.stringify(v)} for "--link" flag: ${r.error}\n\nUsage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\nRun 'docker network connect --help' for more information`,
        125,
      );
  }
  const d = ctx.client();
  const net = findNetwork(d.k, ctx.args[0]);
  const c = d.container(ctx.args[1]);
  const ip = ctx.flags.string("ip");
  connectNetwork(d.k, net, c, { aliases: ctx.flags.list("alias"), ip: ip === "" ? undefined : ip, links });
  return 0;
};

// biome-ignore lint/correctness/useYield: it prints nothing, but handlers are generators
export const networkDisconnect: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const net = findNetwork(d.k, ctx.args[0]);
  const c = d.container(ctx.args[1]);
  disconnectNetwork(d.k, net, c, ctx.flags.bool("force"));
  return 0;
};

export const networkPrune: CommandHandler = function* (ctx) {
  const f = parseFilters(ctx.flags.all("filter"), ["label", "label!", "until"]);
  if (!ctx.flags.bool("force") && !(yield* confirm(ctx, "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?"))) return 0;
  const d = ctx.client();
  const untilValue = f.get("until")?.at(-1);
  const until = untilValue === undefined ? undefined : timestampFilter(untilValue, d.k.now() / 1e6);
  const deleted = pruneNetworks(
    d.k,
    (n) =>
      !matchLabels(n.labels ?? {}, f.get("label")) ||
      (f.get("label!") ?? []).some((l) => matchLabels(n.labels ?? {}, [l])) ||
      (until !== undefined && parseRfc3339(n.created).sec >= until),
  );
  if (deleted.length > 0) yield* ctx.out(`Deleted Networks:\n${deleted.map((n) => `${n}\n`).join("")}`);
  return 0;
};
