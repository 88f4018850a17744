/**
 * Running a container (what containerd, its shim and runc do): the shim process on the host, the
 * container's init in new namespaces with its own root, cgroup, network and stdio; its exit, and
 * restart policies.
 */
import type { Gen, Main, NsType, Signal, Sys } from "../../kernel";
import { Errno, type Kernel } from "../../kernel";
import { runcExec, tiniExec } from "./runc-exec";
import { newFile, newPipe } from "../../kernel/io/files";
import { newTty } from "../../kernel/io/tty";
import { dispositionsAfterExec, forkProcess } from "../../kernel/proc/process";
import { reserveNsInum, unshareProcess } from "../../kernel/ns/namespaces";
import { inWalkScope } from "../../kernel/fs/walk-scope";
import { supplementaryGroups } from "../../kernel/machine";
import { cgroupCreate, cgroupMigrate, parentCgroup } from "../../kernel/cgroup/cgroups";
import type { Process } from "../../kernel/world";
import { signalNumber } from "../../kernel/proc/signals";
import { appendFile, writeFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { allocateIp, connectContainer, disconnectContainer } from "../networks/bridge";
import { claimEndpoints, connectNetwork, findNetwork, networks, plugEndpoint, unplugEndpoint } from "../networks/networks";
import { startNetworkMode } from "../networks/first-network";
import { linkEnv, linkStartError } from "../networks/links";
import { endpointConfigOf } from "../networks/endpoint-config";
import { startNetworkServices, stopNetworkServices } from "../networks/ports";
import { type ContainerRecord, engineState } from "../state";
import { rfc3339Nano } from "../time";
import { emitEvent } from "../events";
import { DockerClient } from "../client";
import { buildMountNs, cgroupPath, hostsFile, mountOverlay, resolvConf, unmountOverlay } from "./rootfs";
import { startHealthMonitor, stopHealthMonitor } from "./health";
import { applySecurity } from "./security";
import { forkInit, networkDonor, planNamespaces, unmountShareableShm } from "./namespaces";
import { addedGroups, applyCgroupResources, applyNetSysctls, applyProcessResources, ensureSlice, logDriverStartError, readIn } from "./resources";

export class StartError extends Error {
  constructor(
    message: string,
    /** Exit status docker run reports: 126 (cannot invoke), 127 (not found), 125 (other). */
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const OCI_PREFIX =
  "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ";

/** Environment of the container's process: PATH, HOSTNAME, the links' (links.ts), Env, then TERM/HOME. */
export function containerEnv(c: ContainerRecord, linked: readonly string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of c.config.Env) {
    const eq = e.indexOf("=");
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  const out: Record<string, string> = { PATH: env.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
  out.HOSTNAME = c.config.Hostname;
  for (const e of linked) out[e.slice(0, e.indexOf("="))] = e.slice(e.indexOf("=") + 1);
  Object.assign(out, env);
  if (c.config.Tty && out.TERM === undefined) out.TERM = "xterm";
  out.HOME ??= "/root";
  return out;
}

/** Finds argv[0] in the container as runc does (PATH search for names without a slash). */
function findExecutable(k: Kernel, root: Process["root"], argv0: string, env: Record<string, string>, cwd: Process["cwd"]): string {
  const w = { root, cwd, cred: { uid: 0, gid: 0, groups: [] } };
  const check = (path: string) => {
    const st = k.vfs.stat(k.vfs.walk(w, path, true));
    if (st.type === "dir" || (st.mode & 0o111) === 0) throw new StartError(`${OCI_PREFIX}exec: "${argv0}": permission denied: unknown`, 126);
    return path;
  };
  if (argv0.includes("/")) {
    try {
      return check(argv0);
    } catch (e) {
      if (e instanceof Errno) throw new StartError(`${OCI_PREFIX}exec: "${argv0}": stat ${argv0}: no such file or directory: unknown`, 127);
      throw e;
    }
  }
  for (const dir of (env.PATH ?? "").split(":")) {
    if (!dir) continue;
    // Most of the PATH has no such file: that is found without an exception.
    if (k.vfs.tryWalk(w, `${dir}/${argv0}`, true) === null) continue;
    try {
      return check(`${dir}/${argv0}`);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }
  throw new StartError(`${OCI_PREFIX}exec: "${argv0}": executable file not found in $PATH: unknown`, 127);
}

/** Appends output to the container's json-file log, a line per record, and wakes followers. */
export function logOutput(k: Kernel, c: { id: string }, stream: "stdout" | "stderr", data: string) {
  const time = rfc3339Nano(k.now());
  let rest = data;
  let records = "";
  while (rest.length > 0) {
    const nl = rest.indexOf("\n");
    const line = nl < 0 ? rest : rest.slice(0, nl + 1);
    rest = nl < 0 ? "" : rest.slice(nl + 1);
    records += `${JSON.stringify({ log: line, stream, time })}\n`;
  }
  try {
    appendFile(k, `${DOCKER_ROOT}/containers/${c.id}/${c.id}-json.log`, records);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  k.wake(`docker:log:${c.id}`);
}

/**
 * Where a container's output goes: its log. Made out here so that the listener, which lives as
 * long as the machine, holds the id and nothing of the start that made it.
 */
function logSink(k: Kernel, id: string, stream: "stdout" | "stderr"): (bytes: string) => void {
  const c = { id };
  return (bytes) => logOutput(k, c, stream, bytes);
}

function parseUser(k: Kernel, root: Process["root"], user: string): { uid: number; gid: number } {
  if (user === "") return { uid: 0, gid: 0 };
  const [u, g] = user.split(":");
  const w = { root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } };
  const read = (path: string) => {
    try {
      const loc = k.vfs.walk(w, path, true);
      return k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node);
    } catch {
      return "";
    }
  };
  const lookup = (file: string, name: string) => read(file).split("\n").map((l) => l.split(":")).find((f) => f[0] === name);
  let uid: number;
  let gid = 0;
  if (/^\d+$/.test(u)) uid = Number(u);
  else {
    const pw = lookup("/etc/passwd", u);
    if (!pw) throw new StartError(`unable to find user ${u}: no matching entries in passwd file`, 126);
    uid = Number(pw[2]);
    gid = Number(pw[3]);
  }
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const gr = lookup("/etc/group", g);
      if (!gr) throw new StartError(`unable to find group ${g}: no matching entries in group file`, 126);
      gid = Number(gr[2]);
    }
  }
  return { uid, gid };
}

/** Applies the resource limits of the container to its cgroup. */
export function configureCgroup(k: Kernel, c: ContainerRecord) {
  const path = cgroupPath(c);
  ensureSlice(k, parentCgroup(path)); // --cgroup-parent: its slices, see resources.ts
  if (!k.w.cgroups[path]) cgroupCreate(k, path);
  const cg = k.w.cgroups[path];
  const h = c.hostConfig;
  cg.memoryMax = h.Memory > 0 ? h.Memory : null;
  cg.swapMax = h.Memory > 0 ? (h.MemorySwap === -1 ? null : Math.max(0, (h.MemorySwap || h.Memory * 2) - h.Memory)) : null;
  cg.cpuMax = h.NanoCpus > 0 ? { quota: Math.round((h.NanoCpus / 1e9) * 100_000), period: 100_000 } : { quota: null, period: 100_000 };
  cg.cpuWeight = h.CpuShares > 0 ? Math.floor(1 + ((h.CpuShares - 2) * 9999) / 262142) : 100;
  cg.pidsMax = h.PidsLimit && h.PidsLimit > 0 ? h.PidsLimit : null;
  applyCgroupResources(cg, h); // cpuset, CFS period/quota, reservation, io (resources.ts)
}

export interface Started {
  pid: number;
}

/**
 * Starts the container: mounts its rootfs, creates the shim and the container's init, and returns
 * once the init is ready to exec its command. Throws StartError when the command cannot be run.
 */
export function startContainer(k: Kernel, c: ContainerRecord): Started {
  const { fs: overlayFs, options } = mountOverlay(k, c);
  // The shim: a host process, child of init, parent of the container's init.
  const shim = forkProcess(k, { parent: 1, main: shimMain(k, c.id), comm: "containerd-shim" });
  const sp = k.w.procs[shim];
  sp.argv = ["/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", c.id, "-address", "/run/containerd/containerd.sock"];
  sp.exe = "/usr/bin/containerd-shim-runc-v2";
  sp.comm = "containerd-shim";
  sp.sid = sp.pgid = shim;
  sp.cgroup = "system.slice";
  sp.tty = null;
  sp.rss = 12 * 1024 * 1024;
  // containerd runs the shim binary: its parent's signal handlers are gone.
  sp.disp = dispositionsAfterExec(sp.disp);
  k.rt.get(shim)!.handlers = null;
  cgroupMigrate(k, shim, "system.slice/containerd.service");
  try {
    return launchInit(k, c, shim, overlayFs, options);
  } catch (e) {
    k.w.procs[shim].state = "Z";
    k.rt.delete(shim);
    delete k.w.procs[shim];
    k.w.procs[1].children = k.w.procs[1].children.filter((x) => x !== shim);
    unmountOverlay(k, c);
    unmountShareableShm(k, c);
    throw e;
  }
}

function launchInit(k: Kernel, c: ContainerRecord, shim: number, overlayFs: string, options: string[]): Started {
  const st = engineState(k);
  const mode = c.hostConfig.NetworkMode || "bridge";
  const net = startNetworkMode(c, mode === "default" ? "bridge" : mode); // first-network.ts: left it
  // --network container:X shares X's network namespace; host shares the host's.
  let sharedNetns: number | undefined;
  if (net.startsWith("container:")) {
    const other = networkDonor(k, c);
    if (!other) throw new StartError(`No such container: ${net.slice(10)}`, 125);
    if (!other.state.Running) throw new StartError(`cannot join network namespace of a non running container: ${other.id}`, 125);
    sharedNetns = k.w.procs[other.state.Pid].ns.net;
    c.config.Hostname = other.config.Hostname;
    c.config.Domainname = other.config.Domainname;
  }
  const userNet = net !== "bridge" && net !== "host" && net !== "none" && sharedNetns === undefined ? findNetwork(k, net) : undefined;
  // helper (networking): linked containers must run; addresses are taken before anything is made.
  const netError = linkStartError(k, c) ?? claimEndpoints(k, c, userNet);
  if (netError) throw new StartError(netError, 125);
  // --ipc/--pid/--uts/--cgroupns: which namespaces are new, which are joined (namespaces.ts).
  const plan = planNamespaces(k, c);
  if (typeof plan === "string") throw new StartError(plan, 125);
  // runc clones the init into new mnt, uts, ipc, pid and net namespaces (the kernel makes them in
  // that order; the mount namespace is built below, on the number set aside for it) and unshares
  // the cgroup namespace later, once the init is in the container's cgroup.
  const newNs: NsType[] = plan.create.filter((t) => t !== "cgroup");
  if (net !== "host" && sharedNetns === undefined) newNs.push("net");
  const mntInum = reserveNsInum(k);
  let tty: number | null = null;
  if (c.config.Tty) {
    tty = newTty(k, 24, 80);
    k.w.ttys[tty].name = "pts/0";
    k.outside.tty.set(tty, logSink(k, c.id, "stdout"));
  }
  const spec: InitSpec = { path: "", argv: [], env: {}, init: false };
  const child = forkInit(k, shim, plan, () => forkProcess(k, { parent: shim, main: initMain(spec), comm: "runc:[2:INIT]", newNs }));
  const p = k.w.procs[child];
  if (sharedNetns !== undefined) p.ns = { ...p.ns, net: sharedNetns };
  const { mntNs, root } = buildMountNs(k, c, overlayFs, options, p.pidns, p.ns.net, tty, plan.shm, mntInum);
  p.ns = { ...p.ns, mnt: mntNs };
  p.root = root;
  const env = containerEnv(c, linkEnv(k, c));
  const w = { root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } };
  let cwd = root;
  if (c.config.WorkingDir) {
    // runc creates the working directory, parents included (mkdir -p).
    let path = "";
    for (const part of c.config.WorkingDir.split("/").filter(Boolean)) {
      path += `/${part}`;
      try {
        k.vfs.walk(w, path, true);
      } catch {
        k.vfs.create(w, path, { type: "dir", perm: 0o755 });
      }
    }
    cwd = k.vfs.walk(w, c.config.WorkingDir, true);
  }
  p.cwd = cwd;
  const argv = [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])];
  if (argv.length === 0) throw new StartError("no command specified", 125);
  // Only reads: what is found on the way is found once (one walk scope).
  const { path, uid, gid, groups } = inWalkScope(() => {
    const path = findExecutable(k, root, argv[0], env, cwd);
    const { uid, gid } = parseUser(k, root, c.config.User);
    return { path, uid, gid, groups: supplementaryGroups(k, uid, gid, root) };
  });
  p.uid = p.euid = uid;
  p.gid = p.egid = gid;
  // resources.ts: --group-add, --ulimit, --oom-score-adj, --sysctl
  const added = addedGroups(readIn(k, root, "/etc/group"), c.hostConfig.GroupAdd ?? null, groups);
  if (typeof added === "string") throw new StartError(added, 125);
  p.groups = added;
  applyProcessResources(k, p, c.hostConfig);
  const logError = logDriverStartError(k, c.hostConfig);
  if (logError) throw new StartError(logError, 125);
  applySecurity(p, c.hostConfig); // capabilities, no_new_privs, seccomp (security.ts)
  if (sharedNetns === undefined && net !== "host") applyNetSysctls(k, p.ns.net, c.hostConfig);
  p.env = env;
  p.argv = argv;
  // With --uts host the hostname stays the host's (Config.Hostname still names the container).
  if (plan.create.includes("uts")) k.w.ns[p.ns.uts].uts!.hostname = c.config.Hostname;
  if (c.config.Domainname) k.w.ns[p.ns.uts].uts!.domainname = c.config.Domainname;
  configureCgroup(k, c);
  cgroupMigrate(k, child, cgroupPath(c));
  if (plan.create.includes("cgroup")) unshareProcess(k, p, ["cgroup"]);
  // stdio
  for (const fd of Object.keys(p.fds)) {
    const e = p.fds[Number(fd)];
    delete p.fds[Number(fd)];
    const f = k.w.files[e.file];
    if (f && --f.refs <= 0) delete k.w.files[e.file];
  }
  if (tty !== null) {
    const file = newFile(k, { kind: "tty", read: true, write: true, tty });
    k.w.files[file].refs = 3;
    p.fds = { 0: { file, cloexec: false }, 1: { file, cloexec: false }, 2: { file, cloexec: false } };
    p.sid = p.pgid = child;
    p.tty = tty;
    k.w.ttys[tty].session = child;
    k.w.ttys[tty].fgPgrp = child;
  } else {
    const id = c.id;
    let stdin: number;
    if (c.config.OpenStdin) {
      const pipe = newPipe(k, true);
      c.stdinPipe = pipe;
      stdin = newFile(k, { kind: "pipe", read: true, write: false, pipe });
    } else stdin = newFile(k, { kind: "device", read: true, write: true, rdev: [1, 3] });
    const out = newFile(k, { kind: "sink", read: false, write: true, sink: k.addSink(logSink(k, id, "stdout")) });
    const err = newFile(k, { kind: "sink", read: false, write: true, sink: k.addSink(logSink(k, id, "stderr")) });
    p.fds = { 0: { file: stdin, cloexec: false }, 1: { file: out, cloexec: false }, 2: { file: err, cloexec: false } };
    p.sid = p.pgid = child;
    p.tty = null;
  }
  c.tty = tty;
  // network
  if (net === "bridge") {
    const network = st.networks[Object.keys(st.networks).find((id) => st.networks[id].name === "bridge")!];
    const ip = allocateIp(k, network);
    const { hostIface, mac } = connectContainer(k, p.ns.net, network, ip, endpointConfigOf(c)?.mac);
    const prefix = Number(network.subnet.split("/")[1]);
    c.network = { name: "bridge", ip, mac, gateway: network.gateway, prefix, endpointId: c.network?.endpointId ?? "", iface: hostIface };
  } else if (userNet) {
    c.state.Pid = child;
    const e = userNet.endpoints?.[c.id] ?? connectNetwork(k, userNet, c);
    plugEndpoint(k, c, userNet, e);
    const prefix = Number(userNet.subnet.split("/")[1]);
    c.network = { name: userNet.name, ip: e.ip, mac: e.mac, gateway: userNet.gateway, prefix, endpointId: e.endpointId, iface: e.hostIface };
  } else c.network = { name: net, ip: "", mac: "", gateway: "", prefix: 0, endpointId: "" };
  if (sharedNetns === undefined && net !== "host") {
    // The container's own network namespace gets its loopback up, as runc does.
    const lo = k.w.ns[p.ns.net].net?.ifaces.find((i) => i.kind === "loopback");
    if (lo) {
      lo.up = true;
      lo.addrs = ["127.0.0.1/8"];
    }
  }
  // /etc/hosts names the container's own address once it has one; user networks use the
  // embedded DNS server.
  writeFile(k, `${DOCKER_ROOT}/containers/${c.id}/hosts`, hostsFile(k, c));
  writeFile(k, `${DOCKER_ROOT}/containers/${c.id}/resolv.conf`, resolvConf(k, c));
  // Networks connected while the container was stopped get their interfaces now.
  c.state.Pid = child;
  for (const other of networks(k))
    if (other !== userNet && other.endpoints?.[c.id] && !other.endpoints[c.id].hostIface) plugEndpoint(k, c, other, other.endpoints[c.id]);
  // helper (networking): published ports (docker-proxy, NAT rules) and the embedded DNS.
  startNetworkServices(k, c, p.ns.net);
  // The init then execs the command (its checks were made above, so this succeeds).
  Object.assign(spec, { path, argv, env, init: c.hostConfig.Init === true });
  if (spec.init) {
    // docker-init (tini) runs as PID 1, bind-mounted at /sbin/docker-init.
    p.argv = ["/sbin/docker-init", "--", ...argv];
    p.comm = "docker-init";
    p.exe = "/sbin/docker-init";
  }
  c.state = {
    ...c.state,
    Status: "running",
    Running: true,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: child,
    ExitCode: 0,
    Error: "",
    StartedAt: rfc3339Nano(k.now()),
    startedUptime: k.uptime(),
  };
  emitEvent(k, "container", "start", c.id, { image: c.imageRef, name: c.name });
  startHealthMonitor(k, c); // helper (health): the health-check monitor, see health.ts
  k.wake(`docker:state:${c.id}`);
  return { pid: child };
}

