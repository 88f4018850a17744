/**
 * User-defined networks: `docker network create/rm/connect/disconnect/prune`. A bridge network gets
 * the next free 172.N.0.0/16 (N from 18) and a br-<12 hex> bridge on the host; each network keeps
 * its endpoints (container name and aliases) so that the embedded DNS can resolve them.
 */
import type { Kernel } from "../../kernel";
import { randomHex } from "../../kernel/rng";
import type { NetIface } from "../../kernel/world";
import { EngineError } from "../client";
import { emitEvent } from "../events";
import { rfc3339Nano } from "../time";
import { type ContainerRecord, engineState, type NetworkRecord } from "../state";
import { addBridge, intToIp, ipToInt, macFor, randomMac } from "./bridge";
import { refreshResolvConf } from "./resolv";
import { checkAddressFree, type EndpointRequest, endpointConfigOf, endpointSettingsError } from "./endpoint-config";
import { isFirstNetwork, leaveFirstNetwork, leftFirstNetwork, replugFirstNetwork, unplugFirstNetwork } from "./first-network";
import { NETWORK_SETUP_PREFIX } from "./start-network";

export interface Endpoint {
  containerId: string;
  /** Container name without the leading "/". */
  name: string;
  endpointId: string;
  ip: string;
  mac: string;
  /** --alias names, resolvable on this network besides the container name and short id. */
  aliases: string[];
  /**
   * The address was asked for (--ip): inspect shows it as IPAMConfig.IPv4Address. Other addresses
   * are taken when the container starts and given back when it stops ("" meanwhile).
   */
  staticIp?: boolean;
  /** The MAC was asked for (--mac-address); others follow the address. */
  macGiven?: boolean;
  /** Legacy links on this network (connect --link), as given: names its DNS answers (links.ts). */
  links?: string[];
  /** Interface inside the container and its host-side peer while the container runs. */
  iface?: string;
  hostIface?: string;
}

/** What user-defined networks keep beyond the lead's NetworkRecord. */
export type Network = NetworkRecord & {
  labels?: Record<string, string>;
  options?: Record<string, string>;
  attachable?: boolean;
  /** Endpoints by container id. */
  endpoints?: Record<string, Endpoint>;
  /** Created with --subnet (only then may containers ask for a static address). */
  userSubnet?: boolean;
  /** Created with --gateway: IPAM.Config names a gateway when it was given or the pool chose the subnet. */
  userGateway?: boolean;
  /** --ip-range: the part of the subnet addresses are taken from. */
  ipRange?: string;
  /** --aux-address name=ip: addresses the pool never gives out. */
  auxAddresses?: Record<string, string>;
};

const PREDEFINED = ["bridge", "host", "none"];

export function networks(k: Kernel): Network[] {
  return Object.values(engineState(k).networks) as Network[];
}

/** By full id, unique id prefix or name (names win, as in the daemon for exact matches). */
export function findNetwork(k: Kernel, idOrName: string): Network {
  const all = networks(k);
  const byId = all.find((n) => n.id === idOrName);
  if (byId) return byId;
  const byName = all.find((n) => n.name === idOrName);
  if (byName) return byName;
  const hits = idOrName !== "" ? all.filter((n) => n.id.startsWith(idOrName)) : [];
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new EngineError(`network ${idOrName} is ambiguous (${hits.length} matches found on name)`, 400);
  throw new EngineError(`network ${idOrName} not found`, 404);
}

export interface NetworkCreate {
  name: string;
  driver?: string;
  subnet?: string;
  gateway?: string;
  internal?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  /** Within the subnet (the client checked). */
  ipRange?: string;
  auxAddresses?: Record<string, string>;
}

function overlaps(a: string, b: string): boolean {
  const [ab, ap] = a.split("/");
  const [bb, bp] = b.split("/");
  const p = Math.min(Number(ap), Number(bp));
  const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return ((ipToInt(ab) & mask) >>> 0) === ((ipToInt(bb) & mask) >>> 0);
}

