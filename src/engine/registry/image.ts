/**
 * Image recipes written like Dockerfiles (FROM, RUN, COPY, ENV, CMD, ...) so that history,
 * config and layers come out shaped as BuildKit or the classic builder writes them, and the
 * serialization of config, manifest and index that defines image identity.
 */
import { digestOf } from "./digest";
import { type GoJson, goMarshal, goMarshalIndent, sortedKeys } from "./gojson";
import type { Layer } from "./layer";
import type { Arch } from "./tree";
import { PATH_ENV } from "./images/common";

export interface HistoryEntry {
  created: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The image's runtime defaults (`.Config` in `docker inspect`). */
export interface ImageRunConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export interface Platform {
  os: "linux";
  architecture: Arch;
  variant?: string;
}

/**
 * How the image was made, which decides its JSON: "buildkit" writes an OCI config and OCI
 * manifest (2-space indent); "classic" is the legacy builder (full container config struct) with
 * Docker schema2 media types (3-space indent), as Ubuntu's images still are.
 */
export type ImageStyle = "buildkit" | "classic";

export interface ImageRecipe {
  platform: Platform;
  created: string;
  config: ImageRunConfig;
  layers: Layer[];
  history: HistoryEntry[];
  style: ImageStyle;
}

const BUILDKIT = "buildkit.dockerfile.v0";
const quoteList = (a: string[]) => `[${a.map((s) => JSON.stringify(s)).join(" ")}]`;

/** Dockerfile-like builder. Each method appends the history entry the real builder writes. */
export class Build {
  private constructor(
    private readonly r: ImageRecipe,
    private readonly time: string,
  ) {}

  /** FROM scratch, or a base produced by a debootstrap-like tool (history comes from `steps`). */
  static scratch(arch: Arch, created: string, style: ImageStyle = "buildkit"): Build {
    const platform: Platform = { os: "linux", architecture: arch };
    if (arch === "arm64") platform.variant = "v8";
    // Every builder starts a scratch image's config with the default PATH.
    const config: ImageRunConfig = { Env: [`PATH=${PATH_ENV}`] };
    return new Build({ platform, created, config, layers: [], history: [], style }, created);
  }

  static from(base: ImageRecipe, created: string, style: ImageStyle = "buildkit"): Build {
    const config = JSON.parse(JSON.stringify(base.config)) as ImageRunConfig;
    return new Build(
      { ...base, created, config, layers: [...base.layers], history: [...base.history], style },
      created,
    );
  }

  private step(created_by: string, layer?: Layer): this {
    return this.raw(created_by, layer, BUILDKIT);
  }

  /** A history line written by a non-Dockerfile tool (debuerreotype, the classic builder). */
  raw(created_by: string, layer?: Layer, comment?: string): this {
    const h: HistoryEntry = { created: this.time, created_by, comment };
    if (layer) this.r.layers.push(layer);
    else h.empty_layer = true;
    this.r.history.push(h);
    return this;
  }

  run(cmd: string, layer?: Layer): this {
    return this.step(`RUN /bin/sh -c ${cmd} # buildkit`, layer);
  }

  copy(args: string, layer: Layer): this {
    return this.step(`COPY ${args} # buildkit`, layer);
  }

  add(args: string, layer: Layer): this {
    return this.step(`ADD ${args} # buildkit`, layer);
  }

  env(name: string, value: string): this {
    const env = (this.r.config.Env ??= []);
    const i = env.findIndex((e) => e.startsWith(`${name}=`));
    if (i >= 0) env[i] = `${name}=${value}`;
    else env.push(`${name}=${value}`);
    return this.step(`ENV ${name}=${value}`);
  }

  label(name: string, value: string): this {
    this.r.config.Labels = sortedKeys({ ...this.r.config.Labels, [name]: value });
    return this.step(`LABEL ${name}=${value}`);
  }

  cmd(args: string[]): this {
    this.r.config.Cmd = args;
    return this.step(`CMD ${quoteList(args)}`);
  }

  /** Like Docker, ENTRYPOINT clears a CMD inherited from the base image. */
  entrypoint(args: string[]): this {
    this.r.config.Entrypoint = args;
    delete this.r.config.Cmd;
    return this.step(`ENTRYPOINT ${quoteList(args)}`);
  }

