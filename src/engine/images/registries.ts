/**
 * Registries besides the offline Docker Hub: `docker push` and `docker pull` of localhost:<port>
 * references talk HTTP to whatever listens there (a `registry:2` container publishing the port),
 * through registry-client.ts. Layer blobs are the modelled gzip blobs of digest.ts: the bytes
 * "tar+gzip\n<diffID>\n<size>" whose sha256 is the digest the manifest lists; the files they stand
 * for are found by content address (the Hub's layers, or the daemon's own layers).
 */
import type { Gen, Kernel, Sys } from "../../kernel";
import type { FileEntry } from "../../kernel/fs/entries";
import { catalog, digestOf, type Arch, type ImageSource, type LayerDescriptor, type Platform, type PlatformImage } from "../registry";
import { describeImage } from "../registry/catalog";
import { entryDataSize } from "../registry/digest";
import { Layer, layerByDigest } from "../registry/layer";
import { type DockerClient, EngineError } from "../client";
import { emitEvent } from "../events";
import { engineState, type ImageRecord } from "../state";
import { readTreeEntries } from "./entries";
import { familiarString, type NamedRef } from "./refs";
import {
  blobExists,
  daemonTask,
  DialError,
  type Endpoint,
  getBlob,
  getManifest,
  listTags,
  ping,
  putManifest,
  RegistryError,
  uploadBlob,
} from "./registry-client";
import { chainIds, DOCKER_ROOT, imageLayers, type PullEvent, type PullResult, pull } from "./store";

const HUB_DOMAIN = "docker.io";

/** The running registry container serving `domain` ("localhost:5000"), if any (docker login's check). */
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

/** Go's dial error for a registry nobody answers on. */
export function unreachable(domain: string): string {
  const [host, port = "443"] = domain.split(":");
  const scheme = /^(localhost|127\.)/.test(host) ? "http" : "https";
  if (scheme === "https") return `Get "https://${domain}/v2/": dial tcp: lookup ${host}: no such host`;
  return `Get "${scheme}://${domain}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`;
}

/** Where a localhost registry is reached from the host; a string is the daemon's error. */
function endpointOf(domain: string): Endpoint | string {
  const m = /^(localhost|127\.0\.0\.1)(?::(\d+))?$/.exec(domain);
  if (!m) return unreachable(domain);
  return { domain, ip: "127.0.0.1", port: Number(m[2] ?? "80") };
}

/** Runs registry work under dockerd, turning transport failures into the daemon's messages. */
function* withRegistry<T>(k: Kernel, ep: Endpoint, body: (sys: Sys) => Gen<T>): Gen<T> {
  try {
    return yield* daemonTask(k, body);
  } catch (e) {
    if (e instanceof DialError) throw new EngineError(unreachable(ep.domain), 500);
    if (e instanceof RegistryError) throw new EngineError(e.message, 500);
    if (e instanceof Error && !(e instanceof EngineError)) throw new EngineError(e.message, 500);
    throw e;
  }
}

// ---- layer blobs -----------------------------------------------------------------------------

/** The modelled gzip blob of a layer: the bytes whose sha256 is its manifest digest. */
function layerBlob(layer: Layer): string {
  const m = layer.meta();
  const blob = `tar+gzip\n${m.diffID}\n${m.compressedSize}`;
  if (digestOf(blob) !== m.digest) throw new Error(`layer blob model does not match digest ${m.digest}`);
  return blob;
}

/** The files of a layer, by its blob digest or (uncompressed) diffID, if the machine has them. */
function entriesByAddress(k: Kernel, digest: string, diffId: string, blob: string): readonly FileEntry[] | undefined {
  const modelled = /^tar\+gzip\n(sha256:[0-9a-f]{64})\n\d+$/.exec(blob)?.[1];
  for (const d of [digest, diffId, modelled]) {
    const l = d ? layerByDigest(d) : undefined;
    if (l) return l.entries();
  }
  // A layer the daemon made itself (commit, build, import) is in its content-addressed store.
  return k.layers.has(diffId) ? [] : undefined;
}

