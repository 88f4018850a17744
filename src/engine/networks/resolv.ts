/**
 * A container's /etc/resolv.conf and /etc/hosts, as libnetwork writes them (checked against a real
 * dockerd): --dns/--dns-search/--dns-option replace the host's values; on user-defined networks
 * the embedded server 127.0.0.11 takes the nameservers' place (and forwards to them), with
 * "ndots:0" unless ndots was given; /etc/hosts gets --add-host entries, then the container's own.
 */
import type { Kernel } from "../../kernel";
import { exists, readFile, writeFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { type ContainerRecord, engineState } from "../state";
import { EMBEDDED_DNS_IP } from "./dns";
import { linkHostsLines } from "./links";

/** The HostConfig fields of the networking identity flags (Engine API names). */
export interface NetworkHostConfig {
  Dns: string[];
  DnsOptions: string[];
  DnsSearch: string[];
  /** "name:ip" as the client sends them ("host-gateway" kept as written). */
  ExtraHosts: string[] | null;
  /** --link as given ("name[:alias]"); links.ts keeps the links made of them. */
  Links?: string[] | null;
}

const IPV4_NS = /^\s*nameserver\s*((?:[0-9]{1,3}\.){3}[0-9]{1,3})\s*$/;
const ANY_NS = /^\s*nameserver\s*([0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)\s*$/;
const LOCALHOST_NS = /^\s*nameserver\s*(127\.([0-9]{1,3}\.){2}[0-9]{1,3}|::1)\s*$/;

function lines(content: string): string[] {
  return content.split("\n");
}

function nameservers(content: string, ipv4Only = false): string[] {
  const re = ipv4Only ? IPV4_NS : ANY_NS;
  return lines(content).flatMap((l) => {
    const m = re.exec(l.replace(/#.*/, ""));
    return m ? [m[1]] : [];
  });
}

/** The fields of the last line starting with `word` (resolvconf.GetSearchDomains/GetOptions). */
function lastFields(content: string, word: "search" | "options"): string[] {
  let out: string[] = [];
  for (const l of lines(content)) {
    const f = l.replace(/#.*/, "").trim().split(/\s+/);
    if (f[0] === word && f.length > 1) out = f.slice(1);
  }
  return out;
}

/** resolvconf.Build: search, nameservers, options (a search list of just "." is left out). */
function build(dns: string[], search: string[], options: string[]): string {
  let out = "";
  if (search.length > 0 && search.join(" ").trim() !== ".") out += `search ${search.join(" ")}\n`;
  for (const ns of dns) out += `nameserver ${ns}\n`;
  if (options.length > 0 && options.join(" ").trim() !== "") out += `options ${options.join(" ")}\n`;
  return out;
}

function hostResolvConf(k: Kernel): string {
  return exists(k, "/etc/resolv.conf") ? readFile(k, "/etc/resolv.conf") : "";
}

function netConfig(c: ContainerRecord): NetworkHostConfig {
  const h = c.hostConfig as Partial<NetworkHostConfig>;
  return { Dns: h.Dns ?? [], DnsOptions: h.DnsOptions ?? [], DnsSearch: h.DnsSearch ?? [], ExtraHosts: h.ExtraHosts ?? null };
}

/** The file as the default bridge gets it (and what a user network's file starts from). */
function bridgeResolvConf(k: Kernel, c: ContainerRecord): string {
  const host = hostResolvConf(k);
  const { Dns, DnsSearch, DnsOptions } = netConfig(c);
  if (Dns.length > 0 || DnsSearch.length > 0 || DnsOptions.length > 0)
    return build(
      Dns.length > 0 ? Dns : nameservers(host),
      DnsSearch.length > 0 ? DnsSearch : lastFields(host, "search"),
      DnsOptions.length > 0 ? DnsOptions : lastFields(host, "options"),
    );
  // The host's file without its loopback nameservers; Google's when none is left.
  const kept = host
    .split(/(?<=\n)/)
    .filter((l) => !LOCALHOST_NS.test(l.replace(/\n$/, "")))
    .join("");
  if (nameservers(kept).length > 0) return kept;
  return `${kept}\n${["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"].map((ip) => `nameserver ${ip}`).join("\n")}`;
}

const PREDEFINED = ["bridge", "host", "none", "default"];

/** On a user-defined network: its first, or one it was connected to (libnetwork starts the resolver then). */
function onUserNetwork(k: Kernel, c: ContainerRecord): boolean {
  if (c.network !== null && !PREDEFINED.includes(c.network.name) && !c.network.name.startsWith("container:")) return true;
  if (c.network === null || c.network.name !== "bridge") return false;
  return Object.values(engineState(k).networks).some((n) => !PREDEFINED.includes(n.name) && (n as { endpoints?: Record<string, unknown> }).endpoints?.[c.id] !== undefined);
}

/** A running container joined a user-defined network: its resolv.conf now names the embedded server. */
export function refreshResolvConf(k: Kernel, c: ContainerRecord) {
  const path = `${DOCKER_ROOT}/containers/${c.id}/resolv.conf`;
  if (c.state.Running && exists(k, path)) writeFile(k, path, resolvConf(k, c));
}

/** /etc/resolv.conf for the container. */
export function resolvConf(k: Kernel, c: ContainerRecord): string {
  const base = bridgeResolvConf(k, c);
  if (!onUserNetwork(k, c)) return base;
  const options = lastFields(base, "options");
  const ndotsSet = options.some((o) => o.includes("ndots"));
  const ipv6 = nameservers(base).filter((ns) => ns.includes(":"));
  return build([EMBEDDED_DNS_IP, ...ipv6], lastFields(base, "search"), ndotsSet ? options : [...options, "ndots:0"]);
}

/** The servers the embedded DNS forwards other names to (the IPv4 nameservers it replaced). */
export function externalServers(k: Kernel, c: ContainerRecord): string[] {
  return nameservers(bridgeResolvConf(k, c), true);
}

const HOSTS_BASE =
  "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

/** The address "host-gateway" stands for: the default bridge's gateway. */
export function hostGatewayIp(k: Kernel): string {
  const bridge = Object.values(engineState(k).networks).find((n) => n.name === "bridge");
  return bridge?.gateway ?? "172.17.0.1";
}

/** /etc/hosts for the container: the standard entries, --add-host ones, links, then its own address. */
export function hostsFile(k: Kernel, c: ContainerRecord): string {
  let out = HOSTS_BASE;
  for (const entry of netConfig(c).ExtraHosts ?? []) {
    const colon = entry.indexOf(":");
    const ip = entry.slice(colon + 1);
    out += `${ip === "host-gateway" ? hostGatewayIp(k) : ip}\t${entry.slice(0, colon)}\n`;
  }
  out += linkHostsLines(k, c);
  if (!c.network?.ip) return out;
  // The fully qualified name and, when it has a dot, its first label.
  const fqdn = c.config.Domainname ? `${c.config.Hostname}.${c.config.Domainname}` : c.config.Hostname;
  const dot = fqdn.indexOf(".");
  return `${out}${c.network.ip}\t${dot < 0 ? fqdn : `${fqdn} ${fqdn.slice(0, dot)}`}\n`;
}
