/**
 * A small window hook the browser tests read the terminal through: the text xterm.js holds on
 * screen, exactly as a user sees it, without scraping pixels or DOM rows.
 */
import type { Terminal } from "@xterm/xterm";

export interface TerminalProbe {
  /** The visible screen, one string per row; cells never written to are trimmed from the end
   * (blanks a program wrote stay, e.g. after a prompt). */
  lines(): string[];
  /**
   * Every line from the top of the scrollback to the bottom of the screen, trimmed likewise, with
   * rows the terminal wrapped joined back into the line the program wrote.
   */
  allLines(): string[];
  /** Cursor position on the visible screen, 0-based. */
  cursor(): { row: number; col: number };
  size(): { rows: number; cols: number };
}

declare global {
  interface Window {
    __sandboxTerminal?: TerminalProbe;
  }
}

function screenRows(term: Terminal): string[] {
  const buffer = term.buffer.active;
  const out: string[] = [];
  for (let y = buffer.viewportY; y < buffer.viewportY + term.rows; y++) {
    out.push(buffer.getLine(y)?.translateToString(true) ?? "");
  }
  return out;
}

function logicalLines(term: Terminal): string[] {
  const buffer = term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const row = buffer.getLine(y);
    if (!row) continue;
    if (row.isWrapped && out.length > 0) {
      // The rows before were full width and are joined untrimmed, so a blank at a wrap point stays.
      let first = y - 1;
      while (first > 0 && buffer.getLine(first)?.isWrapped) first--;
      let joined = "";
      for (let r = first; r < y; r++) joined += buffer.getLine(r)?.translateToString(false) ?? "";
      out[out.length - 1] = joined + row.translateToString(true);
    } else {
      out.push(row.translateToString(true));
    }
  }
  return out;
}

export function probeFor(term: Terminal): TerminalProbe {
  return {
    lines: () => screenRows(term),
    allLines: () => logicalLines(term),
    cursor: () => ({ row: term.buffer.active.cursorY, col: term.buffer.active.cursorX }),
    size: () => ({ rows: term.rows, cols: term.cols }),
  };
}

/** Publishes the probe on window; returns a function that withdraws it. */
export function exposeTerminal(term: Terminal): () => void {
  const probe = probeFor(term);
  window.__sandboxTerminal = probe;
  return () => {
    if (window.__sandboxTerminal === probe) window.__sandboxTerminal = undefined;
  };
}