// ---- push ------------------------------------------------------------------------------------

export interface PushOutcome {
  result: {
    /** Manifest digest, printed as "<tag>: digest: <digest> size: <manifestSize>". */
    digest: string;
    manifestSize: number;
    /** Per layer, bottom to top: its blob digest and whether the registry already had it. */
    layers: { digest: string; size: number; existed: boolean }[];
  };
  /** Short diffIDs, top layer first, as the push progress names them. */
  ids: string[];
}

function platformOf(configJson: string): Platform {
  const cfg = JSON.parse(configJson) as { architecture?: Arch; variant?: string };
  const p: Platform = { os: "linux", architecture: cfg.architecture ?? "amd64" };
  if (cfg.variant) p.variant = cfg.variant;
  return p;
}

/** docker push of a local image to the registry of its reference. */
export function* pushImage(d: DockerClient, img: ImageRecord, ref: NamedRef): Gen<PushOutcome> {
  const k = d.k;
  if (ref.domain === HUB_DOMAIN) throw new EngineError("denied: requested access to the resource is denied", 401);
  const ep = endpointOf(ref.domain);
  if (typeof ep === "string") throw new EngineError(ep, 500);
  const layers = imageLayers(k, img).map(
    (l) => layerByDigest(l.diffId) ?? new Layer(`pushed:${l.diffId}`, () => readTreeEntries(k, `${DOCKER_ROOT}/overlay2/${l.cacheId}/diff`)),
  );
  const image = describeImage("classic", platformOf(img.configJson), img.configJson, layers);
  const blobs = layers.map(layerBlob);
  const tag = ref.tag ?? "latest";
  const statuses = yield* withRegistry(k, ep, function* (sys) {
    yield* ping(sys, ep);
    const out: PushOutcome["result"]["layers"] = [];
    for (const [i, l] of image.layers.entries()) {
      const existed = yield* blobExists(sys, ep, ref.path, l.digest);
      if (!existed) yield* uploadBlob(sys, ep, ref.path, l.digest, blobs[i]);
      out.push({ digest: l.digest, size: l.compressedSize, existed });
    }
    const configDigest = digestOf(img.configJson);
    if (!(yield* blobExists(sys, ep, ref.path, configDigest))) yield* uploadBlob(sys, ep, ref.path, configDigest, img.configJson);
    const digest = yield* putManifest(sys, ep, ref.path, tag, image.manifestMediaType, image.manifestJson);
    return { layers: out, digest };
  });
  const repoDigest = `${familiarString({ ...ref, tag: undefined, digest: undefined }).name}@${statuses.digest}`;
  if (!img.repoDigests.includes(repoDigest)) img.repoDigests.push(repoDigest);
  emitEvent(k, "image", "push", familiarString(ref).full, { name: familiarString(ref).name });
  return {
    result: { digest: statuses.digest, manifestSize: image.manifestJson.length, layers: statuses.layers },
    ids: [...img.layers].reverse().map((l) => l.slice(7, 19)),
  };
}

// ---- pull ------------------------------------------------------------------------------------

interface Fetched {
  manifest: { json: string; digest: string; mediaType: string };
  configJson: string;
  /** Blob bytes of the layers the daemon lacks, by digest. */
  blobs: Map<string, string>;
}

