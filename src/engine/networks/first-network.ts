/**
 * A container's first network (its NetworkMode) is an endpoint setting like any other: `docker
 * network disconnect` takes it out of NetworkSettings.Networks, running or stopped. A running
 * container loses that interface (and the ports published through it); `--network none` has none
 * to lose. Only a `--network none` container that left none may then join a bridge network (the
 * daemon's updateNetworkSettings checks the networks it is still on). Later starts set up only
 * the networks it is on, so it stays with its loopback; connecting the network again makes it the
 * container's network as before.
 */
import type { Kernel } from "../../kernel";
import type { ContainerRecord } from "../state";
import { disconnectContainer } from "./bridge";
import { usedEthIndex } from "./networks";
import { publishPorts, unpublishPorts } from "./ports";

type WithFirstNetworkLeft = ContainerRecord & { firstNetworkLeft?: boolean };

/** Whether the container was disconnected from the network it was created on. */
export function leftFirstNetwork(c: ContainerRecord): boolean {
  return (c as WithFirstNetworkLeft).firstNetworkLeft === true;
}

export function leaveFirstNetwork(c: ContainerRecord) {
  (c as WithFirstNetworkLeft).firstNetworkLeft = true;
}

/**
 * The network a start sets the container up on (`mode`, NetworkMode with "default" as "bridge"):
 * none, with a loopback only, once it was disconnected from it.
 */
export function startNetworkMode(c: ContainerRecord, mode: string): string {
  return leftFirstNetwork(c) ? "none" : mode;
}

/** Whether `net` is the network the container was created on. */
export function isFirstNetwork(c: ContainerRecord, net: { name: string; id: string }): boolean {
  const mode = c.hostConfig.NetworkMode === "default" ? "bridge" : c.hostConfig.NetworkMode;
  return mode === net.name || mode === net.id;
}

/**
 * A running container leaves its first bridge or user network: its ports are unpublished, and
 * on the default bridge (which the runtime plugs without an endpoint record) its veth pair goes.
 */
export function unplugFirstNetwork(k: Kernel, c: ContainerRecord) {
  const first = c.network;
  if (!first || first.ip === "") return;
  unpublishPorts(k, c);
  if (first.name === "bridge" && first.iface) {
    const host = k.w.ns[k.w.initNs.net].net!;
    const hostIndex = host.ifaces.find((i) => i.name === first.iface)?.index;
    const inner = k.w.ns[k.w.procs[c.state.Pid]?.ns.net ?? -1]?.net;
    const eth = inner?.ifaces.find((i) => i.peer?.[1] === hostIndex);
    if (inner && eth) {
      usedEthIndex(c, k.w.procs[c.state.Pid].ns.net, Number(eth.name.slice(3)));
      inner.ifaces = inner.ifaces.filter((i) => i !== eth);
      inner.routes = inner.routes.filter((r) => r.dev !== eth.name);
    }
    disconnectContainer(k, first.iface);
  }
  c.network = { name: first.name, ip: "", mac: "", gateway: "", prefix: 0, endpointId: "" };
  leaveFirstNetwork(c);
}

/** The container joined its first network again: it is its network as before, ports and all. */
export function replugFirstNetwork(
  k: Kernel,
  c: ContainerRecord,
  e: { ip: string; mac: string; endpointId: string; hostIface?: string },
  net: { name: string; gateway: string; subnet: string },
) {
  delete (c as WithFirstNetworkLeft).firstNetworkLeft;
  if (!c.state.Running) return;
  const prefix = Number(net.subnet.split("/")[1]);
  c.network = { name: net.name, ip: e.ip, mac: e.mac, gateway: net.gateway, prefix, endpointId: e.endpointId, iface: e.hostIface };
  publishPorts(k, c);
}
