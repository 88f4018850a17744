/**
 * The image store: pulling from a registry into layers (content-addressed, shared), the overlay2
 * directories on the host, tags, and image removal.
 */
import type { Gen, Kernel } from "../../kernel";
import { randomHex, nextU32 } from "../../kernel/rng";
import type { FileEntry } from "../../kernel/fs/entries";
import { catalog, type ImageSource, type LayerDescriptor, sha256Hex } from "../registry";
import type { Arch } from "../registry";
import { type EngineState, engineState, type ImageRecord, type LayerRecord } from "../state";
import { graftLayer, mkdirp, removeTree, symlink, writeFile, exists } from "../hostfs";
import { familiarString, type NamedRef } from "./refs";

export const DOCKER_ROOT = "/var/lib/docker";

/** chainID(n) = sha256(chainID(n-1) + " " + diffID(n)). */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) out.push(out.length === 0 ? d : `sha256:${sha256Hex(`${out[out.length - 1]} ${d}`)}`);
  return out;
}

function linkName(k: Kernel): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let s = "";
  for (let i = 0; i < 26; i++) s += alphabet[nextU32(k.w.rng) % alphabet.length];
  return s;
}

/** Makes a layer's overlay2 directory: diff (the layer itself), link, lower, l/ shortcut. */
export function installLayer(
  k: Kernel,
  entries: readonly FileEntry[],
  diffId: string,
  chainId: string,
  parent: LayerRecord | undefined,
  blobDigest: string,
  size: number,
): LayerRecord {
  const st = engineState(k);
  k.layers.add(entries, diffId);
  const cacheId = randomHex(k.w.rng, 32);
  const link = linkName(k);
  const dir = `${DOCKER_ROOT}/overlay2/${cacheId}`;
  mkdirp(k, dir, 0o710);
  graftLayer(k, `${dir}/diff`, diffId);
  writeFile(k, `${dir}/link`, link);
  // overlay2 marks a finished (read-only) layer so that it is never mounted with an upper dir.
  writeFile(k, `${dir}/committed`, "", 0o600);
  if (parent) {
    const lowers = [parent.link, ...lowerChain(k, parent)].map((l) => `l/${l}`);
    writeFile(k, `${dir}/lower`, lowers.join(":"));
    mkdirp(k, `${dir}/work`, 0o700);
  }
  symlink(k, `../${cacheId}/diff`, `${DOCKER_ROOT}/overlay2/l/${link}`);
  const db = `${DOCKER_ROOT}/image/overlay2/layerdb/sha256/${chainId.slice(7)}`;
  mkdirp(k, db);
  writeFile(k, `${db}/diff`, diffId);
  writeFile(k, `${db}/size`, String(size));
  writeFile(k, `${db}/cache-id`, cacheId);
  if (parent) writeFile(k, `${db}/parent`, parent.chainId);
  const rec: LayerRecord = { diffId, chainId, cacheId, link, size, blobDigest };
  st.layers[chainId] = rec;
  return rec;
}

/** Short links of the layers below `layer`, nearest first. */
export function lowerChain(k: Kernel, layer: LayerRecord): string[] {
  const st = engineState(k);
  const chain = Object.values(st.layers);
  const out: string[] = [];
  let cur: LayerRecord | undefined = layer;
  for (;;) {
    const parentChain = parentOf(k, cur!);
    cur = parentChain ? chain.find((l) => l.chainId === parentChain) : undefined;
    if (!cur) return out;
    out.push(cur.link);
  }
}

function parentOf(k: Kernel, layer: LayerRecord): string | undefined {
  for (const img of Object.values(engineState(k).images)) {
    const chains = chainIds(img.layers);
    const i = chains.indexOf(layer.chainId);
    if (i > 0) return chains[i - 1];
  }
  return undefined;
}

