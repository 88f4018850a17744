/**
 * What the daemon reports about a local image: `docker image inspect` (API 1.50 shape, graphdriver
 * store), `docker history` entries, creation time, dangling state, and image prune.
 */
import { parsedConfig } from "./config-json";
import type { Kernel } from "../../kernel";
import { emitEvent } from "../events";
import { engineState, type ImageRecord } from "../state";
import { GO_ZERO_TIME } from "../time";
import { DOCKER_ROOT, deleteImage, imageLayers } from "./store";

interface ConfigFile {
  architecture?: string;
  os?: string;
  variant?: string;
  author?: string;
  comment?: string;
  created?: string;
  docker_version?: string;
  config?: Record<string, unknown>;
  history?: Array<{ created?: string; created_by?: string; comment?: string; empty_layer?: boolean; author?: string }>;
  rootfs?: { type: string; diff_ids: string[] };
}

/** Extra facts the daemon keeps per image (image/overlay2/imagedb/metadata). */
export type ImageMeta = ImageRecord & { lastTagTime?: string; parent?: string };

export function imageConfig(img: ImageRecord): ConfigFile {
  return parsedConfig<ConfigFile>(img.configJson);
}

/** Seconds since the epoch of an RFC 3339 time (the config's "created"); 0 when absent. */
export function parseRfc3339(s: string | undefined): { sec: number; nsec: number } {
  if (!s) return { sec: 0, nsec: 0 };
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return { sec: 0, nsec: 0 };
  const base = Date.parse(`${m[1]}${m[3]}`) / 1000;
  return { sec: base, nsec: Number((m[2] ?? "").padEnd(9, "0").slice(0, 9)) };
}

export function imageCreated(img: ImageRecord): { sec: number; nsec: number } {
  return parseRfc3339(imageConfig(img).created);
}

export function isDangling(img: ImageRecord): boolean {
  return img.repoTags.length === 0 && img.repoDigests.length === 0;
}

/** Images as the daemon lists them: newest creation time first. */
export function imagesByCreated(k: Kernel): ImageRecord[] {
  return Object.values(engineState(k).images).sort((a, b) => {
    const ca = imageCreated(a);
    const cb = imageCreated(b);
    return cb.sec - ca.sec || cb.nsec - ca.nsec || b.loadedAt - a.loadedAt || (a.id < b.id ? -1 : 1);
  });
}

/** container.Config in Go field order, as the 28.x daemon still fills it for image inspect. */
function legacyConfig(c: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Hostname: c.Hostname ?? "",
    Domainname: c.Domainname ?? "",
    User: c.User ?? "",
    AttachStdin: c.AttachStdin ?? false,
    AttachStdout: c.AttachStdout ?? false,
    AttachStderr: c.AttachStderr ?? false,
  };
  if (c.ExposedPorts) out.ExposedPorts = c.ExposedPorts;
  Object.assign(out, { Tty: c.Tty ?? false, OpenStdin: c.OpenStdin ?? false, StdinOnce: c.StdinOnce ?? false, Env: c.Env ?? null, Cmd: c.Cmd ?? null });
  if (c.Healthcheck) out.Healthcheck = c.Healthcheck;
  if (c.ArgsEscaped) out.ArgsEscaped = c.ArgsEscaped;
  Object.assign(out, { Image: c.Image ?? "", Volumes: c.Volumes ?? null, WorkingDir: c.WorkingDir ?? "", Entrypoint: c.Entrypoint ?? null });
  Object.assign(out, { OnBuild: c.OnBuild ?? null, Labels: c.Labels ?? null });
  if (c.StopSignal) out.StopSignal = c.StopSignal;
  if (c.Shell) out.Shell = c.Shell;
  return out;
}