/** The default address pools: 172.17-31.0.0/16, then 192.168.N.0/20. */
function nextSubnet(k: Kernel): string {
  const used = networks(k)
    .map((n) => n.subnet)
    .filter((s) => s !== "");
  const candidates: string[] = [];
  for (let n = 17; n <= 31; n++) candidates.push(`172.${n}.0.0/16`);
  for (let n = 0; n < 256; n += 16) candidates.push(`192.168.${n}.0/20`);
  const free = candidates.find((c) => !used.some((u) => overlaps(u, c)));
  if (!free) throw new EngineError("all predefined address pools have been fully subnetted", 403);
  return free;
}

function validCidr(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

export function createNetwork(k: Kernel, req: NetworkCreate): Network {
  const driver = req.driver ?? "bridge";
  if (driver === "host" || driver === "null")
    throw new EngineError(`only one instance of "${driver === "null" ? "none" : "host"}" network is allowed`, 403);
  if (driver !== "bridge") throw new EngineError(`plugin "${driver}" not found`, 404);
  if (PREDEFINED.includes(req.name)) throw new EngineError(`operation is not permitted on predefined ${req.name} network`, 403);
  if (networks(k).some((n) => n.name === req.name)) throw new EngineError(`network with name ${req.name} already exists`, 409);
  let subnet = req.subnet;
  if (subnet !== undefined) {
    if (!validCidr(subnet)) throw new EngineError(`invalid CIDR address: ${subnet}`, 400);
    const [base, prefix] = subnet.split("/");
    const mask = Number(prefix) === 0 ? 0 : (0xffffffff << (32 - Number(prefix))) >>> 0;
    subnet = `${intToIp((ipToInt(base) & mask) >>> 0)}/${prefix}`;
    const clash = networks(k).find((n) => n.subnet !== "" && overlaps(n.subnet, subnet!));
    if (clash) throw new EngineError(`invalid pool request: Pool overlaps with other one on this address space`, 403);
  } else subnet = nextSubnet(k);
  const gateway = req.gateway ?? intToIp(ipToInt(subnet.split("/")[0]) + 1);
  if (req.gateway !== undefined && !overlaps(`${req.gateway}/32`, subnet))
    throw new EngineError(`no matching subnet for gateway ${req.gateway}`, 400);
  if (req.ipRange !== undefined && !validCidr(req.ipRange)) throw new EngineError(`invalid CIDR address: ${req.ipRange}`, 400);
  // The pool reserves each auxiliary address: the gateway's is taken already.
  for (const [name, ip] of Object.entries(req.auxAddresses ?? {}))
    if (ip === gateway) throw new EngineError(`failed to allocate secondary ip address (${name}:${ip}): Address already in use`, 403);
  const id = randomHex(k.w.rng, 32);
  const net: Network = {
    id,
    name: req.name,
    driver: "bridge",
    subnet,
    gateway,
    bridge: req.options?.["com.docker.network.bridge.name"] ?? `br-${id.slice(0, 12)}`,
    created: rfc3339Nano(k.now()),
    internal: req.internal ?? false,
    nextHost: 2,
    labels: { ...(req.labels ?? {}) },
    options: { ...(req.options ?? {}) },
    attachable: req.attachable ?? false,
    endpoints: {},
    userSubnet: req.subnet !== undefined,
    userGateway: req.gateway !== undefined,
  };
  if (req.ipRange !== undefined) net.ipRange = req.ipRange;
  if (req.auxAddresses !== undefined && Object.keys(req.auxAddresses).length > 0) net.auxAddresses = { ...req.auxAddresses };
  engineState(k).networks[id] = net;
  addBridge(k, net);
  emitEvent(k, "network", "create", id, { name: net.name, type: "bridge" });
  return net;
}

/** Endpoints of a network: recorded ones, and containers the runtime put on it directly. */
export function networkEndpoints(k: Kernel, net: Network): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const e of Object.values(net.endpoints ?? {})) out.set(e.containerId, e);
  for (const c of Object.values(engineState(k).containers)) {
    if (out.has(c.id) || !c.state.Running || c.network?.name !== net.name || c.network.ip === "") continue;
    out.set(c.id, { containerId: c.id, name: c.name, endpointId: c.network.endpointId, ip: c.network.ip, mac: c.network.mac, aliases: [], hostIface: c.network.iface });
  }
  return [...out.values()];
}

