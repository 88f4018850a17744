/** docker rename and docker update: changing a container's name and, live, its resource limits. */
import { configureCgroup } from "./runtime";
import { EngineError, type DockerClient } from "../client";
import { emitEvent } from "../events";
import { engineState } from "../state";
import { cgroupPath } from "./rootfs";
import { type ResourceHostConfig, verifyResources } from "./resources";

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function containerRename(d: DockerClient, idOrName: string, newName: string) {
  const c = d.container(idOrName);
  const name = newName.replace(/^\//, "");
  if (!NAME_RE.test(name)) throw new EngineError(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, 400);
  if (name === c.name) throw new EngineError("Renaming a container with the same name as its current name", 400);
  const clash = Object.values(engineState(d.k).containers).find((x) => x.name === name);
  if (clash)
    throw new EngineError(
      `Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      409,
    );
  const old = c.name;
  c.name = name;
  emitEvent(d.k, "container", "rename", c.id, { image: c.imageRef, name, oldName: `/${old}` });
}

export interface ResourceUpdate {
  memory?: number;
  memorySwap?: number;
  nanoCpus?: number;
  cpuShares?: number;
  /** 0 or less: unlimited. */
  pidsLimit?: number;
  restart?: { Name: string; MaximumRetryCount: number };
  /** cpuset, CFS period/quota, reservation, blkio weight (resources.ts). */
  resources?: Partial<ResourceHostConfig>;
}

/** Applies new limits to the record and, when it runs, to its cgroup (as runc update does). */
export function containerUpdate(d: DockerClient, idOrName: string, u: ResourceUpdate) {
  const c = d.container(idOrName);
  const h = c.hostConfig;
  const fail = (msg: string) => new EngineError(`Cannot update container ${c.id}: ${msg}`, 409);
  if (u.resources || u.nanoCpus !== undefined) {
    // The daemon checks the merged settings (verifyContainerSettings with update=true).
    const merged = { ...h, ...u.resources, NanoCpus: u.nanoCpus ?? h.NanoCpus, Memory: u.memory || h.Memory };
    if ((u.resources?.CpuRealtimePeriod ?? 0) !== 0 || (u.resources?.CpuRealtimeRuntime ?? 0) !== 0) throw new EngineError("kernel does not support CPU real-time scheduler", 400);
    verifyResources(d.k, merged, true);
  }
  if (u.restart && h.AutoRemove && u.restart.Name !== "no")
    throw fail("Restart policy cannot be updated because AutoRemove is enabled for the container");
  if (u.memory !== undefined && u.memory !== 0) {
    if (u.memory < 6 * 1024 * 1024) throw fail("Minimum memory limit allowed is 6MB");
    if (u.memory > h.MemorySwap && h.MemorySwap !== -1 && (u.memorySwap ?? 0) === 0)
      throw fail("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
  }
  if (u.memorySwap !== undefined && u.memorySwap > 0 && u.memorySwap < (u.memory ?? h.Memory))
    throw fail("Minimum memoryswap limit should be larger than memory limit, see usage");
  if (u.memory) h.Memory = u.memory;
  if (u.memorySwap) h.MemorySwap = u.memorySwap;
  if (u.nanoCpus !== undefined) h.NanoCpus = u.nanoCpus;
  if (u.cpuShares !== undefined) h.CpuShares = u.cpuShares;
  if (u.pidsLimit !== undefined) h.PidsLimit = u.pidsLimit > 0 ? u.pidsLimit : null;
  if (u.restart) h.RestartPolicy = u.restart;
  if (u.resources) Object.assign(h, u.resources);
  if (d.k.w.cgroups[cgroupPath(c)] && c.state.Running) configureCgroup(d.k, c);
  emitEvent(d.k, "container", "update", c.id, { image: c.imageRef, name: c.name });
}
