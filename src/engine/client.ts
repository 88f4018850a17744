/**
 * The engine's API as a client connected to /run/docker.sock sees it (shaped after the Docker
 * Engine API). Methods that take time are generators, run in the calling process (the docker CLI).
 * Errors carry the daemon's message and an HTTP-like status.
 */
import type { Gen, Kernel, Signal } from "../kernel";
import { randomHex } from "../kernel/rng";
import { sendSignal } from "../kernel/proc/signal";
import { parseSignal, signalNumber } from "../kernel/proc/signals";
import { ttyInput } from "../kernel/io/tty";
import type { Arch } from "./registry";
import { cgroupRemoveIfEmpty } from "./containers/cgroup";
import { createLayers, cgroupPath } from "./containers/rootfs";
import { containerEnv, containerExited, StartError, startContainer } from "./containers/runtime";
import { randomName } from "./containers/names";
import { verifyContainerSettings } from "./containers/create-checks";
import { applyHealthcheck, type HealthConfig } from "./containers/health";
import { emitEvent } from "./events";
import { exists, readFile, removeTree } from "./hostfs";
import { networks } from "./networks/networks";
import { type EndpointRequest, setEndpointConfig } from "./networks/endpoint-config";
import { linkedContainer, linksModeError, registerLinks } from "./networks/links";
import { rememberNetworkId, startNetworkError } from "./networks/start-network";
import { ANONYMOUS_LABEL, removeVolume, volumeUsers, volumes } from "./volumes/volumes";
import { verifyNamespaceSettings, volumesFromMounts } from "./containers/namespaces";
import { DOCKER_ROOT, deleteImage, type PullEvent, type PullResult, pull, tagImage } from "./images/store";
import { familiarString, fullRef, type NamedRef, parseImageRef } from "./images/refs";
import { hostPlatformWarnings, platformMismatch } from "./images/image-platform";
import type { Platform } from "./images/platforms";
import { imageConfig } from "./images/inspect";
import { type ContainerRecord, engineState, type ImageRecord } from "./state";
import { GO_ZERO_TIME, rfc3339Nano } from "./time";

export class EngineError extends Error {
  constructor(
    message: string,
    /** 400 bad parameter, 404 not found, 409 conflict, 500 server error. */
    readonly status: number,
    /** For docker run/start: the exit code the CLI reports (126/127) when the command cannot run. */
    readonly exitCode?: number,
  ) {
    super(message);
  }
}

export interface CreateRequest {
  name?: string;
  image: string;
  cmd?: string[] | null;
  entrypoint?: string[] | null;
  env?: string[];
  workingDir?: string;
  user?: string;
  hostname?: string;
  tty?: boolean;
  openStdin?: boolean;
  attachStdin?: boolean;
  attachStdout?: boolean;
  attachStderr?: boolean;
  labels?: Record<string, string>;
  stopSignal?: string;
  stopTimeout?: number;
  exposedPorts?: string[];
  host?: Partial<ContainerRecord["hostConfig"]>;
  mounts?: ContainerRecord["mounts"];
  /** --domainname. */
  domainname?: string;
  /** --ip/--network-alias/--mac-address on the first network ("default" without --network). */
  endpoint?: EndpointRequest & { network: string };
  /** --platform as the client parsed it: the image must be for it (images/image-platform.ts). */
  platform?: Platform;
  /** --health-* / --no-healthcheck (undefined: the image's, if any); merged at create (health.ts). */
  healthcheck?: HealthConfig;
}

