/** Interface facts the network tools share: flags, broadcast addresses, IPv6 link-local, busybox-ness. */
import type { NetIfaceInfo, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";

/** The initial network namespace (its inode number, as /proc/self/ns/net shows it). */
const INIT_NET = "net:[4026531840]";

/** Docker turns IPv6 off in containers; the host's interfaces have link-local addresses. */
export function ipv6Enabled(sys: Sys): boolean {
  try {
    return sys.readlink("/proc/self/ns/net") === INIT_NET;
  } catch (e) {
    if (e instanceof Errno) return false;
    throw e;
  }
}

/** Whether this program runs as an applet of the busybox binary (inside busybox-based images). */
export function runningAsBusybox(sys: Sys): boolean {
  try {
    return sys.realpath("/proc/self/exe").endsWith("/busybox");
  } catch (e) {
    if (e instanceof Errno) return false;
    throw e;
  }
}

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, b) => a * 256 + Number(b), 0) >>> 0;
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function broadcast(cidr: string): string {
  const [ip, p] = cidr.split("/");
  return intToIp((ipToInt(ip) | ~prefixMask(Number(p))) >>> 0);
}

/** Whether an interface has carrier: a bridge needs a port, a veth an up peer. */
export function hasCarrier(i: NetIfaceInfo, all: NetIfaceInfo[]): boolean {
  if (!i.up) return false;
  if (i.kind === "bridge") return all.some((p) => p.master === i.name && p.up);
  return true;
}

/** The EUI-64 link-local address of a MAC ("fe80::42:acff:fe11:2/64"). */
export function linkLocal(mac: string): string {
  const b = mac.split(":").map((x) => Number.parseInt(x, 16));
  b[0] ^= 2;
  const words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(":")}/64`;
}

/** "UP,LOWER_UP"-style flag list of iproute2 / busybox. */
export function linkFlags(i: NetIfaceInfo, all: NetIfaceInfo[]): string[] {
  const carrier = hasCarrier(i, all);
  const f: string[] = [];
  if (i.kind === "loopback") f.push("LOOPBACK");
  else {
    if (i.up && !carrier) f.push("NO-CARRIER");
    f.push("BROADCAST", "MULTICAST");
  }
  if (i.up) f.push("UP");
  if (carrier) f.push("LOWER_UP");
  return f;
}

export function operState(i: NetIfaceInfo, all: NetIfaceInfo[]): string {
  if (i.kind === "loopback") return i.up ? "UNKNOWN" : "DOWN";
  return hasCarrier(i, all) ? "UP" : "DOWN";
}