interface InitSpec {
  path: string;
  argv: string[];
  env: Record<string, string>;
  init: boolean;
}

/** The container's init right after clone: exec the command (or run docker-init in front of it). */
// Mains are arrows over module-level generator functions: a generator function made per container
// would give every container's generator objects a hidden class of their own.
function initMain(spec: InitSpec): Main {
  return (sys) => runcInit(sys, spec);
}

function* runcInit(sys: Sys, spec: InitSpec): Gen<number> {
  if (spec.init) return yield* dockerInit(sys, spec);
  return yield* runcExec(sys, spec.path, spec.argv, spec.env); // runc-exec.ts
}

/** docker-init (tini): runs the command as its child, forwards signals, reaps zombies. */
function* dockerInit(sys: Sys, spec: { path: string; argv: string[]; env: Record<string, string> }): Gen<number> {
  const child = sys.fork(function* (c): Gen<number> {
    return yield* tiniExec(c, spec.path, spec.argv, spec.env); // runc-exec.ts
  });
  for (const sig of ["TERM", "INT", "HUP", "QUIT", "USR1", "USR2", "WINCH"] as Signal[])
    sys.signal(sig, (s) => {
      try {
        sys.kill(child, s);
      } catch {
        // the child is gone
      }
    });
  for (;;) {
    try {
      const r = yield* sys.wait(-1);
      if (r?.pid === child) return r.signal ? 128 + signalNumber(r.signal) : (r.code ?? 0);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      if (e.code === "ECHILD") return 0;
    }
  }
}

