/**
 * Published ports (`-p 8080:80`, `-P`): the userland proxy dockerd starts per mapping, a
 * `docker-proxy` process on the host that listens on the host port and relays each connection to
 * the container, and the records the NAT rules (iptables.ts) and `docker port` are made from.
 * Also the parser of `-p` specs with the client's messages (go-connections nat.ParsePortSpec).
 */
import type { Gen, Main, Sys } from "../../kernel";
import { Errno, type Kernel } from "../../kernel";
import { cgroupCreate, cgroupMigrate } from "../../kernel/cgroup/cgroups";
import { closeFd, installFd } from "../../kernel/io/files";
import { listen } from "../../kernel/net/sockets";
import { forkProcess, reap } from "../../kernel/proc/process";
import { sendSignal } from "../../kernel/proc/signal";
import { randomHex } from "../../kernel/rng";
import { StartError } from "../containers/runtime";
import { type ContainerRecord, type EngineState, engineState } from "../state";
import { registerDns, unregisterDns } from "./dns";
import { updateParentsHosts } from "./links";
import { NETWORK_SETUP_PREFIX } from "./start-network";

export const DOCKER_PROXY = "/usr/sbin/docker-proxy"; // Debian's docker.io
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

export type PortProto = "tcp" | "udp" | "sctp";

/** One container port and where it is to be published, as `-p` describes it. */
export interface PortMapping {
  /** "80/tcp", the key of ExposedPorts and PortBindings. */
  port: string;
  binding: { HostIp: string; HostPort: string };
}

export class PortSpecError extends Error {}

/** strconv.ParseUint(s, 10, 16) */
function parseUint16(s: string): number | null {
  if (!/^[0-9]+$/.test(s)) return null;
  const n = Number(s);
  return n <= 65535 ? n : null;
}

/** nat.ParsePortRange: "80" or "8000-8010". */
function parsePortRange(s: string): [number, number] | null {
  if (s === "") return null;
  if (!s.includes("-")) {
    const n = parseUint16(s);
    return n === null ? null : [n, n];
  }
  const parts = s.split("-");
  const start = parseUint16(parts[0]);
  const end = parseUint16(parts[1]);
  if (start === null || end === null || end < start) return null;
  return [start, end];
}

function looksLikeIp(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255 && !/^0\d/.test(o));
  return /^[0-9a-fA-F:.]+$/.test(s) && s.includes(":");
}

/** nat.ParsePortSpec: "[ip:][hostPort:]containerPort[/proto]", with ranges. */
export function parsePortSpec(raw: string): PortMapping[] {
  const parts = raw.split(":");
  const n = parts.length;
  let ip = n >= 3 ? parts.slice(0, n - 2).join(":") : "";
  const hostPort = n >= 2 ? parts[n - 2] : "";
  const rawContainer = parts[n - 1];
  const slash = rawContainer.split("/");
  let proto = "";
  let containerPort = "";
  if (rawContainer !== "" && slash[0] !== "") {
    proto = slash.length === 1 || slash[1] === "" ? "tcp" : slash[1];
    containerPort = slash[0];
  }
  if (ip.startsWith("[")) {
    if (!ip.endsWith("]")) throw new PortSpecError(`invalid IP address ${ip}: address ${ip}:: missing ']' in address`);
    ip = ip.slice(1, -1);
  }
  if (ip !== "" && !looksLikeIp(ip)) throw new PortSpecError(`invalid IP address: ${ip}`);
  if (containerPort === "") throw new PortSpecError(`no port specified: ${raw}<empty>`);
  const cRange = parsePortRange(containerPort);
  if (!cRange) throw new PortSpecError(`invalid containerPort: ${containerPort}`);
  let hRange: [number, number] = [0, 0];
  if (hostPort !== "") {
    const r = parsePortRange(hostPort);
    if (!r) throw new PortSpecError(`invalid hostPort: ${hostPort}`);
    hRange = r;
  }
  const [cs, ce] = cRange;
  const [hs, he] = hRange;
  if (hostPort !== "" && ce - cs !== he - hs && ce !== cs)
    throw new PortSpecError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  if (!["tcp", "udp", "sctp"].includes(proto.toLowerCase())) throw new PortSpecError(`invalid proto: ${proto}`);
  const out: PortMapping[] = [];
  for (let i = 0; i <= ce - cs; i++) {
    let host = hostPort === "" ? "" : String(hs + i);
    if (cs === ce && hs !== he) host = `${host}-${he}`;
    out.push({ port: `${cs + i}/${proto.toLowerCase()}`, binding: { HostIp: ip, HostPort: host } });
  }
  return out;
}

