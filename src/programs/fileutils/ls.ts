/** ls: busybox 1.35 ls (columns on a terminal, one per line otherwise, -l long format). */
import type { Gen, ProgramDef, Stat, Sys } from "../../kernel/api";
import { asErrno, err, out, warn } from "../lib/io";
import { AccountNames } from "../lib/users";
import { ctimeString, flagOrder, humanReadable, joinPath, lastComponent, lastFlag, modeString, parseOpts, tryStat } from "./common";
import { isoDateTime } from "./common";
import { gnuProgramName, gnuTool } from "../gnu/flavour";
import { quoteAlways } from "../gnu/quote";
import { blockText, gnuListing, kBlocks, type ListStyle } from "../gnu/ls-format";

const SPEC = {
  flags: "1AaCxdLHRFplinshrSXvctuegQ",
  withArg: "w",
  long: {
    "full-time": { short: "\u00ff" },
    "group-directories-first": { short: "\u00fe" },
    color: { short: "\u00fd", arg: false },
  },
};

interface Node {
  name: string;
  fullname: string;
  st: Stat;
  /** The time shown and sorted by (-c ctime, -u atime, else mtime). */
  time: number;
  /** GNU -L: a dangling link whose followed stat is unknown (listed with "?"). */
  unknown?: boolean;
}

interface Opts {
  f: Record<string, number>;
  long: boolean;
  columns: boolean;
  across: boolean;
  fullTime: boolean;
  dirsFirst: boolean;
  sortBy: "name" | "size" | "time" | "ext" | "version";
  width: number;
  now: number;
}

/** get_terminal_width(): stdin's window, $COLUMNS overriding, 80 when unknown. */
function terminalWidth(sys: Sys): number {
  let cols = 0;
  try {
    cols = sys.winsize(0).cols;
  } catch (e) {
    asErrno(e);
  }
  if (sys.env.COLUMNS !== undefined) cols = Number.parseInt(sys.env.COLUMNS, 10) || 0;
  if (cols <= 1 || cols >= 30000) cols = 80;
  return cols;
}

/** GNU ls also has -Z (SELinux context) and --width. */
const GNU_SPEC = { ...SPEC, flags: `${SPEC.flags}Z`, long: { ...SPEC.long, context: { short: "Z" }, width: { short: "w", arg: true } } };

/**
 * GNU ls's line length: $COLUMNS (an invalid one is reported and ignored), then the window of
 * standard output when it is a terminal, else 80.
 */
function* gnuLineLength(sys: Sys): Gen<number> {
  let cols = 80;
  const env = sys.env.COLUMNS;
  if (env !== undefined && env !== "") {
    const n = /^\d+$/.test(env) ? Number(env) : Number.NaN;
    if (n >= 0) cols = n;
    else yield* gnuWarn(sys, `ignoring invalid width in environment variable COLUMNS: ${quoteAlways(env)}`);
  }
  try {
    const ws = sys.winsize(1);
    if (ws.cols > 0) cols = ws.cols;
  } catch (e) {
    asErrno(e);
  }
  return cols;
}

function* gnuWarn(sys: Sys, msg: string): Gen<void> {
  yield* err(sys, `${gnuProgramName(sys)}: ${msg}\n`);
}