/** The shim: waits for the container's init and reports how it ended. */
function shimMain(k: Kernel, id: string): Main {
  return (sys) => shimLoop(sys, k, id);
}

function* shimLoop(sys: Sys, k: Kernel, id: string): Gen<number> {
  for (;;) {
    let r: Awaited<ReturnType<Sys["wait"]>> extends Gen<infer T> ? T : never;
    try {
      r = yield* sys.wait(-1);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      if (e.code === "ECHILD") return 0;
      continue;
    }
    // exec'd processes are the shim's children too; only the init's end is the container's.
    if (!r || r.pid !== engineState(k).containers[id]?.state.Pid) continue;
    const restart = containerExited(k, id, r.signal ? 128 + signalNumber(r.signal) : (r.code ?? 0));
    if (restart === null) {
      // --rm: the daemon removes the container once it has exited.
      const c = engineState(k).containers[id];
      if (c?.hostConfig.AutoRemove) new DockerClient(k, sys.getpid()).containerRemove(id, { force: true });
      return 0;
    }
    yield* sys.sleep(restart);
    const c = engineState(k).containers[id];
    if (!c?.state.Restarting) return 0;
    try {
      const { fs, options } = mountOverlay(k, c);
      c.restartCount++;
      launchInit(k, c, k.current, fs, options);
    } catch (e) {
      if (!(e instanceof StartError)) throw e;
      containerExited(k, id, e.exitCode);
      return 0;
    }
}
}