/** Endpoints of running containers: only they hold an address (and keep a network in use). */
function activeEndpoints(k: Kernel, net: Network, except?: string): Endpoint[] {
  const containers = engineState(k).containers;
  return networkEndpoints(k, net).filter((e) => e.containerId !== except && containers[e.containerId]?.state.Running && e.ip !== "");
}

export function removeNetwork(k: Kernel, idOrName: string) {
  const net = findNetwork(k, idOrName);
  if (isPredefined(net))
    throw new EngineError(`${net.name} is a pre-defined network and cannot be removed`, 403);
  const active = activeEndpoints(k, net);
  if (active.length > 0) {
    const list = active.map((e) => `name:"${e.name}" id:"${e.containerId.slice(0, 12)}"`).join(", ");
    throw new EngineError(`error while removing network: network ${net.name} has active endpoints (${list})`, 403);
  }
  const host = k.w.ns[k.w.initNs.net].net!;
  host.ifaces = host.ifaces.filter((i) => i.name !== net.bridge);
  host.routes = host.routes.filter((r) => r.dev !== net.bridge);
  delete engineState(k).networks[net.id];
  emitEvent(k, "network", "destroy", net.id, { name: net.name, type: net.driver });
}

/** The host numbers addresses are given from: the subnet's, within --ip-range (past its first address). */
function poolRange(net: Network): [number, number] {
  const base = ipToInt(net.subnet.split("/")[0]);
  const size = 2 ** (32 - Number(net.subnet.split("/")[1]));
  if (net.ipRange === undefined) return [base + 1, base + size - 2];
  const rangeBase = ipToInt(net.ipRange.split("/")[0]);
  const rangeSize = 2 ** (32 - Number(net.ipRange.split("/")[1]));
  return [Math.max(base + 1, rangeBase + 1), Math.min(base + size - 2, rangeBase + rangeSize - 1)];
}

function nextFreeIp(k: Kernel, net: Network, except?: string): string {
  const used = new Set([...activeEndpoints(k, net, except).map((e) => e.ip), ...Object.values(net.auxAddresses ?? {})]);
  const [first, last] = poolRange(net);
  for (let n = first; n <= last; n++) {
    const ip = intToIp(n);
    if (ip !== net.gateway && !used.has(ip)) return ip;
  }
  throw new EngineError(`no available IPv4 addresses on this network's address pools: ${net.name} (${net.id})`, 403);
}

function iface(p: Partial<NetIface> & Pick<NetIface, "name" | "index" | "kind" | "mac">): NetIface {
  return { mtu: 1500, up: true, addrs: [], rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0, ...p };
}

type WithEthCounter = ContainerRecord & { ethCounter?: { netns: number; next: number } };

/**
 * libnetwork names a sandbox's interfaces eth0, eth1, ... from a counter that never goes back: an
 * interface connected after another was disconnected gets the next number, not the freed one.
 */
function nextEthIndex(c: ContainerRecord, netns: number): number {
  const counter = (c as WithEthCounter).ethCounter;
  return counter?.netns === netns ? counter.next : 0;
}

/** Records that ethN of the container's network namespace was made (see nextEthIndex). */
export function usedEthIndex(c: ContainerRecord, netns: number, n: number) {
  (c as WithEthCounter).ethCounter = { netns, next: Math.max(n + 1, nextEthIndex(c, netns)) };
}

