/**
 * Open file descriptions and descriptor tables; reading and writing regular files, pipes,
 * character devices, terminals and outside sinks. Reads and writes never block here: they return
 * `WOULD_BLOCK` with the wait channel, and the system call layer waits and retries.
 */
import type { Signal } from "../api";
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import { randomBytes } from "../rng";
import type { OpenFile, Process } from "../world";
import { sendSignal } from "../proc/signal";
import { ttyRead, ttyWrite } from "./tty";
import { unlisten } from "../net/sockets";
import { getRlimit } from "../proc/rlimits";

export const PIPE_CAPACITY = 65536;

export interface Blocked {
  blocked: string;
}

export function isBlocked(x: unknown): x is Blocked {
  return typeof x === "object" && x !== null && "blocked" in x;
}

export function newFile(k: Kernel, f: Omit<OpenFile, "id" | "refs" | "offset" | "append" | "nonblock"> & Partial<OpenFile>): number {
  const id = k.w.next.file++;
  k.w.files[id] = { append: false, nonblock: false, offset: 0, ...f, id, refs: 1 };
  if (f.kind === "pipe") {
    if (f.read) k.w.pipes[f.pipe!].readers++;
    if (f.write) k.w.pipes[f.pipeOut ?? f.pipe!].writers++;
  }
  return id;
}

export function fileAddRef(k: Kernel, id: number) {
  k.w.files[id].refs++;
}

export function fileRelease(k: Kernel, id: number) {
  const f = k.w.files[id];
  if (!f) return;
  if (--f.refs > 0) return;
  // A socket closed with data it never read answers with a reset: the peer's reads fail.
  if (f.pipeOut !== undefined && f.read && (k.w.pipes[f.pipe!]?.buf.length ?? 0) > 0) resetConnection(k, f.pipeOut);
  if (f.kind === "pipe") {
    const ends: Array<[number, "readers" | "writers"]> = [];
    if (f.read) ends.push([f.pipe!, "readers"]);
    if (f.write) ends.push([f.pipeOut ?? f.pipe!, "writers"]);
    for (const [pid, side] of ends) {
      const pipe = k.w.pipes[pid];
      if (!pipe) continue;
      pipe[side]--;
      k.wake(`pipe:${pipe.id}`);
      if (pipe.readers <= 0 && pipe.writers <= 0 && !pipe.external) delete k.w.pipes[pipe.id];
    }
  }
  if (f.listener) unlisten(k, f.listener);
  // A sink belongs to its one file: its listener goes with it.
  if (f.kind === "sink" && f.sink !== undefined) k.outside.sinks.delete(f.sink);
  delete k.w.files[id];
}

/** Lowest free descriptor number >= min. */
export function lowestFreeFd(p: Process, min = 0): number {
  let fd = min;
  while (p.fds[fd] !== undefined) fd++;
  return fd;
}

export function installFd(k: Kernel, p: Process, file: number, opts: { min?: number; at?: number; cloexec?: boolean } = {}): number {
  const fd = opts.at ?? lowestFreeFd(p, opts.min ?? 0);
  // RLIMIT_NOFILE's soft limit bounds descriptor numbers (dup2 onto a higher one gives EBADF in
  // Linux; EMFILE is close enough for the shell's messages).
  const [soft] = getRlimit(k, p, "nofile");
  if (soft !== null && fd >= soft) throw new Errno("EMFILE");
  if (p.fds[fd] !== undefined) closeFd(k, p, fd);
  p.fds[fd] = { file, cloexec: opts.cloexec ?? false };
  return fd;
}

export function closeFd(k: Kernel, p: Process, fd: number) {
  const e = p.fds[fd];
  if (!e) throw new Errno("EBADF");
  delete p.fds[fd];
  fileRelease(k, e.file);
}

export function fileOf(k: Kernel, p: Process, fd: number): OpenFile {
  const e = p.fds[fd];
  if (!e) throw new Errno("EBADF");
  return k.w.files[e.file];
}

export function newPipe(k: Kernel, external = false): number {
  const id = k.w.next.pipe++;
  k.w.pipes[id] = { id, buf: "", readers: 0, writers: external ? 1 : 0, external };
  return id;
}

/** Full content of the file a node description refers to (snapshot for synthetic files). */
function nodeContent(k: Kernel, f: OpenFile): string {
  if (f.snapshot !== undefined) return f.snapshot;
  const loc = f.loc!;
  return k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node);
}