export const ls: ProgramDef = {
  name: "ls",
  *main(sys) {
    const isGnu = gnuTool(sys) !== undefined;
    const spec = isGnu ? GNU_SPEC : SPEC;
    const parsed = yield* parseOpts(sys, "ls", spec);
    if (typeof parsed === "number") return parsed;
    const f = { ...parsed.flags };
    const order = flagOrder(sys.argv, spec);
    // Display styles override each other in command-line order, as busybox's getopt32 rules say:
    // -C and -x clear each other and -l and -1; -l (and -n, -g, --full-time) clears -C and -x.
    for (const c of "Cx1l") f[c] = 0;
    for (const c of order) {
      if (c === "C" || c === "x") {
        f.C = f.x = f.l = f["1"] = 0;
        f[c] = 1;
      } else if (c === "l" || c === "n" || c === "g" || c === "\u00ff") {
        f.l = 1;
        f.C = f.x = 0;
      } else if (c === "1") {
        f["1"] = 1;
        f.C = f.x = 0;
      }
    }
    const timeSel = lastFlag(order, "cu");
    if (timeSel) {
      f.c = timeSel === "c" ? 1 : 0;
      f.u = timeSel === "u" ? 1 : 0;
    }
    const follow = lastFlag(order, "HL");
    if (follow) {
      f.H = follow === "H" ? 1 : 0;
      f.L = follow === "L" ? 1 : 0;
    }
    let sizeOrTime = lastFlag(order, "tS");
    if (f.d) f.R = 0;
    // Without -l, a bare -c or -u sorts by that time too.
    if (!f.l && (f.c || f.u)) sizeOrTime = "t";
    let width: number;
    if (isGnu) {
      // GNU: -w N (0: no limit) or the line length; a name fills it, where busybox leaves one column free.
      const w = parsed.args.w?.[parsed.args.w.length - 1];
      if (w !== undefined && !/^\d+$/.test(w)) {
        yield* gnuWarn(sys, `invalid line width: ${quoteAlways(w)}`);
        return 2;
      }
      width = (w !== undefined ? Number(w) : yield* gnuLineLength(sys)) - 1;
    } else {
      width = terminalWidth(sys) - 1;
      if (parsed.args.w) width = Number.parseInt(parsed.args.w[parsed.args.w.length - 1], 10) || 0;
    }
    const isTty = sys.isatty(1);
    const o: Opts = {
      f,
      long: !!f.l,
      columns: !f.l && !f["1"] && (!!f.C || !!f.x || isTty),
      across: !!f.x,
      fullTime: !!f["\u00ff"],
      dirsFirst: !!f["\u00fe"],
      sortBy: sizeOrTime === "S" ? "size" : sizeOrTime === "t" ? "time" : f.v ? "version" : f.X ? "ext" : "name",
      width,
      now: Math.floor(sys.now() / 1e6),
    };
    const names = new AccountNames(sys);
    const gnu = gnuTool(sys) ? gnuStyle(o, names, isTty) : undefined;
    let status = 0;
    let text = "";
    const flush = function* () {
      yield* out(sys, text);
      text = "";
    };

    const statNode = (fullname: string, name: string, followIt: boolean): Node | null => {
      try {
        const st = followIt || f.L ? sys.stat(fullname) : sys.lstat(fullname);
        const time = f.c ? st.ctime : f.u ? st.atime : st.mtime;
        return { name, fullname, st, time };
      } catch (e) {
        const er = asErrno(e);
        pendingErrors.push(`${fullname}: ${er.message}`);
        status = 1;
        return null;
      }
    };
    let pendingErrors: string[] = [];
    // GNU ls -L stats an entry only when the listing needs more than its name; a dangling link is
    // then reported and still listed, with "?" for what only stat could tell.
    const needsStat = !!(f.l || f.s || f.i || f.F || f.p) || o.sortBy === "size" || o.sortBy === "time";
    const dereferenced = (full: string): Node | null => {
      const name = lastComponent(full);
      // An unknown entry sorts as GNU's zeroed stat does: time 0.
      const node = (st: Stat, unknown: boolean): Node => ({ name, fullname: full, st, time: unknown ? 0 : f.c ? st.ctime : f.u ? st.atime : st.mtime, unknown });
      try {
        return node(sys.stat(full), false);
      } catch (e) {
        const er = asErrno(e);
        const link = tryStat(sys, full, false);
        if (!link || needsStat) {
          pendingErrors.push(`${full}: ${er.message}`);
          status = 1;
        }
        return link ? node(link, needsStat) : null;
      }
    };
    const reportErrors = function* () {
      if (pendingErrors.length === 0) return;
      yield* flush();
      for (const m of pendingErrors) yield* warn(sys, m);
      pendingErrors = [];
    };

    const operands = parsed.operands.length > 0 ? parsed.operands : ["."];
    const showDirname = operands.length > 1;
    const nodes: Node[] = [];
    for (const a of operands) {
      const followArg = !(f.l || f.s || f.F) || !!f.H;
      const n = statNode(a, a, followArg);
      if (n) nodes.push(n);
    }
    yield* reportErrors();
    // GNU ls: an operand it cannot reach is serious trouble (2), a problem below one is minor (1).
    if (gnu && nodes.length < operands.length) status = 2;
    if (nodes.length === 0) return status;

    const render = (list: Node[]) => {
      text += gnu ? gnuListing(list.map((n) => gnuEntry(sys, n, o)), gnu) : displayFiles(sys, list, o, names);
    };
    if (f.d) {
      render(sortNodes(nodes, o));
    } else {
      const files = nodes.filter((n) => n.st.type !== "dir");
      const dirs = nodes.filter((n) => n.st.type === "dir");
      // GNU sizes the file operands' columns with the directory operands counted too.
      if (files.length > 0) {
        if (gnu) text += gnuListing(sortNodes(files, o).map((n) => gnuEntry(sys, n, o)), gnu, nodes.map((n) => gnuEntry(sys, n, o)));
        else render(sortNodes(files, o));
      }
      let first = files.length === 0;
      const recur = function* (list: Node[]): Generator<import("../../kernel/api").Wait, void, unknown> {
        for (const d of list) {
          if (showDirname || f.R) {
            if (!first) text += "\n";
            first = false;
            text += `${d.fullname}:\n`;
          }
          const entries = yield* scanDir(d.fullname);
          if (gnu && (f.s || f.l)) text += `total ${blockText(entries.reduce((sum, e) => sum + kBlocks(e.st), 0), gnu)}\n`;
          else if (f.s || f.l) {
            let blocks = 1;
            for (const e of entries) blocks += e.st.blocks;
            blocks = Math.floor(blocks / 2);
            text += f.h ? `total ${humanReadable(blocks * 1024, 0, 0).padEnd(7, " ")}\n` : `total ${blocks}\n`;
          }
          if (entries.length > 0) {
            render(sortNodes(entries, o));
            if (f.R) {
              const sub = entries.filter((e) => e.st.type === "dir" && e.name !== "." && e.name !== "..");
              if (sub.length > 0) yield* recur(sortNodes(sub, o));
            }
          }
          if (text.length > 8192) yield* flush();
        }
      };
      const scanDir = function* (path: string): Generator<import("../../kernel/api").Wait, Node[], unknown> {
        let list: string[];
        try {
          list = sys.readdir(path);
        } catch (e) {
          const er = asErrno(e);
          yield* flush();
          yield* warn(sys, `can't open '${path}': ${er.message}`);
          status = 1;
          return [];
        }
        const result: Node[] = [];
        for (const entry of withDots(list)) {
          if (entry.startsWith(".")) {
            if (!f.a && !f.A) continue;
            if (!f.a && (entry === "." || entry === "..")) continue;
          }
          const full = joinPath(path, entry);
          const n = gnu && f.L ? dereferenced(full) : statNode(full, lastComponent(full), false);
          if (n) result.push(n);
        }
        yield* reportErrors();
        return result;
      };
      if (dirs.length > 0) yield* recur(sortNodes(dirs, o));
    }
    yield* flush();
    return status;
  },
};

