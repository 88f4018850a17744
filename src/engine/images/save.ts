/**
 * docker save / docker load / docker import. `save` writes the layout docker 25+ produces with the
 * overlay2 image store: an OCI image layout (oci-layout, index.json, blobs/sha256/...) that also
 * carries the legacy manifest.json and repositories, layers as uncompressed tars named by diffID,
 * and a v1-compatibility JSON per layer. `load` reads that and the older docker-archive layout
 * (<id>.json, <v1id>/layer.tar) through manifest.json.
 */
import type { Kernel } from "../../kernel";
import { nextU32 } from "../../kernel/rng";
import type { DockerClient } from "../client";
import { EngineError } from "../client";
import { emitEvent } from "../events";
import { digestOf, goMarshal } from "../registry";
import { type GoJson, sortedKeys } from "../registry/gojson";
import { ENGINE } from "../system/info";
import { engineState, type ImageRecord } from "../state";
import { rfc3339Nano } from "../time";
import { applyChanges, containerConfigJson } from "../containers/commit";
import { imageConfig, parseRfc3339 } from "./inspect";
import { familiarString, type NamedRef, parseImageRef } from "./refs";
import { addLayers, layerEntriesFromTar, registerImage } from "./register";
import { chainIds, DOCKER_ROOT } from "./store";
import { readTar, type TarItem, TarError, type TarMemberRead, writeTar } from "./tar";
import { hostIdNames, readLayerDir } from "./tree";

const MEDIA = {
  manifest: "application/vnd.oci.image.manifest.v1+json",
  index: "application/vnd.oci.image.index.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layer: "application/vnd.oci.image.layer.v1.tar",
};

/** An empty container.Config as Go marshals it (the v1 JSON of lower layers). */
const EMPTY_CONTAINER_CONFIG: GoJson = {
  Hostname: "",
  Domainname: "",
  User: "",
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  Env: null,
  Cmd: null,
  Image: "",
  Volumes: null,
  WorkingDir: "",
  Entrypoint: null,
  OnBuild: null,
  Labels: null,
};

interface SaveTarget {
  img: ImageRecord;
  /** Tags to record ("busybox:latest"), as NamedRefs. */
  refs: NamedRef[];
}

/** Which images and tags `docker save NAME...` means (the daemon's parseNames). */
export function saveTargets(d: DockerClient, names: readonly string[]): SaveTarget[] {
  const st = engineState(d.k);
  const out: SaveTarget[] = [];
  const add = (img: ImageRecord, ref?: NamedRef) => {
    let t = out.find((x) => x.img.id === img.id);
    if (!t) out.push((t = { img, refs: [] }));
    if (ref && !t.refs.some((r) => familiarString(r).full === familiarString(ref).full)) t.refs.push(ref);
  };
  for (const name of names) {
    const byId = /^(sha256:)?[0-9a-f]{1,64}$/.test(name) ? d.findImage(name) : undefined;
    const parsed = parseImageRef(name);
    if (byId && (!parsed.ok || !st.tags[`${parsed.ref.domain}/${parsed.ref.path}:${parsed.ref.tag ?? "latest"}`])) {
      add(byId);
      continue;
    }
    if (!parsed.ok) throw new EngineError(parsed.message, 400);
    const ref = parsed.ref;
    if (ref.digest) {
      const img = d.findImage(name);
      if (!img) throw new EngineError("reference does not exist", 404);
      add(img);
      continue;
    }
    if (ref.tag === undefined) {
      const prefix = `${ref.domain}/${ref.path}:`;
      const tagged = Object.entries(st.tags).filter(([r]) => r.startsWith(prefix));
      if (tagged.length === 0) {
        const img = d.findImage(name);
        if (!img) throw new EngineError(`No such image: ${name}`, 404);
        add(img);
      }
      for (const [r, id] of tagged.sort(([a], [b]) => (a < b ? -1 : 1))) add(st.images[id], { ...ref, tag: r.slice(prefix.length) });
      continue;
    }
    const id = st.tags[`${ref.domain}/${ref.path}:${ref.tag}`];
    if (!id) throw new EngineError("reference does not exist", 404);
    add(st.images[id], ref);
  }
  return out;
}

/** Go's v1.CreateID: sha256 of the v1 JSON (keys sorted) without ids, plus layer_id and parent. */
function v1Id(v1: Record<string, GoJson | undefined>, chainId: string, parent: string): string {
  const m: Record<string, GoJson | undefined> = { ...v1 };
  delete m.id;
  delete m.parent;
  m.layer_id = chainId;
  if (parent) m.parent = parent;
  return digestOf(goMarshal(sortedKeys(m) as GoJson));
}

