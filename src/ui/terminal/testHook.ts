/**
 * A small window hook the browser tests read the terminal through: the text xterm.js holds on
 * screen, exactly as a user sees it, without scraping pixels or DOM rows.
 */
import type { Terminal } from "@xterm/xterm";

export interface TerminalProbe {
  /** The visible screen, one string per row, blanks at the end trimmed. */
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

/** A row as it looks: blanks at the end, written or not, are not text (a line editor that erases
 * with "\b \b" leaves written blanks behind). */
function visible(row: string): string {
  return row.replace(/ +$/, "");
}

function screenRows(term: Terminal): string[] {
  const buffer = term.buffer.active;
  const out: string[] = [];
  for (let y = buffer.viewportY; y < buffer.viewportY + term.rows; y++) {
    out.push(visible(buffer.getLine(y)?.translateToString() ?? ""));
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
      out[out.length - 1] = visible(joined + row.translateToString());
    } else {
      out.push(visible(row.translateToString()));
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
