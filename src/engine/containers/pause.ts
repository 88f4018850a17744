/**
 * docker pause / unpause: the container's cgroup is frozen (cgroup.freeze). The scheduler does not
 * read that flag yet, so the processes are also stopped and continued here.
 */
import { sendSignal } from "../../kernel/proc/signal";
import { EngineError, type DockerClient } from "../client";
import { emitEvent } from "../events";
import { cgroupPath } from "./rootfs";

function members(d: DockerClient, path: string): number[] {
  return Object.values(d.k.w.procs)
    .filter((p) => p.state !== "Z" && (p.cgroup === path || p.cgroup.startsWith(`${path}/`)))
    .map((p) => p.pid);
}

export function containerPause(d: DockerClient, idOrName: string) {
  const c = d.container(idOrName);
  if (!c.state.Running) throw new EngineError(`container ${c.id} is not running`, 409);
  if (c.state.Paused) throw new EngineError(`Container ${c.id} is already paused`, 409);
  if (c.state.Restarting) throw new EngineError(`Container ${c.id} is restarting, wait until the container is running`, 409);
  const path = cgroupPath(c);
  const cg = d.k.w.cgroups[path];
  if (cg) cg.frozen = true;
  for (const pid of members(d, path)) sendSignal(d.k, pid, "STOP", 0);
  c.state.Paused = true;
  c.state.Status = "paused";
  emitEvent(d.k, "container", "pause", c.id, { image: c.imageRef, name: c.name });
}

export function containerUnpause(d: DockerClient, idOrName: string) {
  const c = d.container(idOrName);
  if (!c.state.Paused) throw new EngineError(`Container ${c.id} is not paused`, 409);
  const path = cgroupPath(c);
  const cg = d.k.w.cgroups[path];
  if (cg) cg.frozen = false;
  for (const pid of members(d, path)) sendSignal(d.k, pid, "CONT", 0);
  c.state.Paused = false;
  c.state.Status = "running";
  emitEvent(d.k, "container", "unpause", c.id, { image: c.imageRef, name: c.name });
}
