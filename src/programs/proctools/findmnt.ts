/**
 * findmnt: util-linux 2.38 (Debian 12). Reads /proc/self/mountinfo and prints the mounts as a tree
 * (each mount under the mount it sits on) or a list (-l), in libsmartcols' layout: columns as wide
 * as their widest cell, the last one unpadded; tree branches in UTF-8 or, in other locales, ASCII.
 * A TARGET or SOURCE operand, and -t, keep only the matching mounts; nothing found is exit 1.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { utf8Decode, utf8Encode } from "../../kernel/bytes";
import { getopt, OptError } from "../lib/getopt";
import { out } from "../lib/io";
import { unicodeLocale } from "../lib/locale";
import { tryHelp, utilErr } from "./utillinux";

interface MountEntry {
  id: number;
  parent: number;
  majMin: string;
  root: string;
  target: string;
  vfsOptions: string;
  fstype: string;
  source: string;
  fsOptions: string;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    const dash = f.indexOf("-", 6);
    if (f.length < 10 || dash < 0) continue;
    out.push({
      id: Number(f[0]),
      parent: Number(f[1]),
      majMin: f[2],
      root: unescapeOctal(f[3]),
      target: unescapeOctal(f[4]),
      vfsOptions: f[5],
      fstype: f[dash + 1],
      source: unescapeOctal(f[dash + 2]),
      fsOptions: f[dash + 3] ?? "",
    });
  }
  return out;
}

/** libmount's merge of the two option strings: the per-mount ones, then the superblock's but rw/ro. */
function allOptions(m: MountEntry): string {
  const fs = m.fsOptions.split(",").filter((o) => o !== "" && o !== "rw" && o !== "ro");
  return [m.vfsOptions, ...fs].join(",");
}

interface ColumnDef {
  right?: boolean;
  value: (m: MountEntry) => string;
}

const COLUMNS: Record<string, ColumnDef> = {
  TARGET: { value: (m) => m.target },
  // A mount of part of a file system shows that part: /dev/sda1[/var/lib/docker], nsfs[net:[...]].
  SOURCE: { value: (m) => (m.root !== "/" ? `${m.source}[${m.root}]` : m.source) },
  FSTYPE: { value: (m) => m.fstype },
  OPTIONS: { value: allOptions },
  "VFS-OPTIONS": { value: (m) => m.vfsOptions },
  "FS-OPTIONS": { value: (m) => m.fsOptions },
  FSROOT: { value: (m) => m.root },
  ID: { right: true, value: (m) => String(m.id) },
  PARENT: { right: true, value: (m) => String(m.parent) },
  "MAJ:MIN": { value: (m) => m.majMin },
};

const DEFAULT_COLUMNS = ["TARGET", "SOURCE", "FSTYPE", "OPTIONS"];

/** -t LIST: types to keep, or with a "no" prefix on the list, types to leave out. */
function typeFilter(list: string | undefined): (fstype: string) => boolean {
  if (list === undefined) return () => true;
  const negate = list.startsWith("no");
  const types = (negate ? list.slice(2) : list).split(",");
  return (t) => types.includes(t) !== negate;
}

interface Row {
  entry: MountEntry;
  depth: number;
  /** For each level above this row: does that ancestor have a later sibling (draw a bar)? */
  bars: boolean[];
  last: boolean;
}

/** The mounts as a forest: a mount's parent is the mount it sits on, when that one is shown too. */
function treeRows(entries: MountEntry[]): Row[] {
  const shown = new Set(entries.map((e) => e.id));
  const children = new Map<number, MountEntry[]>();
  const roots: MountEntry[] = [];
  for (const e of entries) {
    if (e.parent !== e.id && shown.has(e.parent)) children.set(e.parent, [...(children.get(e.parent) ?? []), e]);
    else roots.push(e);
  }
  const rows: Row[] = [];
  const visit = (e: MountEntry, depth: number, bars: boolean[], last: boolean) => {
    rows.push({ entry: e, depth, bars, last });
    const kids = children.get(e.id) ?? [];
    for (let i = 0; i < kids.length; i++) visit(kids[i], depth + 1, depth === 0 ? [] : [...bars, !last], i === kids.length - 1);
  };
  for (const r of roots) visit(r, 0, [], true);
  return rows;
}

function* findmntMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(sys.argv, {
      flags: "lnV",
      withArg: "ot",
      long: {
        list: { short: "l" },
        noheadings: { short: "n" },
        output: { short: "o", arg: true },
        types: { short: "t", arg: true },
        version: { short: "V" },
      },
    });
  } catch (e) {
    if (e instanceof OptError) return yield* tryHelp(sys, e.message);
    throw e;
  }
  const f = parsed.flags;
  if (f.V) {
    yield* out(sys, "findmnt from util-linux 2.38.1\n");
    return 0;
  }
  const cols = (parsed.args.o?.at(-1) ?? DEFAULT_COLUMNS.join(",")).split(",");
  for (const c of cols) {
    if (!COLUMNS[c.toUpperCase()]) {
      yield* utilErr(sys, `unknown column: ${c}`);
      return 1;
    }
  }
  const names = cols.map((c) => c.toUpperCase());
  let entries: MountEntry[];
  try {
    entries = parseMountinfo(sys.readFile("/proc/self/mountinfo"));
  } catch {
    yield* utilErr(sys, "failed to parse /proc/self/mountinfo");
    return 1;
  }
  const wantType = typeFilter(parsed.args.t?.at(-1));
  const wanted = parsed.operands[0];
  entries = entries.filter((e) => wantType(e.fstype) && (wanted === undefined || e.target === wanted || e.source === wanted));
  if (entries.length === 0) return 1;

  const list = Boolean(f.l);
  const rows: Row[] = list ? entries.map((entry) => ({ entry, depth: 0, bars: [], last: true })) : treeRows(entries);
  const utf8 = unicodeLocale(sys.env);
  const [vert, branch, lastBranch] = utf8 ? ["│ ", "├─", "└─"] : ["| ", "|-", "`-"];
  const cells = rows.map((r) =>
    names.map((c, i) => {
      const v = utf8Decode(COLUMNS[c].value(r.entry));
      if (i !== 0 || r.depth === 0) return v;
      return r.bars.map((b) => (b ? vert : "  ")).join("") + (r.last ? lastBranch : branch) + v;
    }),
  );
  // Cells are text here (tree glyphs, decoded paths); widths count characters, output is UTF-8 bytes.
  const width = (s: string) => [...s].length;
  const widths = names.map((c, i) => Math.max(f.n ? 0 : width(c), ...cells.map((r) => width(r[i]))));
  const format = (row: string[]) =>
    row
      .map((v, i) => {
        const pad = " ".repeat(Math.max(0, widths[i] - width(v)));
        if (COLUMNS[names[i]].right) return pad + v;
        return i === row.length - 1 ? v : v + pad;
      })
      .join(" ");
  const lines = f.n ? [] : [format(names)];
  for (const r of cells) lines.push(format(r));
  yield* out(sys, utf8Encode(`${lines.join("\n")}\n`));
  return 0;
}

export const findmnt: ProgramDef = { name: "findmnt", main: findmntMain };
