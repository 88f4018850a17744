/**
 * docker exec: a new process inside a running container's namespaces (as runc exec does with
 * setns), a child of the container's shim, in the container's cgroup, with the container's root.
 * It uses the calling client's stdin/stdout/stderr and, on a terminal, joins its session so the
 * terminal's job control and line discipline work as with a real pty.
 */
import type { Gen, Main, Sys } from "../../kernel";
import { Errno, type Kernel } from "../../kernel";
import { runcExec } from "./runc-exec";
import { fileAddRef, newFile } from "../../kernel/io/files";
import { forkProcess } from "../../kernel/proc/process";
import { cgroupMigrate } from "../../kernel/cgroup/cgroups";
import { supplementaryGroups } from "../../kernel/machine";
import { randomHex } from "../../kernel/rng";
import { signalNumber } from "../../kernel/proc/signals";
import type { DockerClient } from "../client";
import { EngineError } from "../client";
import { engineState } from "../state";
import { containerEnv } from "./runtime";
import { linkEnv, linkEnvError } from "../networks/links";
import { cgroupPath } from "./rootfs";
import { applySecurity } from "./security";

export interface ExecOptions {
  cmd: string[];
  tty?: boolean;
  interactive?: boolean;
  user?: string;
  workdir?: string;
  env?: string[];
  detach?: boolean;
  /** docker exec --privileged: every capability. */
  privileged?: boolean;
}

export interface ExecRecord {
  id: string;
  container: string;
  pid: number;
  running: boolean;
  exitCode: number | null;
}

function execs(k: Kernel): Record<string, ExecRecord> {
  const st = engineState(k) as ReturnType<typeof engineState> & { execs?: Record<string, ExecRecord> };
  st.execs ??= {};
  return st.execs;
}

function lookupId(k: Kernel, root: import("../../kernel/world").Loc, file: string, name: string, field: number): number | undefined {
  try {
    const loc = k.vfs.walk({ root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } }, file, true);
    const text = k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node);
    const f = text.split("\n").map((l) => l.split(":")).find((x) => x[0] === name);
    return f ? Number(f[field]) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the exec'd process; returns the exec id. Throws EngineError as the daemon would. */