/** The overlay2 directories of an image's top layer and the ones below it. */
export function graphDriverData(k: Kernel, img: ImageRecord): Record<string, string> {
  const layers = imageLayers(k, img).filter((l) => l !== undefined);
  const dir = (id: string) => `${DOCKER_ROOT}/overlay2/${id}`;
  const top = layers[layers.length - 1];
  const data: Record<string, string> = {};
  if (!top) return data;
  const lowers = layers.slice(0, -1).reverse();
  if (lowers.length > 0) data.LowerDir = lowers.map((l) => `${dir(l.cacheId)}/diff`).join(":");
  data.MergedDir = `${dir(top.cacheId)}/merged`;
  data.UpperDir = `${dir(top.cacheId)}/diff`;
  data.WorkDir = `${dir(top.cacheId)}/work`;
  return data;
}

/** `docker image inspect`: the ImageInspect object of API 1.50 (graphdriver store). */
export function imageInspect(k: Kernel, img: ImageMeta) {
  const cfg = imageConfig(img);
  const out: Record<string, unknown> = {
    Id: img.id,
    RepoTags: [...img.repoTags].sort(),
    RepoDigests: [...img.repoDigests].sort(),
    Parent: img.parent ?? "",
    Comment: cfg.comment ?? "",
    Created: cfg.created ?? GO_ZERO_TIME,
    DockerVersion: cfg.docker_version ?? "",
    Author: cfg.author ?? "",
    Config: legacyConfig(cfg.config),
    Architecture: cfg.architecture ?? "amd64",
  };
  if (cfg.variant) out.Variant = cfg.variant;
  Object.assign(out, {
    Os: cfg.os ?? "linux",
    Size: img.size,
    GraphDriver: { Data: graphDriverData(k, img), Name: "overlay2" },
    RootFS: { Type: "layers", Layers: [...img.layers] },
    Metadata: { LastTagTime: img.lastTagTime ?? GO_ZERO_TIME },
  });
  return out;
}

export interface HistoryItem {
  id: string;
  created: { sec: number; nsec: number };
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
}

/** `docker history`: newest entry first; only the top one names the image. */
export function imageHistory(k: Kernel, img: ImageRecord): HistoryItem[] {
  const cfg = imageConfig(img);
  const layers = imageLayers(k, img);
  const items: HistoryItem[] = [];
  let layer = 0;
  for (const h of cfg.history ?? []) {
    let size = 0;
    if (!h.empty_layer) {
      size = layers[layer]?.size ?? 0;
      layer++;
    }
    items.push({ id: "<missing>", created: parseRfc3339(h.created), createdBy: h.created_by ?? "", size, comment: h.comment ?? "", tags: [] });
  }
  items.reverse();
  if (items.length > 0) {
    items[0].id = img.id;
    items[0].tags = [...img.repoTags].sort();
  }
  return items;
}

/** Whether a container (of any state) was made from the image. */
export function imageInUse(k: Kernel, img: ImageRecord): boolean {
  return Object.values(engineState(k).containers).some((c) => c.imageId === img.id);
}

/**
 * `docker image prune`: dangling images (all unused ones with `all`). Returns the Untagged/Deleted
 * entries and the bytes reclaimed.
 */
export function pruneImages(
  k: Kernel,
  all: boolean,
  keep: (img: ImageRecord) => boolean = () => false,
): { items: Array<{ Untagged?: string; Deleted?: string }>; reclaimed: number } {
  const items: Array<{ Untagged?: string; Deleted?: string }> = [];
  let reclaimed = 0;
  for (const img of imagesByCreated(k)) {
    if (imageInUse(k, img) || keep(img)) continue;
    if (!all && !isDangling(img)) continue;
    for (const t of [...img.repoTags].sort()) items.push({ Untagged: t });
    for (const d of [...img.repoDigests].sort()) items.push({ Untagged: d });
    const sizes = new Map(Object.values(engineState(k).layers).map((l) => [l.chainId, l.size]));
    const deleted = deleteImage(k, img.id);
    for (const d of deleted) items.push({ Deleted: d });
    for (const [chain, size] of sizes) if (!engineState(k).layers[chain]) reclaimed += size;
    emitEvent(k, "image", "delete", img.id, { name: img.id });
  }
  if (items.length > 0) emitEvent(k, "image", "prune", "", { reclaimed: String(reclaimed) });
  return { items, reclaimed };
}