export interface LogLine {
  stream: "stdout" | "stderr";
  log: string;
  time: string;
}

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** What a container takes from its image's config. */
interface ImageRunConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[];
  ExposedPorts?: Record<string, Record<string, never>>;
  User?: string;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export class DockerClient {
  constructor(
    readonly k: Kernel,
    /** The calling process (global pid). */
    readonly caller: number,
  ) {}

  private get st() {
    return engineState(this.k);
  }

  // --- images ----------------------------------------------------------------------------------

  /** Finds a local image by reference, full or short id, or digest reference. */
  findImage(ref: string): ImageRecord | undefined {
    const st = this.st;
    const hex = ref.replace(/^sha256:/, "");
    if (/^[0-9a-f]{1,64}$/.test(hex) && hex.length >= 1) {
      const hits = Object.values(st.images).filter((i) => i.id.slice(7).startsWith(hex));
      if (hits.length === 1 && (ref.startsWith("sha256:") || hex.length >= 1)) {
        const parsed = parseImageRef(ref);
        if (!parsed.ok || !st.tags[fullRef(parsed.ref)]) return hits[0];
      }
    }
    const parsed = parseImageRef(ref);
    if (!parsed.ok) return undefined;
    if (parsed.ref.digest) {
      const name = familiarString({ ...parsed.ref, tag: undefined, digest: undefined }).name;
      return Object.values(st.images).find((i) => i.repoDigests.includes(`${name}@${parsed.ref.digest}`));
    }
    const id = st.tags[fullRef(parsed.ref)];
    return id ? st.images[id] : undefined;
  }

  imageList(): ImageRecord[] {
    return Object.values(this.st.images).sort((a, b) => b.loadedAt - a.loadedAt);
  }

  *pull(ref: NamedRef, arch: Arch, onEvent: (e: PullEvent) => void): Gen<PullResult> {
    const k = this.k;
    const result = yield* pull(
      k,
      ref,
      arch,
      function* (ms) {
        const until = k.uptime() + Math.round(ms * 1000);
        while (k.uptime() < until) yield { kind: "timer", until };
      },
      onEvent,
    );
    if (result.ok && result.updated) emitEvent(k, "image", "pull", familiarString(ref).full, { name: familiarString(ref).name });
    return result;
  }

  /** The daemon's message for a failed pull. */
  pullError(ref: NamedRef, error: string): string {
    const f = familiarString(ref);
    if (error === "repository-not-found")
      return `pull access denied for ${f.name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
    if (error === "manifest-unknown") return `manifest for ${f.full} not found: manifest unknown: manifest unknown`;
    return `no matching manifest for linux/amd64 in the manifest list entries`;
  }

  tag(source: string, target: string) {
    const img = this.findImage(source);
    if (!img) throw new EngineError(`No such image: ${source}`, 404);
    const parsed = parseImageRef(target);
    if (!parsed.ok) throw new EngineError(parsed.message, 400);
    tagImage(this.k, img.id, parsed.ref);
    emitEvent(this.k, "image", "tag", img.id, { name: familiarString(parsed.ref).full });
  }

  /** docker rmi: returns the Untagged/Deleted lines in order. */
  imageRemove(ref: string, force: boolean): Array<{ Untagged?: string; Deleted?: string }> {
    const st = this.st;
    const img = this.findImage(ref);
    if (!img) throw new EngineError(`No such image: ${this.familiarWithTag(ref)}`, 404);
    const parsed = parseImageRef(ref);
    const byTag = parsed.ok && !ref.startsWith("sha256:") && !/^[0-9a-f]{12,64}$/.test(ref) ? familiarString({ ...parsed.ref, tag: parsed.ref.tag ?? (parsed.ref.digest ? undefined : "latest") }).full : undefined;
    const users = Object.values(st.containers).filter((c) => c.imageId === img.id);
    const out: Array<{ Untagged?: string; Deleted?: string }> = [];
    if (byTag && img.repoTags.length > 1) {
      img.repoTags = img.repoTags.filter((t) => t !== byTag);
      for (const [r, id] of Object.entries(st.tags)) if (id === img.id && familiarString(parseImageRef(r).ok ? (parseImageRef(r) as { ref: NamedRef }).ref : ({} as NamedRef)).full === byTag) delete st.tags[r];
      emitEvent(this.k, "image", "untag", img.id, { name: byTag });
      return [{ Untagged: byTag }];
    }
    if (users.length > 0 && !force) {
      const c = users[0];
      const running = c.state.Running;
      if (byTag)
        throw new EngineError(
          `conflict: unable to remove repository reference "${ref}" (must force) - container ${c.id.slice(0, 12)} is using its referenced image ${img.id.slice(7, 19)}`,
          409,
        );
      throw new EngineError(
        `conflict: unable to delete ${img.id.slice(7, 19)} (${running ? "cannot be forced" : "must be forced"}) - image is being used by ${running ? "running" : "stopped"} container ${c.id.slice(0, 12)}`,
        409,
      );
    }
    for (const t of img.repoTags) out.push({ Untagged: t });
    for (const d of img.repoDigests) out.push({ Untagged: d });
    if (users.length > 0) {
      // Forced while containers use it: only the names go; the image stays, dangling.
      img.repoTags = [];
      img.repoDigests = [];
      for (const [r, id] of Object.entries(st.tags)) if (id === img.id) delete st.tags[r];
      return out;
    }
    for (const d of deleteImage(this.k, img.id)) out.push({ Deleted: d });
    emitEvent(this.k, "image", "delete", img.id, { name: byTag ?? img.id });
    return out;
  }

  /** How the daemon names a reference it could not find: "nosuch" -> "nosuch:latest". */
  private familiarWithTag(ref: string): string {
    if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref)) return ref;
    const parsed = parseImageRef(ref);
    if (!parsed.ok) return ref;
    return familiarString({ ...parsed.ref, tag: parsed.ref.digest ? parsed.ref.tag : (parsed.ref.tag ?? "latest") }).full;
  }

  // --- containers ------------------------------------------------------------------------------

  /** Resolves a container by full or unique short id, or by name. */
  /** The container called `name`, if any. */
  private byName(name: string): ContainerRecord | undefined {
    const all = this.st.containers;
    for (const id in all) if (all[id].name === name) return all[id];
    return undefined;
  }

  container(idOrName: string): ContainerRecord {
    const st = this.st;
    // The daemon's order (daemon.GetContainer): a full ID, then a name, then an ID prefix.
    if (st.containers[idOrName]) return st.containers[idOrName];
    const byName = this.byName(idOrName.replace(/^\//, "")) ?? linkedContainer(this.k, idOrName);
    if (byName) return byName;
    const hits = idOrName.length > 0 && /^[0-9a-f]+$/.test(idOrName) ? Object.values(st.containers).filter((c) => c.id.startsWith(idOrName)) : [];
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw new EngineError(`Multiple IDs found with provided prefix: ${idOrName}`, 400);
    throw new EngineError(`No such container: ${idOrName}`, 404);
  }

  containerList(all: boolean): ContainerRecord[] {
    return Object.values(this.st.containers)
      .filter((c) => all || c.state.Running)
      .sort((a, b) => b.createdUptime - a.createdUptime);
  }

  containerCreate(req: CreateRequest): { id: string; warnings: string[] } {
    const k = this.k;
    const st = this.st;
    const linksError = linksModeError(req.host?.NetworkMode ?? "", req.host?.Links ?? []); // links.ts
    if (linksError) throw new EngineError(linksError, 400);
    const warnings = verifyContainerSettings(k, req); // create-checks.ts: before the image is looked at
    const img = this.findImage(req.image);
    if (!img) throw new EngineError(`No such image: ${req.image}`, 404);
    const mismatch = platformMismatch(req.image, img, req.platform);
    if (mismatch) throw new EngineError(mismatch, 404);
    if (req.name !== undefined) {
      if (!NAME_RE.test(req.name.replace(/^\//, "")))
        throw new EngineError(`Invalid container name (${req.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, 400);
      const clash = Object.values(st.containers).find((c) => c.name === req.name!.replace(/^\//, ""));
      if (clash)
        throw new EngineError(
          `Conflict. The container name "/${req.name.replace(/^\//, "")}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
          409,
        );
    }
    req.host ??= {};
    warnings.push(...verifyNamespaceSettings(this, req)); // --pid/--ipc/--uts/--cgroupns (namespaces.ts)
    warnings.push(...hostPlatformWarnings(img, req.platform)); // an image for another machine
    const mounts = volumesFromMounts(this, req.host.VolumesFrom, req.mounts ?? []);
    const cfg: ImageRunConfig = imageConfig(img).config ?? {};
    const id = randomHex(k.w.rng, 32);
    const name = req.name?.replace(/^\//, "") ?? randomName(k, (n) => this.byName(n) !== undefined);
    // The image's config is shared and frozen (config-json.ts): the container keeps copies.
    const entrypoint = req.entrypoint !== undefined ? req.entrypoint : cfg.Entrypoint ? [...cfg.Entrypoint] : null;
    const cmd = req.cmd && req.cmd.length > 0 ? req.cmd : req.entrypoint !== undefined && req.entrypoint !== null ? null : cfg.Cmd ? [...cfg.Cmd] : null;
    // The user's variables come first, then the image's that they do not override (as dockerd merges).
    const envMap = new Map<string, string>();
    for (const e of req.env ?? []) envMap.set(e.split("=")[0], e);
    for (const e of cfg.Env ?? []) if (!envMap.has(e.split("=")[0])) envMap.set(e.split("=")[0], e);
    const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
    const exposed: Record<string, Record<string, never>> = { ...(cfg.ExposedPorts ?? {}) };
    for (const p of req.exposedPorts ?? []) exposed[p] = {};
    const now = k.now();
    const c: ContainerRecord = {
      id,
      name,
      imageRef: req.image,
      imageId: img.id,
      created: rfc3339Nano(now),
      createdUptime: k.uptime(),
      path: argv[0] ?? "",
      args: argv.slice(1),
      config: {
        Hostname: req.hostname ?? id.slice(0, 12),
        Domainname: req.domainname ?? "",
        User: req.user ?? cfg.User ?? "",
        AttachStdin: req.attachStdin ?? false,
        AttachStdout: req.attachStdout ?? false,
        AttachStderr: req.attachStderr ?? false,
        ...(Object.keys(exposed).length > 0 ? { ExposedPorts: exposed } : {}),
        Tty: req.tty ?? false,
        OpenStdin: req.openStdin ?? false,
        StdinOnce: (req.openStdin ?? false) && (req.attachStdin ?? false),
        Env: [...envMap.values()],
        Cmd: cmd,
        Image: req.image,
        Volumes: cfg.Volumes ? { ...cfg.Volumes } : null,
        WorkingDir: req.workingDir ?? cfg.WorkingDir ?? "",
        Entrypoint: entrypoint,
        Labels: { ...(cfg.Labels ?? {}), ...(req.labels ?? {}) },
        ...(req.stopSignal ?? cfg.StopSignal ? { StopSignal: req.stopSignal ?? cfg.StopSignal } : {}),
        ...(req.stopTimeout !== undefined ? { StopTimeout: req.stopTimeout } : {}),
      },
      hostConfig: {
        Binds: null,
        NetworkMode: "bridge",
        PortBindings: {},
        RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
        AutoRemove: false,
        Privileged: false,
        ReadonlyRootfs: false,
        Init: null,
        Memory: 0,
        MemorySwap: 0,
        NanoCpus: 0,
        CpuShares: 0,
        PidsLimit: null,
        CapAdd: null,
        CapDrop: null,
        Dns: [],
        PidMode: "",
        UTSMode: "",
        IpcMode: "private",
        Tmpfs: {},
        ...req.host,
      },
      mounts,
      state: {
        Status: "created",
        Running: false,
        Paused: false,
        Restarting: false,
        OOMKilled: false,
        Dead: false,
        Pid: 0,
        ExitCode: 0,
        Error: "",
        StartedAt: GO_ZERO_TIME,
        FinishedAt: GO_ZERO_TIME,
        startedUptime: 0,
        finishedUptime: 0,
      },
      restartCount: 0,
      rwCacheId: randomHex(k.w.rng, 32),
      rwLink: randomHex(k.w.rng, 13).toUpperCase().slice(0, 26),
      network: null,
      tty: null,
      stdinPipe: null,
    };
    if (req.endpoint) setEndpointConfig(c, req.endpoint.network, networks(k).find((n) => n.name === req.endpoint?.network || n.id === req.endpoint?.network), req.endpoint);
    registerLinks(k, c, req.host.Links ?? [], (n) => this.container(n)); // --link (links.ts)
    st.containers[id] = c;
    createLayers(k, c);
    applyHealthcheck(this, id, req.healthcheck); // health.ts: the user's merged with the image's
    emitEvent(k, "container", "create", id, { image: req.image, name });
    return { id, warnings };
  }

  /**
   * The daemon's first answer to a create request: its checks of the settings, made before it
   * looks for the image. The client asks this before it pulls a missing image, as the real client
   * learns it from its first create call (which fails on bad settings before any pull).
   */
  containerCreateCheck(req: CreateRequest) {
    const linksError = linksModeError(req.host?.NetworkMode ?? "", req.host?.Links ?? []);
    if (linksError) throw new EngineError(linksError, 400);
    // On a copy: the checks adjust what the daemon discards, and warn only when it creates.
    verifyContainerSettings(this.k, { ...req, host: { ...req.host } });
  }

  containerStart(idOrName: string) {
    const c = this.container(idOrName);
    if (c.state.Running) return;
    (c as ContainerRecord & { stopping?: boolean }).stopping = false;
    let failure: EngineError;
    const missingNetwork = startNetworkError(this.k, c); // start-network.ts
    if (missingNetwork) {
      c.state.ExitCode = 128;
      c.state.Error = missingNetwork;
      failure = new EngineError(missingNetwork, 404, 125);
    } else {
      try {
        startContainer(this.k, c);
        rememberNetworkId(this.k, c);
        return;
      } catch (e) {
        if (!(e instanceof StartError)) throw e;
        c.state.ExitCode = e.exitCode;
        c.state.Error = e.message;
        failure = new EngineError(e.message, 400, e.exitCode);
      }
    }
    // A --rm container that cannot start is removed, as it would be once it had run.
    if (c.hostConfig.AutoRemove) this.containerRemove(c.id, { force: true, volumes: true });
    throw failure;
  }

  /** Sends a signal to the container's init (from the host's pid namespace). */
  containerKill(idOrName: string, signal = "KILL") {
    const c = this.container(idOrName);
    // The daemon checks the signal before the container's state.
    const sig = parseSignal(signal);
    if (!sig) throw new EngineError(`Invalid signal: ${signal}`, 400);
    if (!c.state.Running) throw new EngineError(`Cannot kill container: ${idOrName}: container ${c.id} is not running`, 409);
    (c as ContainerRecord & { stopping?: boolean }).stopping = true;
    sendSignal(this.k, c.state.Pid, sig, 0);
    emitEvent(this.k, "container", "kill", c.id, { image: c.imageRef, name: c.name, signal: String(signalNumber(sig)) });
  }

  /** docker stop: the stop signal, then SIGKILL after the grace period. */
  *containerStop(idOrName: string, timeout?: number, signal?: string): Gen<void> {
    const c = this.container(idOrName);
    if (!c.state.Running) return;
    const id = c.id;
    (c as ContainerRecord & { stopping?: boolean }).stopping = true;
    const sig: Signal = parseSignal(signal ?? c.config.StopSignal ?? "TERM") ?? "TERM";
    sendSignal(this.k, c.state.Pid, sig, 0);
    emitEvent(this.k, "container", "kill", id, { image: c.imageRef, name: c.name, signal: String(signalNumber(sig)) });
    const grace = (timeout ?? c.config.StopTimeout ?? 10) * 1_000_000;
    const until = this.k.uptime() + grace;
    while (this.st.containers[id]?.state.Running && this.k.uptime() < until && grace > 0)
      yield { kind: "chan", chan: `docker:state:${id}`, until };
    const now = this.st.containers[id];
    if (now?.state.Running) {
      sendSignal(this.k, now.state.Pid, "KILL", 0);
      emitEvent(this.k, "container", "kill", id, { image: c.imageRef, name: c.name, signal: "9" });
      while (this.st.containers[id]?.state.Running) yield { kind: "chan", chan: `docker:state:${id}` };
    }
    emitEvent(this.k, "container", "stop", id, { image: c.imageRef, name: c.name });
  }

  /**
   * docker restart: stop, then start. What goes wrong past the lookup is wrapped as the daemon
   * does ("Cannot restart container NAME: ..."), naming the container as the caller did.
   */
  *containerRestart(idOrName: string, timeout?: number, signal?: string): Gen<void> {
    const c = this.container(idOrName);
    try {
      yield* this.containerStop(c.id, timeout, signal);
      this.containerStart(c.id);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      throw new EngineError(`Cannot restart container ${idOrName}: ${e.message}`, 500, e.exitCode);
    }
    emitEvent(this.k, "container", "restart", c.id, { image: c.imageRef, name: c.name });
  }

  /** docker wait: blocks until the container is not running; returns its exit code. */
  *containerWait(idOrName: string): Gen<number> {
    // A --rm container may be gone already: its exit code is in its "die" event.
    if (!this.st.containers[idOrName] && !Object.values(this.st.containers).some((c) => c.name === idOrName)) {
      const gone = this.lastExitCode(idOrName);
      if (gone !== undefined) return gone;
    }
    const id = this.container(idOrName).id;
    for (;;) {
      const c = this.st.containers[id];
      if (!c) return this.lastExitCode(id) ?? 0;
      if (!c.state.Running && !c.state.Restarting) return c.state.ExitCode;
      yield { kind: "chan", chan: `docker:state:${id}` };
    }
  }

  /** The exit code in a removed container's last "die" event. */
  private lastExitCode(id: string): number | undefined {
    const events = this.st.events;
    for (let i = events.length - 1; i >= 0; i--)
      if (events[i].type === "container" && events[i].action === "die" && events[i].id === id) return Number(events[i].attributes.exitCode ?? 0);
    return undefined;
  }

  containerRemove(idOrName: string, opts: { force?: boolean; volumes?: boolean } = {}) {
    const k = this.k;
    const c = this.container(idOrName);
    if (c.state.Running && !opts.force)
      throw new EngineError(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`, 409);
    if (c.state.Running) {
      (c as ContainerRecord & { stopping?: boolean }).stopping = true;
      sendSignal(k, c.state.Pid, "KILL", 0);
      if (c.state.Running) containerExited(k, c.id, 137);
    }
    const base = `${DOCKER_ROOT}/overlay2`;
    for (const dir of [`${base}/${c.rwCacheId}`, `${base}/${c.rwCacheId}-init`, `${DOCKER_ROOT}/containers/${c.id}`]) removeTree(k, dir);
    // Its endpoints leave their networks; with -v (and --rm) its anonymous volumes go too.
    for (const n of networks(k)) if (n.endpoints?.[c.id]) delete n.endpoints[c.id];
    const anonymous = c.mounts.filter((m) => m.Type === "volume" && m.Name && volumes(k)[m.Name]?.labels?.[ANONYMOUS_LABEL] !== undefined);
    for (const link of [c.rwLink]) if (exists(k, `${base}/l/${link}`)) removeTree(k, `${base}/l/${link}`);
    cgroupRemoveIfEmpty(k, cgroupPath(c));
    delete this.st.containers[c.id];
    // A volume another container still mounts (--volumes-from) stays, as "in use" is not an error here.
    if (opts.volumes || c.hostConfig.AutoRemove) for (const m of anonymous) if (volumeUsers(k, m.Name!).length === 0) removeVolume(k, m.Name!, true);
    emitEvent(k, "container", "destroy", c.id, { image: c.imageRef, name: c.name });
    k.wake(`docker:state:${c.id}`);
  }

  /** The json-file log records of a container, parsed. */
  logRecords(idOrName: string): LogLine[] {
    const c = this.container(idOrName);
    const path = `${DOCKER_ROOT}/containers/${c.id}/${c.id}-json.log`;
    if (!exists(this.k, path)) return [];
    return readFile(this.k, path)
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as LogLine);
  }

  /**
   * Streams log records from byte offset `from` of the json-file log as they arrive, calling
   * `emit` for each, until the container stops (follow) or at once. Returns the next offset.
   */
  *followLogs(idOrName: string, from: number, follow: boolean, emit: (l: LogLine) => Gen<void>): Gen<number> {
    const c0 = this.container(idOrName) as ContainerRecord & { detached?: number };
    const id = c0.id;
    if (c0.detached === this.caller) delete c0.detached;
    const path = `${DOCKER_ROOT}/containers/${id}/${id}-json.log`;
    let offset = from;
    for (;;) {
      const c = this.st.containers[id];
      if (!c || !exists(this.k, path)) return offset;
      const data = readFile(this.k, path);
      while (offset < data.length) {
        const nl = data.indexOf("\n", offset);
        if (nl < 0) break;
        const line = data.slice(offset, nl);
        offset = nl + 1;
        yield* emit(JSON.parse(line) as LogLine);
      }
      const now = this.st.containers[id];
      if (!follow || !now || ((!now.state.Running && !now.state.Restarting) && offset >= readFile(this.k, path).length)) return offset;
      if ((now as ContainerRecord & { detached?: number }).detached === this.caller) return offset;
      yield { kind: "chan", chan: `docker:log:${id}` };
    }
  }

  /** Ends this client's attachment (Ctrl-P Ctrl-Q): its followLogs returns. */
  detach(idOrName: string) {
    const c = this.container(idOrName) as ContainerRecord & { detached?: number };
    c.detached = this.caller;
    this.k.wake(`docker:log:${c.id}`);
  }

  /** Keystrokes for a -t container's terminal. */
  ttyWrite(idOrName: string, data: string) {
    const c = this.container(idOrName);
    if (c.tty !== null) ttyInput(this.k, c.tty, data);
  }

  /** Data for a -i container's stdin (closed with end=true). */
  stdinWrite(idOrName: string, data: string, end = false) {
    const c = this.container(idOrName);
    if (c.stdinPipe === null) return;
    const pipe = this.k.w.pipes[c.stdinPipe];
    if (!pipe) return;
    pipe.buf += data;
    if (end && pipe.external) {
      pipe.external = false;
      pipe.writers--;
    }
    this.k.wake(`pipe:${pipe.id}`);
  }

  containerEnv(c: ContainerRecord): Record<string, string> {
    return containerEnv(c);
  }

  /** Daemon facts for docker version / info. */
  daemonInfo() {
    return { pid: this.st.daemonPid, images: Object.keys(this.st.images).length, containers: Object.values(this.st.containers) };
  }
}
