/**
 * The offline Docker Hub: repositories, their tags, and the images behind them, resolved lazily
 * per platform. A tag names an ImageGroup (one image per platform); aliases share the group, so
 * `ubuntu:24.04` and `ubuntu:noble` have one digest, as on the Hub.
 */
import { digestOf } from "./digest";
import {
  configJson,
  type Descriptor,
  type ImageRecipe,
  type ImageStyle,
  indexJson,
  MEDIA,
  manifestJson,
  type Platform,
} from "./image";
import type { Layer } from "./layer";
import type { Arch } from "./tree";

export interface LayerDescriptor {
  mediaType: string;
  /** Blob digest (what `docker pull` shows, abbreviated to 12 hex digits). */
  digest: string;
  diffID: string;
  /** Compressed blob size (download progress). */
  compressedSize: number;
  /** Uncompressed content size (`docker images`, `docker history`). */
  size: number;
  layer: Layer;
}

/** One platform's image, fully described: everything `docker pull` and `inspect` need. */
export interface PlatformImage {
  platform: Platform;
  /** The recipe (run config, history, created); absent for images pushed at run time. */
  recipe?: ImageRecipe;
  configJson: string;
  /** sha256 of configJson: the image ID. */
  imageId: string;
  manifestJson: string;
  manifestDigest: string;
  manifestMediaType: string;
  layers: LayerDescriptor[];
  /** Sum of the layers' uncompressed sizes. */
  size: number;
}

export class ImageGroup {
  private readonly cache = new Map<Arch, PlatformImage>();
  private cachedIndex?: { json: string; digest: string };

  /** `build` per architecture; the order of keys is the order of the index's manifests. */
  constructor(
    readonly style: ImageStyle,
    private readonly build: Partial<Record<Arch, () => ImageRecipe>>,
  ) {}

  architectures(): Arch[] {
    return Object.keys(this.build) as Arch[];
  }

  image(arch: Arch): PlatformImage | undefined {
    const make = this.build[arch];
    if (!make) return undefined;
    let img = this.cache.get(arch);
    if (!img) this.cache.set(arch, (img = describe(make())));
    return img;
  }

  /** The multi-platform index (manifest list); `docker pull` prints its digest. */
  index(): { json: string; digest: string } {
    if (!this.cachedIndex) {
      const manifests = this.architectures().map((a) => {
        const img = this.image(a)!;
        const desc: Descriptor = {
          mediaType: img.manifestMediaType,
          digest: img.manifestDigest,
          size: img.manifestJson.length,
        };
        return { desc, platform: img.platform };
      });
      const json = indexJson(this.style, manifests);
      this.cachedIndex = { json, digest: digestOf(json) };
    }
    return this.cachedIndex;
  }

  indexMediaType(): string {
    return this.style === "buildkit" ? MEDIA.ociIndex : MEDIA.dockerList;
  }
}

function describe(recipe: ImageRecipe): PlatformImage {
  return describeImage(recipe.style, recipe.platform, configJson(recipe), recipe.layers, recipe);
}

/** Manifest and descriptors of an image given its config bytes and layers. */
export function describeImage(
  style: ImageStyle,
  platform: Platform,
  config: string,
  imageLayers: Layer[],
  recipe?: ImageRecipe,
): PlatformImage {
  const oci = style === "buildkit";
  const configDesc: Descriptor = {
    mediaType: oci ? MEDIA.ociConfig : MEDIA.dockerConfig,
    digest: digestOf(config),
    size: config.length,
  };
  const manifest = manifestJson(style, imageLayers, configDesc);
  const layers = imageLayers.map((layer): LayerDescriptor => {
    const m = layer.meta();
    return {
      mediaType: oci ? MEDIA.ociLayer : MEDIA.dockerLayer,
      digest: m.digest,
      diffID: m.diffID,
      compressedSize: m.compressedSize,
      size: m.size,
      layer,
    };
  });
  return {
    platform,
    recipe,
    configJson: config,
    imageId: configDesc.digest,
    manifestJson: manifest,
    manifestDigest: digestOf(manifest),
    manifestMediaType: oci ? MEDIA.ociManifest : MEDIA.dockerManifest,
    layers,
    size: layers.reduce((n, l) => n + l.size, 0),
  };
}

/** What `docker search` shows for a repository. */
export interface RepositoryInfo {
  /** Full path, e.g. "library/nginx"; `docker search` shows official images without "library/". */
  name: string;
  description: string;
  stars: number;
  official: boolean;
}

export interface Repository extends RepositoryInfo {
  tags: Record<string, ImageGroup>;
}
