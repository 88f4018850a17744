/**
 * Process lifecycle: creation (fork/clone), exec, exit, zombies and reaping, reparenting to a pid
 * namespace's init, and PID translation between nested pid namespaces.
 */
import type { Main, NsType, ProgramDef, Signal } from "../api";
import { ProcessExit } from "../api";
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { Process } from "../world";
import { closeFd, fileAddRef } from "../io/files";
import { cloneNamespaces } from "../ns/namespaces";
import { cgroupChargePids, cgroupMemory, cgroupUnchargePids } from "../cgroup/cgroups";
import { SysImpl } from "../syscalls";
import { sendSignal } from "./signal";
import { capsOnExec } from "../caps";
import type { SetId } from "../exec";

/** Thrown by Sys.exec() after checks pass: the process becomes `prog`. */
export class ExecRequest {
  constructor(
    readonly prog: ProgramDef,
    readonly path: string,
    readonly argv: string[],
    readonly env: Record<string, string>,
    /** Ids a set-user-ID / set-group-ID binary asks for. */
    readonly setid?: SetId,
  ) {}
}

export const DEFAULT_RSS = 512 * 1024;

/** Level of a pid namespace (0 = the host's). */
export function nsLevel(k: Kernel, pidns: number): number {
  return k.w.ns[pidns].pid!.level;
}

/** PID of a process as seen from pid namespace `ns`, or 0 when it is not visible there. */
export function pidIn(k: Kernel, p: Process, ns: number): number {
  const level = nsLevel(k, ns);
  if (level >= p.nspid.length) return 0;
  // Visible only if `ns` is on the process's chain of pid namespaces.
  let cur: number | undefined = p.pidns;
  for (let l = p.nspid.length - 1; l > level; l--) cur = k.w.ns[cur!].parent;
  return cur === ns ? p.nspid[level] : 0;
}

/** Global pid of the process that has `pid` in namespace `ns`, or undefined. */
export function globalPid(k: Kernel, ns: number, pid: number): number | undefined {
  return k.w.ns[ns].pid!.pids?.[pid];
}

function allocPids(k: Kernel, pidns: number, global: number): number[] {
  const chain: number[] = [];
  for (let ns: number | undefined = pidns; ns !== undefined; ns = k.w.ns[ns].parent) chain.unshift(ns);
  return chain.map((ns, level) => {
    const pns = k.w.ns[ns].pid!;
    const pid = level === 0 ? global : pns.nextPid++;
    pns.pids ??= {};
    pns.pids[pid] = global;
    if (pns.reaper === null) pns.reaper = global;
    return pid;
  });
}

function freePids(k: Kernel, p: Process) {
  let ns: number | undefined = p.pidns;
  for (let l = p.nspid.length - 1; l >= 0 && ns !== undefined; l--, ns = k.w.ns[ns].parent) {
    const pns = k.w.ns[ns].pid!;
    if (pns.pids) delete pns.pids[p.nspid[l]];
  }
}

export interface NewProcess {
  parent: number;
  main: Main;
  comm: string;
  newNs?: NsType[];
  pgid?: number;
}