/** Brings an endpoint up in a running container's network namespace: ethN inside, a veth on the bridge. */
export function plugEndpoint(k: Kernel, c: ContainerRecord, net: Network, e: Endpoint) {
  const netnsId = k.w.procs[c.state.Pid]?.ns.net;
  if (netnsId === undefined || netnsId === k.w.initNs.net) return;
  const host = k.w.ns[k.w.initNs.net].net!;
  const inner = k.w.ns[netnsId].net!;
  const prefix = Number(net.subnet.split("/")[1]);
  let n = nextEthIndex(c, netnsId);
  while (inner.ifaces.some((i) => i.name === `eth${n}`)) n++;
  usedEthIndex(c, netnsId, n);
  const name = `eth${n}`;
  const hostName = `veth${randomHex(k.w.rng, 4).slice(0, 7)}`;
  const innerIndex = host.nextIndex++; // the peer first, as in connectContainer
  const hostIndex = host.nextIndex++;
  inner.ifaces.push(iface({ name, index: innerIndex, kind: "veth", mac: e.mac, addrs: [`${e.ip}/${prefix}`], peer: [k.w.initNs.net, hostIndex] }));
  inner.routes.push({ dst: net.subnet, dev: name, src: e.ip });
  if (!inner.routes.some((r) => r.dst === "default")) inner.routes.push({ dst: "default", via: net.gateway, dev: name });
  const bridge = host.ifaces.find((i) => i.name === net.bridge);
  if (bridge) bridge.up = true;
  const peerMac = randomMac(k);
  host.ifaces.push(iface({ name: hostName, index: hostIndex, kind: "veth", mac: peerMac, peer: [netnsId, innerIndex], master: bridge?.index }));
  e.iface = name;
  e.hostIface = hostName;
}

/** IPAM at container start: the asked-for address if no running container has it, else the lowest free one. */
function claimAddress(k: Kernel, net: Network, e: Endpoint) {
  if (e.staticIp) checkAddressFree(net, e.ip, new Set(activeEndpoints(k, net, e.containerId).map((o) => o.ip)));
  else e.ip = nextFreeIp(k, net, e.containerId);
  if (!e.macGiven) e.mac = macFor(e.ip);
}

/**
 * What a starting container's networks need before anything is made: the endpoint on its own
 * user-defined network (made at its first start) and an address on each network it is on.
 * Returns the daemon's error, if any.
 */
export function claimEndpoints(k: Kernel, c: ContainerRecord, userNet: Network | undefined): string | undefined {
  try {
    if (userNet && !userNet.endpoints?.[c.id]) connectNetwork(k, userNet, c);
    for (const n of networks(k)) if (n.endpoints?.[c.id]) claimAddress(k, n, n.endpoints[c.id]);
  } catch (e) {
    // docker 28 wraps what allocateNetwork reports at start (IPAM's "Address already in use"...).
    if (e instanceof EngineError) return `${NETWORK_SETUP_PREFIX}${e.message}`;
    throw e;
  }
  return undefined;
}

/** Takes a running container's interface on a network down (both veth ends). */
export function unplugEndpoint(k: Kernel, c: ContainerRecord, e: Endpoint) {
  const host = k.w.ns[k.w.initNs.net].net!;
  if (e.hostIface) host.ifaces = host.ifaces.filter((i) => i.name !== e.hostIface);
  const netnsId = k.w.procs[c.state.Pid]?.ns.net;
  if (c.state.Running && netnsId !== undefined && e.iface) {
    const inner = k.w.ns[netnsId].net!;
    inner.ifaces = inner.ifaces.filter((i) => i.name !== e.iface);
    inner.routes = inner.routes.filter((r) => r.dev !== e.iface);
  }
  e.iface = undefined;
  e.hostIface = undefined;
  // The address goes back to the pool (an asked-for one is asked for again at the next start).
  if (!e.staticIp) e.ip = "";
}