export function execStart(d: DockerClient, container: string, opts: ExecOptions): string {
  const k = d.k;
  const c = d.container(container);
  if (c.state.Paused) throw new EngineError(`Container ${container} is paused, unpause the container before exec`, 409);
  if (!c.state.Running) throw new EngineError(`container ${c.id} is not running`, 409);
  const init = k.w.procs[c.state.Pid];
  const shim = k.w.procs[init.ppid];
  // The links' variables are made again for each exec (their containers must still run).
  const linkError = linkEnvError(k, c);
  if (linkError) throw new EngineError(linkError, 500);
  const env = containerEnv(c, linkEnv(k, c));
  for (const e of opts.env ?? []) {
    const eq = e.indexOf("=");
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  const cwdPath = opts.workdir ?? (c.config.WorkingDir || "/");
  const w = { root: init.root, cwd: init.root, cred: { uid: 0, gid: 0, groups: [] } };
  // Find the command as runc does (PATH of the exec environment).
  const argv0 = opts.cmd[0] ?? "";
  let path: string | undefined;
  const candidates = argv0.includes("/") ? [argv0] : (env.PATH ?? "").split(":").filter(Boolean).map((dir) => `${dir}/${argv0}`);
  for (const cand of candidates) {
    try {
      const st = k.vfs.stat(k.vfs.walk({ ...w, cwd: k.vfs.walk(w, cwdPath, true) }, cand, true));
      if (st.type === "file") {
        path = cand;
        break;
      }
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }
  const OCI = "OCI runtime exec failed: exec failed: unable to start container process: ";
  if (!path) {
    if (argv0.includes("/")) throw new EngineError(`${OCI}exec: "${argv0}": stat ${argv0}: no such file or directory: unknown`, 500, 127);
    throw new EngineError(`${OCI}exec: "${argv0}": executable file not found in $PATH: unknown`, 500, 127);
  }
  let uid = 0;
  let gid = 0;
  if (opts.user) {
    const [u, g] = opts.user.split(":");
    uid = /^\d+$/.test(u) ? Number(u) : (lookupId(k, init.root, "/etc/passwd", u, 2) ?? -1);
    if (uid < 0) throw new EngineError(`unable to find user ${u}: no matching entries in passwd file`, 500, 126);
    gid = g === undefined ? (lookupId(k, init.root, "/etc/passwd", u, 3) ?? 0) : /^\d+$/.test(g) ? Number(g) : (lookupId(k, init.root, "/etc/group", g, 2) ?? 0);
  }
  const argv = [...opts.cmd];
  const target = path;
  const main: Main = function* (sys: Sys): Gen<number> {
    return yield* runcExec(sys, target, argv, env); // runc-exec.ts
  };
  // setns(pid) then fork: the child lands in the container's pid namespace.
  const savedNs = shim.ns;
  shim.ns = { ...savedNs, pidChildren: init.pidns };
  let pid: number;
  try {
    pid = forkProcess(k, { parent: shim.pid, main, comm: "runc:[2:INIT]" });
  } finally {
    k.w.procs[shim.pid].ns = savedNs;
  }
  const p = k.w.procs[pid];
  p.ns = { ...init.ns, pidChildren: init.pidns };
  p.root = { ...init.root };
  try {
    p.cwd = k.vfs.walk(w, cwdPath, true);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    p.cwd = { ...init.root };
  }
  p.uid = p.euid = uid;
  p.gid = p.egid = gid;
  p.groups = supplementaryGroups(k, uid, gid, init.root);
  applySecurity(p, c.hostConfig, !!opts.privileged);
  p.env = env;
  p.argv = argv;
  cgroupMigrate(k, pid, cgroupPath(c));
  // stdio: the client's descriptors.
  const caller = k.w.procs[d.caller];
  for (const fd of Object.keys(p.fds)) {
    const e = p.fds[Number(fd)];
    delete p.fds[Number(fd)];
    const f = k.w.files[e.file];
    if (f && --f.refs <= 0) delete k.w.files[e.file];
  }
  for (const fd of [0, 1, 2]) {
    const e = caller.fds[fd];
    if (!e || opts.detach || (fd === 0 && !opts.interactive)) {
      // Without -i (or detached) the process reads /dev/null, as with docker.
      p.fds[fd] = { file: newFile(k, { kind: "device", read: true, write: true, rdev: [1, 3] }), cloexec: false };
      continue;
    }
    fileAddRef(k, e.file);
    p.fds[fd] = { file: e.file, cloexec: false };
  }
  if (opts.tty && !opts.detach && caller.tty !== null) {
    p.sid = caller.sid;
    p.pgid = caller.pgid;
    p.tty = caller.tty;
  } else {
    p.sid = p.pgid = pid;
    p.tty = null;
  }
  const id = randomHex(k.w.rng, 32);
  const rec: ExecRecord = { id, container: c.id, pid, running: true, exitCode: null };
  execs(k)[id] = rec;
  k.exitWatchers.set(pid, (status) => {
    const r = execs(k)[id];
    if (!r) return;
    r.running = false;
    r.exitCode = status.signal ? 128 + signalNumber(status.signal) : (status.code ?? 0);
    k.wake(`docker:exec:${id}`);
  });
  return id;
}

/** Waits for an exec'd process; returns its exit code. */
export function* execWait(d: DockerClient, id: string): Gen<number> {
  for (;;) {
    const r = execs(d.k)[id];
    if (!r) return 0;
    if (!r.running) return r.exitCode ?? 0;
    yield { kind: "chan", chan: `docker:exec:${id}` };
  }
}

export function execInspect(d: DockerClient, id: string): ExecRecord | undefined {
  return execs(d.k)[id];
}
