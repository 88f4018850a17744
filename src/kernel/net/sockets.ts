/**
 * TCP-like stream sockets between network namespaces. A connection is two pipes (one each way);
 * listeners are found by (network namespace, port) after routing: local addresses first, then the
 * namespace's routes across veth pairs and bridges, as packets would travel.
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { NetIface, Process } from "../world";
import { newFile, newPipe } from "../io/files";
import { capable } from "../caps";

export interface Listener {
  netns: number;
  ip: string;
  port: number;
  /** Open file ids of accepted-but-not-yet-taken server ends. */
  backlog: number[];
  /** The listening socket's open file. */
  file: number;
}

export interface Endpoint {
  ip: string;
  port: number;
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, b) => a * 256 + Number(b), 0) >>> 0;
}

export function inSubnet(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split("/");
  const n = Number(bits);
  if (n === 0) return true;
  const mask = n >= 32 ? 0xffffffff : (0xffffffff << (32 - n)) >>> 0;
  return (ipToInt(ip) & mask) === (ipToInt(net) & mask);
}

function listeners(k: Kernel): Record<string, Listener> {
  const ext = k.w.ext as { listeners?: Record<string, Listener> };
  ext.listeners ??= {};
  return ext.listeners;
}

/** Is `ip` an address of an up interface in `netns` (127/8 counts for an up loopback)? */
function isLocal(k: Kernel, netns: number, ip: string): boolean {
  const net = k.w.ns[netns].net;
  if (!net) return false;
  return net.ifaces.some(
    (i) => i.up && (i.addrs.some((a) => a.split("/")[0] === ip) || (i.kind === "loopback" && ip.startsWith("127."))),
  );
}

/** The namespace where a packet to `ip` sent from `netns` arrives, or an errno. */
export function route(k: Kernel, netns: number, ip: string, hops = 0): number | Errno {
  if (hops > 8) return new Errno("EHOSTUNREACH");
  if (isLocal(k, netns, ip)) return netns;
  const net = k.w.ns[netns].net;
  if (!net) return new Errno("ENETUNREACH");
  const r =
    net.routes.find((x) => x.dst !== "default" && inSubnet(ip, x.dst)) ?? net.routes.find((x) => x.dst === "default");
  if (!r) return new Errno("ENETUNREACH");
  const dev = net.ifaces.find((i) => i.name === r.dev);
  if (!dev || !dev.up) return new Errno("ENETUNREACH");
  const onLink = r.via === undefined || r.dst !== "default";
  if (dev.kind === "veth" && dev.peer) {
    const [peerNs] = dev.peer;
    return route(k, peerNs, ip, hops + 1);
  }
  if (dev.kind === "bridge" && onLink) {
    // Find the port of the bridge whose other end owns the address.
    for (const port of net.ifaces.filter((i: NetIface) => i.master === dev.index && i.peer)) {
      const [peerNs] = port.peer!;
      if (isLocal(k, peerNs, ip)) return peerNs;
    }
    return new Errno("EHOSTUNREACH");
  }
  // Out of the machine (the host's uplink): nothing answers there.
  return new Errno("ETIMEDOUT");
}

export function listen(k: Kernel, p: Process, ip: string, port: number): number {
  const netns = p.ns.net;
  const all = listeners(k);
  const key = `${netns}|${port}`;
  if (all[key]) throw new Errno("EADDRINUSE");
  if (ip !== "0.0.0.0" && !isLocal(k, netns, ip)) throw new Errno("EADDRNOTAVAIL");
  if (port < unprivilegedPortStart(k, netns) && !capable(p, "NET_BIND_SERVICE")) throw new Errno("EACCES");
  const file = newFile(k, { kind: "device", read: false, write: false, rdev: [0, 0], listener: key });
  all[key] = { netns, ip, port, backlog: [], file };
  return file;
}

/** net.ipv4.ip_unprivileged_port_start of a network namespace: ports below it need CAP_NET_BIND_SERVICE. */
export function unprivilegedPortStart(k: Kernel, netns: number): number {
  const v = k.w.ns[netns].net?.sysctls?.["net/ipv4/ip_unprivileged_port_start"];
  return v === undefined ? 1024 : Number(v);
}

/** Removes a listener whose socket was closed. */
export function unlisten(k: Kernel, key: string) {
  const all = listeners(k);
  const l = all[key];
  if (!l) return;
  delete all[key];
  k.wake(`listen:${key}`);
}

export function listenerByFile(k: Kernel, file: number): Listener | undefined {
  const key = k.w.files[file]?.listener;
  return key ? listeners(k)[key] : undefined;
}

/** Establishes a connection; returns the client end's file id. */
export function connect(k: Kernel, p: Process, ip: string, port: number): { file: number; local: Endpoint } {
  const dest = route(k, p.ns.net, ip);
  if (dest instanceof Errno) throw dest;
  const l = listeners(k)[`${dest}|${port}`];
  if (!l || (l.ip !== "0.0.0.0" && l.ip !== ip && !(ip.startsWith("127.") && l.ip.startsWith("127.")))) throw new Errno("ECONNREFUSED");
  const up = newPipe(k);
  const down = newPipe(k);
  const ext = k.w.ext as { ephemeral?: number };
  ext.ephemeral = ((ext.ephemeral ?? 32767) % 60999) + 1;
  const local: Endpoint = { ip: sourceAddress(k, p.ns.net, ip), port: Math.max(32768, ext.ephemeral) };
  const client = newFile(k, { kind: "pipe", read: true, write: true, pipe: down, pipeOut: up, peer: { ip, port } });
  const server = newFile(k, { kind: "pipe", read: true, write: true, pipe: up, pipeOut: down, peer: local });
  l.backlog.push(server);
  k.wake(`listen:${dest}|${port}`);
  return { file: client, local };
}

/** The address a connection from `netns` to `ip` goes out from. */
function sourceAddress(k: Kernel, netns: number, ip: string): string {
  if (ip.startsWith("127.")) return "127.0.0.1";
  const net = k.w.ns[netns].net!;
  for (const i of net.ifaces) for (const a of i.addrs) if (inSubnet(ip, a)) return a.split("/")[0];
  const r = net.routes.find((x) => x.dst === "default");
  const dev = net.ifaces.find((i) => i.name === r?.dev);
  return dev?.addrs[0]?.split("/")[0] ?? "0.0.0.0";
}