/** The top layer's v1 JSON fields, from the image config (V1Image field order). */
function topV1(configJson: string): Record<string, GoJson | undefined> {
  const c = JSON.parse(configJson) as Record<string, GoJson>;
  return {
    comment: c.comment || undefined,
    created: c.created ?? "0001-01-01T00:00:00Z",
    container: c.container || undefined,
    container_config: c.container_config ?? EMPTY_CONTAINER_CONFIG,
    docker_version: c.docker_version || undefined,
    author: c.author || undefined,
    config: c.config ?? undefined,
    architecture: c.architecture || undefined,
    variant: c.variant || undefined,
    os: c.os || undefined,
  };
}

/** docker save: the archive as one byte string. */
export function saveImages(d: DockerClient, targets: readonly SaveTarget[]): string {
  const k = d.k;
  const st = engineState(k);
  const names = hostIdNames(k);
  const blobs = new Map<string, { data: string; mtime: number }>();
  const manifest: GoJson[] = [];
  const index: GoJson[] = [];
  const repos: Record<string, Record<string, string>> = {};
  const epoch = 0;
  let blobsMtime = 0;
  for (const { img, refs } of targets) {
    const cfg = imageConfig(img);
    const created = parseRfc3339(cfg.created).sec;
    const chains = chainIds(img.layers);
    const layerDescs: GoJson[] = [];
    const sources: Record<string, GoJson> = {};
    let parent = "";
    img.layers.forEach((diffId, i) => {
      const top = i === img.layers.length - 1;
      const base: Record<string, GoJson | undefined> = top ? topV1(img.configJson) : { created: "1970-01-01T00:00:00Z", container_config: EMPTY_CONTAINER_CONFIG, os: cfg.os ?? "linux" };
      if (!top) base.os = cfg.os ?? "linux";
      const id = v1Id(base, chains[i], parent);
      const v1 = { id: id.slice(7), parent: parent ? parent.slice(7) : undefined, ...base };
      const v1Json = goMarshal(v1 as GoJson);
      blobs.set(digestOf(v1Json).slice(7), { data: v1Json, mtime: created });
      const layer = st.layers[chains[i]];
      let tar = blobs.get(diffId.slice(7))?.data;
      if (tar === undefined) {
        tar = writeTar(readLayerDir(k, `${DOCKER_ROOT}/overlay2/${layer.cacheId}/diff`, names));
        blobs.set(diffId.slice(7), { data: tar, mtime: created });
      }
      layerDescs.push({ mediaType: MEDIA.layer, digest: diffId, size: tar.length });
      sources[diffId] = { mediaType: MEDIA.layer, size: tar.length, digest: diffId };
      parent = id;
    });
    blobs.set(img.id.slice(7), { data: img.configJson, mtime: created });
    blobsMtime = created;
    const platform: GoJson = { architecture: cfg.architecture ?? "amd64", os: cfg.os ?? "linux", ...(cfg.variant ? { variant: cfg.variant } : {}) };
    const ociManifest = goMarshal({
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      config: { mediaType: MEDIA.config, digest: img.id, size: img.configJson.length, platform },
      layers: layerDescs,
    });
    const mdigest = digestOf(ociManifest);
    blobs.set(mdigest.slice(7), { data: ociManifest, mtime: epoch });
    for (const ref of refs) {
      const f = familiarString(ref);
      (repos[f.name] ??= {})[ref.tag ?? "latest"] = parent.slice(7);
      index.push({
        mediaType: MEDIA.manifest,
        digest: mdigest,
        size: ociManifest.length,
        annotations: { "io.containerd.image.name": `${ref.domain}/${ref.path}:${ref.tag ?? "latest"}`, "org.opencontainers.image.ref.name": ref.tag ?? "latest" },
        platform,
      });
    }
    manifest.push({
      Config: `blobs/sha256/${img.id.slice(7)}`,
      RepoTags: refs.length > 0 ? refs.map((r) => familiarString(r).full) : null,
      Layers: img.layers.map((l) => `blobs/sha256/${l.slice(7)}`),
      LayerSources: sortedKeys(sources),
    });
  }
  const now = Math.floor(k.now() / 1e6);
  const root = { uid: 0, gid: 0, uname: names.user(0), gname: names.group(0) };
  const dir = (name: string, mtime: number): TarItem => ({ name, entry: { path: name, type: "dir", mode: 0o755, uid: 0, gid: 0, mtime }, uname: root.uname, gname: root.gname });
  const file = (name: string, data: string, mtime: number): TarItem => ({ name, entry: { path: name, type: "file", mode: 0o644, uid: 0, gid: 0, mtime, content: data }, uname: root.uname, gname: root.gname });
  const items: TarItem[] = [dir("blobs/", blobsMtime), dir("blobs/sha256/", epoch)];
  for (const hex of [...blobs.keys()].sort()) items.push(file(`blobs/sha256/${hex}`, blobs.get(hex)!.data, blobs.get(hex)!.mtime));
  items.push(file("index.json", goMarshal({ schemaVersion: 2, mediaType: MEDIA.index, manifests: index.length > 0 ? index : null }), now));
  items.push(file("manifest.json", `${goMarshal(manifest)}\n`, epoch));
  items.push(file("oci-layout", '{"imageLayoutVersion": "1.0.0"}', epoch));
  if (Object.keys(repos).length > 0) items.push(file("repositories", `${goMarshal(sortedKeys(repos) as GoJson)}\n`, epoch));
  for (const t of targets) emitEvent(k, "image", "save", t.img.id, { name: t.img.id });
  return writeTar(items);
}

