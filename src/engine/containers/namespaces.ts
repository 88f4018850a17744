/**
 * The namespaces a container shares instead of getting its own (--pid, --uts, --ipc, --cgroupns,
 * --userns) and the mounts it takes from others (--volumes-from): the daemon's checks when the
 * container is created, which namespaces runc creates or joins when it starts, and the /dev/shm
 * each IPC mode gives it.
 */
import { Errno, type Kernel, type NsType } from "../../kernel";
import { addFs, attachMount } from "../../kernel/fs/mount";
import type { Walker } from "../../kernel/fs/vfs";
import type { DiskFs, Loc } from "../../kernel/world";
import { type CreateRequest, DockerClient, EngineError } from "../client";
import { DOCKER_ROOT } from "../images/store";
import { hostWalker, mkdirp } from "../hostfs";
import { type ContainerRecord, engineState, type MountSpec } from "../state";

/** The part of a mode after "container:", or undefined when the mode does not name a container. */
export function modeContainer(mode: string | undefined): string | undefined {
  return mode?.startsWith("container:") ? mode.slice("container:".length) : undefined;
}

/**
 * The container whose network namespace --network container:X joins (by id, name or id prefix).
 * Such a container also takes X's hostname and its hostname/hosts/resolv.conf files, as the
 * daemon's initializeNetworking does.
 */
export function networkDonor(k: Kernel, c: ContainerRecord): ContainerRecord | undefined {
  const ref = modeContainer(c.hostConfig.NetworkMode);
  if (ref === undefined) return undefined;
  const all = Object.values(engineState(k).containers);
  return all.find((o) => o.id === ref) ?? all.find((o) => o.name === ref) ?? all.find((o) => o.id.startsWith(ref));
}

const IPC_MODES = ["", "none", "private", "shareable", "host"];

/**
 * What the daemon checks and fills in before it looks at the image (runconfig's validateNetMode,
 * verifyPlatformContainerSettings, adaptContainerSettings of docker 28). Rewrites container:NAME
 * to container:ID, as adaptSharedNamespaceContainer does. Returns the daemon's warnings.
 */
export function verifyNamespaceSettings(d: DockerClient, req: CreateRequest): string[] {
  const h = (req.host ??= {});
  const bad = (msg: string) => new EngineError(msg, 400);
  if (h.UTSMode === "host" && req.hostname !== undefined && req.hostname !== "") throw bad("conflicting options: hostname and the UTS mode");
  const ipc = h.IpcMode ?? "";
  if (!IPC_MODES.includes(ipc) && modeContainer(ipc) === undefined) throw bad(`invalid IPC mode: ${ipc}`);
  const warnings: string[] = [];
  if (h.NetworkMode === "host" && Object.keys(h.PortBindings ?? {}).length > 0) warnings.push("Published ports are discarded when using host network mode");
  // The daemon's defaults: default-ipc-mode "private"; a private cgroup namespace on cgroup v2.
  if (ipc === "") h.IpcMode = "private";
  if ((h.CgroupnsMode ?? "") === "") h.CgroupnsMode = "private";
  h.UsernsMode ??= "";
  for (const key of ["PidMode", "IpcMode", "NetworkMode"] as const) {
    const ref = modeContainer(h[key]);
    if (!ref) continue;
    try {
      h[key] = `container:${d.container(ref).id}`;
    } catch (e) {
      // Left as given: generateSecurityOpt below reports it.
      if (!(e instanceof EngineError)) throw e;
    }
  }
  // generateSecurityOpt looks the IPC container up, then the PID one, unless either mode is host.
  if (h.IpcMode !== "host" && h.PidMode !== "host") {
    const ipcRef = modeContainer(h.IpcMode);
    if (ipcRef) d.container(ipcRef);
    const pidRef = modeContainer(h.PidMode);
    if (pidRef) d.container(pidRef);
  }
  return warnings;
}

const VOLUME_MODES = /^(ro|rw)?(,?(z|Z))?$|^(z|Z)(,(ro|rw))?$/;

/**
 * The mounts --volumes-from gives (registerMountPoints): every volume and bind of each named
 * container (not its tmpfs), read-only when it was or when ":ro" asks; -v and --mount at the same
 * destination win.
 */
