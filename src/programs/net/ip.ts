/**
 * ip: iproute2 6.1 (Debian 12) on the host — addr, link, route, neigh (show), -br, -4 — and, as an
 * applet of busybox inside busybox images, busybox 1.35's own shorter format.
 */
import type { Gen, NetIfaceInfo, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { err, out } from "../lib/io";
import { broadcast, ipv6Enabled, linkFlags, linkLocal, operState, runningAsBusybox } from "./lib/ifaces";
import { USAGE } from "./usage";

type Net = ReturnType<Sys["netInfo"]>;

const OBJECTS: Array<[string, string]> = [
  ["address", "a"],
  ["link", "l"],
  ["route", "r"],
  ["neighbour", "n"],
  ["neighbor", "n"],
];

function objectOf(word: string): string | null {
  for (const [full] of OBJECTS) if (word.length > 0 && full.startsWith(word)) return full.startsWith("neigh") ? "neigh" : full;
  if (word === "addr") return "address";
  return null;
}

interface Style {
  busybox: boolean;
  ipv6: boolean;
  /** netnsid of each peer namespace as this namespace numbers them. */
  peerIds: Map<number, number>;
}

function ifName(i: NetIfaceInfo): string {
  return i.kind === "veth" && i.peerIndex !== undefined ? `${i.name}@if${i.peerIndex}` : i.name;
}

function linkLine(i: NetIfaceInfo, net: Net, s: Style, withMode: boolean): string {
  const all = net.ifaces;
  const flags = linkFlags(i, all);
  if (s.busybox) {
    // busybox looks the veth peer's index up here; not finding it up, it says M-DOWN.
    if (i.kind === "veth" && !all.some((p) => p.index === i.peerIndex && p.up)) flags.push("M-DOWN");
    const master = i.master ? `master ${i.master} ` : "";
    return `${i.index}: ${ifName(i)}: <${flags.join(",")}> mtu ${i.mtu} qdisc ${i.kind === "ether" ? "pfifo_fast" : "noqueue"} ${master}${i.kind === "loopback" ? "qlen 1000" : ""}\n`;
  }
  // A device that was never brought up has no queueing discipline yet: noop (a fresh namespace's lo).
  const qdisc = !i.up ? "noop" : i.kind === "ether" ? "pfifo_fast" : "noqueue";
  const master = i.master ? ` master ${i.master}` : "";
  const mode = withMode ? " mode DEFAULT" : "";
  const tail = i.kind === "loopback" || i.kind === "ether" ? " qlen 1000" : " ";
  return `${i.index}: ${ifName(i)}: <${flags.join(",")}> mtu ${i.mtu} qdisc ${qdisc}${master} state ${operState(i, net.ifaces)}${mode} group default${tail}\n`;
}

function etherLine(i: NetIfaceInfo, s: Style): string {
  if (i.kind === "loopback") return "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
  const nsid = !s.busybox && i.kind === "veth" && i.peerIndex !== undefined ? ` link-netnsid ${s.peerIds.get(i.index) ?? 0}` : "";
  return `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${nsid}\n`;
}

function addrLines(i: NetIfaceInfo, net: Net, s: Style, family: Family): string {
  let text = "";
  if (family === "link") return text;
  if (family !== "inet6")
    for (const a of i.addrs) {
      const brd = i.kind === "loopback" ? "" : ` brd ${broadcast(a)}`;
      const scope = i.kind === "loopback" ? "host" : "global";
      text += `    inet ${a}${brd} scope ${scope} ${i.name}\n       valid_lft forever preferred_lft forever\n`;
    }
  if (family !== "inet" && s.ipv6 && i.up) {
    if (i.kind === "loopback") text += "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n";
    else if (linkFlags(i, net.ifaces).includes("LOWER_UP")) text += `    inet6 ${linkLocal(i.mac)} scope link \n       valid_lft forever preferred_lft forever\n`;
  }
  return text;
}

function peerIds(net: Net): Map<number, number> {
  // Peers in other namespaces get ids in the order their interfaces appear.
  const ids = new Map<number, number>();
  let next = 0;
  for (const i of net.ifaces) if (i.kind === "veth") ids.set(i.index, next++);
  return ids;
}

function routeLines(net: Net, s: Style): string {
  let text = "";
  const sorted = [...net.routes].sort((a, b) => (a.dst === "default" ? -1 : b.dst === "default" ? 1 : ipSortKey(a.dst) - ipSortKey(b.dst)));
  for (const r of sorted) {
    if (r.dst === "default") text += `default via ${r.via} dev ${r.dev} \n`;
    else if (s.busybox) text += `${r.dst} dev ${r.dev} scope link ${r.src ? ` src ${r.src} ` : ""}\n`;
    else text += `${r.dst}${r.via ? ` via ${r.via}` : ""} dev ${r.dev} proto kernel scope link${r.src ? ` src ${r.src}` : ""} \n`;
  }
  return text;
}

function ipSortKey(cidr: string): number {
  return cidr
    .split("/")[0]
    .split(".")
    .reduce((a, b) => a * 256 + Number(b), 0);
}

/**
 * ip link set [dev] NAME [up|down] [mtu N]. busybox uses ioctls (SIOCSIFMTU, then SIOCGIFFLAGS and
 * SIOCSIFFLAGS only when the state changes); iproute2 finds the device, then sends one netlink request.
 */
function* linkSet(sys: Sys, busybox: boolean, words: string[]): Gen<number> {
  let name: string | undefined;
  let up: boolean | undefined;
  let mtu: number | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "up" || w === "down") up = w === "up";
    else if (w === "mtu") mtu = Number(words[++i]);
    else if (w === "dev") name = words[++i];
    else name ??= w;
  }
  if (name === undefined || (mtu !== undefined && !Number.isInteger(mtu))) return busybox ? yield* usageError(sys, USAGE.ip) : 255;
  const fail = function* (call: string, e: unknown): Gen<number> {
    const message = e instanceof Errno ? e.message : String(e);
    yield* err(sys, busybox ? `ip: ${call}: ${message}\n` : `RTNETLINK answers: ${message}\n`);
    return 2;
  };
  if (!busybox) {
    if (!sys.netInfo().ifaces.some((i) => i.name === name)) {
      yield* err(sys, `Cannot find device "${name}"\n`);
      return 1;
    }
    try {
      sys.setLink(name, { up, mtu });
    } catch (e) {
      return yield* fail("", e);
    }
    return 0;
  }
  try {
    if (mtu !== undefined) sys.setLink(name, { mtu });
  } catch (e) {
    return yield* fail("SIOCSIFMTU", e);
  }
  if (up === undefined) return 0;
  const iface = sys.netInfo().ifaces.find((i) => i.name === name);
  if (!iface) return yield* fail("SIOCGIFFLAGS", new Errno("ENODEV"));
  if (iface.up === up) return 0;
  try {
    sys.setLink(name, { up });
  } catch (e) {
    return yield* fail("SIOCSIFFLAGS", e);
  }
  return 0;
}

