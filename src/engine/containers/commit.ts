/**
 * docker commit: the container's writable layer (its overlay upper dir) becomes a new top layer
 * over the image's, and the container's config with the -c changes applied becomes the image
 * config, with a history entry naming the container's command.
 */
import type { DockerClient } from "../client";
import { EngineError } from "../client";
import { emitEvent } from "../events";
import { hostWalker } from "../hostfs";
import { digestOf, goMarshal } from "../registry";
import { type GoJson, sortedKeys } from "../registry/gojson";
import { DOCKER_ROOT } from "../images/store";
import type { NamedRef } from "../images/refs";
import { familiarString } from "../images/refs";
import { addLayers, EMPTY_LAYER_DIFF_ID, layerEntriesFromTar, registerImage } from "../images/register";
import { writeTar } from "../images/tar";
import { hostIdNames, readTree } from "../images/tree";
import { ENGINE } from "../system/info";
import { rfc3339Nano } from "../time";
import type { ContainerRecord } from "../state";
import { engineState } from "../state";

export interface CommitOptions {
  ref?: NamedRef;
  author?: string;
  message?: string;
  changes?: string[];
  pause?: boolean;
}

type Config = Record<string, GoJson | undefined>;

const VALID_CHANGES = new Set(["cmd", "entrypoint", "env", "expose", "healthcheck", "label", "onbuild", "stopsignal", "user", "volume", "workdir"]);

/** A Dockerfile instruction's arguments: the JSON form if it is one, else shell words. */
function jsonOrWords(rest: string): { json: string[] | null; words: string[] } {
  const t = rest.trim();
  if (t.startsWith("[")) {
    try {
      const v = JSON.parse(t);
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return { json: v, words: v };
    } catch {
      // not JSON: shell form
    }
  }
  return { json: null, words: t.split(/\s+/).filter(Boolean) };
}

/** key=value pairs (ENV/LABEL), or the legacy "ENV key value" form. */
function pairs(rest: string): Array<[string, string]> {
  const t = rest.trim();
  const firstSpace = t.search(/\s/);
  const firstEq = t.indexOf("=");
  if (firstEq < 0 || (firstSpace >= 0 && firstSpace < firstEq)) {
    if (firstSpace < 0) return [[t, ""]];
    return [[t.slice(0, firstSpace), t.slice(firstSpace).trim()]];
  }
  const out: Array<[string, string]> = [];
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (const m of t.matchAll(re)) {
    let v = m[2];
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
    else if (v.startsWith("'")) v = v.slice(1, -1);
    out.push([m[1], v]);
  }
  return out;
}

/** Applies -c instructions to a container config as the daemon's BuildFromConfig does. */
export function applyChanges(config: Config, changes: readonly string[]): Config {
  const c: Config = { ...config };
  for (const line of changes) {
    const t = line.trim();
    if (t === "") continue;
    const sp = t.search(/\s/);
    const cmd = (sp < 0 ? t : t.slice(0, sp)).toLowerCase();
    const rest = sp < 0 ? "" : t.slice(sp + 1);
    if (!VALID_CHANGES.has(cmd)) throw new EngineError(`${cmd} is not a valid change command`, 400);
    const { json, words } = jsonOrWords(rest);
    switch (cmd) {
      case "cmd":
        c.Cmd = json ?? ["/bin/sh", "-c", rest.trim()];
        break;
      case "entrypoint":
        c.Entrypoint = json ?? ["/bin/sh", "-c", rest.trim()];
        break;
      case "env": {
        const env = [...((c.Env as string[] | null) ?? [])];
        for (const [k, v] of pairs(rest)) {
          const i = env.findIndex((e) => e.split("=")[0] === k);
          if (i >= 0) env[i] = `${k}=${v}`;
          else env.push(`${k}=${v}`);
        }
        c.Env = env;
        break;
      }
      case "label": {
        const labels = { ...((c.Labels as Record<string, string> | null) ?? {}) };
        for (const [k, v] of pairs(rest)) labels[k] = v;
        c.Labels = labels;
        break;
      }
      case "expose": {
        const ports = { ...((c.ExposedPorts as Record<string, Record<string, never>> | undefined) ?? {}) };
        for (const p of words) ports[p.includes("/") ? p.toLowerCase() : `${p}/tcp`] = {};
        c.ExposedPorts = sortedKeys(ports);
        break;
      }
      case "volume": {
        const vols = { ...((c.Volumes as Record<string, Record<string, never>> | null) ?? {}) };
        for (const v of words) vols[v] = {};
        c.Volumes = vols;
        break;
      }
      case "workdir":
        c.WorkingDir = rest.trim().startsWith("/") ? rest.trim() : `${(c.WorkingDir as string) || "/"}/${rest.trim()}`.replace(/\/\/+/g, "/");
        break;
      case "user":
        c.User = rest.trim();
        break;
      case "stopsignal":
        c.StopSignal = rest.trim();
        break;
      case "onbuild":
        c.OnBuild = [...((c.OnBuild as string[] | null) ?? []), rest.trim()];
        break;
      case "healthcheck":
        break;
    }
  }
  return c;
}

