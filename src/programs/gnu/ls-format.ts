/**
 * GNU ls's layout of a listing (coreutils ls.c): long lines whose columns are as wide as the widest
 * entry of the listing, columns (-C, -x) sized per column and padded with tabs (tab stops of 8), and
 * one name per line otherwise. The walk, sorting and stat calls are ls.ts's.
 */
import type { Stat } from "../../kernel/api";
import { ctimeString, isoDateTime, modeString } from "../fileutils/common";
import { gnuHumanSize } from "./human";
import { quoteIfNeeded } from "./quote";

export interface ListEntry {
  name: string;
  st: Stat;
  /** The time shown (-c ctime, -u atime, else mtime), seconds and nanoseconds. */
  time: number;
  timeNs: number;
  /** Symlink target (long format only). */
  target?: string;
  /** Type indicator from -F / -p ("/", "*", "@", ...), or "". */
  indicator: string;
  /** A dangling link under -L: only its name and type are known, the rest shows as "?". */
  unknown?: boolean;
}

export interface ListStyle {
  long: boolean;
  columns: boolean;
  across: boolean;
  width: number;
  inode: boolean;
  blocks: boolean;
  /** -Z: the SELinux security context, "?" without SELinux. */
  context: boolean;
  human: boolean;
  numeric: boolean;
  noOwner: boolean;
  noGroup: boolean;
  fullTime: boolean;
  /** How names are written: as they are (not a tty), shell-quoted when needed (a tty), or in C quotes (-Q). */
  quote: "literal" | "shell" | "c";
  now: number;
  owner: (uid: number) => string | undefined;
  group: (gid: number) => string | undefined;
}

const SIX_MONTHS = 31556952 / 2;

function shownName(name: string, s: ListStyle): string {
  if (s.quote === "c") return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return s.quote === "shell" ? quoteIfNeeded(name) : name;
}

/** Allocated size in 1K blocks, as -s and "total" count it. */
export function kBlocks(st: Stat): number {
  return Math.ceil(st.blocks / 2);
}

export function blockText(kb: number, s: ListStyle): string {
  return s.human ? gnuHumanSize(kb * 1024) : String(kb);
}

function timeText(e: ListEntry, s: ListStyle): string {
  if (s.fullTime) return `${isoDateTime(e.time)}.${String(e.timeNs).padStart(9, "0")} +0000`;
  const ct = ctimeString(e.time);
  const recent = e.time > s.now - SIX_MONTHS && e.time <= s.now;
  return recent ? ct.slice(4, 16) : `${ct.slice(4, 11)} ${ct.slice(20)}`;
}

/** One listing (a directory's entries, or the file operands) in the chosen format. */
export function gnuListing(list: ListEntry[], s: ListStyle, sizing: ListEntry[] = list): string {
  if (list.length === 0) return "";
  const ino = (e: ListEntry) => (e.unknown ? "?" : String(e.st.ino));
  const blk = (e: ListEntry) => (e.unknown ? "?" : blockText(kBlocks(e.st), s));
  const inoW = s.inode ? Math.max(...sizing.map((e) => ino(e).length)) : 0;
  const blkW = s.blocks ? Math.max(...sizing.map((e) => blk(e).length)) : 0;
  const prefix = (e: ListEntry) => (s.inode ? `${ino(e).padStart(inoW)} ` : "") + (s.blocks ? `${blk(e).padStart(blkW)} ` : "");
  if (s.long) return longListing(list, s, prefix, sizing);
  const context = s.context ? "? " : "";
  const cells = list.map((e) => `${prefix(e)}${context}${shownName(e.name, s)}${e.indicator}`);
  if (!s.columns) return cells.map((c) => `${c}\n`).join("");
  return columnListing(cells, s);
}

