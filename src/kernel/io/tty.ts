/**
 * Terminals (pseudo-terminal slaves, /dev/pts/N) with the n_tty line discipline: canonical mode
 * with echo and erase/kill editing, ^C ^\ ^Z as signals to the foreground process group, ^D as end
 * of file, NL -> CR NL on output, and job-control stops for background readers (SIGTTIN).
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { OpenFile, Process, Tty } from "../world";
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

/** Bytes the program writes, as the terminal receives them. */
export function ttyWrite(k: Kernel, tty: Tty, data: string) {
  const out = tty.termios.onlcr ? data.replace(/\r?\n/g, "\r\n") : data;
  k.outside.tty.get(tty.id)?.(out);
}

function echo(k: Kernel, tty: Tty, data: string) {
  if (tty.termios.echo) ttyWrite(k, tty, data);
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
  return chunk;
}
