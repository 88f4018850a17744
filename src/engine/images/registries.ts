/**
 * Registries besides the offline Docker Hub: a `registry:2` container publishing port 5000 makes
 * localhost:<port> a registry that `docker push` fills and `docker pull` reads. What was pushed is
 * kept in the world (per registry container) and replayed into a PrivateRegistry on demand.
 */
import type { Gen, Kernel } from "../../kernel";
import type { FileEntry } from "../../kernel/fs/entries";
import { catalog, type ImageSource, PrivateRegistry, type PushResult } from "../registry";
import { layerByDigest } from "../registry/layer";
import type { Layer } from "../registry/layer";
import type { Arch, Platform } from "../registry";
import { type DockerClient, EngineError } from "../client";
import { emitEvent } from "../events";
import { engineState, type ImageRecord } from "../state";
import { familiarString, type NamedRef } from "./refs";
import { DOCKER_ROOT, imageLayers, type PullEvent, type PullResult, pull } from "./store";
import { readTreeEntries } from "./entries";

interface PushedImage {
  repository: string;
  tag: string;
  configJson: string;
  /** diffIDs, bottom first. */
  layers: string[];
  /** Entries of layers the catalog does not know (by diffID). */
  local: Record<string, FileEntry[]>;
}

type RegistryStore = Record<string, PushedImage[]>;

function store(k: Kernel): RegistryStore {
  return (k.w.ext.dockerRegistries ??= {}) as RegistryStore;
}

const HUB_DOMAIN = "docker.io";

/** The running registry container serving `domain` ("localhost:5000"), if any. */
export function registryContainer(k: Kernel, domain: string): string | undefined {
  const m = /^(localhost|127\.0\.0\.1)(?::(\d+))?$/.exec(domain);
  if (!m) return undefined;
  const port = m[2] ?? "80";
  const st = engineState(k);
  for (const c of Object.values(st.containers)) {
    if (!c.state.Running) continue;
    const img = st.images[c.imageId];
    if (!img?.repoTags.some((t) => t.startsWith("registry:")) && !c.imageRef.startsWith("registry")) continue;
    const bound = c.hostConfig.PortBindings["5000/tcp"] ?? [];
    if (bound.some((b) => b.HostPort === port)) return c.id;
  }
  return undefined;
}

const cache = new WeakMap<object, { count: number; reg: PrivateRegistry }>();

function layerSource(img: PushedImage, diffId: string): Layer | FileEntry[] {
  return layerByDigest(diffId) ?? img.local[diffId] ?? [];
}

function platformOf(configJson: string): Platform {
  const cfg = JSON.parse(configJson) as { architecture?: Arch; variant?: string };
  const p: Platform = { os: "linux", architecture: cfg.architecture ?? "amd64" };
  if (cfg.variant) p.variant = cfg.variant;
  return p;
}

/** The registry behind a container, rebuilt from the world when it changed. */
function registryOf(k: Kernel, containerId: string): PrivateRegistry {
  const pushes = (store(k)[containerId] ??= []);
  const hit = cache.get(pushes);
  if (hit && hit.count === pushes.length) return hit.reg;
  const reg = new PrivateRegistry();
  for (const p of pushes)
    reg.push(p.repository, p.tag, { platform: platformOf(p.configJson), configJson: p.configJson, layers: p.layers.map((d) => layerSource(p, d)) });
  cache.set(pushes, { count: pushes.length, reg });
  return reg;
}

/** Go's dial error for a registry nobody answers on. */
export function unreachable(domain: string): string {
  const [host, port = "443"] = domain.split(":");
  const scheme = /^(localhost|127\.)/.test(host) ? "http" : "https";
  if (scheme === "https") return `Get "https://${domain}/v2/": dial tcp: lookup ${host}: no such host`;
  return `Get "${scheme}://${domain}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`;
}

/** Where to pull a reference from: the Hub catalog, or a private registry; a string is the error. */
export function sourceFor(k: Kernel, ref: NamedRef): ImageSource | string {
  if (ref.domain === HUB_DOMAIN) return catalog;
  const id = registryContainer(k, ref.domain);
  if (!id) return unreachable(ref.domain);
  return registryOf(k, id);
}

/** docker pull from wherever the reference points (the Hub or localhost:<port>). */
export function* pullImage(d: DockerClient, ref: NamedRef, arch: Arch, onEvent: (e: PullEvent) => void): Gen<PullResult> {
  if (ref.domain === HUB_DOMAIN) return yield* d.pull(ref, arch, onEvent);
  const source = sourceFor(d.k, ref);
  if (typeof source === "string") throw new EngineError(source, 500);
  const k = d.k;
  const sleep = function* (ms: number): Gen<void> {
    const until = k.uptime() + Math.round(ms * 1000);
    while (k.uptime() < until) yield { kind: "timer", until };
  };
  const result = yield* pull(k, ref, arch, sleep, onEvent, source);
  if (result.ok && result.updated) emitEvent(k, "image", "pull", familiarString(ref).full, { name: familiarString(ref).name });
  return result;
}

export interface PushOutcome {
  result: PushResult;
  /** Short diffIDs, top layer first, as the push progress names them. */
  ids: string[];
}

/** docker push of a local image to the registry of its reference. */
export function pushImage(d: DockerClient, img: ImageRecord, ref: NamedRef): PushOutcome {
  const k = d.k;
  if (ref.domain === HUB_DOMAIN) throw new EngineError("denied: requested access to the resource is denied", 401);
  const id = registryContainer(k, ref.domain);
  if (!id) throw new EngineError(unreachable(ref.domain), 500);
  const layers = imageLayers(k, img);
  const local: Record<string, FileEntry[]> = {};
  for (const l of layers) if (!layerByDigest(l.diffId)) local[l.diffId] = readTreeEntries(k, `${DOCKER_ROOT}/overlay2/${l.cacheId}/diff`);
  const pushed: PushedImage = { repository: ref.path, tag: ref.tag ?? "latest", configJson: img.configJson, layers: [...img.layers], local };
  const reg = registryOf(k, id);
  const result = reg.push(pushed.repository, pushed.tag, { platform: platformOf(img.configJson), configJson: img.configJson, layers: img.layers.map((dd) => layerSource(pushed, dd)) });
  const pushes = store(k)[id];
  pushes.push(pushed);
  cache.set(pushes, { count: pushes.length, reg });
  const digest = `${familiarString({ ...ref, tag: undefined, digest: undefined }).name}@${result.digest}`;
  if (!img.repoDigests.includes(digest)) img.repoDigests.push(digest);
  emitEvent(k, "image", "push", familiarString(ref).full, { name: familiarString(ref).name });
  return { result, ids: [...img.layers].reverse().map((l) => l.slice(7, 19)) };
}
