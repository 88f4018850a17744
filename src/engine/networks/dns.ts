/**
 * Docker's embedded DNS server: 127.0.0.11:53 inside every container that sits on a user-defined
 * network. It answers container names, network aliases and short container ids with the addresses
 * on the networks the asking container shares with them, and passes other names to the host's
 * resolvers. On the default bridge nothing listens there (names do not resolve, as in Docker).
 *
 * The UDP payloads are a small text form of a DNS message, shared with the resolver of the
 * programs: a query is "A name" or "AAAA name"; a reply is an rcode line ("NOERROR", "NXDOMAIN",
 * "SERVFAIL") followed by one "A address" line per record.
 */
import type { Kernel } from "../../kernel";
import { Errno } from "../../kernel";
import { type ContainerRecord, engineState } from "../state";
import { isPredefined, type Network, networkEndpoints, networks, resolveOnNetwork } from "./networks";
import { linkAliasTarget } from "./links";
import { externalServers } from "./resolv";

export const EMBEDDED_DNS_IP = "127.0.0.11";

export type DnsType = "A" | "AAAA";
export type DnsRcode = "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED";

export interface DnsReply {
  rcode: DnsRcode;
  /** Addresses of the records of the type asked for. */
  addresses: string[];
}

export function encodeQuery(type: DnsType, name: string): string {
  return `${type} ${name}`;
}

export function decodeQuery(payload: string): { type: DnsType; name: string } | null {
  const m = /^(A|AAAA) (\S+)$/.exec(payload);
  return m ? { type: m[1] as DnsType, name: m[2] } : null;
}

export function encodeReply(r: DnsReply): string {
  return [r.rcode, ...r.addresses.map((a) => `${a.includes(":") ? "AAAA" : "A"} ${a}`)].join("\n");
}

export function decodeReply(payload: string): DnsReply {
  const [rcode, ...records] = payload.split("\n");
  const known: DnsRcode[] = ["NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED"];
  return {
    rcode: known.includes(rcode as DnsRcode) ? (rcode as DnsRcode) : "SERVFAIL",
    addresses: records.filter((l) => /^(A|AAAA) /.test(l)).map((l) => l.slice(l.indexOf(" ") + 1)),
  };
}

type WithDns = ContainerRecord & { dnsNetns?: number };

function responderKey(netns: number): string {
  return `${netns}|${EMBEDDED_DNS_IP}|53`;
}

/** User-defined networks the container is attached to. */
function userNetworksOf(k: Kernel, c: ContainerRecord): Network[] {
  return networks(k).filter((n) => n.driver === "bridge" && !isPredefined(n) && networkEndpoints(k, n).some((e) => e.containerId === c.id));
}

/** What the embedded server answers a container for `type name`. */
export function embeddedAnswer(k: Kernel, c: ContainerRecord, type: DnsType, name: string, fromPid: number): DnsReply {
  const wanted = name.replace(/\.$/, "").toLowerCase();
  const nets = userNetworksOf(k, c);
  // A --link alias first names the linked container, and on its network only that (sandbox.ResolveName).
  for (const n of nets) {
    const target = linkAliasTarget(c, n, wanted);
    const hits = target === undefined ? [] : resolveOnNetwork(k, n, target);
    if (hits.length > 0) return { rcode: "NOERROR", addresses: type === "A" ? hits : [] };
  }
  const ips: string[] = [];
  let known = false;
  for (const n of nets) {
    if (linkAliasTarget(c, n, wanted) !== undefined) continue;
    const hits = resolveOnNetwork(k, n, wanted);
    if (hits.length > 0) known = true;
    for (const ip of hits) if (!ips.includes(ip)) ips.push(ip);
  }
  // Names of containers are answered here (no IPv6 addresses: an empty answer for AAAA).
  if (known) return { rcode: "NOERROR", addresses: type === "A" ? ips : [] };
  // Other names go to the servers its resolv.conf would have had (--dns, else the host's).
  for (const server of externalServers(k, c)) {
    const upstream = k.udpResponders.get(`${k.w.initNs.net}|${server}|53`);
    if (upstream) return decodeReply(upstream(encodeQuery(type, wanted), fromPid));
  }
  return { rcode: "SERVFAIL", addresses: [] };
}

/**
 * Starts the embedded DNS in a started container's network namespace. It answers only while the
 * container is on a user-defined network; otherwise the port is closed (the reply is refused).
 */
export function registerDns(k: Kernel, c: ContainerRecord, netns: number) {
  if (netns === k.w.initNs.net) return;
  (c as WithDns).dnsNetns = netns;
  const id = c.id;
  k.udpResponders.set(responderKey(netns), (payload, fromPid) => {
    const cur = engineState(k).containers[id];
    if (!cur?.state.Running || userNetworksOf(k, cur).length === 0) throw new Errno("ECONNREFUSED");
    const q = decodeQuery(payload);
    if (!q) return encodeReply({ rcode: "SERVFAIL", addresses: [] });
    return encodeReply(embeddedAnswer(k, cur, q.type, q.name, fromPid));
  });
}

/** Stops the embedded DNS of a container whose network namespace is gone. */
export function unregisterDns(k: Kernel, c: ContainerRecord) {
  const netns = (c as WithDns).dnsNetns;
  if (netns === undefined) return;
  k.udpResponders.delete(responderKey(netns));
  delete (c as WithDns).dnsNetns;
}