/**
 * Records a container's exit. Returns the backoff (ms) before a restart, or null if it stays down.
 */
export function containerExited(k: Kernel, id: string, code: number): number | null {
  const st = engineState(k);
  const c = st.containers[id];
  if (!c) return null;
  const cg = k.w.cgroups[cgroupPath(c)];
  const oom = !!cg && cg.memoryEvents.oom_kill > 0;
  unmountOverlay(k, c);
  unmountShareableShm(k, c); // --ipc shareable: its …/mounts/shm (namespaces.ts)
  // helper (networking): stop the container's docker-proxies, NAT rules and embedded DNS.
  stopNetworkServices(k, c);
  disconnectContainer(k, c.network?.iface);
  for (const n of networks(k)) if (n.endpoints?.[c.id]?.hostIface) unplugEndpoint(k, c, n.endpoints[c.id]);
  if (c.tty !== null) k.outside.tty.delete(c.tty);
  const policy = c.hostConfig.RestartPolicy;
  const manual = (c as ContainerRecord & { stopping?: boolean }).stopping === true;
  c.state = {
    ...c.state,
    Status: "exited",
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: oom,
    Pid: 0,
    ExitCode: code,
    FinishedAt: rfc3339Nano(k.now()),
    finishedUptime: k.uptime(),
  };
  stopHealthMonitor(k, c); // helper (health): ends the monitor; the status becomes unhealthy
  emitEvent(k, "container", "die", c.id, { exitCode: String(code), image: c.imageRef, name: c.name });
  k.wake(`docker:state:${c.id}`);
  k.wake(`docker:log:${c.id}`);
  const restart =
    !manual &&
    (policy.Name === "always" ||
      policy.Name === "unless-stopped" ||
      (policy.Name === "on-failure" && code !== 0 && (policy.MaximumRetryCount === 0 || c.restartCount < policy.MaximumRetryCount)));
  if (restart) {
    c.state.Restarting = true;
    c.state.Status = "restarting";
    return Math.min(100 * 2 ** c.restartCount, 60_000);
  }
  return null;
}

/** The process record of a running container's init. */
export function initProcess(k: Kernel, c: ContainerRecord): Process | undefined {
  return c.state.Pid ? k.w.procs[c.state.Pid] : undefined;
}