/** A mapping in effect while its container runs. */
export interface PublishedPort {
  containerId: string;
  proto: PortProto;
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  /** The bridge the container's address is on (docker0, br-…). */
  bridge: string;
  /** Host pid of its docker-proxy. */
  proxyPid: number;
}

type PortsState = EngineState & { published?: PublishedPort[]; nextEphemeral?: number };

/** Every published port, in the order they were published (the order of the NAT rules). */
export function publishedPorts(k: Kernel): PublishedPort[] {
  const st = engineState(k) as PortsState;
  st.published ??= [];
  return st.published;
}

/** The ports of one container, for `docker port` and `docker ps` (actual host ports, after -P). */
export function containerPorts(k: Kernel, c: ContainerRecord): PublishedPort[] {
  return publishedPorts(k).filter((p) => p.containerId === c.id);
}

function overlaps(a: string, b: string): boolean {
  const any = (ip: string) => ip === "0.0.0.0" || ip === "::";
  const family = (ip: string) => (ip.includes(":") ? 6 : 4);
  return family(a) === family(b) && (any(a) || any(b) || a === b);
}

function hostListenerTaken(k: Kernel, port: number): boolean {
  const listeners = (k.w.ext as { listeners?: Record<string, unknown> }).listeners ?? {};
  return listeners[`${k.w.initNs.net}|${port}`] !== undefined;
}

/** The bindings a container asks for: PortBindings, plus every exposed port with -P. */
function requestedBindings(c: ContainerRecord): Array<{ proto: PortProto; containerPort: number; hostIp: string; hostPort: string }> {
  const out: Array<{ proto: PortProto; containerPort: number; hostIp: string; hostPort: string }> = [];
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = { ...c.hostConfig.PortBindings };
  if ((c.hostConfig as { PublishAllPorts?: boolean }).PublishAllPorts)
    for (const key of Object.keys(c.config.ExposedPorts ?? {})) if (!bindings[key]?.length) bindings[key] = [{ HostIp: "", HostPort: "" }];
  const keys = Object.keys(bindings).sort((a, b) => Number(a.split("/")[0]) - Number(b.split("/")[0]) || a.localeCompare(b));
  for (const key of keys) {
    const [port, proto = "tcp"] = key.split("/");
    for (const b of bindings[key]) out.push({ proto: proto as PortProto, containerPort: Number(port), hostIp: b.HostIp, hostPort: b.HostPort });
  }
  return out;
}

/**
 * Publishes a started container's ports: allocates host ports, starts one docker-proxy per
 * address family and mapping. Throws StartError (nothing started) when a port is taken.
 */