/**
 * `docker network connect`: records the endpoint; a running container gets its interface now.
 * Without settings of its own, the container's first network gets what `docker run` asked for.
 */
export function connectNetwork(k: Kernel, net: Network, c: ContainerRecord, opts: { aliases?: string[]; ip?: string; mac?: string; links?: string[] } = {}): Endpoint {
  if (net.driver !== "bridge") {
    if (net.name === "host") throw new EngineError("container cannot be disconnected from host network or connected to host network", 403);
    throw new EngineError("container cannot be disconnected from host network or connected to host network", 403);
  }
  const mode = c.hostConfig.NetworkMode;
  if (mode === "host") throw new EngineError(`container sharing network namespace with another container or host cannot be connected to any other network`, 403);
  if (mode === "none" && !leftFirstNetwork(c))
    throw new EngineError("container cannot be connected to multiple networks with one of the networks in private (none) mode", 403);
  const first = mode === net.name || mode === net.id;
  const given = opts.ip !== undefined || (opts.aliases ?? []).length > 0 || opts.mac !== undefined || (opts.links ?? []).length > 0;
  const req: EndpointRequest = given || !first ? { ipv4: opts.ip, aliases: opts.aliases, mac: opts.mac, links: opts.links } : (endpointConfigOf(c) ?? {});
  // The settings are checked before the endpoint is made (as the daemon does).
  const bad = endpointSettingsError(net.name, net, req);
  if (bad) throw new EngineError(bad, 400);
  net.endpoints ??= {};
  const already = networkEndpoints(k, net).some((e) => e.containerId === c.id);
  if (already) throw new EngineError(`endpoint with name ${c.name} already exists in network ${net.name}`, 403);
  // A stopped container gets its address when it starts.
  const ip = req.ipv4 ?? "";
  const e: Endpoint = { containerId: c.id, name: c.name, endpointId: randomHex(k.w.rng, 32), ip, mac: req.mac ?? "", aliases: [...(req.aliases ?? [])] };
  if (req.ipv4 !== undefined) e.staticIp = true;
  if (req.mac !== undefined) e.macGiven = true;
  if ((req.links ?? []).length > 0) e.links = [...(req.links ?? [])];
  if (c.state.Running) claimAddress(k, net, e);
  net.endpoints[c.id] = e;
  if (c.state.Running) plugEndpoint(k, c, net, e);
  if (first && leftFirstNetwork(c)) {
    replugFirstNetwork(k, c, e, net); // first-network.ts
    // The runtime keeps the default bridge's interface as the container's own, not as an endpoint
    // (a stopped container's is made at its start).
    if (net.name === "bridge") delete net.endpoints[c.id];
  }
  refreshResolvConf(k, c); // resolv.ts
  emitEvent(k, "network", "connect", net.id, { container: c.id, name: net.name, type: net.driver });
  return e;
}

export function disconnectNetwork(k: Kernel, net: Network, c: ContainerRecord, force = false) {
  const e = net.endpoints?.[c.id];
  // --network none: leaving it changes only the endpoint settings (there is no interface).
  if (!e && net.driver === "null" && isFirstNetwork(c, net) && !leftFirstNetwork(c)) {
    leaveFirstNetwork(c);
    emitEvent(k, "network", "disconnect", net.id, { container: c.id, name: net.name, type: net.driver });
    return;
  }
  // The running container's first network: its interface and published ports go (first-network.ts).
  if (c.state.Running && isFirstNetwork(c, net) && c.network?.name === net.name && c.network.ip !== "") {
    if (e) unplugEndpoint(k, c, e);
    if (e) delete net.endpoints![c.id];
    unplugFirstNetwork(k, c);
    refreshResolvConf(k, c);
    emitEvent(k, "network", "disconnect", net.id, { container: c.id, name: net.name, type: net.driver });
    return;
  }
  // A stopped container leaves its first network in its settings only: later starts skip it.
  if (!c.state.Running && isFirstNetwork(c, net) && !leftFirstNetwork(c)) {
    if (e) delete net.endpoints![c.id];
    leaveFirstNetwork(c);
    emitEvent(k, "network", "disconnect", net.id, { container: c.id, name: net.name, type: net.driver });
    return;
  }
  if (!e) {
    if (force) return;
    throw new EngineError(`container ${c.id} is not connected to network ${net.name}`, 403);
  }
  unplugEndpoint(k, c, e);
  delete net.endpoints![c.id];
  emitEvent(k, "network", "disconnect", net.id, { container: c.id, name: net.name, type: net.driver });
}