  expose(port: string): this {
    this.r.config.ExposedPorts = sortedKeys({ ...this.r.config.ExposedPorts, [port]: {} });
    return this.step(`EXPOSE map[${port}:{}]`);
  }

  volume(path: string): this {
    this.r.config.Volumes = sortedKeys({ ...this.r.config.Volumes, [path]: {} });
    return this.step(`VOLUME [${path}]`);
  }

  workdir(path: string, layer?: Layer): this {
    this.r.config.WorkingDir = path;
    return this.step(`WORKDIR ${path}`, layer);
  }

  stopsignal(sig: string): this {
    this.r.config.StopSignal = sig;
    return this.step(`STOPSIGNAL ${sig}`);
  }

  user(u: string): this {
    this.r.config.User = u;
    return this.step(`USER ${u}`);
  }

  /** Changes the config without a history entry (tools other than Dockerfiles do this). */
  withConfig(change: (c: ImageRunConfig) => void): this {
    change(this.r.config);
    return this;
  }

  done(): ImageRecipe {
    return this.r;
  }
}

export const MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

function buildkitRunConfig(c: ImageRunConfig): GoJson {
  // ocispec.ImageConfig field order; every field is omitempty.
  return {
    User: c.User || undefined,
    ExposedPorts: c.ExposedPorts,
    Env: c.Env,
    Entrypoint: c.Entrypoint,
    Cmd: c.Cmd,
    Volumes: c.Volumes,
    WorkingDir: c.WorkingDir || undefined,
    Labels: c.Labels,
    StopSignal: c.StopSignal || undefined,
  };
}

function classicRunConfig(c: ImageRunConfig, parentImage: string): GoJson {
  // container.Config field order as the legacy builder writes it (few fields are omitempty).
  return {
    Hostname: "",
    Domainname: "",
    User: c.User ?? "",
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ExposedPorts: c.ExposedPorts,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: c.Env ?? null,
    Cmd: c.Cmd ?? null,
    Image: parentImage,
    Volumes: c.Volumes ?? null,
    WorkingDir: c.WorkingDir ?? "",
    Entrypoint: c.Entrypoint ?? null,
    OnBuild: null,
    Labels: c.Labels ?? null,
    StopSignal: c.StopSignal,
  };
}

/**
 * The image config blob. Docker and BuildKit both marshal it through a map, so top-level keys are
 * sorted; the image ID is sha256 of these bytes.
 */
export function configJson(r: ImageRecipe): string {
  const diffIds = r.layers.map((l) => l.meta().diffID);
  const history = r.history.map(
    (h): GoJson => ({
      created: h.created,
      created_by: h.created_by,
      comment: h.comment,
      empty_layer: h.empty_layer,
    }),
  );
  const top: Record<string, GoJson> = {
    architecture: r.platform.architecture,
    config:
      r.style === "buildkit"
        ? buildkitRunConfig(r.config)
        : classicRunConfig(r.config, digestOf(`parent\n${diffIds.join("\n")}`)),
    created: r.created,
    history,
    os: r.platform.os,
    rootfs: { type: "layers", diff_ids: diffIds },
  };
  if (r.style === "classic") top.docker_version = "24.0.7";
  if (r.platform.variant) top.variant = r.platform.variant;
  return goMarshal(sortedKeys(top));
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export function manifestJson(style: ImageStyle, imageLayers: Layer[], config: Descriptor): string {
  const oci = style === "buildkit";
  const layers = imageLayers.map((l) => {
    const m = l.meta();
    return { mediaType: oci ? MEDIA.ociLayer : MEDIA.dockerLayer, digest: m.digest, size: m.compressedSize };
  });
  const m = {
    schemaVersion: 2,
    mediaType: oci ? MEDIA.ociManifest : MEDIA.dockerManifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers,
  };
  return goMarshalIndent(m, oci ? "  " : "   ");
}

export function indexJson(style: ImageStyle, manifests: { desc: Descriptor; platform: Platform }[]): string {
  const oci = style === "buildkit";
  const list = manifests.map(({ desc, platform }) => ({
    mediaType: desc.mediaType,
    digest: desc.digest,
    size: desc.size,
    platform: { architecture: platform.architecture, os: platform.os, variant: platform.variant },
  }));
  return goMarshalIndent(
    { schemaVersion: 2, mediaType: oci ? MEDIA.ociIndex : MEDIA.dockerList, manifests: list },
    oci ? "  " : "   ",
  );
}