export function publishPorts(k: Kernel, c: ContainerRecord) {
  const mode = c.hostConfig.NetworkMode;
  if (mode === "host" || mode === "none" || mode.startsWith("container:") || !c.network?.ip) return;
  const st = engineState(k) as PortsState;
  const all = publishedPorts(k);
  const endpoint = c.network.endpointId || randomHex(k.w.rng, 32);
  const fail = (msg: string): never => {
    throw new StartError(`${NETWORK_SETUP_PREFIX}driver failed programming external connectivity on endpoint ${c.name} (${endpoint}): ${msg}`, 125);
  };
  const planned: Array<Omit<PublishedPort, "proxyPid">> = [];
  const taken = (proto: PortProto, ip: string, port: number) =>
    [...all, ...planned].some((p) => p.proto === proto && p.hostPort === port && overlaps(p.hostIp, ip));
  const bridge = bridgeOf(k, c);
  for (const b of requestedBindings(c)) {
    const ips = b.hostIp === "" ? ["0.0.0.0", "::"] : [b.hostIp];
    let port: number;
    if (b.hostPort === "" || b.hostPort.includes("-")) {
      const [lo, hi] = b.hostPort === "" ? [EPHEMERAL_FIRST, EPHEMERAL_LAST] : b.hostPort.split("-").map(Number);
      const free = (p: number) => ips.every((ip) => !taken(b.proto, ip, p)) && !(b.proto === "tcp" && hostListenerTaken(k, p));
      let next = b.hostPort === "" ? (st.nextEphemeral ?? EPHEMERAL_FIRST) : lo;
      let tries = hi - lo + 1;
      while (tries > 0 && !free(next)) {
        next = next >= hi ? lo : next + 1;
        tries--;
      }
      if (tries === 0) fail(`Bind for ${ips[0]}:${b.hostPort || 0} failed: port is already allocated`);
      port = next;
      if (b.hostPort === "") st.nextEphemeral = next >= hi ? lo : next + 1;
    } else {
      port = Number(b.hostPort);
      for (const ip of ips) if (taken(b.proto, ip, port)) fail(`Bind for ${ip}:${port} failed: port is already allocated`);
    }
    for (const ip of ips) planned.push({ containerId: c.id, proto: b.proto, hostIp: ip, hostPort: port, containerIp: c.network.ip, containerPort: b.containerPort, bridge });
  }
  const started: PublishedPort[] = [];
  try {
    for (const p of planned) started.push({ ...p, proxyPid: startProxy(k, p) });
  } catch (e) {
    for (const p of started) stopProxy(k, p.proxyPid);
    if (!(e instanceof Errno)) throw e;
    const p = planned[started.length];
    const why = e.code === "EADDRINUSE" ? "address already in use" : e.code === "EADDRNOTAVAIL" ? "cannot assign requested address" : e.message.toLowerCase();
    fail(`Error starting userland proxy: listen ${p.proto}4 ${p.hostIp}:${p.hostPort}: bind: ${why}`);
  }
  all.push(...started);
}

/** Stops the proxies of a container that stopped and forgets its mappings. */
export function unpublishPorts(k: Kernel, c: ContainerRecord) {
  const st = engineState(k) as PortsState;
  const mine = publishedPorts(k).filter((p) => p.containerId === c.id);
  for (const p of mine) stopProxy(k, p.proxyPid);
  st.published = publishedPorts(k).filter((p) => p.containerId !== c.id);
}

function bridgeOf(k: Kernel, c: ContainerRecord): string {
  const st = engineState(k);
  const net = Object.values(st.networks).find((n) => n.name === c.network?.name);
  return net?.bridge || "docker0";
}

/** Starts `docker-proxy` as a child of dockerd, already listening (dockerd reports bind errors). */
function startProxy(k: Kernel, m: Omit<PublishedPort, "proxyPid">): number {
  const st = engineState(k);
  const parent = k.w.procs[st.daemonPid] ? st.daemonPid : 1;
  const relay = m.proto === "tcp" && !m.hostIp.includes(":");
  const spec: ProxySpec = { listenFd: -1, containerIp: m.containerIp, containerPort: m.containerPort };
  const pid = forkProcess(k, { parent, main: proxyMain(spec), comm: "docker-proxy" });
  const p = k.w.procs[pid];
  for (const fd of Object.keys(p.fds)) closeFd(k, p, Number(fd));
  p.argv = [DOCKER_PROXY, "-proto", m.proto, "-host-ip", m.hostIp, "-host-port", String(m.hostPort), "-container-ip", m.containerIp, "-container-port", String(m.containerPort)];
  p.exe = DOCKER_PROXY;
  p.sid = p.pgid = pid;
  p.tty = null;
  p.rss = 3 * 1024 * 1024;
  p.vsz = 1_156_236 * 1024;
  const cg = "system.slice/docker.service";
  if (!k.w.cgroups[cg]) cgroupCreate(k, cg);
  cgroupMigrate(k, pid, cg);
  if (relay) {
    try {
      spec.listenFd = installFd(k, p, listen(k, p, m.hostIp, m.hostPort));
    } catch (e) {
      stopProxy(k, pid);
      throw e;
    }
  }
  return pid;
}