/** Does the caller hold CAP_NET_ADMIN (an empty change to lo is refused without it)? */
function mayAdminister(sys: Sys): boolean {
  try {
    sys.setLink("lo", {});
    return true;
  } catch {
    return false;
  }
}

type Family = "all" | "inet" | "inet6" | "link";

/**
 * busybox's ip_parse_common_args: -oneline, -family inet|inet6|link, -4, -6, -0 (link), each
 * name abbreviable ("-o", "-on", "--oneline"), "--" ending them. Anything else is a usage error.
 */
function busyboxCommonArgs(args: string[]): { family: Family; oneline: boolean } | "usage" | { invalid: string } {
  let family: Family = "all";
  let oneline = false;
  while (args[0]?.startsWith("-")) {
    let opt = args.shift()!.slice(1);
    if (opt.startsWith("-")) {
      opt = opt.slice(1);
      if (opt === "") break;
    }
    const name = ["oneline", "family", "4", "6", "0"].find((n) => n.startsWith(opt));
    if (name === undefined) return "usage";
    if (name === "oneline") oneline = true;
    else if (name === "family") {
      const value = args.shift();
      if (value === undefined) return "usage";
      if (value !== "inet" && value !== "inet6" && value !== "link") return { invalid: value };
      family = value;
    } else family = name === "4" ? "inet" : name === "6" ? "inet6" : "link";
  }
  return { family, oneline };
}

