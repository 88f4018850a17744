/**
 * Endpoint settings a container asks for on a network (docker run --ip/--network-alias/
 * --mac-address, docker network connect --ip/--alias), and the daemon's checks of them with
 * docker 28's wording (daemon/container_operations.go validateEndpointSettings).
 */
import { EngineError } from "../client";
import type { ContainerRecord } from "../state";
import { intToIp, ipToInt } from "./bridge";
import { parseIPv4 } from "./ipaddr";
import type { Network } from "./networks";

export interface EndpointRequest {
  /** --ip: a static IPv4 address. */
  ipv4?: string;
  /** --network-alias / --alias. */
  aliases?: string[];
  /** --mac-address, in lower-case colon form. */
  mac?: string;
  /** --link on a user-defined network: names the container's DNS resolves (links.ts). */
  links?: string[];
}

type WithEndpointConfig = ContainerRecord & { endpointConfig?: EndpointRequest };

/** What `docker run` asked for on the container's first network. */
export function endpointConfigOf(c: ContainerRecord): EndpointRequest | undefined {
  return (c as WithEndpointConfig).endpointConfig;
}

/** NetworkMode.IsUserDefined: not default, bridge, host, none or container:<id>. */
export function isUserDefinedName(name: string): boolean {
  return !["default", "bridge", "host", "none"].includes(name) && !name.startsWith("container:");
}

function inSubnet(ip: string, subnet: string): boolean {
  const [base, prefix] = subnet.split("/");
  const p = Number(prefix);
  const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

/** The checks of validateEndpointSettings, or undefined when the settings are fine. */
export function endpointSettingsError(name: string, nw: Network | undefined, req: EndpointRequest): string | undefined {
  const errs: string[] = [];
  if (!isUserDefinedName(name)) {
    if (req.ipv4 !== undefined) errs.push("user specified IP address is supported on user defined networks only");
    if ((req.aliases ?? []).length > 0) errs.push("network-scoped alias is supported only for containers in user defined networks");
  }
  const valid = req.ipv4 === undefined || (parseIPv4(req.ipv4) !== undefined && req.ipv4 !== "0.0.0.0");
  if (!valid) errs.push(`invalid IPv4 address: ${req.ipv4}`);
  // The predefined bridge's pool is docker0's own (fixed) subnet; only user networks are checked here.
  if (nw && req.ipv4 !== undefined && isUserDefinedName(name)) {
    const staticSubnet = (nw as Network & { userSubnet?: boolean }).userSubnet === true;
    if (!staticSubnet) errs.push("user specified IP address is supported only when connecting to networks with user configured subnets");
    else if (!valid || !inSubnet(req.ipv4, nw.subnet)) errs.push(`no configured subnet or ip-range contain the IP address ${req.ipv4}`);
  }
  if (errs.length === 0) return undefined;
  // moby's multierror: one error as is, several as a bulleted list.
  return `invalid endpoint settings:\n${errs.length === 1 ? errs[0] : errs.map((e) => `* ${e}`).join("\n")}`;
}

/**
 * docker create's check of its networking config (validateNetworkingConfig); the settings are
 * then kept with the container for its first start. `network` is the name the client used
 * ("default" without --network).
 */
export function setEndpointConfig(c: ContainerRecord, network: string, nw: Network | undefined, req: EndpointRequest) {
  const err = endpointSettingsError(network, nw, req);
  if (err) throw new EngineError(`invalid config for network ${network}: ${err}`, 400);
  const stored: EndpointRequest = {};
  if (req.ipv4 !== undefined) stored.ipv4 = req.ipv4;
  if ((req.aliases ?? []).length > 0) stored.aliases = [...(req.aliases ?? [])];
  if (req.mac !== undefined) stored.mac = req.mac;
  if ((req.links ?? []).length > 0) stored.links = [...(req.links ?? [])];
  (c as WithEndpointConfig).endpointConfig = stored;
}

/** Whether a static address can be had on a network (IPAM's RequestAddress). */
export function checkAddressFree(nw: Network, ip: string, used: Set<string>) {
  const [base, prefix] = nw.subnet.split("/");
  const first = ipToInt(base);
  const last = first + 2 ** (32 - Number(prefix)) - 1;
  // The network and broadcast addresses and the gateway are taken as well.
  const taken = [intToIp(first), intToIp(last), nw.gateway];
  if (used.has(ip) || taken.includes(ip)) throw new EngineError("Address already in use", 403);
}
