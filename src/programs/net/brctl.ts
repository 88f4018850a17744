/**
 * brctl. On the host it is bridge-utils 1.7 (Debian's /usr/sbin/brctl): `show` lists the bridges
 * of the network namespace with their ids and ports. Inside busybox images it is Debian's busybox
 * 1.35 applet, built without `show` (it knows only addbr/delbr/addif/delif). Changing bridges needs
 * CAP_NET_ADMIN, which nobody has here.
 */
import type { Gen, NetIfaceInfo, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { err, out, warn } from "../lib/io";
import { runningAsBusybox } from "./lib/ifaces";
import { USAGE } from "./usage";

const BRIDGE_UTILS_USAGE =
  "Usage: brctl [commands]\ncommands:\n\taddbr     \t<bridge>\t\tadd bridge\n\tdelbr     \t<bridge>\t\tdelete bridge\n\taddif     \t<bridge> <device>\tadd interface to bridge\n\tdelif     \t<bridge> <device>\tdelete interface from bridge\n\thairpin   \t<bridge> <port> {on|off}\tturn hairpin on/off\n\tsetageing \t<bridge> <time>\t\tset ageing time\n\tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority\n\tsetfd     \t<bridge> <time>\t\tset bridge forward delay\n\tsethello  \t<bridge> <time>\t\tset hello time\n\tsetmaxage \t<bridge> <time>\t\tset max message age\n\tsetpathcost\t<bridge> <port> <cost>\tset path cost\n\tsetportprio\t<bridge> <port> <prio>\tset port priority\n\tshow      \t[ <bridge> ]\t\tshow a list of bridges\n\tshowmacs  \t<bridge>\t\tshow a list of mac addrs\n\tshowstp   \t<bridge>\t\tshow bridge stp info\n\tstp       \t<bridge> {on|off}\tturn stp on/off\n";

/** The commands bridge-utils knows, with how many arguments each needs (at least, at most). */
const COMMANDS: Record<string, [number, number, string]> = {
  addbr: [1, 1, "<bridge>\t\tadd bridge"],
  delbr: [1, 1, "<bridge>\t\tdelete bridge"],
  addif: [2, 2, "<bridge> <device>\tadd interface to bridge"],
  delif: [2, 2, "<bridge> <device>\tdelete interface from bridge"],
  hairpin: [3, 3, "<bridge> <port> {on|off}\tturn hairpin on/off"],
  setageing: [2, 2, "<bridge> <time>\t\tset ageing time"],
  setbridgeprio: [2, 2, "<bridge> <prio>\t\tset bridge priority"],
  setfd: [2, 2, "<bridge> <time>\t\tset bridge forward delay"],
  sethello: [2, 2, "<bridge> <time>\t\tset hello time"],
  setmaxage: [2, 2, "<bridge> <time>\t\tset max message age"],
  setpathcost: [3, 3, "<bridge> <port> <cost>\tset path cost"],
  setportprio: [3, 3, "<bridge> <port> <prio>\tset port priority"],
  show: [0, Number.POSITIVE_INFINITY, "[ <bridge> ]\t\tshow a list of bridges"],
  showmacs: [1, 1, "<bridge>\t\tshow a list of mac addrs"],
  showstp: [1, 1, "<bridge>\t\tshow bridge stp info"],
  stp: [2, 2, "<bridge> {on|off}\tturn stp on/off"],
};

/** The bridge id: priority 0x8000 and the bridge's MAC address. */
function bridgeId(i: NetIfaceInfo): string {
  return `8000.${i.mac.replaceAll(":", "")}`;
}

function showRow(br: NetIfaceInfo, all: NetIfaceInfo[]): string {
  // Ports come from /sys/class/net/BR/brif, read in alphabetical order.
  const ports = all
    .filter((p) => p.master === br.name)
    .map((p) => p.name)
    .sort();
  const head = `${br.name}\t\t${bridgeId(br)}\tno\t\t`;
  if (ports.length === 0) return `${head}\n`;
  return `${head}${ports.map((p) => `${p}\n`).join("\t\t\t\t\t\t\t")}`;
}

function* bridgeUtils(sys: Sys): Gen<number> {
  const [cmd, ...args] = sys.argv.slice(1);
  if (cmd === undefined) {
    yield* out(sys, BRIDGE_UTILS_USAGE);
    return 1;
  }
  const spec = COMMANDS[cmd];
  if (!spec) {
    yield* err(sys, `never heard of command [${cmd}]\n`);
    yield* out(sys, BRIDGE_UTILS_USAGE);
    return 1;
  }
  if (args.length < spec[0] || args.length > spec[1]) {
    yield* out(sys, `Incorrect number of arguments for command\nUsage: brctl ${cmd} ${spec[2]}\n`);
    return 1;
  }
  const ifaces = sys.netInfo().ifaces;
  if (cmd === "show") {
    let text = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n";
    let problems = "";
    const names = args.length > 0 ? args : ifaces.filter((i) => i.kind === "bridge").map((i) => i.name).sort();
    for (const name of names) {
      const i = ifaces.find((x) => x.name === name);
      if (!i) problems += `bridge ${name} does not exist!\n`;
      else if (i.kind !== "bridge") problems += `device ${name} is not a bridge!\n`;
      else text += showRow(i, ifaces);
    }
    yield* out(sys, text);
    yield* err(sys, problems);
    return problems ? 1 : 0;
  }
  if ((cmd === "addif" || cmd === "delif") && !ifaces.some((i) => i.name === args[1])) {
    yield* err(sys, `interface ${args[1]} does not exist!\n`);
    return 1;
  }
  const message: Record<string, string> = {
    addbr: "add bridge failed",
    delbr: `can't delete bridge ${args[0]}`,
    addif: `can't add ${args[1]} to bridge ${args[0]}`,
    delif: `can't delete ${args[1]} from ${args[0]}`,
  };
  yield* err(sys, `${message[cmd] ?? `set ${cmd} failed`}: Operation not permitted\n`);
  return 1;
}

export const brctl: ProgramDef = {
  name: "brctl",
  rss: 400 * 1024,
  *main(sys) {
    if (!runningAsBusybox(sys)) return yield* bridgeUtils(sys);
    const [cmd, br, iface] = sys.argv.slice(1);
    const arity: Record<string, number> = { addbr: 1, delbr: 1, addif: 2, delif: 2 };
    if (cmd === undefined) return yield* usageError(sys, USAGE.brctl);
    if (!(cmd in arity)) {
      yield* warn(sys, `invalid argument '${cmd}' to 'brctl'`);
      return 1;
    }
    if ((arity[cmd] === 2 ? iface : br) === undefined) return yield* usageError(sys, USAGE.brctl);
    yield* warn(sys, `bridge ${br}: Operation not permitted`);
    return 1;
  },
};
