/**
 * The registry side of the simulated Docker: the offline Docker Hub catalog (immutable, built
 * from recipes on demand). Private registries are real containers (registry:2, speaking HTTP);
 * the engine reaches them through src/engine/images/registry-client.ts.
 */
import type { FileEntry } from "../../kernel/fs/entries";
import type { ImageGroup, PlatformImage, Repository } from "./catalog";
import { HUB } from "./hub";
import { layerByDigest } from "./layer";
import type { Arch } from "./tree";

export type { LayerDescriptor, PlatformImage, RepositoryInfo } from "./catalog";
export { digestOf, type LayerMeta, layerMeta, serializeLayer, sha256Hex } from "./digest";
export { goMarshal, goMarshalIndent } from "./gojson";
export type { HistoryEntry, ImageRunConfig, Platform } from "./image";
export { MEDIA } from "./image";
export { helloMessage } from "./images/hello-world";
export type { Arch } from "./tree";

export type ResolveResult =
  | {
      ok: true;
      /** "library/nginx". */
      repository: string;
      /** What `docker pull` prints as Digest: the index digest, or the manifest's for one platform. */
      digest: string;
      /** The index (manifest list) bytes when the tag is multi-platform. */
      indexJson?: string;
      image: PlatformImage;
    }
  /** repository-not-found: "pull access denied ..."; manifest-unknown: "manifest for X not found";
   *  no-matching-platform: "no matching manifest for linux/<arch> in the manifest list entries". */
  | { ok: false; error: "repository-not-found" | "manifest-unknown" | "no-matching-platform" };

/** What the engine needs from a registry. */
export interface ImageSource {
  /** `reference` is a tag or a "sha256:..." digest; the default platform is linux/amd64. */
  resolve(repository: string, reference: string, arch?: Arch): ResolveResult;
  /** A layer's files by blob digest or diffID (generated on first use, then cached). */
  layerEntries(digest: string): readonly FileEntry[] | undefined;
  /** Tags of a repository, sorted; undefined if there is no such repository. */
  tags(repository: string): string[] | undefined;
}

/** "nginx", "library/nginx" and "docker.io/library/nginx" all name library/nginx. */
export function repositoryPath(name: string): string {
  const path = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "");
  return path.includes("/") ? path : `library/${path}`;
}

function resolveIn(repo: Repository, reference: string, arch: Arch): ResolveResult {
  const pick = (group: ImageGroup, digestOnly?: string): ResolveResult => {
    const multi = group.architectures().length > 1;
    if (digestOnly) {
      for (const a of group.architectures()) {
        const img = group.image(a)!;
        if (img.manifestDigest === digestOnly)
          return { ok: true, repository: repo.name, digest: digestOnly, image: img };
      }
    }
    const image = group.image(arch);
    if (!image) return { ok: false, error: "no-matching-platform" };
    if (!multi) return { ok: true, repository: repo.name, digest: image.manifestDigest, image };
    const index = group.index();
    return { ok: true, repository: repo.name, digest: index.digest, indexJson: index.json, image };
  };
  if (reference.startsWith("sha256:")) {
    for (const group of new Set(Object.values(repo.tags))) {
      if (group.architectures().length > 1 && group.index().digest === reference) return pick(group);
      const hit = pick(group, reference);
      if (hit.ok && hit.image.manifestDigest === reference) return hit;
    }
    return { ok: false, error: "manifest-unknown" };
  }
  const group = repo.tags[reference];
  return group ? pick(group) : { ok: false, error: "manifest-unknown" };
}

const HUB_BY_NAME = new Map(HUB.map((r) => [r.name, r]));

export interface SearchResult {
  /** As `docker search` shows it: "nginx" for official images, "user/repo" otherwise. */
  name: string;
  description: string;
  stars: number;
  official: boolean;
}

/** The offline Docker Hub. */
export const catalog: ImageSource & {
  search(term: string, limit?: number): SearchResult[];
  repositories(): string[];
} = {
  resolve(repository, reference, arch = "amd64") {
    const repo = HUB_BY_NAME.get(repositoryPath(repository));
    if (!repo) return { ok: false, error: "repository-not-found" };
    return resolveIn(repo, reference, arch);
  },
  layerEntries(digest) {
    return layerByDigest(digest)?.entries();
  },
  tags(repository) {
    const repo = HUB_BY_NAME.get(repositoryPath(repository));
    return repo ? Object.keys(repo.tags).sort() : undefined;
  },
  /** Like Docker Hub: name or description contains the term; most stars first. */
  search(term, limit = 25) {
    const t = term.toLowerCase();
    return HUB.filter((r) => r.name.includes(t) || r.description.toLowerCase().includes(t))
      .sort(
        (a, b) => Number(b.name.endsWith(`/${t}`)) - Number(a.name.endsWith(`/${t}`)) || b.stars - a.stars,
      )
      .slice(0, limit)
      .map((r) => ({
        name: r.name.replace(/^library\//, ""),
        description: r.description,
        stars: r.stars,
        official: r.official,
      }));
  },
  repositories() {
    return HUB.map((r) => r.name);
  },
};