/** The GNU layout's view of the options (see gnu/ls-format.ts). */
function gnuStyle(o: Opts, names: AccountNames, isTty: boolean): ListStyle {
  const f = o.f;
  return {
    long: o.long,
    columns: o.columns,
    across: o.across,
    width: o.width + 1,
    inode: !!f.i,
    blocks: !!f.s,
    context: !!f.Z,
    human: !!f.h,
    numeric: !!f.n,
    noOwner: !!f.g,
    noGroup: false,
    fullTime: o.fullTime,
    quote: f.Q ? "c" : isTty ? "shell" : "literal",
    now: o.now,
    owner: (uid) => names.user(uid),
    group: (gid) => names.group(gid),
  };
}

function gnuEntry(sys: Sys, n: Node, o: Opts) {
  const ns = o.f.c ? n.st.ctimeNs : o.f.u ? n.st.atimeNs : n.st.mtimeNs;
  let target: string | undefined;
  let indicator = appendChar(n.st, o);
  if (o.long && n.st.type === "symlink") {
    try {
      target = sys.readlink(n.fullname);
      indicator = o.f.F || o.f.p ? appendChar(sys.stat(n.fullname), o) : "";
    } catch (e) {
      asErrno(e);
      target ??= "";
      indicator = "";
    }
  }
  if (n.unknown) return { name: n.name, st: n.st, time: n.time, timeNs: ns, indicator: appendChar(n.st, o), unknown: true };
  return { name: n.name, st: n.st, time: n.time, timeNs: ns, target, indicator };
}

/** readdir() results with "." and ".." (the kernel may or may not list them). */
function withDots(list: string[]): string[] {
  const rest = list.filter((n) => n !== "." && n !== "..");
  return [".", "..", ...rest];
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strverscmp(3) for -v. */
function versionCompare(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    }
    return compareBytes(x, y);
  }
  return pa.length - pb.length;
}

function sortNodes(list: Node[], o: Opts): Node[] {
  const cmp = (a: Node, b: Node): number => {
    let dif = 0;
    if (o.dirsFirst) {
      dif = Number(b.st.type === "dir") - Number(a.st.type === "dir");
      if (dif !== 0) return o.f.r ? -dif : dif;
    }
    if (o.sortBy === "size") dif = b.st.size - a.st.size;
    else if (o.sortBy === "time") dif = b.time - a.time;
    else if (o.sortBy === "version") dif = versionCompare(a.name, b.name);
    else if (o.sortBy === "ext") dif = compareBytes(extOf(a.name), extOf(b.name));
    if (dif === 0) dif = compareBytes(a.name, b.name);
    return o.f.r ? -dif : dif;
  };
  return [...list].sort(cmp);
}