/** Kills a proxy and the relays of its open connections. */
function stopProxy(k: Kernel, pid: number) {
  const victims = [pid];
  for (let i = 0; i < victims.length; i++)
    for (const q of Object.values(k.w.procs)) if (q.ppid === victims[i] && q.state !== "Z" && !victims.includes(q.pid)) victims.push(q.pid);
  for (const v of victims.reverse()) {
    sendSignal(k, v, "KILL", 0);
    // dockerd waits for its proxies; relays are reaped by nobody else either.
    if (k.w.procs[v]?.state === "Z") reap(k, v);
  }
}

interface ProxySpec {
  /** The listening socket, or -1 for a mapping the simulated network cannot carry (udp, IPv6). */
  listenFd: number;
  containerIp: string;
  containerPort: number;
}

function isErrno(e: unknown): e is Errno {
  if (e instanceof Errno) return true;
  throw e;
}

/** docker-proxy: accepts on the host port; each connection gets a relay process pair. */
function proxyMain(spec: ProxySpec): Main {
  return function* (sys: Sys): Gen<number> {
    sys.signal("CHLD", "ignore");
    sys.signal("PIPE", "ignore");
    if (spec.listenFd < 0) for (;;) yield* sys.sleep(24 * 3600 * 1000);
    for (;;) {
      let client: number;
      try {
        client = (yield* sys.tcpAccept(spec.listenFd)).fd;
      } catch (e) {
        if (isErrno(e) && e.code === "EINTR") continue;
        return 1;
      }
      sys.fork(relayMain(client, spec), { comm: "docker-proxy" });
      sys.close(client);
    }
  };
}

/** Copies one direction until end of file or error. */
function* pump(sys: Sys, from: number, to: number): Gen<void> {
  for (;;) {
    let data: string;
    try {
      data = yield* sys.read(from);
    } catch (e) {
      if (isErrno(e) && e.code === "EINTR") continue;
      return;
    }
    if (data === "") return;
    try {
      yield* sys.write(to, data);
    } catch (e) {
      isErrno(e);
      return;
    }
  }
}

/**
 * One proxied connection: connects to the container and copies both ways, one process per
 * direction (there is no select()). When either side ends, the other copier is stopped so that
 * the connection closes on both ends.
 */
function relayMain(client: number, spec: ProxySpec): Main {
  return function* (sys: Sys): Gen<number> {
    sys.signal("PIPE", "ignore");
    sys.close(spec.listenFd);
    let upstream: number;
    try {
      upstream = yield* sys.tcpConnect(spec.containerIp, spec.containerPort);
    } catch (e) {
      isErrno(e);
      return 1;
    }
    const parent = sys.getpid();
    const back = sys.fork(
      function* (c: Sys): Gen<number> {
        c.signal("PIPE", "ignore");
        yield* pump(c, upstream, client);
        c.kill(parent, "KILL");
        return 0;
      },
      { comm: "docker-proxy" },
    );
    yield* pump(sys, client, upstream);
    try {
      sys.kill(back, "KILL");
    } catch (e) {
      isErrno(e);
    }
    return 0;
  };
}

/**
 * What dockerd sets up once a container's network is connected: its published ports and DNS, and
 * its new address in the /etc/hosts of the containers linked to it.
 */
export function startNetworkServices(k: Kernel, c: ContainerRecord, netns: number) {
  publishPorts(k, c);
  registerDns(k, c, netns);
  updateParentsHosts(k, c);
}

/** Undoes startNetworkServices when the container stops. */
export function stopNetworkServices(k: Kernel, c: ContainerRecord) {
  unpublishPorts(k, c);
  unregisterDns(k, c);
}
