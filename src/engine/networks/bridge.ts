/**
 * Bridge networking: the docker0 bridge on the host, IP addresses handed out in order from the
 * network's subnet, and a veth pair per container (eth0 inside, vethXXXXXXX on the host, enslaved
 * to the bridge).
 */
import type { Kernel } from "../../kernel";
import { randomHex } from "../../kernel/rng";
import type { NetIface } from "../../kernel/world";
import { engineState, type NetworkRecord } from "../state";

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, b) => a * 256 + Number(b), 0);
}

/** The number of a dotted quad written as intToIp writes it ("10.0.0.1", no leading zeros); else NaN. */
function canonicalIpToInt(ip: string): number {
  let n = 0;
  let octet = -1;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const ch = ip.charCodeAt(i);
    if (ch === 46) {
      if (octet < 0 || ++dots > 3) return Number.NaN;
      n = n * 256 + octet;
      octet = -1;
    } else if (ch >= 48 && ch <= 57) {
      if (octet === 0) return Number.NaN;
      octet = octet < 0 ? ch - 48 : octet * 10 + ch - 48;
      if (octet > 255) return Number.NaN;
    } else return Number.NaN;
  }
  return dots === 3 && octet >= 0 ? n * 256 + octet : Number.NaN;
}

export function intToIp(n: number): string {
  return `${Math.floor(n / 2 ** 24) % 256}.${Math.floor(n / 2 ** 16) % 256}.${Math.floor(n / 2 ** 8) % 256}.${n % 256}`;
}

export function macFor(ip: string): string {
  return `02:42:${ip
    .split(".")
    .map((o) => Number(o).toString(16).padStart(2, "0"))
    .join(":")}`;
}

function iface(p: Partial<NetIface> & Pick<NetIface, "name" | "index" | "kind" | "mac">): NetIface {
  return { mtu: 1500, up: true, addrs: [], rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0, ...p };
}

/** A random unicast, locally administered MAC, as the kernel gives a new veth. */
export function randomMac(k: Kernel): string {
  const bytes = randomHex(k.w.rng, 6).match(/../g)!.map((h) => Number.parseInt(h, 16));
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** Adds a bridge interface for a network to the host's network namespace. */
export function addBridge(k: Kernel, net: NetworkRecord) {
  const host = k.w.ns[k.w.initNs.net].net!;
  if (host.ifaces.some((i) => i.name === net.bridge)) return;
  const prefix = Number(net.subnet.split("/")[1]);
  host.ifaces.push(
    iface({ name: net.bridge, index: host.nextIndex++, kind: "bridge", mac: macFor(net.gateway).replace(/^02:42/, "02:42"), up: true, addrs: [`${net.gateway}/${prefix}`] }),
  );
  host.routes.push({ dst: net.subnet, dev: net.bridge, src: net.gateway });
}

/** Next free address of a network (IPAM hands them out in order, skipping the gateway). */
export function allocateIp(k: Kernel, net: NetworkRecord): string {
  const st = engineState(k);
  const base = ipToInt(net.subnet.split("/")[0]);
  // Addresses in use, as numbers (only the canonical spelling of a candidate could equal it).
  const used = new Set<number>([canonicalIpToInt(net.gateway)]);
  for (const id in st.containers) {
    const c = st.containers[id];
    if (c.network?.name === net.name && c.state.Running) used.add(canonicalIpToInt(c.network.ip));
  }
  for (let host = 2; host < 65534; host++) if (!used.has((base + host) % 2 ** 32)) return intToIp(base + host);
  throw new Error("no free IP address");
}

/** Creates the veth pair: eth0 in the container's netns, the peer on the host bridge (`mac`: --mac-address). */
export function connectContainer(k: Kernel, netns: number, net: NetworkRecord, ip: string, requestedMac?: string): { hostIface: string; mac: string } {
  const host = k.w.ns[k.w.initNs.net].net!;
  const inner = k.w.ns[netns].net!;
  const prefix = Number(net.subnet.split("/")[1]);
  const hostName = `veth${randomHex(k.w.rng, 4).slice(0, 7)}`;
  // The kernel registers a veth's peer first, and a device moved into a namespace keeps its index:
  // eth0 gets the lower host index, the host side the next (eth0@if5 / vethX@if4).
  const innerIndex = host.nextIndex++;
  const hostIndex = host.nextIndex++;
  const mac = requestedMac ?? macFor(ip);
  const lo = inner.ifaces.find((i) => i.name === "lo");
  if (lo) {
    lo.up = true;
    lo.addrs = ["127.0.0.1/8"];
  }
  inner.ifaces.push(iface({ name: "eth0", index: innerIndex, kind: "veth", mac, addrs: [`${ip}/${prefix}`], peer: [k.w.initNs.net, hostIndex] }));
  inner.routes.push({ dst: "default", via: net.gateway, dev: "eth0" }, { dst: net.subnet, dev: "eth0", src: ip });
  const bridge = host.ifaces.find((i) => i.name === net.bridge);
  if (bridge) bridge.up = true;
  host.ifaces.push(
    iface({ name: hostName, index: hostIndex, kind: "veth", mac: randomMac(k), peer: [netns, innerIndex], master: bridge?.index }),
  );
  return { hostIface: hostName, mac };
}

/** Removes the host side of a container's veth pair (the inner side goes with its netns). */
export function disconnectContainer(k: Kernel, hostIface: string | undefined) {
  if (!hostIface) return;
  const host = k.w.ns[k.w.initNs.net].net!;
  // The bridge stays up: without ports it only loses its carrier (NO-CARRIER, state DOWN).
  host.ifaces = host.ifaces.filter((i) => i.name !== hostIface);
}
