/**
 * `docker rm --link /parent/alias` (daemon.rmLink): the link name goes, and a running parent's
 * /etc/hosts is made again without it (its environment stays as it started).
 */
import type { Kernel } from "../../kernel";
import { EngineError } from "../client";
import { writeFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import type { ContainerRecord } from "../state";
import { unlink } from "./links";
import { hostsFile } from "./resolv";

/** `lookup` is the daemon's container lookup: the name must first name a container. */
export function removeLink(k: Kernel, name: string, lookup: (name: string) => ContainerRecord) {
  lookup(name);
  const full = name.startsWith("/") ? name : `/${name}`;
  if (full.lastIndexOf("/") === 0)
    throw new EngineError("Conflict, cannot remove the default link name of the container", 409);
  const parent = unlink(k, full);
  if (parent?.state.Running)
    writeFile(k, `${DOCKER_ROOT}/containers/${parent.id}/hosts`, hostsFile(k, parent));
}