export function tryRead(k: Kernel, p: Process, f: OpenFile, max: number): string | Blocked {
  if (!f.read) throw new Errno("EBADF");
  switch (f.kind) {
    case "node": {
      if (f.dir) throw new Errno("EISDIR");
      const data = nodeContent(k, f);
      const chunk = data.slice(f.offset, f.offset + max);
      f.offset += chunk.length;
      return chunk;
    }
    case "pipe": {
      const pipe = k.w.pipes[f.pipe!];
      if (pipe.buf.length > 0) {
        const chunk = pipe.buf.slice(0, max);
        pipe.buf = pipe.buf.slice(chunk.length);
        k.wake(`pipe:${pipe.id}`);
        return chunk;
      }
      if (pipe.reset === "pending") {
        pipe.reset = "reported";
        throw new Errno("ECONNRESET");
      }
      if (pipe.writers <= 0) return "";
      if (f.nonblock) throw new Errno("EAGAIN");
      return { blocked: `pipe:${pipe.id}` };
    }
    case "tty":
      return ttyRead(k, p, f, max);
    case "device":
      return deviceRead(k, f, max);
    case "sink":
      throw new Errno("EBADF");
  }
}

function deviceRead(k: Kernel, f: OpenFile, max: number): string {
  const [major, minor] = f.rdev!;
  if (major === 1) {
    if (minor === 3) return "";
    if (minor === 5 || minor === 7) return "\x00".repeat(Math.min(max, 65536));
    if (minor === 8 || minor === 9) return randomBytes(k.w.rng, Math.min(max, 65536));
  }
  throw new Errno("ENXIO");
}

/** Writes what fits. Returns bytes written, or Blocked when nothing could be written yet. */
export function tryWrite(k: Kernel, p: Process, f: OpenFile, data: string): number | Blocked {
  if (!f.write) throw new Errno("EBADF");
  switch (f.kind) {
    case "node": {
      if (f.dir) throw new Errno("EISDIR");
      const loc = f.loc!;
      const sb = k.vfs.sb(loc.fs);
      const drv = k.vfs.drv(loc.fs);
      if (drv.writeSynthetic) {
        drv.writeSynthetic(k, sb, loc.node, data);
        return data.length;
      }
      if (f.append) f.offset = drv.getattr(k, sb, loc.node).size;
      drv.write(k, sb, loc.node, f.offset, data);
      f.offset += data.length;
      return data.length;
    }
    case "pipe": {
      const pipe = k.w.pipes[f.pipeOut ?? f.pipe!];
      if (pipe.readers <= 0) {
        if (f.pipeOut !== undefined) {
          // TCP: the first write to a closed peer goes out and draws a reset; the error comes
          // with the next call, then EPIPE.
          const back = k.w.pipes[f.pipe!];
          if (back && back.reset === undefined) {
            resetConnection(k, back.id);
            return data.length;
          }
          if (back?.reset === "pending") {
            back.reset = "reported";
            throw new Errno("ECONNRESET");
          }
        }
        brokenPipe(k, p);
        throw new Errno("EPIPE");
      }
      const room = PIPE_CAPACITY - pipe.buf.length;
      if (room <= 0) {
        if (f.nonblock) throw new Errno("EAGAIN");
        return { blocked: `pipe:${pipe.id}` };
      }
      const n = Math.min(room, data.length);
      pipe.buf += data.slice(0, n);
      k.wake(`pipe:${pipe.id}`);
      return n;
    }
    case "tty":
      ttyWrite(k, k.w.ttys[f.tty!], data);
      return data.length;
    case "device": {
      const [major, minor] = f.rdev!;
      if (major === 1 && minor === 7) throw new Errno("ENOSPC");
      return data.length;
    }
    case "sink":
      k.outside.sinks.get(f.sink!)?.(data);
      return data.length;
  }
}

/** The connection direction read from pipe `id` was reset (Pipe.reset). */
function resetConnection(k: Kernel, id: number) {
  const pipe = k.w.pipes[id];
  if (!pipe || pipe.reset !== undefined) return;
  pipe.reset = "pending";
  k.wake(`pipe:${id}`);
}

function brokenPipe(k: Kernel, p: Process) {
  const sig: Signal = "PIPE";
  sendSignal(k, p.pid, sig, p.pid);
}
