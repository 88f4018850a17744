/**
 * The per-network parts of a container's inspect (NetworkSettings.Networks.X) that the networking
 * identity flags set: IPAMConfig (--ip), Aliases (--network-alias/--alias), MacAddress
 * (--mac-address), DNSNames (docker 28's buildEndpointDNSNames), and the networks joined with
 * `docker network connect`.
 */
import type { Kernel } from "../../../kernel";
import { endpointConfigOf } from "../../../engine/networks/endpoint-config";
import { type Endpoint, type Network, networks } from "../../../engine/networks/networks";
import type { ContainerRecord } from "../../../engine/state";

/** Name, aliases, short id and hostname, each once (the first names the PTR records). */
export function dnsNames(c: ContainerRecord, aliases: string[]): string[] {
  return [...new Set([c.name, ...aliases, c.id.slice(0, 12), c.config.Hostname].filter((n) => n !== ""))];
}

/** The identity fields of the container's first network, from what `docker run` asked for. */
export function firstNetworkIdentity(c: ContainerRecord, userDefined: boolean, running: boolean, mac: string) {
  const cfg = endpointConfigOf(c);
  const aliases = cfg?.aliases ?? [];
  return {
    IPAMConfig: cfg?.ipv4 !== undefined ? { IPv4Address: cfg.ipv4 } : null,
    Aliases: aliases.length > 0 ? aliases : null,
    MacAddress: running ? mac : (cfg?.mac ?? ""),
    DNSNames: userDefined ? dnsNames(c, aliases) : null,
  };
}

/** Networks the container joined besides its first one (docker network connect), by name. */
export function connectedNetworks(k: Kernel, c: ContainerRecord, first: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of networks(k) as Network[]) {
    const e: Endpoint | undefined = n.endpoints?.[c.id];
    if (!e || n.name === first || n.id === first) continue;
    const up = c.state.Running && e.hostIface !== undefined;
    out[n.name] = {
      IPAMConfig: e.staticIp ? { IPv4Address: e.ip } : null,
      Links: e.links ?? null, // connect --link (links.ts)
      Aliases: e.aliases.length > 0 ? e.aliases : null,
      MacAddress: up ? e.mac : "",
      DriverOpts: null,
      GwPriority: 0,
      NetworkID: n.id,
      EndpointID: up ? e.endpointId : "",
      Gateway: up ? n.gateway : "",
      IPAddress: up ? e.ip : "",
      IPPrefixLen: up ? Number(n.subnet.split("/")[1]) : 0,
      IPv6Gateway: "",
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      DNSNames: dnsNames(c, e.aliases),
    };
  }
  return out;
}