export const ip: ProgramDef = {
  name: "ip",
  rss: 700 * 1024,
  *main(sys) {
    const busybox = runningAsBusybox(sys);
    const args = [...sys.argv.slice(1)];
    let family: Family = "all";
    let brief = false;
    let oneline = false;
    if (busybox) {
      const common = busyboxCommonArgs(args);
      if (common === "usage") return yield* usageError(sys, USAGE.ip);
      if ("invalid" in common) {
        yield* err(sys, `ip: invalid argument '${common.invalid}' to 'family'\n`);
        return 1;
      }
      ({ family, oneline } = common);
    }
    while (!busybox && args[0]?.startsWith("-")) {
      const o = args.shift()!;
      if (o === "-4") family = "inet";
      else if (o === "-6") family = "inet6";
      else if (!busybox && (o === "-br" || o === "-brief")) brief = true;
      else if (!busybox && (o === "-o" || o === "-oneline")) oneline = true;
      else if (busybox) return yield* usageError(sys, USAGE.ip);
      else {
        yield* err(sys, `Option "${o}" is unknown, try "ip -help".\n`);
        return 255;
      }
    }
    const net = sys.netInfo();
    const s: Style = { busybox, ipv6: ipv6Enabled(sys), peerIds: peerIds(net) };
    const obj = args.length === 0 ? null : objectOf(args[0]);
    if (args.length === 0 || obj === null) {
      if (busybox) return yield* usageError(sys, USAGE.ip);
      if (args.length === 0) {
        yield* err(sys, IPROUTE_USAGE);
        return 255;
      }
      yield* err(sys, `Object "${args[0]}" is unknown, try "ip help".\n`);
      return 1;
    }
    const rest = args.slice(1);
    const cmd = rest[0] ?? "show";
    if (obj === "link" && cmd === "set") return yield* linkSet(sys, busybox, rest.slice(1));
    if (!["show", "list", "lst", "sh", "ls", "s", "l"].includes(cmd)) {
      if (mayAdminister(sys)) {
        yield* err(sys, `${busybox ? "ip: " : ""}changing addresses, routes and neighbours is not simulated in this sandbox\n`);
        return 2;
      }
      if (busybox) {
        yield* err(sys, `ip: RTNETLINK answers: Operation not permitted\n`);
        return 2;
      }
      yield* err(sys, "RTNETLINK answers: Operation not permitted\n");
      return 2;
    }
    let dev: string | undefined;
    let master: string | undefined;
    let kind: string | undefined;
    for (let i = 1; i < rest.length; i++) {
      if (rest[i] === "dev") dev = rest[++i];
      else if (rest[i] === "master" && obj !== "route") master = rest[++i];
      else if (rest[i] === "type" && obj === "link") kind = rest[++i];
      else if (obj !== "route") dev = rest[i];
    }
    let ifaces = net.ifaces;
    if (master !== undefined) {
      if (!ifaces.some((i) => i.name === master)) {
        yield* err(sys, `Error: argument "${master}" is wrong: Device does not exist\n`);
        return 255;
      }
      ifaces = ifaces.filter((i) => i.master === master);
    }
    if (kind !== undefined) ifaces = ifaces.filter((i) => i.kind === kind);
    if (dev !== undefined) {
      ifaces = ifaces.filter((i) => i.name === dev);
      if (ifaces.length === 0) {
        yield* err(sys, busybox ? `ip: can't find device '${dev}'\n` : `Device "${dev}" does not exist.\n`);
        return 1;
      }
    }
    let text = "";
    // One line per interface or address: busybox and iproute2 join the lines with a backslash.
    const joined = (line: string, next: string) => (oneline ? `${line.slice(0, -1)}\\${next}` : line + next);
    if (obj === "address" && family === "link") {
      for (const i of ifaces) text += joined(linkLine(i, net, s, !busybox), etherLine(i, s));
    } else if (obj === "address") {
      for (const i of ifaces) {
        const addrs = addrLines(i, net, s, family);
        if (family !== "all" && addrs === "") continue;
        if (brief) {
          const list = addrLines(i, net, s, family)
            .split("\n")
            .filter((l) => /^\s+inet6? /.test(l))
            .map((l) => l.trim().split(" ")[1]);
          text += `${ifName(i).padEnd(16)} ${operState(i, net.ifaces).padEnd(14)} ${list.map((a) => `${a} `).join("")}\n`;
          continue;
        }
        if (oneline) {
          // One line per address: "N: NAME    inet ...\       valid_lft ...".
          const lines = addrs.split("\n");
          for (let a = 0; a + 1 < lines.length; a += 2) text += `${i.index}: ${i.name}    ${lines[a].trimStart()}\\${lines[a + 1]}\n`;
          continue;
        }
        text += linkLine(i, net, s, false);
        if (family === "all") text += etherLine(i, s);
        text += addrs;
      }
    } else if (obj === "link") {
      for (const i of ifaces) {
        if (brief) {
          text += `${ifName(i).padEnd(16)} ${operState(i, net.ifaces).padEnd(14)} ${i.kind === "loopback" ? "00:00:00:00:00:00" : i.mac} <${linkFlags(i, net.ifaces).join(",")}> \n`;
          continue;
        }
        text += joined(linkLine(i, net, s, true), etherLine(i, s));
      }
    } else if (obj === "route") text += routeLines(net, s);
    // neigh: the ARP cache is not modelled; it starts (and stays) empty.
    yield* out(sys, text);
    return 0;
  },
};

const IPROUTE_USAGE = "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n                    -4 | -6 | -M | -B | -0 |\n                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n                    -c[olor]}\n";
