/**
 * Terminals (pseudo-terminal slaves, /dev/pts/N) with the n_tty line discipline: canonical mode
 * with echo and erase/kill editing, ^C ^\ ^Z as signals to the foreground process group, ^D as end
 * of file, NL -> CR NL on output, and job-control stops for background readers (SIGTTIN).
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { DiskFs, OpenFile, Process, Tty } from "../world";
import { extractPending } from "../fs/diskfs";
import { signalGroup } from "../proc/signal";
import type { Blocked } from "./files";

export function newTty(k: Kernel, rows = 24, cols = 80): number {
  const id = k.w.next.tty++;
  k.w.ttys[id] = {
    id,
    name: `pts/${id}`,
    termios: { icanon: true, echo: true, isig: true, onlcr: true, icrnl: true },
    rows,
    cols,
    input: "",
    eofAt: [],
    line: "",
    fgPgrp: 0,
    session: 0,
  };
  return id;
}

/**
 * tty_update_time() of Linux 6.1: a read sets the terminal node's atime, a write its mtime, to the
 * current second only when they differ in more than the low three bits (8-second steps, so the
 * node does not give away the exact timing of keystrokes); the sub-second part stays. who and w
 * take the atime as the last time the user typed.
 */
function updateNodeTime(k: Kernel, tty: Tty, field: "atime" | "mtime") {
  const sec = Math.floor(k.now() / 1e6);
  for (const sb of Object.values(k.w.fs)) {
    if (sb.kind !== "disk" || sb.fstype !== "devpts") continue;
    const fs = sb as DiskFs;
    const root = fs.inodes[fs.rootIno];
    if (root.pending !== undefined) extractPending(fs, root);
    for (const ino of Object.values(root.entries ?? {})) {
      const node = fs.inodes[ino];
      if (node?.rdev?.[0] !== 136 || node.rdev[1] !== tty.id) continue;
      const t = (field === "atime" ? node.atime : undefined) ?? node.mtime;
      if (((sec ^ Math.floor(t / 1e6)) & ~7) === 0) continue;
      node.atime ??= node.mtime;
      node.ctime ??= node.mtime;
      node[field] = sec * 1e6 + (t % 1e6);
    }
  }
}

/** Bytes the terminal receives: the program's output and the line discipline's echo. */
function emit(k: Kernel, tty: Tty, data: string) {
  const out = tty.termios.onlcr ? data.replace(/\r?\n/g, "\r\n") : data;
  k.outside.tty.get(tty.id)?.(out);
}

/** Bytes a program writes to the terminal. */
export function ttyWrite(k: Kernel, tty: Tty, data: string) {
  emit(k, tty, data);
  if (data.length > 0) updateNodeTime(k, tty, "mtime");
}

function echo(k: Kernel, tty: Tty, data: string) {
  if (tty.termios.echo) emit(k, tty, data);
}

/** Keyboard input arriving from the terminal emulator. */
export function ttyInput(k: Kernel, id: number, data: string) {
  const tty = k.w.ttys[id];
  if (!tty) return;
  const t = tty.termios;
  for (let ch of data) {
    if (t.icrnl && ch === "\r") ch = "\n";
    if (t.isig && (ch === "\x03" || ch === "\x1c" || ch === "\x1a")) {
      const sig = ch === "\x03" ? "INT" : ch === "\x1c" ? "QUIT" : "TSTP";
      echo(k, tty, `^${String.fromCharCode(ch.charCodeAt(0) + 64)}`);
      tty.line = "";
      tty.input = "";
      tty.eofAt = [];
      if (tty.fgPgrp) signalGroup(k, tty.fgPgrp, sig, 0);
      continue;
    }
    if (!t.icanon) {
      tty.input += ch;
      echo(k, tty, ch);
      continue;
    }
    if (ch === "\x7f" || ch === "\b") {
      if (tty.line.length > 0) {
        tty.line = tty.line.slice(0, -1);
        echo(k, tty, "\b \b");
      }
      continue;
    }
    if (ch === "\x15") {
      echo(k, tty, "\b \b".repeat(tty.line.length));
      tty.line = "";
      continue;
    }
    if (ch === "\x04") {
      if (tty.line === "") tty.eofAt.push(tty.input.length);
      else tty.input += tty.line;
      tty.line = "";
      continue;
    }
    if (ch === "\n") {
      tty.input += `${tty.line}\n`;
      tty.line = "";
      echo(k, tty, "\n");
      continue;
    }
    tty.line += ch;
    echo(k, tty, ch);
  }
  k.wake(`tty:${id}`);
}

export function ttyRead(k: Kernel, p: Process, f: OpenFile, max: number): string | Blocked {
  const tty = k.w.ttys[f.tty!];
  // Job control: a background process reading its controlling terminal is stopped.
  if (p.tty === tty.id && tty.fgPgrp && p.pgid !== tty.fgPgrp) {
    if (p.disp.TTIN === "ignore") throw new Errno("EIO");
    signalGroup(k, p.pgid, "TTIN", 0);
    return { blocked: `tty:${tty.id}` };
  }
  if (tty.eofAt.length > 0 && tty.eofAt[0] === 0) {
    tty.eofAt.shift();
    return "";
  }
  const limit = tty.eofAt.length > 0 ? Math.min(tty.eofAt[0], tty.input.length) : tty.input.length;
  if (limit === 0) {
    if (f.nonblock) throw new Errno("EAGAIN");
    return { blocked: `tty:${tty.id}` };
  }
  let n = Math.min(max, limit);
  if (tty.termios.icanon) {
    const nl = tty.input.indexOf("\n");
    if (nl >= 0 && nl < n) n = nl + 1;
  }
  const chunk = tty.input.slice(0, n);
  tty.input = tty.input.slice(n);
  tty.eofAt = tty.eofAt.map((e) => e - n);
  updateNodeTime(k, tty, "atime");
  return chunk;
}