export function volumesFromMounts(d: DockerClient, specs: string[] | null | undefined, own: MountSpec[]): MountSpec[] {
  const inherited = new Map<string, MountSpec>();
  for (const spec of specs ?? []) {
    if (spec === "") throw new EngineError("volumes-from specification cannot be an empty string", 400);
    const colon = spec.indexOf(":");
    const ref = colon < 0 ? spec : spec.slice(0, colon);
    const mode = colon < 0 ? "rw" : spec.slice(colon + 1);
    if (mode === "" || !VOLUME_MODES.test(mode)) throw new EngineError(`invalid mode: ${mode}`, 400);
    const from = d.container(ref);
    const readOnly = mode.split(",").includes("ro");
    for (const m of from.mounts) {
      if (m.Type === "tmpfs") continue;
      inherited.set(m.Destination, { ...m, RW: m.RW && !readOnly, Mode: "" });
    }
  }
  for (const m of own) inherited.delete(m.Destination);
  return [...inherited.values(), ...own];
}

/** What runc does with each namespace when the container starts. */
export interface NamespacePlan {
  /** Namespaces cloned new for the init (the mount namespace is built separately). */
  create: Array<Exclude<NsType, "mnt" | "user" | "time">>;
  /** A pid namespace to join (setns before the init is forked into it). */
  pidns?: number;
  /** An IPC namespace to join. */
  ipc?: number;
  /** The /dev/shm the container gets (see shmFor). */
  shm: ShmSource;
}

/**
 * /dev/shm: a tmpfs of its own, none at all, a tmpfs on the host that others can join
 * (shareable), or a bind of one that lives elsewhere (the host's, or a shareable donor's).
 */
export type ShmSource = { kind: "private" } | { kind: "none" } | { kind: "shareable" } | { kind: "bind"; at: Loc };

class NamespaceError extends Error {}

/** A running container's init, as the daemon finds it to join its namespaces (getPIDContainer). */
function runningDonor(k: Kernel, ref: string): ContainerRecord {
  let donor: ContainerRecord;
  try {
    donor = new DockerClient(k, 1).container(ref);
  } catch (e) {
    if (e instanceof EngineError) throw new NamespaceError(e.message);
    throw e;
  }
  if (donor.state.Restarting) throw new NamespaceError(`Container ${ref} is restarting, wait until the container is running`);
  if (!donor.state.Running) throw new NamespaceError(`container ${ref} is not running`);
  return donor;
}

/** Where a running container's shareable /dev/shm lives on the host (its ShmPath). */
function shmPathOf(c: ContainerRecord): string {
  return (c as ContainerRecord & { shmPath?: string }).shmPath ?? "";
}

/**
 * Decides the container's namespaces from its modes (setupIPCDirs and WithNamespaces); returns the
 * daemon's message instead when a namespace cannot be joined (the caller fails the start with it).
 */
export function planNamespaces(k: Kernel, c: ContainerRecord): NamespacePlan | string {
  const h = c.hostConfig;
  const create: NamespacePlan["create"] = [];
  const plan: NamespacePlan = { create, shm: { kind: "private" } };
  const own = c as ContainerRecord & { shmPath?: string };
  own.shmPath = "";
  try {
    const ipcRef = modeContainer(h.IpcMode);
    if (ipcRef !== undefined) {
      let donor: ContainerRecord;
      try {
        donor = runningDonor(k, ipcRef);
      } catch (e) {
        if (e instanceof NamespaceError) throw new NamespaceError(`failed to join IPC namespace: ${e.message}`);
        throw e;
      }
      const path = shmPathOf(donor);
      const at = path ? shmMountRoot(k, path) : null;
      if (!at) throw new NamespaceError(`failed to join IPC namespace: container ${ipcRef}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)`);
      plan.ipc = k.w.procs[donor.state.Pid].ns.ipc;
      plan.shm = { kind: "bind", at };
      own.shmPath = path;
    } else if (h.IpcMode === "host") {
      own.shmPath = "/dev/shm";
      plan.shm = { kind: "bind", at: k.vfs.walk(hostWalker(k), "/dev/shm", true) };
    } else {
      create.push("ipc");
      if (h.IpcMode === "none") plan.shm = { kind: "none" };
      else if (h.IpcMode === "shareable" || h.IpcMode === "") {
        own.shmPath = `${DOCKER_ROOT}/containers/${c.id}/mounts/shm`;
        plan.shm = { kind: "shareable" };
      }
    }
    const pidRef = modeContainer(h.PidMode);
    if (pidRef !== undefined) plan.pidns = k.w.procs[runningDonor(k, pidRef).state.Pid].pidns;
    else if (h.PidMode !== "host") create.push("pid");
  } catch (e) {
    if (e instanceof NamespaceError) {
      own.shmPath = "";
      return e.message;
    }
    throw e;
  }
  // The daemon passes a domain name as the sysctl kernel.domainname, which runc refuses outside
  // a UTS namespace of the container's own.
  if (h.UTSMode === "host" && c.config.Domainname) {
    own.shmPath = "";
    return 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: sysctl "kernel.domainname" is not in a separate kernel namespace: unknown';
  }
  if (h.UTSMode !== "host") create.push("uts");
  if (h.CgroupnsMode !== "host") create.push("cgroup");
  return plan;
}