/** Names a container answers to on a network (for the embedded DNS at 127.0.0.11). */
export function resolveOnNetwork(k: Kernel, net: Network, name: string): string[] {
  const ips: string[] = [];
  for (const e of networkEndpoints(k, net)) {
    const c = engineState(k).containers[e.containerId];
    if (!c?.state.Running) continue;
    const names = [e.name, ...e.aliases, e.containerId.slice(0, 12), c.config.Hostname].map((n) => n.toLowerCase());
    if (names.includes(name)) ips.push(e.ip);
  }
  return ips;
}

/** `docker network prune`: user-defined networks without endpoints. */
export function pruneNetworks(k: Kernel, keep: (n: Network) => boolean = () => false): string[] {
  const deleted: string[] = [];
  for (const n of networks(k).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (isPredefined(n)) continue;
    if (activeEndpoints(k, n).length > 0 || keep(n)) continue;
    removeNetwork(k, n.id);
    deleted.push(n.name);
  }
  if (deleted.length > 0) emitEvent(k, "network", "prune", "", { reclaimed: "0" });
  return deleted;
}

/** bridge, host and none, made by the daemon at start (user networks always carry labels). */
export function isPredefined(n: Network): boolean {
  return PREDEFINED.includes(n.name) && n.labels === undefined;
}

/** The Engine API's Network object (docker 28, API 1.50), in its field order. */
export function networkInspect(k: Kernel, n: Network) {
  const predefined = isPredefined(n);
  // As created: what the client asked for (an automatic subnet comes with its gateway), empty fields left out.
  const ipamConfig =
    n.subnet === ""
      ? []
      : [
          {
            Subnet: n.subnet,
            ...(n.ipRange !== undefined ? { IPRange: n.ipRange } : {}),
            ...(!n.userSubnet || n.userGateway ? { Gateway: n.gateway } : {}),
            ...(n.auxAddresses !== undefined ? { AuxiliaryAddresses: { ...n.auxAddresses } } : {}),
          },
        ];
  const containers: Record<string, unknown> = {};
  if (n.driver === "bridge") {
    const prefix = n.subnet.split("/")[1];
    for (const e of networkEndpoints(k, n).sort((a, b) => (a.containerId < b.containerId ? -1 : 1))) {
      const c = engineState(k).containers[e.containerId];
      if (!c?.state.Running) continue;
      containers[e.containerId] = { Name: e.name, EndpointID: e.endpointId, MacAddress: e.mac, IPv4Address: `${e.ip}/${prefix}`, IPv6Address: "" };
    }
  }
  const options: Record<string, string> =
    n.name === "bridge" && predefined
      ? {
          "com.docker.network.bridge.default_bridge": "true",
          "com.docker.network.bridge.enable_icc": "true",
          "com.docker.network.bridge.enable_ip_masquerade": "true",
          "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
          "com.docker.network.bridge.name": "docker0",
          "com.docker.network.driver.mtu": "1500",
        }
      : { ...(n.options ?? {}) };
  return {
    Name: n.name,
    Id: n.id,
    Created: n.created,
    Scope: "local",
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: predefined ? null : {}, Config: ipamConfig },
    Internal: n.internal,
    Attachable: n.attachable ?? false,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: containers,
    Options: options,
    Labels: { ...(n.labels ?? {}) },
  };
}
