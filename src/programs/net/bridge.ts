/**
 * bridge: iproute2 6.1's bridge tool, the `link` object — the ports of the namespace's bridges,
 * their flags, master and STP port state. Changing ports needs CAP_NET_ADMIN, which nobody has here.
 */
import type { NetIfaceInfo, ProgramDef } from "../../kernel/api";
import { err, out } from "../lib/io";
import { hasCarrier, linkFlags } from "./lib/ifaces";

const USAGE =
  "Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n       bridge [ -force ] -batch filename\nwhere  OBJECT := { link | fdb | mdb | vlan | monitor }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n                    -o[neline] | -t[imestamp] | -n[etns] name |\n                    -c[ompressvlans] -color -p[retty] -j[son] }\n";

const OBJECTS = ["link", "fdb", "mdb", "vlan", "monitor"];

function portLine(p: NetIfaceInfo, all: NetIfaceInfo[]): string {
  const name = p.kind === "veth" && p.peerIndex !== undefined ? `${p.name}@if${p.peerIndex}` : p.name;
  const bridge = all.find((b) => b.name === p.master);
  // A port forwards once it has carrier on an up bridge (no STP, so no listening/learning delay).
  const state = hasCarrier(p, all) && bridge?.up ? "forwarding" : "disabled";
  return `${p.index}: ${name}: <${linkFlags(p, all).join(",")}> mtu ${p.mtu} master ${p.master} state ${state} priority 32 cost 2 \n`;
}

export const bridge: ProgramDef = {
  name: "bridge",
  rss: 600 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1);
    while (args[0]?.startsWith("-")) {
      const o = args.shift()!;
      yield* err(sys, `Option "${o}" is unknown, try "bridge help".\n`);
      return 255;
    }
    if (args.length === 0) {
      yield* err(sys, USAGE);
      return 255;
    }
    const object = OBJECTS.find((o) => o.startsWith(args[0]));
    if (object === undefined) {
      yield* err(sys, `Object "${args[0]}" is unknown, try "bridge help".\n`);
      return 255;
    }
    if (object !== "link") {
      yield* err(sys, `bridge ${object}: not available in this sandbox\n`);
      return 255;
    }
    const rest = args.slice(1);
    const cmd = rest[0] ?? "show";
    if (cmd === "set") {
      yield* err(sys, "RTNETLINK answers: Operation not permitted\n");
      return 255;
    }
    if (!["show", "list", "lst"].some((c) => c.startsWith(cmd))) {
      yield* err(sys, `Command "${cmd}" is unknown, try "bridge link help".\n`);
      return 255;
    }
    let dev: string | undefined;
    for (let i = 1; i < rest.length; i++) dev = rest[i] === "dev" ? rest[++i] : rest[i];
    const ifaces = sys.netInfo().ifaces;
    if (dev !== undefined && !ifaces.some((i) => i.name === dev)) {
      yield* err(sys, `Cannot find device "${dev}"\n`);
      return 255;
    }
    const ports = ifaces.filter((i) => i.master !== undefined && (dev === undefined || i.name === dev)).sort((a, b) => a.index - b.index);
    yield* out(sys, ports.map((p) => portLine(p, ifaces)).join(""));
    return 0;
  },
};
