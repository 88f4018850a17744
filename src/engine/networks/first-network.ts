/**
 * A container's first network (its NetworkMode) is an endpoint setting like any other: `docker
 * network disconnect none c` takes it out of NetworkSettings.Networks and the container keeps only
 * its loopback. Then, and only then, may a `--network none` container be connected to a bridge
 * network (daemon updateNetworkSettings checks the networks it is still on).
 */
import type { ContainerRecord } from "../state";

type WithFirstNetworkLeft = ContainerRecord & { firstNetworkLeft?: boolean };

/** Whether the container was disconnected from the network it was created on. */
export function leftFirstNetwork(c: ContainerRecord): boolean {
  return (c as WithFirstNetworkLeft).firstNetworkLeft === true;
}

export function leaveFirstNetwork(c: ContainerRecord) {
  (c as WithFirstNetworkLeft).firstNetworkLeft = true;
}

/** Whether `name` (a network name or id) is the network the container was created on. */
export function isFirstNetwork(c: ContainerRecord, net: { name: string; id: string }): boolean {
  const mode = c.hostConfig.NetworkMode === "default" ? "bridge" : c.hostConfig.NetworkMode;
  return mode === net.name || mode === net.id;
}