/** fork()/clone(): a copy of the parent running `main`. */
export function forkProcess(k: Kernel, opts: NewProcess): number {
  const w = k.w;
  const parent = w.procs[opts.parent];
  cgroupChargePids(k, parent.cgroup);
  const global = w.next.pid++;
  // A process's namespace set, dispositions, environment and groups are replaced whenever they
  // change, never changed in place: a child shares its parent's until then.
  let ns = parent.ns;
  let pidns = parent.ns.pidChildren;
  let mntMap: Map<number, number> | undefined;
  if (opts.newNs?.length) {
    const created = cloneNamespaces(k, parent, opts.newNs);
    mntMap = created.mntMap;
    if (created.pidns !== undefined) pidns = created.pidns;
    ns = { ...parent.ns, ...created.ns, pidChildren: pidns };
  }
  const fds: Process["fds"] = {};
  for (const [fd, e] of Object.entries(parent.fds)) {
    fds[Number(fd)] = { ...e };
    fileAddRef(k, e.file);
  }
  // Every field named, none spread: a spread of a process (a big object, spread at one site from
  // many shapes) gives each copy a hidden class of its own, about 1 KB apiece.
  const child: Process = {
    pid: global,
    nspid: [],
    pidns,
    ppid: parent.pid,
    pgid: parent.pgid,
    sid: parent.sid,
    comm: opts.comm,
    argv: parent.argv,
    env: parent.env,
    exe: parent.exe,
    prog: parent.prog,
    uid: parent.uid,
    gid: parent.gid,
    euid: parent.euid,
    egid: parent.egid,
    groups: parent.groups,
    umask: parent.umask,
    // Locations are replaced, never changed in place (chdir, chroot): shared unless the mounts moved.
    cwd: mntMap ? { mnt: mntMap.get(parent.cwd.mnt) ?? parent.cwd.mnt, fs: parent.cwd.fs, node: parent.cwd.node } : parent.cwd,
    root: mntMap ? { mnt: mntMap.get(parent.root.mnt) ?? parent.root.mnt, fs: parent.root.fs, node: parent.root.node } : parent.root,
    fds,
    ns,
    cgroup: parent.cgroup,
    state: "R",
    wait: null,
    exit: null,
    disp: parent.disp,
    pending: [],
    stopReport: null,
    children: [],
    tty: parent.tty,
    startUsec: w.clock.nowUsec,
    cpuUsec: 0,
    rss: parent.rss,
    vsz: parent.vsz,
    nice: parent.nice,
    // Capability sets, seccomp state and rlimits are replaced whole, never changed in place: shared.
    caps: parent.caps,
    noNewPrivs: parent.noNewPrivs,
    seccomp: parent.seccomp,
    rlimits: parent.rlimits,
    oomScoreAdj: parent.oomScoreAdj,
    loginuid: parent.loginuid,
    sessionid: parent.sessionid,
  };
  w.procs[global] = child;
  child.nspid = allocPids(k, pidns, global);
  parent.children.push(global);
  if (opts.pgid !== undefined) child.pgid = opts.pgid === 0 ? global : opts.pgid;
  cgroupMemory(k, child.cgroup, child.rss);
  const prt = k.rt.get(parent.pid);
  const sys = new SysImpl(k, global, child.argv, child.env);
  // Called unbound: a generator keeps its receiver, and `opts` is not needed once it runs.
  const main = opts.main;
  k.rt.set(global, {
    gen: main(sys),
    sys,
    resume: undefined,
    handlers: prt?.handlers?.size ? new Map(prt.handlers) : null,
    interrupted: false,
    cpuDebt: 0,
  });
  k.runQueue.push(global);
  return global;
}

/** Signal dispositions across execve: caught signals revert to their default, ignored ones stay. */
export function dispositionsAfterExec(disp: Process["disp"]): Process["disp"] {
  if (!Object.values(disp).includes("handler")) return disp;
  return Object.fromEntries(Object.entries(disp).filter(([, d]) => d !== "handler"));
}

/** Replaces the process image (execve after its checks). */
export function applyExec(k: Kernel, pid: number, req: ExecRequest) {
  const p = k.w.procs[pid];
  const rt = k.rt.get(pid)!;
  for (const [fd, e] of Object.entries(p.fds)) if (e.cloexec) closeFd(k, p, Number(fd));
  p.disp = dispositionsAfterExec(p.disp);
  rt.handlers = null;
  p.argv = [...req.argv];
  p.env = { ...req.env };
  p.exe = req.path;
  p.prog = req.prog.name;
  p.comm = basename(req.path).slice(0, 15);
  execCredentials(p, req.setid);
  const rss = req.prog.rss ?? DEFAULT_RSS;
  cgroupMemory(k, p.cgroup, rss - p.rss);
  p.rss = rss;
  p.vsz = rss * 3;
  const sys = new SysImpl(k, pid, p.argv, p.env);
  rt.sys = sys;
  rt.gen = req.prog.main(sys);
  rt.resume = undefined;
}