export type LoadEvent = { kind: "layer"; id: string; size: number } | { kind: "loaded"; text: string };

/** The daemon's temporary directory name (os.MkdirTemp: a random uint32 in decimal). */
function tmpName(k: Kernel): string {
  return String(nextU32(k.w.rng));
}

/** docker load: registers the archive's images; reports layers loaded and the "Loaded image" lines. */
export function loadImages(d: DockerClient, bytes: string, report: (e: LoadEvent) => void) {
  const k = d.k;
  const st = engineState(k);
  let members: TarMemberRead[];
  try {
    members = readTar(bytes);
  } catch (e) {
    if (e instanceof TarError) throw new EngineError(`Error processing tar file(exit status 1): ${e.message}`, 500);
    throw e;
  }
  const byPath = new Map(members.map((m) => [m.entry.path, m]));
  const read = (p: string) => {
    const m = byPath.get(p.replace(/^\.?\/+/, ""));
    if (m?.entry.type !== "file") throw new EngineError(`open /var/lib/docker/tmp/docker-import-${tmpName(k)}/${p}: no such file or directory`, 500);
    return m.entry.content ?? "";
  };
  const manifestText = byPath.has("manifest.json") ? read("manifest.json") : read("repositories");
  const items = JSON.parse(manifestText) as Array<{ Config: string; RepoTags: string[] | null; Layers: string[] }>;
  for (const item of items) {
    const configJson = read(item.Config);
    const config = JSON.parse(configJson) as { rootfs?: { diff_ids?: string[] } };
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== item.Layers.length)
      throw new EngineError(`invalid manifest, layers length mismatch: expected ${diffIds.length}, got ${item.Layers.length}`, 500);
    const chains = chainIds(diffIds);
    let have = 0;
    while (have < diffIds.length && st.layers[chains[have]]) have++;
    const fresh = diffIds.slice(have).map((diffId, j) => {
      const tar = read(item.Layers[have + j]);
      report({ kind: "layer", id: diffId.slice(7, 19), size: tar.length });
      return { diffId, entries: () => layerEntriesFromTar(readTar(tar)) };
    });
    addLayers(k, diffIds.slice(0, have), fresh);
    const id = digestOf(configJson);
    const img = registerImage(k, configJson);
    const tags = item.RepoTags ?? [];
    for (const tag of tags) {
      const parsed = parseImageRef(tag);
      if (!parsed.ok) continue;
      const full = `${parsed.ref.domain}/${parsed.ref.path}:${parsed.ref.tag ?? "latest"}`;
      const prev = st.tags[full];
      if (prev && prev !== id)
        report({ kind: "loaded", text: `The image ${familiarString(parsed.ref).full} already exists, renaming the old one with ID ${prev} to empty string` });
      registerImage(k, configJson, parsed.ref);
      report({ kind: "loaded", text: `Loaded image: ${familiarString(parsed.ref).full}` });
    }
    if (tags.length === 0) report({ kind: "loaded", text: `Loaded image ID: ${img.id}` });
    emitEvent(k, "image", "load", img.id, { name: img.id });
  }
}

/** docker import: a tarball becomes a one-layer image; returns its id. */
export function importImage(d: DockerClient, bytes: string, opts: { ref?: NamedRef; message?: string; changes?: string[]; source: string }): string {
  const k = d.k;
  let members: TarMemberRead[];
  try {
    members = readTar(bytes);
  } catch (e) {
    if (e instanceof TarError) throw new EngineError(`Error processing tar file(exit status 1): ${e.message}`, 500);
    throw e;
  }
  const diffId = digestOf(bytes);
  const created = rfc3339Nano(k.now());
  const comment = opts.message || `Imported from ${opts.source}`;
  const config = containerConfigJson(applyChanges(EMPTY_CONTAINER_CONFIG as Record<string, GoJson>, opts.changes ?? []) as never);
  const image = {
    architecture: "amd64",
    comment,
    config,
    container_config: EMPTY_CONTAINER_CONFIG,
    created,
    docker_version: ENGINE.version,
    history: [{ created, comment }],
    os: "linux",
    rootfs: { type: "layers", diff_ids: [diffId] },
  };
  const configJson = goMarshal(image as GoJson);
  addLayers(k, [], [{ diffId, entries: () => layerEntriesFromTar(members) }]);
  const img = registerImage(k, configJson, opts.ref);
  emitEvent(k, "image", "import", img.id, { name: img.id });
  return img.id;
}