/** The layers of an image, bottom first. */
export function imageLayers(k: Kernel, img: ImageRecord): LayerRecord[] {
  const st = engineState(k);
  return chainIds(img.layers).map((c) => st.layers[c]);
}

export type PullEvent =
  | { kind: "resolve"; tag: string }
  | { kind: "layer"; id: string; status: string; current?: number; total?: number };

export type PullResult =
  | { ok: true; digest: string; updated: boolean; image: ImageRecord; reference: string }
  | { ok: false; error: "repository-not-found" | "manifest-unknown" | "no-matching-platform" };

/** Bytes per second the simulated network downloads at. */
const DOWNLOAD_RATE = 40 * 1024 * 1024;

/**
 * docker pull: resolves the reference, fetches missing layers (reporting progress, taking virtual
 * time), registers the image and its tag. `wait` lets the caller's process sleep for transfer time.
 */
export function* pull(
  k: Kernel,
  ref: NamedRef,
  arch: Arch,
  sleep: (ms: number) => Gen<void>,
  onEvent: (e: PullEvent) => void,
  source: ImageSource = catalog,
): Gen<PullResult> {
  const reference = ref.digest ?? ref.tag ?? "latest";
  const resolved = source.resolve(ref.path, reference, arch);
  if (!resolved.ok) return resolved;
  const st = engineState(k);
  const img = resolved.image;
  const existing = st.images[img.imageId];
  const chains = chainIds(img.layers.map((l) => l.diffID));
  const missing: LayerDescriptor[] = img.layers.filter((_l, i) => !st.layers[chains[i]]);
  const fullRef = `${ref.domain}/${ref.path}:${ref.tag ?? "latest"}`;
  const alreadyTagged = st.tags[fullRef] === img.imageId || (ref.digest !== undefined && existing !== undefined);
  if (existing && missing.length === 0 && alreadyTagged) {
    return { ok: true, digest: resolved.digest, updated: false, image: existing, reference: fullRef };
  }
  const short = (d: string) => d.slice(7, 19);
  for (const [i, l] of img.layers.entries())
    onEvent({ kind: "layer", id: short(l.digest), status: st.layers[chains[i]] ? "Already exists" : "Pulling fs layer" });
  for (const l of missing) {
    const chunks = Math.max(1, Math.min(4, Math.ceil(l.compressedSize / (1024 * 1024))));
    for (let c = 1; c <= chunks; c++) {
      yield* sleep(l.compressedSize / chunks / DOWNLOAD_RATE * 1000);
      onEvent({ kind: "layer", id: short(l.digest), status: "Downloading", current: Math.round((l.compressedSize * c) / chunks), total: l.compressedSize });
    }
    onEvent({ kind: "layer", id: short(l.digest), status: "Verifying Checksum" });
    onEvent({ kind: "layer", id: short(l.digest), status: "Download complete" });
  }
  let parent: LayerRecord | undefined;
  for (const [i, l] of img.layers.entries()) {
    const chain = chains[i];
    if (st.layers[chain]) {
      parent = st.layers[chain];
      continue;
    }
    const entries = source.layerEntries(l.digest) ?? source.layerEntries(l.diffID) ?? [];
    onEvent({ kind: "layer", id: short(l.digest), status: "Extracting", current: l.compressedSize, total: l.compressedSize });
    yield* sleep(l.size / (200 * 1024 * 1024) * 1000);
    parent = installLayer(k, entries, l.diffID, chain, parent, l.digest, l.size);
    onEvent({ kind: "layer", id: short(l.digest), status: "Pull complete" });
  }
  const familiar = familiarString(ref);
  const record: ImageRecord = existing ?? {
    id: img.imageId,
    repoTags: [],
    repoDigests: [],
    configJson: img.configJson,
    layers: img.layers.map((l) => l.diffID),
    size: img.size,
    loadedAt: k.uptime(),
  };
  st.images[img.imageId] = record;
  const repoDigest = `${familiar.name}@${resolved.digest}`;
  if (!record.repoDigests.includes(repoDigest)) record.repoDigests.push(repoDigest);
  if (ref.digest === undefined) tagImage(k, record.id, ref);
  writeFile(k, `${DOCKER_ROOT}/image/overlay2/imagedb/content/sha256/${img.imageId.slice(7)}`, img.configJson);
  writeRepositories(k, st);
  return { ok: true, digest: resolved.digest, updated: true, image: record, reference: fullRef };
}