function longListing(list: ListEntry[], s: ListStyle, prefix: (e: ListEntry) => string, sizing: ListEntry[]): string {
  const isDev = (st: Stat) => st.type === "char" || st.type === "block";
  const owner = (e: ListEntry) => (e.unknown ? "?" : s.numeric ? String(e.st.uid) : (s.owner(e.st.uid) ?? String(e.st.uid)));
  const group = (e: ListEntry) => (e.unknown ? "?" : s.numeric ? String(e.st.gid) : (s.group(e.st.gid) ?? String(e.st.gid)));
  const size = (e: ListEntry) => (e.unknown ? "?" : s.human ? gnuHumanSize(e.st.size) : String(e.st.size));
  const links = (e: ListEntry) => (e.unknown ? "?" : String(e.st.nlink));
  const max = (f: (e: ListEntry) => number) => Math.max(0, ...sizing.map(f));
  const linkW = max((e) => links(e).length);
  const ownerW = max((e) => owner(e).length);
  const groupW = max((e) => group(e).length);
  const majorW = max((e) => (isDev(e.st) ? String(e.st.rdev[0]).length : 0));
  const minorW = max((e) => (isDev(e.st) ? String(e.st.rdev[1]).length : 0));
  const sizeW = Math.max(max((e) => (isDev(e.st) ? 0 : size(e).length)), majorW + minorW ? majorW + 2 + minorW : 0);
  let text = "";
  for (const e of list) {
    const mode = e.unknown ? `${modeString(e.st.mode)[0]}?????????` : modeString(e.st.mode);
    let line = `${prefix(e)}${mode} ${links(e).padStart(linkW)} `;
    if (!s.noOwner) line += `${owner(e).padEnd(ownerW)} `;
    if (!s.noGroup) line += `${group(e).padEnd(groupW)} `;
    if (s.context) line += "? ";
    const sz = isDev(e.st) ? `${String(e.st.rdev[0]).padStart(majorW)}, ${String(e.st.rdev[1]).padStart(minorW)}` : size(e);
    const when = e.unknown ? "?".padStart(timeText(e, s).length) : timeText(e, s);
    line += `${sz.padStart(sizeW)} ${when} ${shownName(e.name, s)}`;
    if (e.target !== undefined) line += ` -> ${shownName(e.target, s)}`;
    text += `${line}${e.indicator}\n`;
  }
  return text;
}

/** Spaces or tabs from column `from` to `to`, as ls.c's indent() with a tab size of 8. */
function indent(from: number, to: number): string {
  let s = "";
  let pos = from;
  while (pos < to) {
    if (Math.floor(to / 8) > Math.floor((pos + 1) / 8)) {
      s += "\t";
      pos += 8 - (pos % 8);
    } else {
      s += " ";
      pos++;
    }
  }
  return s;
}

/** ls.c calculate_columns(): the most columns that fit, each as wide as its longest name plus 2. */
function columnWidths(lengths: number[], lineLength: number, byColumns: boolean): number[] {
  const n = lengths.length;
  const maxCols = Math.min(Math.max(1, Math.floor(lineLength / 3)), n);
  const widths: number[][] = [];
  const lineLen: number[] = [];
  const valid: boolean[] = [];
  for (let i = 0; i < maxCols; i++) {
    widths.push(new Array(i + 1).fill(3));
    lineLen.push((i + 1) * 3);
    valid.push(true);
  }
  lengths.forEach((len, f) => {
    for (let i = 0; i < maxCols; i++) {
      if (!valid[i]) continue;
      const idx = byColumns ? Math.floor(f / Math.floor((n + i) / (i + 1))) : f % (i + 1);
      const real = len + (idx === i ? 0 : 2);
      if (widths[i][idx] < real) {
        lineLen[i] += real - widths[i][idx];
        widths[i][idx] = real;
        valid[i] = lineLen[i] < lineLength;
      }
    }
  });
  let cols = maxCols;
  while (cols > 1 && !valid[cols - 1]) cols--;
  return widths[cols - 1];
}

function columnListing(cells: string[], s: ListStyle): string {
  // -w 0: no line length, so one line with two spaces between names.
  if (s.width <= 0) return `${cells.join("  ")}\n`;
  const lengths = cells.map((c) => c.length);
  const widths = columnWidths(lengths, s.width, !s.across);
  const cols = widths.length;
  let text = "";
  if (s.across) {
    let pos = 0;
    cells.forEach((c, f) => {
      const col = f % cols;
      if (f > 0) {
        if (col === 0) {
          text += "\n";
          pos = 0;
        } else {
          text += indent(pos + lengths[f - 1], pos + widths[col - 1]);
          pos += widths[col - 1];
        }
      }
      text += c;
    });
    return `${text}\n`;
  }
  const rows = Math.ceil(cells.length / cols);
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    for (let col = 0, f = row; f < cells.length; col++, f += rows) {
      text += cells[f];
      if (f + rows >= cells.length) break;
      text += indent(pos + lengths[f], pos + widths[col]);
      pos += widths[col];
    }
    text += "\n";
  }
  return text;
}
