/**
 * Name resolution as glibc's getaddrinfo does it for the tools: an address literal as is, then
 * /etc/hosts, then each nameserver of /etc/resolv.conf (UDP port 53, 5 s timeout, 2 attempts).
 */
import type { Gen, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import { type DnsReply, type DnsType, decodeReply, encodeQuery } from "../../../engine/networks/dns";

export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

function readOr(sys: Sys, path: string): string {
  try {
    return sys.readFile(path);
  } catch (e) {
    if (e instanceof Errno) return "";
    throw e;
  }
}

/** IPv4 addresses /etc/hosts gives for a name (case-insensitive), in file order. */
export function hostsLookup(sys: Sys, name: string): string[] {
  const found: string[] = [];
  const wanted = name.toLowerCase();
  for (const raw of readOr(sys, "/etc/hosts").split("\n")) {
    const [addr, ...names] = raw.replace(/#.*/, "").trim().split(/\s+/);
    if (!addr || !isIPv4(addr)) continue;
    if (names.some((n) => n.toLowerCase() === wanted) && !found.includes(addr)) found.push(addr);
  }
  return found;
}

/** The nameservers of /etc/resolv.conf (glibc uses 127.0.0.1 when there are none). */
export function nameservers(sys: Sys): string[] {
  const out: string[] = [];
  for (const line of readOr(sys, "/etc/resolv.conf").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f[0] === "nameserver" && f[1] && isIPv4(f[1])) out.push(f[1]);
  }
  return out.length > 0 ? out.slice(0, 3) : ["127.0.0.1"];
}

export type QueryResult = DnsReply | "timeout" | "refused";

/** One DNS query to one server (a single attempt). */
export function* dnsQuery(sys: Sys, server: string, port: number, type: DnsType, name: string): Gen<QueryResult> {
  try {
    return decodeReply(yield* sys.udpQuery(server, port, encodeQuery(type, name)));
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    if (e.code === "ECONNREFUSED") return "refused";
    return "timeout";
  }
}

export type Resolution = { ok: true; addrs: string[] } | { ok: false; error: "notfound" | "again" };

/** getaddrinfo(name) for IPv4. */
export function* resolveHost(sys: Sys, name: string): Gen<Resolution> {
  if (isIPv4(name)) return { ok: true, addrs: [name] };
  const local = hostsLookup(sys, name);
  if (local.length > 0) return { ok: true, addrs: local };
  if (name === "" || name.length > 253) return { ok: false, error: "notfound" };
  for (let attempt = 0; attempt < 2; attempt++) {
    for (const server of nameservers(sys)) {
      const r = yield* dnsQuery(sys, server, 53, "A", name.replace(/\.$/, ""));
      if (r === "timeout" || r === "refused") continue;
      if (r.rcode === "NOERROR" && r.addresses.length > 0) return { ok: true, addrs: r.addresses };
      if (r.rcode === "NXDOMAIN" || r.rcode === "NOERROR") return { ok: false, error: "notfound" };
    }
  }
  // No server answered, or each failed (SERVFAIL): EAI_AGAIN.
  return { ok: false, error: "again" };
}
