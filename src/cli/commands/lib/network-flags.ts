/**
 * The networking identity flags of docker run/create (--dns, --dns-search, --dns-option,
 * --add-host, --domainname, --ip, --network-alias, --mac-address, --link) as the 28.2 client reads them:
 * the values its flag types check and rewrite (opts.ValidateIPAddress, ValidateDNSSearch,
 * ValidateExtraHost), and the checks it makes before asking the daemon.
 */
import type { CreateRequest } from "../../../engine/client";
import type { EndpointRequest } from "../../../engine/networks/endpoint-config";
import { isUserDefinedName } from "../../../engine/networks/endpoint-config";
import { canonicalIP, parseMac } from "../../../engine/networks/ipaddr";
import { parseLink } from "../../../engine/networks/links";
import type { NetworkHostConfig } from "../../../engine/networks/resolv";
import type { FlagValues } from "../../flags";
import { CliError } from "./context";

/** A pflag Value.Set error, as the client prints it (status 125). */
function flagValueError(command: string, flag: string, value: string, message: string): CliError {
  return new CliError(
    `invalid argument ${JSON.stringify(value)} for "--${flag}" flag: ${message}\n\nUsage:  docker ${command} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker ${command} --help' for more information`,
    125,
  );
}

/** opts.ValidateIPAddress: the address in Go's canonical form. */
function ipAddress(value: string): string | undefined {
  return canonicalIP(value.trim());
}

const DOMAIN = /^((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*)\.?\s*$/;

/** opts.ValidateDNSSearch: "." or a domain (without its trailing dot). */
function dnsSearch(value: string): string | undefined {
  const v = value.replace(/^ +| +$/g, "");
  if (v === ".") return v;
  if (!/[a-zA-Z]/.test(v)) return undefined;
  const m = DOMAIN.exec(v);
  return m && m[1].length < 255 ? m[1] : undefined;
}

/** opts.ValidateExtraHost: "name:ip" or "name=ip" (ip may be bracketed, or "host-gateway"). */
function extraHost(value: string): { ok: true; value: string } | { ok: false; error: string } {
  let sep = value.indexOf("=");
  if (sep < 0) sep = value.indexOf(":");
  const name = sep < 0 ? "" : value.slice(0, sep);
  if (sep < 0 || name === "" || name.includes(":")) return { ok: false, error: `bad format for add-host: ${JSON.stringify(value)}` };
  let ip = value.slice(sep + 1);
  if (ip !== "host-gateway") {
    if (ip.length > 2 && ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
    // The address is kept as written (only checked).
    if (ipAddress(ip) === undefined) return { ok: false, error: `invalid IP address in add-host: ${JSON.stringify(ip)}` };
  }
  return { ok: true, value: `${name}:${ip}` };
}

/** The values of a list flag and of its hidden alias, when the command has that alias. */
function listWithAlias(flags: FlagValues, allFlags: readonly string[], name: string, alias: string): string[] {
  return [...flags.list(name), ...(allFlags.includes(alias) ? flags.list(alias) : [])];
}

export interface NetworkIdentity {
  host: NetworkHostConfig;
  domainname?: string;
  endpoint?: CreateRequest["endpoint"];
}

/**
 * Reads the flags. Values the flag types reject fail as flag errors; `usageError` builds the
 * client's later "docker: …" errors.
 */
export function networkIdentity(
  command: "run" | "create",
  flags: FlagValues,
  allFlags: readonly string[],
  network: string,
  usageError: (msg: string) => CliError,
): NetworkIdentity {
  const extraHosts = flags.list("add-host").map((v) => {
    const r = extraHost(v);
    if (!r.ok) throw flagValueError(command, "add-host", v, r.error);
    return r.value;
  });
  const dns = flags.list("dns").map((v) => {
    const ip = ipAddress(v);
    if (ip === undefined) throw flagValueError(command, "dns", v, `IP address is not correctly formatted: ${v}`);
    return ip;
  });
  const search = flags.list("dns-search").map((v) => {
    const d = dnsSearch(v);
    if (d === undefined) throw flagValueError(command, "dns-search", v, `${v.replace(/^ +| +$/g, "")} is not a valid domain`);
    return d;
  });
  // opts.ValidateLink: the value is kept as written.
  const links = flags.list("link").map((v) => {
    const r = parseLink(v);
    if ("error" in r) throw flagValueError(command, "link", v, r.error);
    return v;
  });
  const out: NetworkIdentity = {
    host: { Dns: dns, DnsOptions: listWithAlias(flags, allFlags, "dns-option", "dns-opt"), DnsSearch: search, ExtraHosts: extraHosts.length > 0 ? extraHosts : null },
  };
  if (links.length > 0) out.host.Links = links;
  if (flags.changed("domainname")) out.domainname = flags.string("domainname");
  const endpoint: EndpointRequest = {};
  const macText = flags.string("mac-address");
  if (macText !== "") {
    const mac = parseMac(macText.trim());
    if (mac === undefined) throw usageError(`${macText} is not a valid mac address`);
    endpoint.mac = mac;
  }
  const target = network === "" ? "default" : network;
  const aliases = listWithAlias(flags, allFlags, "network-alias", "net-alias");
  if (aliases.length > 0) {
    if (!isUserDefinedName(target)) throw usageError("network-scoped aliases are only supported for user-defined networks");
    endpoint.aliases = aliases;
  }
  if (flags.string("ip") !== "") endpoint.ipv4 = flags.string("ip");
  // The client puts the links on the first network too; the daemon keeps them there on user networks only.
  if (links.length > 0 && isUserDefinedName(target)) endpoint.links = links;
  if (Object.keys(endpoint).length > 0) out.endpoint = { network: target, ...endpoint };
  return out;
}
