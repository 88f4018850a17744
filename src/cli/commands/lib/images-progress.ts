/**
 * The daemon's progress stream (pull, push) as docker's jsonmessage package displays it: on a
 * terminal each layer keeps its own line, redrawn in place with cursor movement and a progress
 * figure (a bar too when the terminal is wider than 110 columns); elsewhere only state changes,
 * one line each.
 */
import type { Gen, Sys } from "../../../kernel";
import type { PullEvent } from "../../../engine/images/store";
import { humanSize } from "../../units";

export interface ProgressMessage {
  id?: string;
  status: string;
  /** Present for layer updates (even with no numbers): such lines are redrawn in place. */
  progress?: { current: number; total: number };
}

/** A layer event of a pull as a progress message (no numbers: an empty progress, still redrawn in place). */
export function layerMessage(e: Extract<PullEvent, { kind: "layer" }>): ProgressMessage {
  const withNumbers = e.current !== undefined && e.total !== undefined;
  return { id: e.id, status: e.status, progress: withNumbers ? { current: e.current!, total: e.total! } : { current: 0, total: 0 } };
}

/** JSONProgress.String(). */
export function progressString(p: { current: number; total: number }, width: number): string {
  if (p.current <= 0 && p.total <= 0) return "";
  if (p.total <= 0) return humanSize(p.current).padStart(8);
  const percentage = Math.min(50, Math.trunc(Math.trunc((p.current / p.total) * 100) / 2));
  let bar = "";
  if (width > 110) bar = `[${"=".repeat(percentage)}>${" ".repeat(Math.max(0, 50 - percentage))}] `;
  const numbers = p.current > p.total ? humanSize(p.current).padStart(8) : `${humanSize(p.current).padStart(8)}/${humanSize(p.total)}`;
  return bar + numbers;
}

export class ProgressDisplay {
  private ids = new Map<string, number>();
  private buffered = "";

  constructor(
    private readonly terminal: boolean,
    private readonly width: number,
  ) {}

  static forFd(sys: Sys, fd: number): ProgressDisplay {
    const tty = sys.isatty(fd);
    return new ProgressDisplay(tty, tty ? sys.winsize(fd).cols : 0);
  }

  /** Queues one message's output (see take()). */
  add(m: ProgressMessage) {
    let diff = 0;
    if (m.id && m.progress) {
      let line = this.ids.get(m.id);
      if (line === undefined) {
        line = this.ids.size;
        this.ids.set(m.id, line);
        if (this.terminal) this.buffered += "\n";
      }
      diff = this.ids.size - line;
      if (this.terminal && diff > 0) this.buffered += `\x1b[${diff}A`;
    } else this.ids = new Map();
    this.buffered += this.display(m);
    if (m.id && this.terminal && diff > 0) this.buffered += `\x1b[${diff}B`;
  }

  private display(m: ProgressMessage): string {
    let out = "";
    let endl = "";
    const bar = m.progress ? progressString(m.progress, this.width) : "";
    if (this.terminal && m.progress) {
      out += "\x1b[2K\r";
      endl = "\r";
    } else if (m.progress && bar !== "") return "";
    if (m.id) out += `${m.id}: `;
    if (m.progress && this.terminal) return `${out}${m.status} ${bar}${endl}`;
    return `${out}${m.status}${endl}\n`;
  }

  /** What was queued since the last call. */
  take(): string {
    const s = this.buffered;
    this.buffered = "";
    return s;
  }
}

/**
 * Runs a blocking engine call while writing what its callbacks queued as soon as the call yields,
 * so progress appears while the transfer takes (virtual) time.
 */
export function* drive<T>(gen: Gen<T>, flush: () => Gen<void>): Gen<T> {
  let step = gen.next();
  while (!step.done) {
    yield* flush();
    let sent: unknown;
    try {
      sent = yield step.value;
    } catch (e) {
      step = gen.throw(e);
      continue;
    }
    step = gen.next(sent);
  }
  yield* flush();
  return step.value;
}
