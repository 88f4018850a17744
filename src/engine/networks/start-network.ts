/**
 * The daemon's lookup of a container's user-defined network when the container starts
 * (container_operations.go getNetworkID + FindNetwork): once the container has run, its endpoint
 * settings keep the network's id, and that id is looked up; before, the name it was created with.
 * A network removed meanwhile fails the start with docker 28's wording, naming what was looked up.
 */
import type { Kernel } from "../../kernel";
import { EngineError } from "../client";
import type { ContainerRecord } from "../state";
import { isUserDefinedName } from "./endpoint-config";
import { leftFirstNetwork } from "./first-network";
import { findNetwork } from "./networks";

type WithNetworkId = ContainerRecord & { networkId?: string };

/** docker 28 wraps what goes wrong while the container's networking is set up. */
export const NETWORK_SETUP_PREFIX = "failed to set up container networking: ";

/** The id of the first network as its endpoint settings keep it (NetworkID), if it has run on it. */
export function storedNetworkId(c: ContainerRecord): string | undefined {
  return (c as WithNetworkId).networkId;
}

/** Why the container's first network cannot be found at start, if it cannot. */
export function startNetworkError(k: Kernel, c: ContainerRecord): string | undefined {
  const mode = c.hostConfig.NetworkMode;
  // Disconnected from it, the container is no longer on the network: a start does not look for it.
  if (!isUserDefinedName(mode) || leftFirstNetwork(c)) return undefined;
  try {
    findNetwork(k, storedNetworkId(c) ?? mode);
    return undefined;
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return `${NETWORK_SETUP_PREFIX}${e.message}`;
  }
}

/** After a start: the endpoint settings now hold the network's id. */
export function rememberNetworkId(k: Kernel, c: ContainerRecord) {
  const mode = c.hostConfig.NetworkMode;
  if (!isUserDefinedName(mode) || leftFirstNetwork(c) || startNetworkError(k, c) !== undefined) return;
  (c as WithNetworkId).networkId = findNetwork(k, storedNetworkId(c) ?? mode).id;
}
