/** `docker system df`: what images, containers and volumes take on disk, and what is reclaimable. */
import type { Kernel } from "../../kernel";
import { chainIds, DOCKER_ROOT } from "../images/store";
import { engineState, type ContainerRecord, type ImageRecord } from "../state";
import { readTreeEntries } from "../images/entries";
import { exists } from "../hostfs";
import { volumes, volumeSize, volumeUsers } from "../volumes/volumes";

/** Bytes in a container's writable layer (SizeRw). */
export function containerSizeRw(k: Kernel, c: ContainerRecord): number {
  const dir = `${DOCKER_ROOT}/overlay2/${c.rwCacheId}/diff`;
  if (!exists(k, dir)) return 0;
  return readTreeEntries(k, dir).reduce((n, e) => n + (e.type === "file" ? (e.prog ? (e.size ?? 0) : (e.content ?? "").length) : 0), 0);
}

export interface ImageUsage {
  img: ImageRecord;
  containers: number;
  /** Bytes of layers other images share too. */
  shared: number;
}

export function imageUsage(k: Kernel): ImageUsage[] {
  const st = engineState(k);
  const all = Object.values(st.images);
  const users = new Map<string, number>();
  for (const i of all) for (const c of chainIds(i.layers)) users.set(c, (users.get(c) ?? 0) + 1);
  return all.map((img) => ({
    img,
    containers: Object.values(st.containers).filter((c) => c.imageId === img.id).length,
    shared: chainIds(img.layers).reduce((n, c) => n + ((users.get(c) ?? 0) > 1 ? (st.layers[c]?.size ?? 0) : 0), 0),
  }));
}

/** Total bytes of all layers (each counted once). */
export function layersSize(k: Kernel): number {
  return Object.values(engineState(k).layers).reduce((n, l) => n + l.size, 0);
}

/** Bytes of layers that only unused images hold. */
export function reclaimableImageBytes(k: Kernel): number {
  const st = engineState(k);
  const used = new Set(
    Object.values(st.containers)
      .map((c) => st.images[c.imageId])
      .filter((i) => i !== undefined)
      .flatMap((i) => chainIds(i.layers)),
  );
  return Object.values(st.layers).reduce((n, l) => n + (used.has(l.chainId) ? 0 : l.size), 0);
}

export interface VolumeUsage {
  name: string;
  links: number;
  size: number;
}

export function volumeUsage(k: Kernel): VolumeUsage[] {
  return Object.values(volumes(k))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((v) => ({ name: v.name, links: volumeUsers(k, v.name).length, size: volumeSize(k, v.name) }));
}
