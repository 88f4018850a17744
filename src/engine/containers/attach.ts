/**
 * Attaching a client to a container's streams (what the daemon's attach endpoint serves): output
 * is the container's log from a given point on, input goes to its tty or its stdin pipe.
 */
import type { DockerClient } from "../client";
import { exists, readFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";

/** Where the container's log ends now: followLogs from here streams only what comes next. */
export function logEnd(d: DockerClient, idOrName: string): number {
  const id = d.container(idOrName).id;
  const path = `${DOCKER_ROOT}/containers/${id}/${id}-json.log`;
  return exists(d.k, path) ? readFile(d.k, path).length : 0;
}
