/**
 * The machine seen from outside: what the session, the headless runner, tests and the engine use
 * to start processes on terminals or captured streams, type into terminals and drive the clock.
 */
import type { Signal } from "./api";
import { Errno } from "./errno";
import type { Kernel } from "./kernel";
import type { Walker } from "./fs/vfs";
import { extractPending } from "./fs/diskfs";
import type { DiskFs, Process } from "./world";
import { fileAddRef, newFile, newPipe } from "./io/files";
import { newTty, ttyInput } from "./io/tty";
import { resolveExec } from "./exec";
import { applyExec, ExecRequest, exitProcess, forkProcess, reap } from "./proc/process";
import { advance, type RunOptions, type RunState, run } from "./proc/scheduler";
import { cgroupMigrate } from "./cgroup/cgroups";
import { sendSignal } from "./proc/signal";

export interface ExitStatus {
  code?: number;
  signal?: Signal;
}

export interface SpawnRequest {
  argv: string[];
  /** Program to run when it differs from argv[0] (a shell started as "sh" from /bin/sh). */
  path?: string;
  env: Record<string, string>;
  cwd?: string;
  /** Terminal for stdin/stdout/stderr; the process leads a new session with it as controlling tty. */
  tty?: number;
  /** Otherwise: open file ids for fds 0, 1, 2 (from openSink / openInput). */
  stdio?: [number, number, number];
  uid?: number;
  gid?: number;
  /** cgroup to run in (default: the login session's). */
  cgroup?: string;
}

/** Exit statuses of processes started from outside (init reaps them, so they are kept here). */
const exits = new WeakMap<Kernel, Map<number, ExitStatus>>();

function exitMap(k: Kernel): Map<number, ExitStatus> {
  let m = exits.get(k);
  if (!m) exits.set(k, (m = new Map()));
  return m;
}

/** Creates a terminal (/dev/pts/N); returns its id. Output goes to `onOutput`. */
export function openTty(k: Kernel, onOutput: (bytes: string) => void, rows = 24, cols = 80): number {
  return k.transact(() => {
    const id = newTty(k, rows, cols);
    k.outside.tty.set(id, onOutput);
    const pts = Object.values(k.w.fs).find((f) => f.kind === "disk" && f.fstype === "devpts") as DiskFs | undefined;
    if (pts) {
      // Its table is changed directly here: what it holds pending must be in it first.
      const root = pts.inodes[pts.rootIno];
      extractPending(pts, root);
      const ino = pts.nextIno++;
      const t = k.now();
      pts.inodes[ino] = { ino, mode: 0o020620, uid: 0, gid: 5, nlink: 1, atime: t, mtime: t, ctime: t, rdev: [136, id] };
      root.entries![String(id)] = ino;
    }
    return id;
  });
}

export function typeInto(k: Kernel, tty: number, bytes: string) {
  k.transact(() => ttyInput(k, tty, bytes));
}

export function resizeTty(k: Kernel, tty: number, rows: number, cols: number) {
  k.transact(() => {
    const t = k.w.ttys[tty];
    if (!t) return;
    t.rows = rows;
    t.cols = cols;
    for (const p of Object.values(k.w.procs)) if (p.pgid === t.fgPgrp && p.state !== "Z") sendSignal(k, p.pid, "WINCH", 0);
  });
}

/** A write-only file whose data goes to `cb` (captured stdout/stderr). */
export function openSink(k: Kernel, cb: (bytes: string) => void): number {
  const sink = k.addSink(cb);
  return k.transact(() => {
    const id = newFile(k, { kind: "sink", read: false, write: true, sink });
    k.w.files[id].refs = 0;
    return id;
  });
}

/** A pipe fed from outside; returns the read end's file id and the pipe id to feed. */
export function openInput(k: Kernel): { file: number; pipe: number } {
  return k.transact(() => {
    const pipe = newPipe(k, true);
    const file = newFile(k, { kind: "pipe", read: true, write: false, pipe });
    k.w.files[file].refs = 0;
    return { file, pipe };
  });
}

export function feedInput(k: Kernel, pipe: number, bytes: string) {
  k.transact(() => {
    const p = k.w.pipes[pipe];
    if (!p) return;
    p.buf += bytes;
    k.wake(`pipe:${pipe}`);
  });
}

export function endInput(k: Kernel, pipe: number) {
  k.transact(() => {
    const p = k.w.pipes[pipe];
    if (!p || !p.external) return;
    p.external = false;
    p.writers--;
    k.wake(`pipe:${pipe}`);
  });
}

