/**
 * Go's text/tabwriter (elastic tabstops), as docker's table output uses it:
 * `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`.
 *
 * Text is cut into cells by '\t' (or the "soft" '\v'); a line's last cell is not tab-terminated and
 * takes no part in alignment. A column block is a run of adjacent lines that all have a cell in that
 * column; its width is max(cell width + padding, minwidth). Cell width counts UTF-8 runes of the byte
 * string, as Go does. Flags other than TabIndent (AlignRight, DiscardEmptyColumns, FilterHTML,
 * StripEscape, Debug) are not modelled: docker passes 0.
 */
import { runeCount } from "./utf8";

/** Go's tabwriter.Escape: brackets text that is copied unchanged, even tabs and newlines. */
const ESCAPE = "\xff";

/** Go's tabwriter.TabIndent: pad leading empty cells with tabs. */
export const TAB_INDENT = 2;

interface Cell {
  text: string;
  width: number;
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = "";
  /** Escaped segments ended in the current cell: their two 0xff bytes take no width. */
  private cellEscapes = 0;
  private inEscape = false;
  private out = "";
  private widths: number[] = [];

  constructor(
    private readonly minwidth: number,
    private readonly tabwidth: number,
    private readonly padding: number,
    private readonly padchar: string,
    private readonly flags = 0,
  ) {}

  /** Buffers text; output becomes available after a line without cells or at flush(). */
  write(text: string): void {
    for (const ch of text) {
      if (this.inEscape) {
        // Text between two 0xff bytes is passed through as part of the cell, tabs and all.
        this.cell += ch;
        if (ch === ESCAPE) this.endEscape();
      } else if (ch === ESCAPE) {
        this.cell += ch;
        this.inEscape = true;
      } else if (ch === "\t" || ch === "\v") {
        this.terminateCell();
      } else if (ch === "\n" || ch === "\f") {
        const ncells = this.terminateCell();
        this.lines.push([]);
        // A one-cell line ends every column block, so what came before can be laid out now.
        if (ch === "\f" || ncells === 1) this.flushLines();
      } else {
        this.cell += ch;
      }
    }
  }

  /** Lays out everything buffered and returns all output not yet returned. */
  flush(): string {
    if (this.inEscape) this.endEscape();
    if (this.cell.length > 0) this.terminateCell();
    this.flushLines();
    const out = this.out;
    this.out = "";
    return out;
  }

  private endEscape(): void {
    this.inEscape = false;
    this.cellEscapes++;
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: runeCount(this.cell) - 2 * this.cellEscapes });
    this.cell = "";
    this.cellEscapes = 0;
    return line.length;
  }

  /** Lays out all buffered lines; the last one has no newline yet (Go: flushNoDefers). */
  private flushLines(): void {
    this.format(0, this.lines.length);
    this.lines = [[]];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= this.lines[i].length - 1) continue;
      // A cell exists in this column: lines before it are finished.
      this.writeLines(line0, i);
      line0 = i;
      let width = this.minwidth;
      for (; i < line1; i++) {
        const line = this.lines[i];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + this.padding);
      }
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TAB_INDENT) !== 0;
      line.forEach((c, j) => {
        if (c.text.length > 0) {
          useTabs = false;
          this.out += c.text;
        }
        if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
      });
      if (i + 1 < this.lines.length) this.out += "\n";
    }
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === "\t" || useTabs) {
      if (this.tabwidth === 0) return;
      const roundedCellw = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      this.out += "\t".repeat(Math.ceil((roundedCellw - textw) / this.tabwidth));
      return;
    }
    this.out += this.padchar.repeat(cellw - textw);
  }
}

/** The writer docker's formatter uses for tables: minwidth 10, tabwidth 1, padding 3, spaces. */
export function dockerTableWriter(): TabWriter {
  return new TabWriter(10, 1, 3, " ", 0);
}