/**
 * Forks the container's init from its shim into the planned namespaces: setns(pid) first when a
 * pid namespace is joined (the child is born in it), then the IPC namespace it joins.
 */
export function forkInit(k: Kernel, shim: number, plan: NamespacePlan, fork: () => number): number {
  const s = k.w.procs[shim];
  const saved = s.ns;
  if (plan.pidns !== undefined) s.ns = { ...saved, pidChildren: plan.pidns };
  let child: number;
  try {
    child = fork();
  } finally {
    k.w.procs[shim].ns = saved;
  }
  const p = k.w.procs[child];
  if (plan.pidns !== undefined) p.ns = { ...p.ns, pidChildren: plan.pidns };
  if (plan.ipc !== undefined) p.ns = { ...p.ns, ipc: plan.ipc };
  return child;
}

/** The root of the tmpfs mounted at `path` on the host, or null when nothing is mounted there. */
function shmMountRoot(k: Kernel, path: string): Loc | null {
  let loc: Loc;
  try {
    loc = k.vfs.walk(hostWalker(k), path, true);
  } catch (e) {
    if (e instanceof Errno) return null;
    throw e;
  }
  const m = k.w.mounts[loc.mnt];
  return m && m.fstype === "tmpfs" && m.root === loc.node ? loc : null;
}

/**
 * A shareable container's /dev/shm: a tmpfs the daemon mounts on the host under the container's
 * directory (…/mounts/shm, mode 1777), which the container and its IPC guests bind.
 */
export function mountShareableShm(k: Kernel, c: ContainerRecord, make: (id: string) => DiskFs, options: string[]): Loc {
  const mounts = mkdirp(k, `${DOCKER_ROOT}/containers/${c.id}/mounts`, 0o710);
  const dir = mkdirp(k, "shm", 0o700, mounts);
  const sb = addFs(k, make) as DiskFs;
  sb.inodes[sb.rootIno].mode = 0o041777;
  const root = k.driver(sb).root(k, sb);
  const m = attachMount(k, k.w.initNs.mnt, dir, { fs: sb.id, root, source: "shm", fstype: "tmpfs", readonly: false, options });
  return { mnt: m.id, fs: sb.id, node: root };
}

/** Binds the tmpfs at `src` (a host mount) onto the container's /dev/shm, as it is mounted there. */
export function bindShm(k: Kernel, ns: number, at: Loc | string, src: Loc, w: Walker) {
  const to = typeof at === "string" ? k.vfs.walk(w, at, true) : at;
  const from = k.w.mounts[src.mnt];
  attachMount(k, ns, to, { fs: src.fs, root: src.node, source: from.source, fstype: from.fstype, readonly: false, options: from.options });
}

/** Unmounts a shareable container's …/mounts/shm (when it stops); the directory stays. */
export function unmountShareableShm(k: Kernel, c: ContainerRecord) {
  const path = shmPathOf(c);
  (c as ContainerRecord & { shmPath?: string }).shmPath = "";
  if (!path.startsWith(`${DOCKER_ROOT}/containers/${c.id}/`)) return;
  const at = shmMountRoot(k, path);
  if (!at) return;
  const ns = k.w.ns[k.w.initNs.mnt].mnt!;
  ns.mounts = ns.mounts.filter((x) => x !== at.mnt);
  for (const [key, v] of Object.entries(ns.index)) if (v === at.mnt) delete ns.index[key];
  delete k.w.mounts[at.mnt];
}