function extOf(name: string): string {
  const i = name.indexOf(".");
  return i < 0 ? "" : name.slice(i);
}

function appendChar(st: Stat, o: Opts): string {
  if (!o.f.F && !o.f.p) return "";
  if (st.type === "dir") return "/";
  if (!o.f.F) return "";
  if (st.type === "file" && st.mode & 0o111) return "*";
  return { fifo: "|", symlink: "@", socket: "=" }[st.type as string] ?? "";
}

/** Non-printable bytes become "?", as busybox's printable_string does without unicode support. */
function printable(name: string): string {
  return name.replace(/[\x00-\x1f\x7f]/g, "?");
}

function printName(name: string, o: Opts): string {
  const p = printable(name);
  if (!o.f.Q) return p;
  return `"${p.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function displaySingle(sys: Sys, n: Node, o: Opts, names: AccountNames): string {
  const f = o.f;
  let s = "";
  let append = appendChar(n.st, o);
  if (f.i) s += `${String(n.st.ino).padStart(7)} `;
  if (f.s) s += `${String(Math.floor(n.st.blocks / 2)).padStart(6)} `;
  if (o.long) {
    s += `${modeString(n.st.mode).padEnd(10)} `;
    s += `${String(n.st.nlink).padStart(4)} `;
    if (f.n) {
      s += f.g ? `${String(n.st.gid).padEnd(8)} ` : `${String(n.st.uid).padEnd(8)} ${String(n.st.gid).padEnd(8)} `;
    } else {
      const user = (names.user(n.st.uid) ?? String(n.st.uid)).slice(0, 8).padEnd(8);
      const group = (names.group(n.st.gid) ?? String(n.st.gid)).slice(0, 8).padEnd(8);
      s += f.g ? `${group} ` : `${user} ${group} `;
    }
    if (n.st.type === "char" || n.st.type === "block") {
      s += `${String(n.st.rdev[0]).padStart(4)}, ${String(n.st.rdev[1]).padStart(3)} `;
    } else if (f.h) {
      s += `${humanReadable(n.st.size, 1, 0).padStart(7)} `;
    } else {
      s += `${String(n.st.size).padStart(9)} `;
    }
    if (o.fullTime) {
      s += `${isoDateTime(n.time)} +0000 `;
    } else {
      const ct = ctimeString(n.time);
      const age = o.now - n.time;
      if (age < (3600 * 24 * 365) / 2 && age > -15 * 60) s += `${ct.slice(4, 16)} `;
      else s += `${ct.slice(4, 11)}${ct.slice(20).padStart(5)} `;
    }
  }
  s += printName(n.name, o);
  if (o.long && n.st.type === "symlink") {
    let target = "";
    try {
      target = sys.readlink(n.fullname);
    } catch (e) {
      asErrno(e);
    }
    s += ` -> ${printName(target, o)}`;
    if (f.F || f.p) {
      try {
        append = appendChar(sys.stat(n.fullname), o);
      } catch (e) {
        // A dangling link gets no indicator at all.
        asErrno(e);
        append = "";
      }
    }
  }
  return s + append;
}

/** Display width of what displaySingle printed (the terminal columns it takes). */
function displayWidth(s: string): number {
  return s.length;
}

function displayFiles(sys: Sys, list: Node[], o: Opts, names: AccountNames): string {
  let ncols = 1;
  let columnWidth = 0;
  if (o.columns) {
    for (const n of list) columnWidth = Math.max(columnWidth, printName(n.name, o).length);
    columnWidth += 2 + (o.f.i ? 8 : 0) + (o.f.s ? 5 : 0);
    ncols = Math.floor(o.width / columnWidth);
  }
  let nrows: number;
  if (ncols > 1) {
    nrows = Math.ceil(list.length / ncols);
  } else {
    nrows = list.length;
    ncols = 1;
  }
  let text = "";
  for (let row = 0; row < nrows; row++) {
    let column = 0;
    let nexttab = 0;
    for (let nc = 0; nc < ncols; nc++) {
      const i = o.across ? row * ncols + nc : nc * nrows + row;
      if (i >= list.length) continue;
      if (column > 0) {
        const padding = nexttab - column;
        text += " ".repeat(Math.max(0, padding));
        column += padding;
      }
      nexttab = column + columnWidth;
      const cell = displaySingle(sys, list[i], o, names);
      text += cell;
      column += displayWidth(cell);
    }
    text += "\n";
  }
  return text;
}
