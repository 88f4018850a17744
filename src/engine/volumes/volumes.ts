/**
 * Named and anonymous volumes of the local driver: a directory /var/lib/docker/volumes/NAME/_data
 * on the host that containers mount (rootfs.ts mounts a "volume" MountSpec from its Source).
 */
import type { Kernel } from "../../kernel";
import { randomHex } from "../../kernel/rng";
import { type DockerClient, EngineError } from "../client";
import { emitEvent } from "../events";
import { exists, hostWalker, mkdirp, removeTree } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { engineState, type VolumeRecord } from "../state";
import { rfc3339Nano } from "../time";

/** What the local driver keeps beyond the lead's VolumeRecord. */
export type Volume = VolumeRecord & { options?: Record<string, string> | null };

/** Label docker puts on volumes it creates for `-v /path` and image VOLUMEs. */
export const ANONYMOUS_LABEL = "com.docker.volume.anonymous";

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function volumeDir(name: string): string {
  return `${DOCKER_ROOT}/volumes/${name}`;
}

export function volumeMountpoint(name: string): string {
  return `${volumeDir(name)}/_data`;
}

export function volumes(k: Kernel): Record<string, Volume> {
  return engineState(k).volumes as Record<string, Volume>;
}

/** RFC3339 with seconds, as the local driver reports CreatedAt (the host runs in UTC). */
function createdAt(k: Kernel): string {
  return rfc3339Nano(k.now()).replace(/\.\d+Z$/, "Z");
}

export interface VolumeCreate {
  name?: string;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  driver?: string;
}

/** `docker volume create`: an existing name is returned as it is (as the daemon does). */
export function createVolume(k: Kernel, req: VolumeCreate): Volume {
  const driver = req.driver ?? "local";
  if (driver !== "local") throw new EngineError(`error looking up volume plugin ${driver}: plugin "${driver}" not found`, 404);
  const all = volumes(k);
  const anonymous = req.name === undefined || req.name === "";
  const name = anonymous ? randomHex(k.w.rng, 32) : req.name!;
  if (!anonymous && !NAME_RE.test(name))
    throw new EngineError(
      `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      400,
    );
  const existing = all[name];
  if (existing) return existing;
  mkdirp(k, volumeDir(name), 0o701);
  mkdirp(k, volumeMountpoint(name), 0o755);
  const labels = { ...(req.labels ?? {}) };
  const vol: Volume = {
    name,
    created: createdAt(k),
    anonymous: anonymous && ANONYMOUS_LABEL in labels,
    labels,
    options: req.options && Object.keys(req.options).length > 0 ? { ...req.options } : null,
  };
  all[name] = vol;
  emitEvent(k, "volume", "create", name, { driver: "local" });
  return vol;
}

/**
 * The host path to mount for a volume, creating it when needed; without a name an anonymous volume
 * (64 hex digits, labelled as docker labels them). For the run command's `-v NAME:/path` and `-v /path`.
 */
export function ensureVolume(d: DockerClient, name?: string): { name: string; source: string } {
  const vol = name ? createVolume(d.k, { name }) : createVolume(d.k, { labels: { [ANONYMOUS_LABEL]: "" } });
  return { name: vol.name, source: volumeMountpoint(vol.name) };
}

export function findVolume(k: Kernel, name: string): Volume {
  const v = volumes(k)[name];
  if (!v) throw new EngineError(`get ${name}: no such volume`, 404);
  return v;
}

/** Ids of the containers (running or not) that mount the volume. */
export function volumeUsers(k: Kernel, name: string): string[] {
  return Object.values(engineState(k).containers)
    .filter((c) => c.mounts.some((m) => m.Type === "volume" && m.Name === name))
    .sort((a, b) => a.createdUptime - b.createdUptime)
    .map((c) => c.id);
}

export function removeVolume(k: Kernel, name: string, force = false) {
  const v = volumes(k)[name];
  if (!v) {
    if (force) return;
    throw new EngineError(`get ${name}: no such volume`, 404);
  }
  const users = volumeUsers(k, name);
  if (users.length > 0) throw new EngineError(`remove ${name}: volume is in use - [${users.join(", ")}]`, 409);
  removeTree(k, volumeDir(name));
  delete volumes(k)[name];
  emitEvent(k, "volume", "destroy", name, { driver: "local" });
}

/** Bytes of file data under a volume's _data (what `docker system df -v` shows). */
export function volumeSize(k: Kernel, name: string): number {
  const path = volumeMountpoint(name);
  if (!exists(k, path)) return 0;
  const w = hostWalker(k);
  let total = 0;
  const walk = (p: string) => {
    const loc = k.vfs.walk(w, p, false);
    const st = k.vfs.stat(loc);
    if (st.type === "dir") for (const e of k.vfs.readdir(loc)) walk(`${p}/${e.name}`);
    else if (st.type === "file") total += st.size;
  };
  walk(path);
  return total;
}

export interface VolumeFilters {
  /** --all: named volumes too (by default only anonymous ones are pruned). */
  all?: boolean;
  labels?: Array<{ key: string; value?: string; negate: boolean }>;
}

export function matchesLabels(labels: Record<string, string>, filters: VolumeFilters["labels"] = []): boolean {
  return filters.every((f) => {
    const has = f.key in labels && (f.value === undefined || labels[f.key] === f.value);
    return f.negate ? !has : has;
  });
}

/** `docker volume prune`: unused volumes; returns the names removed and the bytes reclaimed. */
export function pruneVolumes(k: Kernel, f: VolumeFilters = {}): { deleted: string[]; reclaimed: number } {
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const v of Object.values(volumes(k)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (volumeUsers(k, v.name).length > 0) continue;
    if (!f.all && !(ANONYMOUS_LABEL in v.labels)) continue;
    if (!matchesLabels(v.labels, f.labels)) continue;
    reclaimed += volumeSize(k, v.name);
    removeVolume(k, v.name);
    deleted.push(v.name);
  }
  if (deleted.length > 0) emitEvent(k, "volume", "prune", "", { reclaimed: String(reclaimed) });
  return { deleted, reclaimed };
}

/** The Engine API's Volume object, in its field order. */
export function volumeInspect(v: Volume) {
  return {
    CreatedAt: v.created,
    Driver: "local",
    Labels: Object.keys(v.labels).length > 0 ? v.labels : null,
    Mountpoint: volumeMountpoint(v.name),
    Name: v.name,
    Options: v.options ?? null,
    Scope: "local",
  };
}
