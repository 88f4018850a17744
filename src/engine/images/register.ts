/**
 * Images made locally (commit, import, load): their layers go into the kernel's LayerStore and the
 * overlay2/layerdb directories like pulled ones, their config into the imagedb, and their tags.
 * Layers in tar form carry AUFS-style whiteouts; in the store they are what the overlay driver
 * reads in lower layers: char 0/0 devices and trusted.overlay.opaque directories.
 */
import type { Kernel } from "../../kernel";
import type { FileEntry } from "../../kernel/fs/entries";
import { OPAQUE_XATTR } from "../../kernel/fs/overlay-view";
import { digestOf } from "../registry";
import { entryDataSize } from "../registry/digest";
import { rfc3339Nano } from "../time";
import { engineState, type ImageRecord, type LayerRecord } from "../state";
import { writeFile } from "../hostfs";
import type { ImageMeta } from "./inspect";
import type { NamedRef } from "./refs";
import { chainIds, DOCKER_ROOT, installLayer, tagImage } from "./store";
import { compactEntry, type TarItem, type TarMemberRead, writeTar } from "./tar";
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from "./tree";

/** The diffID of a layer with no files: sha256 of an empty tar (two zero blocks). */
export const EMPTY_LAYER_DIFF_ID = digestOf(writeTar([]));

/** Layer entries (overlay form) from tar members (whiteout-file form). */
export function layerEntriesFromTar(members: ReadonlyArray<TarMemberRead | TarItem>): FileEntry[] {
  const out: FileEntry[] = [];
  const dirs = new Map<string, FileEntry>();
  for (const m of members) {
    const e = m.entry;
    const slash = e.path.lastIndexOf("/");
    const dir = slash < 0 ? "" : e.path.slice(0, slash);
    const base = e.path.slice(slash + 1);
    if (base === OPAQUE_MARKER) {
      const d = dirs.get(dir);
      if (d) d.xattrs = { ...d.xattrs, [OPAQUE_XATTR]: "y" };
      else if (dir !== "") {
        const made: FileEntry = { path: dir, type: "dir", mode: 0o755, uid: e.uid, gid: e.gid, mtime: e.mtime, xattrs: { [OPAQUE_XATTR]: "y" } };
        dirs.set(dir, made);
        out.push(made);
      }
      continue;
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const name = base.slice(WHITEOUT_PREFIX.length);
      out.push({ path: dir === "" ? name : `${dir}/${name}`, type: "char", mode: 0, uid: e.uid, gid: e.gid, mtime: e.mtime, rdev: [0, 0] });
      continue;
    }
    if (e.path === "") continue;
    const copy = compactEntry({ ...e });
    if (copy.type === "dir") {
      const prior = dirs.get(copy.path);
      if (prior) {
        Object.assign(prior, { ...copy, xattrs: prior.xattrs ?? copy.xattrs });
        continue;
      }
      dirs.set(copy.path, copy);
    }
    out.push(copy);
  }
  return out;
}

/** Bytes docker counts for a layer: file sizes plus symlink target lengths. */
export function layerSize(entries: readonly FileEntry[]): number {
  let n = 0;
  for (const e of entries) if (!(e.type === "char" && e.rdev?.[0] === 0 && e.rdev?.[1] === 0)) n += entryDataSize(e);
  return n;
}

/**
 * Registers layers on top of `below` (diffIDs already present, bottom first) unless a layer with
 * that chain exists. Returns the new image's layer records, bottom first.
 */
export function addLayers(k: Kernel, below: string[], layers: Array<{ diffId: string; entries: () => FileEntry[] }>): LayerRecord[] {
  const st = engineState(k);
  const all = [...below, ...layers.map((l) => l.diffId)];
  const chains = chainIds(all);
  const out: LayerRecord[] = below.map((_d, i) => st.layers[chains[i]]);
  let parent = out[out.length - 1];
  layers.forEach((l, j) => {
    const chain = chains[below.length + j];
    let rec = st.layers[chain];
    if (!rec) {
      const entries = l.entries();
      rec = installLayer(k, entries, l.diffId, chain, parent, "", layerSize(entries));
      // installLayer finds lower layers through registered images; this image is not one yet.
      if (out.length > 0)
        writeFile(k, `${DOCKER_ROOT}/overlay2/${rec.cacheId}/lower`, [...out].reverse().map((r) => `l/${r.link}`).join(":"));
    }
    out.push(rec);
    parent = rec;
  });
  return out;
}

/**
 * Records an image whose config is `configJson` (its id is that file's sha256) over layers that
 * are registered already; tags it when `ref` is given.
 */
export function registerImage(k: Kernel, configJson: string, ref?: NamedRef, parentId?: string): ImageRecord {
  const st = engineState(k);
  const id = digestOf(configJson);
  const config = JSON.parse(configJson) as { rootfs?: { diff_ids?: string[] } };
  const layers = config.rootfs?.diff_ids ?? [];
  const chains = chainIds(layers);
  const size = chains.reduce((n, c) => n + (st.layers[c]?.size ?? 0), 0);
  const existing = st.images[id] as ImageMeta | undefined;
  const img: ImageMeta = existing ?? { id, repoTags: [], repoDigests: [], configJson, layers, size, loadedAt: k.uptime() };
  if (!existing && parentId) img.parent = parentId;
  st.images[id] = img;
  writeFile(k, `${DOCKER_ROOT}/image/overlay2/imagedb/content/sha256/${id.slice(7)}`, configJson);
  if (ref) {
    tagImage(k, id, ref);
    img.lastTagTime = rfc3339Nano(k.now());
  }
  return img;
}