/** Starts a program as a child of init. Throws Errno if it cannot be executed. */
export function spawn(k: Kernel, req: SpawnRequest): number {
  return k.transact(() => {
    const init = k.w.procs[1];
    const pid = forkProcess(k, { parent: init.pid, main: function* () { return 0; }, comm: "init" });
    const p = k.w.procs[pid];
    p.sid = pid;
    p.pgid = pid;
    p.uid = p.euid = req.uid ?? 0;
    p.gid = p.egid = req.gid ?? 0;
    p.groups = supplementaryGroups(k, p.uid, p.gid);
    p.env = { ...req.env };
    p.disp = {};
    cgroupMigrate(k, pid, req.cgroup ?? "user.slice/user-0.slice/session-1.scope");
    for (const fd of Object.keys(p.fds)) {
      const e = p.fds[Number(fd)];
      delete p.fds[Number(fd)];
      const f = k.w.files[e.file];
      if (f && --f.refs <= 0) delete k.w.files[e.file];
    }
    if (req.tty !== undefined) {
      const tty = k.w.ttys[req.tty];
      const file = newFile(k, { kind: "tty", read: true, write: true, tty: req.tty });
      k.w.files[file].refs = 3;
      p.fds = { 0: { file, cloexec: false }, 1: { file, cloexec: false }, 2: { file, cloexec: false } };
      p.tty = req.tty;
      tty.session = pid;
      tty.fgPgrp = pid;
    } else if (req.stdio) {
      req.stdio.forEach((file, fd) => {
        fileAddRef(k, file);
        p.fds[fd] = { file, cloexec: false };
      });
    }
    try {
      if (req.cwd) {
        const cwd = k.vfs.walk({ root: p.root, cwd: p.root, cred: { uid: p.euid, gid: p.egid, groups: p.groups } }, req.cwd, true);
        p.cwd = cwd;
      }
      const target = resolveExec(k, p, req.path ?? req.argv[0], req.argv);
      applyExec(k, pid, new ExecRequest(target.prog, target.path, target.argv, req.env, target.setid));
    } catch (e) {
      // The process never ran: it ends at once (its pid, cgroup charges and fds released), and
      // goes without leaving a zombie for init.
      if (e instanceof Errno) {
        exitProcess(k, pid, { code: 127 });
        reap(k, pid);
      }
      throw e;
    }
    watchExit(k, pid);
    return pid;
  });
}

/** What initgroups() gives a login: the primary group and every group listing the user. */
export function supplementaryGroups(k: Kernel, uid: number, gid: number, root = k.w.procs[1].root): number[] {
  const w = { root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } };
  return groupsFrom(readOrEmpty(k, w, "/etc/passwd"), readOrEmpty(k, w, "/etc/group"), uid, gid);
}

function readOrEmpty(k: Kernel, w: Walker, path: string): string {
  try {
    const loc = k.vfs.walk(w, path, true);
    return k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node);
  } catch {
    return "";
  }
}

/** The last answer of groupsFrom: containers of one image ask the same question of the same files. */
let lastGroups: { passwd: string; group: string; uid: number; gid: number; groups: readonly number[] } | null = null;

function groupsFrom(passwd: string, group: string, uid: number, gid: number): number[] {
  const last = lastGroups;
  if (last && last.passwd === passwd && last.group === group && last.uid === uid && last.gid === gid) return [...last.groups];
  const user = passwd
    .split("\n")
    .map((l) => l.split(":"))
    .find((f) => Number(f[2]) === uid)?.[0];
  const groups = [gid];
  for (const line of group.split("\n")) {
    const f = line.split(":");
    if (f.length < 4 || !user) continue;
    const g = Number(f[2]);
    if (f[3].split(",").includes(user) && !groups.includes(g)) groups.push(g);
  }
  lastGroups = { passwd, group, uid, gid, groups: [...groups] };
  return groups;
}

function watchExit(k: Kernel, pid: number) {
  const map = exitMap(k);
  k.exitWatchers.set(pid, (status) => map.set(pid, status));
}

/** The exit status of a process started with spawn(), once it has ended. */
export function exitStatus(k: Kernel, pid: number): ExitStatus | undefined {
  return exitMap(k).get(pid);
}

export function isRunning(k: Kernel, pid: number): boolean {
  const p: Process | undefined = k.w.procs[pid];
  return !!p && p.state !== "Z";
}

export { run, advance, type RunOptions, type RunState };
