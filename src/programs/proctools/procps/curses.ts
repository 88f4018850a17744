/**
 * The few parts of ncurses 6.4 a full-screen procps tool needs on an xterm: the alternate screen
 * entered and left as initscr()/endwin() write it, and refresh() sending only what changed on the
 * screen, with the cursor moved the way ncurses's mvcur() picks (its fixed cost estimates: an
 * absolute move costs 8, row or column addressing 5, a backspace or a carriage return 1).
 */

const COST = { cup: 8, vpa: 5, hpa: 5, cuf: 5, cuu: 5, cuf1: 3, cuu1: 3, cub1: 1, cr: 1, home: 3 };
/** ncurses's LONG_DIST: a move farther than this to a middle column always uses cup. */
const LONG_DIST = 8;
/** Unchanged runs longer than this are skipped by moving instead of rewriting them. */
const INLINE_COST = 5;

export class Screen {
  private shown: string[];
  private row = 0;
  /** -1 when the cursor's column is not known (after writing into the last column). */
  private col = 0;

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.shown = Array.from({ length: rows }, () => " ".repeat(cols));
  }

  /** initscr() and the first clear: what ncurses writes for the xterm terminfo entry. */
  enter(): string {
    return `\x1b[?1049h\x1b[22;0;0t\x1b[1;${this.rows}r\x1b(B\x1b[m\x1b[4l\x1b[?7h`;
  }

  /** endwin(): the cursor to the last line, the normal screen back. */
  leave(): string {
    return `\x1b[${this.rows};1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>`;
  }

  /**
   * doupdate(): the bytes that turn the terminal's screen into `lines` (each exactly `cols` wide),
   * leaving the cursor at (cursorRow, cursorCol). `clear` redraws from a cleared screen.
   */
  update(lines: string[], cursorRow: number, cursorCol: number, clear = false): string {
    let outText = "";
    if (clear) {
      outText += "\x1b[H\x1b[2J";
      this.shown = this.shown.map(() => " ".repeat(this.cols));
      this.row = 0;
      this.col = 0;
    }
    for (let r = 0; r < this.rows; r++) {
      const want = lines[r] ?? " ".repeat(this.cols);
      const have = this.shown[r];
      if (want === have) continue;
      outText += this.transformLine(r, have, want);
      this.shown[r] = want;
    }
    outText += this.goTo(cursorRow, cursorCol);
    return outText;
  }

  private transformLine(r: number, have: string, want: string): string {
    let s = "";
    const lastNonBlank = (t: string) => t.replace(/ +$/, "").length;
    const newEnd = lastNonBlank(want);
    const oldEnd = lastNonBlank(have);
    // Blanks at the end of the new line that were text: clear them with el.
    const clearTail = newEnd < oldEnd;
    const limit = clearTail ? newEnd : this.cols;
    let i = 0;
    while (i < limit) {
      if (want[i] === have[i]) {
        i++;
        continue;
      }
      // A run of changes: it goes on through unchanged stretches no longer than INLINE_COST.
      let end = i + 1;
      let j = end;
      while (j < limit) {
        if (want[j] !== have[j]) {
          end = j + 1;
          j++;
          continue;
        }
        let same = j;
        while (same < limit && want[same] === have[same]) same++;
        if (same - j > INLINE_COST || same >= limit) break;
        j = same;
      }
      s += this.goTo(r, i) + this.put(want.slice(i, end));
      i = end;
    }
    if (clearTail) {
      s += `${this.goTo(r, newEnd)}\x1b[K`;
    }
    return s;
  }

  private put(text: string): string {
    this.col += text.length;
    if (this.col >= this.cols) this.col = -1;
    return text;
  }

  /** mvcur(): the cheapest of absolute addressing and the local moves ncurses tries, in its order. */
  private goTo(r: number, c: number): string {
    if (r === this.row && c === this.col) return "";
    const cup = `\x1b[${r + 1};${c + 1}H`;
    const fromRow = this.row;
    const fromCol = this.col;
    this.row = r;
    this.col = c;
    if (fromCol < 0) return cup;
    const notLocal = c > LONG_DIST && c < this.cols - 1 - LONG_DIST && Math.abs(r - fromRow) + Math.abs(c - fromCol) > LONG_DIST;
    if (notLocal) return cup;
    let best = { cost: COST.cup, text: cup };
    const consider = (m: { cost: number; text: string } | undefined, extra = 0, prefix = "") => {
      if (m && m.cost + extra < best.cost) best = { cost: m.cost + extra, text: prefix + m.text };
    };
    consider(this.relative(fromRow, fromCol, r, c));
    consider(this.relative(fromRow, 0, r, c), COST.cr, "\r");
    consider(this.relative(0, 0, r, c), COST.home, "\x1b[H");
    return best.text;
  }

  private relative(fromRow: number, fromCol: number, r: number, c: number): { cost: number; text: string } | undefined {
    let cost = 0;
    let text = "";
    if (r !== fromRow) {
      let v = { cost: COST.vpa, text: `\x1b[${r + 1}d` };
      const n = Math.abs(r - fromRow);
      if (r < fromRow) {
        if (COST.cuu < v.cost) v = { cost: COST.cuu, text: `\x1b[${n}A` };
        if (n * COST.cuu1 < v.cost) v = { cost: n * COST.cuu1, text: "\x1b[A".repeat(n) };
      }
      cost += v.cost;
      text += v.text;
    }
    if (c !== fromCol) {
      let h = { cost: COST.hpa, text: `\x1b[${c + 1}G` };
      const n = Math.abs(c - fromCol);
      if (c > fromCol) {
        if (COST.cuf < h.cost) h = { cost: COST.cuf, text: `\x1b[${n}C` };
        // Moving right by writing again what the screen already shows there.
        const over = this.shown[r].slice(fromCol, c);
        if (n < h.cost) h = { cost: n, text: over };
      } else if (n * COST.cub1 < h.cost) h = { cost: n * COST.cub1, text: "\b".repeat(n) };
      cost += h.cost;
      text += h.text;
    }
    return { cost, text };
  }
}