/** execve's credential rules: set-id bits (ignored under no_new_privs), then the capability sets. */
function execCredentials(p: Process, setid: SetId | undefined) {
  const ids = p.noNewPrivs ? undefined : setid;
  if (ids?.uid !== undefined) p.euid = ids.uid;
  if (ids?.gid !== undefined) p.egid = ids.gid;
  // The kernel's is_setid: effective ids that differ from the real ones.
  p.caps = capsOnExec(p.caps, p.uid, p.euid, p.euid !== p.uid || p.egid !== p.gid);
}

export function basename(path: string): string {
  const t = path.replace(/\/+$/, "");
  return t.slice(t.lastIndexOf("/") + 1) || "/";
}

/** The process ends: becomes a zombie, its children go to its namespace's init, its parent is told. */
export function exitProcess(k: Kernel, pid: number, status: { code?: number; signal?: Signal; core?: boolean }) {
  const w = k.w;
  const p = w.procs[pid];
  if (!p || p.state === "Z") return;
  k.clearWait(pid);
  k.hungry.delete(pid);
  const qi = k.runQueue.indexOf(pid);
  if (qi >= 0) k.runQueue.splice(qi, 1);
  k.rt.delete(pid);
  for (const fd of Object.keys(p.fds)) closeFd(k, p, Number(fd));
  p.state = "Z";
  p.exit = status;
  const watcher = k.exitWatchers.get(pid);
  if (watcher) {
    k.exitWatchers.delete(pid);
    watcher(status);
  }
  p.pending = [];
  cgroupMemory(k, p.cgroup, -p.rss);
  p.rss = 0;
  cgroupUnchargePids(k, p.cgroup);

  // Session leader leaving its terminal: the foreground group gets SIGHUP.
  if (p.sid === p.pid && p.tty !== null) {
    const tty = w.ttys[p.tty];
    if (tty && tty.session === p.pid) {
      for (const q of Object.values(w.procs)) if (q.pgid === tty.fgPgrp && q.state !== "Z") sendSignal(k, q.pid, "HUP", 0);
      tty.session = 0;
      tty.fgPgrp = 0;
    }
  }

  const pns = w.ns[p.pidns].pid!;
  const isInit = pns.reaper === pid;
  if (isInit) {
    // The namespace dies with its init: everything else in it is killed.
    pns.reaper = null;
    for (const q of Object.values(w.procs)) {
      if (q.pid !== pid && q.state !== "Z" && pidIn(k, q, p.pidns) !== 0) exitProcess(k, q.pid, { signal: "KILL" });
    }
  }
  const newParent = reaperFor(k, p);
  for (const c of p.children) {
    const child = w.procs[c];
    if (!child) continue;
    child.ppid = newParent;
    w.procs[newParent]?.children.push(c);
    if (child.state === "Z") notifyParent(k, child);
  }
  p.children = [];
  notifyParent(k, p);
}

/** Where orphans of `p` go: the init of p's pid namespace (or of the parent namespace if p is it). */
function reaperFor(k: Kernel, p: Process): number {
  for (let ns: number | undefined = p.pidns; ns !== undefined; ns = k.w.ns[ns].parent) {
    const r = k.w.ns[ns].pid!.reaper;
    if (r !== null && r !== p.pid && k.w.procs[r]?.state !== "Z") return r;
  }
  return 1;
}

function notifyParent(k: Kernel, p: Process) {
  const parent = k.w.procs[p.ppid];
  if (!parent || parent.state === "Z") {
    reap(k, p.pid);
    return;
  }
  if (parent.disp.CHLD === "ignore") {
    reap(k, p.pid);
    return;
  }
  sendSignal(k, parent.pid, "CHLD", 0);
  k.wake(`child:${parent.pid}`);
}

/** Removes a zombie for good. */
export function reap(k: Kernel, pid: number) {
  const w = k.w;
  const p = w.procs[pid];
  if (!p) return;
  const parent = w.procs[p.ppid];
  if (parent) {
    const i = parent.children.indexOf(pid);
    if (i >= 0) parent.children.splice(i, 1);
  }
  freePids(k, p);
  delete w.procs[pid];
  k.wake(`reaped:${pid}`);
}

export { ProcessExit };

export function assertAlive(k: Kernel, pid: number): Process {
  const p = k.w.procs[pid];
  if (!p || p.state === "Z") throw new Errno("ESRCH");
  return p;
}
