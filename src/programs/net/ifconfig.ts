/**
 * ifconfig: busybox 1.35's display of interfaces — the up ones, sorted by name; -a adds the down
 * ones; IFACE shows one. Configuring an interface needs CAP_NET_ADMIN, which nobody has here.
 */
import type { NetIfaceInfo, ProgramDef } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { broadcast, hasCarrier, intToIp, ipv6Enabled, linkLocal, prefixMask } from "./lib/ifaces";

/** "1.5 KiB"-style size busybox appends to byte counters (one decimal, truncated). */
function scaled(bytes: number): string {
  let whole = bytes;
  let tenth = 0;
  let unit = 0;
  while (whole >= 1024 && unit < 4) {
    tenth = Math.floor(((whole % 1024) * 10) / 1024);
    whole = Math.floor(whole / 1024);
    unit++;
  }
  return `${whole}.${tenth} ${["", "Ki", "Mi", "Gi", "Ti"][unit]}B`;
}

function txQueueLen(i: NetIfaceInfo): number {
  // Docker creates its bridges and veths with no transmit queue.
  return i.kind === "loopback" || i.kind === "ether" ? 1000 : 0;
}

function describe(i: NetIfaceInfo, all: NetIfaceInfo[], ipv6: boolean): string {
  const loop = i.kind === "loopback";
  let t = `${i.name.padEnd(9)} Link encap:${loop ? "Local Loopback  " : `Ethernet  HWaddr ${i.mac.toUpperCase()}  `}\n`;
  const first = i.addrs[0];
  if (first) {
    const [ip, bits] = first.split("/");
    t += `          inet addr:${ip} ${loop ? "" : ` Bcast:${broadcast(first)} `} Mask:${intToIp(prefixMask(Number(bits)))}\n`;
  }
  const carrier = hasCarrier(i, all);
  if (ipv6 && i.up) {
    if (loop) t += "          inet6 addr: ::1/128 Scope:Host\n";
    else if (carrier) t += `          inet6 addr: ${linkLocal(i.mac)} Scope:Link\n`;
  }
  const flags = [i.up && "UP", !loop && "BROADCAST", loop && "LOOPBACK", carrier && "RUNNING", !loop && "MULTICAST"].filter(Boolean);
  t += `          ${flags.map((f) => `${f} `).join("")} MTU:${i.mtu}  Metric:1\n`;
  t += `          RX packets:${i.rxPackets} errors:0 dropped:0 overruns:0 frame:0\n`;
  t += `          TX packets:${i.txPackets} errors:0 dropped:0 overruns:0 carrier:0\n`;
  t += `          collisions:0 txqueuelen:${txQueueLen(i)} \n`;
  t += `          RX bytes:${i.rxBytes} (${scaled(i.rxBytes)})  TX bytes:${i.txBytes} (${scaled(i.txBytes)})\n\n`;
  return t;
}

export const ifconfig: ProgramDef = {
  name: "ifconfig",
  rss: 500 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1);
    let all = false;
    if (args[0] === "-a") {
      all = true;
      args.shift();
    }
    const net = sys.netInfo();
    const ipv6 = ipv6Enabled(sys);
    const sorted = [...net.ifaces].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (args.length === 0) {
      yield* out(sys, sorted.filter((i) => all || i.up).map((i) => describe(i, net.ifaces, ipv6)).join(""));
      return 0;
    }
    const iface = net.ifaces.find((i) => i.name === args[0]);
    if (args.length === 1) {
      if (!iface) {
        yield* warn(sys, `${args[0]}: error fetching interface information: Device not found`);
        return 1;
      }
      yield* out(sys, describe(iface, net.ifaces, ipv6));
      return 0;
    }
    // Setting anything (up, down, an address, mtu ...) is an ioctl that needs CAP_NET_ADMIN.
    if (!iface) {
      yield* warn(sys, `SIOCGIFFLAGS: No such device`);
      return 1;
    }
    const op = args[1] === "up" || args[1] === "down" ? "SIOCSIFFLAGS" : args[1] === "mtu" ? "SIOCSIFMTU" : "SIOCSIFADDR";
    try {
      if (op === "SIOCSIFFLAGS") sys.setLink(iface.name, { up: args[1] === "up" });
      else if (op === "SIOCSIFMTU" && /^\d+$/.test(args[2] ?? "")) sys.setLink(iface.name, { mtu: Number(args[2]) });
      else {
        // The permission check alone (an empty change); addresses are not changed by this simulation.
        sys.setLink(iface.name, {});
        yield* warn(sys, "setting addresses is not simulated in this sandbox");
        return 1;
      }
    } catch (e) {
      yield* warn(sys, `${op}: ${asErrno(e).message}`);
      return 1;
    }
    return 0;
  },
};