/** The image as the registry described it, ready for the image store's pull. */
function describeFetched(k: Kernel, f: Fetched): PlatformImage | string {
  const manifest = JSON.parse(f.manifest.json) as { layers?: Array<{ mediaType: string; digest: string; size: number }> };
  const config = JSON.parse(f.configJson) as { rootfs?: { diff_ids?: string[] } };
  const diffIds = config.rootfs?.diff_ids ?? [];
  const st = engineState(k);
  const chains = chainIds(diffIds);
  const layers: LayerDescriptor[] = [];
  for (const [i, l] of (manifest.layers ?? []).entries()) {
    const diffID = diffIds[i];
    const have = st.layers[chains[i]];
    const blob = f.blobs.get(l.digest) ?? "";
    const entries = have ? [] : entriesByAddress(k, l.digest, diffID, blob);
    if (!entries) return `failed to register layer: content of ${l.digest} is not available on this machine`;
    const size = have ? have.size : entries.length > 0 ? entries.reduce((n, e) => n + entryDataSize(e), 0) : k.layers.has(diffID) ? k.layers.get(diffID).size : 0;
    const files = entries;
    layers.push({ mediaType: l.mediaType, digest: l.digest, diffID, compressedSize: l.size, size, layer: new Layer(`registry:${l.digest}`, () => [...files]) });
  }
  return {
    platform: platformOf(f.configJson),
    configJson: f.configJson,
    imageId: digestOf(f.configJson),
    manifestJson: f.manifest.json,
    manifestDigest: f.manifest.digest,
    manifestMediaType: f.manifest.mediaType,
    layers,
    size: layers.reduce((n, l) => n + l.size, 0),
  };
}

/** docker pull from wherever the reference points (the Hub or localhost:<port>). */
export function* pullImage(d: DockerClient, ref: NamedRef, arch: Arch, onEvent: (e: PullEvent) => void): Gen<PullResult> {
  if (ref.domain === HUB_DOMAIN) return yield* d.pull(ref, arch, onEvent);
  const k = d.k;
  const ep = endpointOf(ref.domain);
  if (typeof ep === "string") throw new EngineError(ep, 500);
  const reference = ref.digest ?? ref.tag ?? "latest";
  const fetched = yield* withRegistry(k, ep, function* (sys): Gen<Fetched | null> {
    yield* ping(sys, ep);
    const manifest = yield* getManifest(sys, ep, ref.path, reference);
    if (!manifest) return null;
    const parsed = JSON.parse(manifest.json) as { mediaType?: string; config?: { digest: string }; layers?: Array<{ digest: string }> };
    if (!parsed.config) throw new Error(`unsupported manifest media type ${manifest.mediaType}`);
    const configJson = yield* getBlob(sys, ep, ref.path, parsed.config.digest);
    const diffIds = (JSON.parse(configJson) as { rootfs?: { diff_ids?: string[] } }).rootfs?.diff_ids ?? [];
    const chains = chainIds(diffIds);
    const blobs = new Map<string, string>();
    for (const [i, l] of (parsed.layers ?? []).entries())
      if (!engineState(k).layers[chains[i]]) blobs.set(l.digest, yield* getBlob(sys, ep, ref.path, l.digest));
    return { manifest, configJson, blobs };
  });
  if (!fetched) return { ok: false, error: "manifest-unknown" };
  const image = describeFetched(k, fetched);
  if (typeof image === "string") throw new EngineError(image, 500);
  const source: ImageSource = {
    resolve: () => ({ ok: true, repository: ref.path, digest: image.manifestDigest, image }),
    layerEntries: (digest) => image.layers.find((l) => l.digest === digest)?.layer.entries(),
    tags: () => undefined,
  };
  const sleep = function* (ms: number): Gen<void> {
    const until = k.uptime() + Math.round(ms * 1000);
    while (k.uptime() < until) yield { kind: "timer", until };
  };
  const result = yield* pull(k, ref, arch, sleep, onEvent, source);
  if (result.ok && result.updated) emitEvent(k, "image", "pull", familiarString(ref).full, { name: familiarString(ref).name });
  return result;
}

/** Tags of a repository (docker pull --all-tags); undefined when the registry does not know it. */
export function* repositoryTags(d: DockerClient, ref: NamedRef): Gen<string[] | undefined> {
  if (ref.domain === HUB_DOMAIN) return catalog.tags(ref.path);
  const ep = endpointOf(ref.domain);
  if (typeof ep === "string") throw new EngineError(ep, 500);
  return yield* withRegistry(d.k, ep, function* (sys) {
    yield* ping(sys, ep);
    return yield* listTags(sys, ep, ref.path);
  });
}
