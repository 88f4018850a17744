/**
 * route: busybox 1.35. Prints the kernel IP routing table from /proc/net/route (-n numeric, -e the
 * netstat columns); netstat -r prints the same table. Changing routes needs CAP_NET_ADMIN, which
 * the simulation grants nobody.
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { ipToInt } from "./lib/ifaces";
import { hostByAddr } from "./netstat";
import { USAGE } from "./usage";

const RTF_UP = 0x1;
const FLAG_LETTERS: Array<[number, string]> = [
  [0x1, "U"],
  [0x2, "G"],
  [0x4, "H"],
  [0x8, "R"],
  [0x10, "D"],
  [0x20, "M"],
];

/** /proc/net/route's little-endian hex address as a dotted quad. */
function hexAddr(hex: string): string {
  const n = Number.parseInt(hex, 16) >>> 0;
  return [0, 8, 16, 24].map((s) => (n >>> s) & 255).join(".");
}

/**
 * INET_rresolve: "default" for a zero destination, "*" for a zero gateway, else a name from the
 * hosts file for host addresses (networks have no /etc/networks entry here), else the number.
 */
function resolve(sys: Sys, ip: string, mask: string, numeric: boolean, zero: string): string {
  if (numeric) return ip;
  if (ip === "0.0.0.0") return zero;
  const isHost = zero === "*" || (ipToInt(ip) & ~ipToInt(mask)) !== 0;
  return (isHost ? hostByAddr(sys, ip) : undefined) ?? ip;
}

/** bb_displayroutes(): the table route and netstat -r print. */
export function displayRoutes(sys: Sys, numeric: boolean, netstatFormat: boolean): string {
  let text = `Kernel IP routing table\nDestination     Gateway         Genmask         Flags ${netstatFormat ? "  MSS Window  irtt" : "Metric Ref    Use"} Iface\n`;
  for (const line of sys.readFile("/proc/net/route").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 11) continue;
    const [dev, dst, gw, flagsHex, ref, use, metric, maskHex, mtu, win, irtt] = f;
    const flags = Number.parseInt(flagsHex, 16);
    if (!(flags & RTF_UP)) continue;
    const mask = hexAddr(maskHex);
    const letters = FLAG_LETTERS.filter(([bit]) => flags & bit)
      .map(([, l]) => l)
      .join("");
    const sdest = resolve(sys, hexAddr(dst), mask, numeric, "default").slice(0, 15);
    const sgw = resolve(sys, hexAddr(gw), mask, numeric, "*").slice(0, 15);
    text += `${sdest.padEnd(15)} ${sgw.padEnd(15)} ${mask.padEnd(16)}${letters.padEnd(6)}`;
    text += netstatFormat
      ? `${mtu.padStart(5)} ${win.padEnd(5)} ${irtt.padStart(6)} ${dev}\n`
      : `${metric.padEnd(6)} ${ref.padEnd(2)} ${use.padStart(7)} ${dev}\n`;
  }
  return text;
}

export const route: ProgramDef = {
  name: "route",
  rss: 500 * 1024,
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "ne", withArg: "A" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.route, e.message);
      throw e;
    }
    const family = opts.args.A?.at(-1);
    if (family !== undefined && family !== "inet" && family !== "inet6") return yield* usageError(sys, USAGE.route);
    const [verb] = opts.operands;
    if (verb === "add" || verb === "del") {
      if (opts.operands.length < 2) return yield* usageError(sys, USAGE.route);
      yield* warn(sys, `${verb === "add" ? "SIOCADDRT" : "SIOCDELRT"}: Operation not permitted`);
      return 1;
    }
    if (verb !== undefined) return yield* usageError(sys, USAGE.route);
    yield* out(sys, displayRoutes(sys, !!opts.flags.n, !!opts.flags.e));
    return 0;
  },
};
