/** docker pause / unpause: the container's cgroup is frozen and thawed (cgroup.freeze). */
import { cgroupSetFrozen } from "../../kernel/cgroup/cgroups";
import { EngineError, type DockerClient } from "../client";
import { emitEvent } from "../events";
import { cgroupPath } from "./rootfs";

export function containerPause(d: DockerClient, idOrName: string) {
  const c = d.container(idOrName);
  if (!c.state.Running) throw new EngineError(`container ${c.id} is not running`, 409);
  if (c.state.Paused) throw new EngineError(`Container ${c.id} is already paused`, 409);
  if (c.state.Restarting) throw new EngineError(`Container ${c.id} is restarting, wait until the container is running`, 409);
  cgroupSetFrozen(d.k, cgroupPath(c), true);
  c.state.Paused = true;
  c.state.Status = "paused";
  emitEvent(d.k, "container", "pause", c.id, { image: c.imageRef, name: c.name });
}

export function containerUnpause(d: DockerClient, idOrName: string) {
  const c = d.container(idOrName);
  if (!c.state.Paused) throw new EngineError(`Container ${c.id} is not paused`, 409);
  cgroupSetFrozen(d.k, cgroupPath(c), false);
  c.state.Paused = false;
  c.state.Status = "running";
  emitEvent(d.k, "container", "unpause", c.id, { image: c.imageRef, name: c.name });
}