/** Points a tag at an image, taking it from whichever image had it (which may become dangling). */
export function tagImage(k: Kernel, imageId: string, ref: NamedRef) {
  const st = engineState(k);
  const full = `${ref.domain}/${ref.path}:${ref.tag ?? "latest"}`;
  const tag = familiarString({ ...ref, tag: ref.tag ?? "latest", digest: undefined }).full;
  const prev = st.tags[full];
  if (prev && prev !== imageId && st.images[prev]) st.images[prev].repoTags = st.images[prev].repoTags.filter((t) => t !== tag);
  st.tags[full] = imageId;
  const img = st.images[imageId];
  if (!img.repoTags.includes(tag)) img.repoTags.push(tag);
  writeRepositories(k, st);
}

function writeRepositories(k: Kernel, st: EngineState) {
  const repos: Record<string, Record<string, string>> = {};
  for (const img of Object.values(st.images)) {
    for (const t of img.repoTags) (repos[t.slice(0, t.lastIndexOf(":"))] ??= {})[t] = img.id;
    for (const d of img.repoDigests) (repos[d.slice(0, d.indexOf("@"))] ??= {})[d] = img.id;
  }
  mkdirp(k, `${DOCKER_ROOT}/image/overlay2`);
  writeFile(k, `${DOCKER_ROOT}/image/overlay2/repositories.json`, JSON.stringify({ Repositories: repos }));
}

/** Removes an image's record and the layers no other image uses. */
export function deleteImage(k: Kernel, imageId: string): string[] {
  const st = engineState(k);
  const img = st.images[imageId];
  const deleted: string[] = [];
  delete st.images[imageId];
  for (const [ref, id] of Object.entries(st.tags)) if (id === imageId) delete st.tags[ref];
  const stillUsed = new Set(Object.values(st.images).flatMap((i) => chainIds(i.layers)));
  deleted.push(imageId);
  for (const chain of chainIds(img.layers).reverse()) {
    if (stillUsed.has(chain)) continue;
    const l = st.layers[chain];
    if (!l) continue;
    const dir = `${DOCKER_ROOT}/overlay2/${l.cacheId}`;
    detachGraft(k, `${dir}/diff`);
    removeTree(k, dir);
    removeTree(k, `${DOCKER_ROOT}/overlay2/l/${l.link}`);
    removeTree(k, `${DOCKER_ROOT}/image/overlay2/layerdb/sha256/${chain.slice(7)}`);
    delete st.layers[chain];
    deleted.push(chain);
  }
  if (exists(k, `${DOCKER_ROOT}/image/overlay2/imagedb/content/sha256/${imageId.slice(7)}`))
    removeTree(k, `${DOCKER_ROOT}/image/overlay2/imagedb/content/sha256/${imageId.slice(7)}`);
  writeRepositories(k, st);
  return deleted;
}

function detachGraft(k: Kernel, path: string) {
  const ns = k.w.ns[k.w.initNs.mnt].mnt!;
  for (const id of [...ns.mounts]) {
    const m = k.w.mounts[id];
    if (!m.hidden) continue;
    const at = k.vfs.pathOf({ mnt: m.id, fs: m.fs, node: m.root }, k.w.procs[1].root);
    if (at === path) {
      ns.mounts = ns.mounts.filter((x) => x !== id);
      for (const [key, v] of Object.entries(ns.index)) if (v === id) delete ns.index[key];
      delete k.w.mounts[id];
    }
  }
}