/** container.Config in Go field order (what the daemon stores for a committed image). */
export function containerConfigJson(c: ContainerRecord["config"], extra: Config = {}): Config {
  const src = { ...c, ...extra } as Config;
  const out: Config = {
    Hostname: src.Hostname,
    Domainname: src.Domainname,
    User: src.User,
    AttachStdin: src.AttachStdin,
    AttachStdout: src.AttachStdout,
    AttachStderr: src.AttachStderr,
  };
  if (src.ExposedPorts && Object.keys(src.ExposedPorts as object).length > 0) out.ExposedPorts = src.ExposedPorts;
  Object.assign(out, { Tty: src.Tty, OpenStdin: src.OpenStdin, StdinOnce: src.StdinOnce, Env: src.Env ?? null, Cmd: src.Cmd ?? null });
  Object.assign(out, { Image: src.Image, Volumes: src.Volumes ?? null, WorkingDir: src.WorkingDir ?? "", Entrypoint: src.Entrypoint ?? null });
  Object.assign(out, { OnBuild: src.OnBuild ?? null, Labels: src.Labels ?? null });
  if (src.StopSignal) out.StopSignal = src.StopSignal;
  return out;
}

/** The upper dir of the container as a layer: tar members (for the diffID) and overlay entries. */
function writableLayer(d: DockerClient, c: ContainerRecord) {
  const k = d.k;
  const items = readTree(k, hostWalker(k), `${DOCKER_ROOT}/overlay2/${c.rwCacheId}/diff`, "", { layer: true, names: hostIdNames(k) });
  const tar = writeTar(items);
  return { items, diffId: digestOf(tar) };
}

/** docker commit; returns the new image id ("sha256:..."). */
export function commitContainer(d: DockerClient, idOrName: string, opts: CommitOptions): string {
  const k = d.k;
  const st = engineState(k);
  const c = d.container(idOrName);
  const base = st.images[c.imageId];
  if (!base) throw new EngineError(`No such image: ${c.imageId}`, 404);
  const baseCfg = JSON.parse(base.configJson) as Record<string, GoJson>;
  const config = applyChanges(containerConfigJson(c.config), opts.changes ?? []);
  const { items, diffId } = writableLayer(d, c);
  const empty = diffId === EMPTY_LAYER_DIFF_ID;
  const created = rfc3339Nano(k.now());
  const history: Config = { created };
  if (opts.author) history.author = opts.author;
  history.created_by = ((c.config.Cmd ?? []) as string[]).join(" ");
  if (opts.message) history.comment = opts.message;
  if (empty) history.empty_layer = true;
  const diffIds = [...base.layers, ...(empty ? [] : [diffId])];
  const image: Config = {
    architecture: (baseCfg.architecture as string) ?? "amd64",
    author: opts.author || undefined,
    comment: opts.message || undefined,
    config: containerConfigJson(c.config, config),
    container: c.id,
    container_config: containerConfigJson(c.config),
    created,
    docker_version: ENGINE.version,
    history: [...((baseCfg.history as GoJson[]) ?? []), history],
    os: (baseCfg.os as string) ?? "linux",
    rootfs: { type: "layers", diff_ids: diffIds },
    variant: (baseCfg.variant as string) ?? undefined,
  };
  // The image config marshals through a map: keys sorted, as Image.MarshalJSON does.
  const configJson = goMarshal(sortedKeys(image) as GoJson);
  if (!empty) addLayers(k, base.layers, [{ diffId, entries: () => layerEntriesFromTar(items) }]);
  const img = registerImage(k, configJson, opts.ref, base.id);
  emitEvent(k, "container", "commit", c.id, {
    comment: opts.message ?? "",
    image: c.imageRef,
    imageID: img.id,
    imageRef: opts.ref ? familiarString(opts.ref).full : "",
    name: c.name,
  });
  return img.id;
}
