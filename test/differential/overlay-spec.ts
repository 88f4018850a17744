/**
 * What a differential overlay case is made of: initial layer trees and a sequence of operations,
 * with fast-check generators for both. Names come from a tiny alphabet so that layers collide.
 */
import fc from "fast-check";

export type EntryKind = "file" | "dir" | "symlink" | "whiteout" | "hardlink";

export interface TreeEntry {
  /** Relative path; "" is the tree's root directory (only its mode and time are used). */
  path: string;
  kind: EntryKind;
  mode: number;
  uid: number;
  /** Seconds since the epoch; fixed values long before "now" so tests can tell them apart. */
  mtime: number;
  content?: string;
  /** Symlink target, or the path (in the same tree) a hard link points to. */
  target?: string;
  opaque?: boolean;
}

export type Tree = TreeEntry[];

export type Op =
  | { op: "write" | "append"; path: string; data: string }
  | { op: "openw" | "rmdir" | "unlink" | "mkdir"; path: string }
  | { op: "truncate"; path: string; size: number }
  | { op: "chmod"; path: string; mode: number }
  | { op: "utimes"; path: string; time: number }
  | { op: "rename" | "link"; from: string; to: string }
  | { op: "symlink"; target: string; path: string };

export interface Case {
  /** Topmost first. */
  lowers: Tree[];
  /** null: a read-only overlay (lowerdir only). */
  upper: Tree | null;
  /**
   * How the simulation holds the lower trees: immutable layers, directories on the disk, or (as
   * for a container, whose init layer is a directory) the topmost on the disk and the rest layers.
   */
  lowerKind: "layer" | "disk" | "mixed";
  ops: Op[];
}

/** Times before this are fixed values from the spec; later ones mean "set by the run". */
export const FIXED_TIME_LIMIT = 1_500_000_000;
const BASE_TIME = 1_000_000_000;

const name = fc.constantFrom("a", "b", "c");
const relPath = fc
  .oneof(
    { weight: 3, arbitrary: fc.tuple(name) },
    { weight: 3, arbitrary: fc.tuple(name, name) },
    { weight: 1, arbitrary: fc.tuple(name, name, name) },
  )
  .map((p) => p.join("/"));
const content = fc.constantFrom("", "x", "hello\n", "0123456789abcdef");
// No setuid/setgid modes: whether root's writes clear them changed in Linux 6.2 (this machine runs
// a newer kernel than the simulated 6.1), and it is the VFS's business, not overlayfs's.
const fileMode = fc.constantFrom(0o644, 0o600, 0o755, 0o444);
const dirMode = fc.constantFrom(0o755, 0o700, 0o555);
const uid = fc.constantFrom(0, 0, 1000);
// Relative targets only: the real side runs as root, and an absolute target would let the
// operations reach the machine's own files. "../a" reaches at most the case's temporary directory.
const linkTarget = fc.constantFrom("a", "b", "../a", "c/b", "nowhere", ".");

interface RawEntry {
  path: string;
  kind: EntryKind;
  mode: number;
  uid: number;
  content?: string;
  target?: string;
  opaque?: boolean;
}

const rawEntry: fc.Arbitrary<RawEntry> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      path: relPath,
      kind: fc.constant<EntryKind>("file"),
      mode: fileMode,
      uid,
      content,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      path: relPath,
      kind: fc.constant<EntryKind>("dir"),
      mode: dirMode,
      uid,
      opaque: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      path: relPath,
      kind: fc.constant<EntryKind>("symlink"),
      mode: fc.constant(0o777),
      uid,
      target: linkTarget,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      path: relPath,
      kind: fc.constant<EntryKind>("whiteout"),
      mode: fc.constant(0),
      uid: fc.constant(0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      path: relPath,
      kind: fc.constant<EntryKind>("hardlink"),
      mode: fc.constant(0),
      uid: fc.constant(0),
      target: relPath,
    }),
  },
);

/** Makes a list of random entries a valid tree: parents first (made as dirs), no duplicates. */
export function normalizeTree(raw: RawEntry[], layer: number): Tree {
  const kinds = new Map<string, EntryKind>([["", "dir"]]);
  const out: Tree = [{ path: "", kind: "dir", mode: 0o755, uid: 0, mtime: BASE_TIME + layer * 10_000 }];
  const time = () => BASE_TIME + layer * 10_000 + out.length * 10;
  for (const e of raw) {
    if (kinds.has(e.path)) continue;
    const parts = e.path.split("/");
    let ok = true;
    for (let i = 1; i < parts.length && ok; i++) {
      const prefix = parts.slice(0, i).join("/");
      const k = kinds.get(prefix);
      if (k === undefined) {
        kinds.set(prefix, "dir");
        out.push({ path: prefix, kind: "dir", mode: 0o755, uid: 0, mtime: time() });
      } else if (k !== "dir") ok = false;
    }
    if (!ok) continue;
    // Hard links point to a file listed before them in path order (layer builders sort by path).
    if (e.kind === "hardlink" && (kinds.get(e.target!) !== "file" || e.target! >= e.path)) continue;
    kinds.set(e.path, e.kind);
    out.push({ ...e, opaque: e.kind === "dir" ? e.opaque : undefined, mtime: time() });
  }
  return out;
}

const tree = (layer: number) => fc.array(rawEntry, { maxLength: 8 }).map((raw) => normalizeTree(raw, layer));

const data = fc.constantFrom("", "new", "more data\n");
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constantFrom("write" as const, "append" as const), path: relPath, data }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constantFrom("openw" as const, "rmdir" as const, "unlink" as const, "mkdir" as const),
      path: relPath,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("truncate" as const),
      path: relPath,
      size: fc.constantFrom(0, 3, 20),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("chmod" as const),
      path: relPath,
      mode: fc.constantFrom(0o600, 0o755, 0o700),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("utimes" as const),
      path: relPath,
      time: fc.constantFrom(1_200_000_000, 1_300_000_000),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constantFrom("rename" as const, "link" as const),
      from: relPath,
      to: relPath,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("symlink" as const), target: linkTarget, path: relPath }),
  },
);

export const caseArb: fc.Arbitrary<Case> = fc
  .record({
    nLowers: fc.integer({ min: 1, max: 3 }),
    readonly: fc.oneof(
      { weight: 9, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    lowerKind: fc.constantFrom("layer" as const, "disk" as const, "mixed" as const),
    ops: fc.array(op, { minLength: 1, maxLength: 16 }),
  })
  .chain(({ nLowers, readonly, lowerKind, ops }) => {
    const count = readonly ? Math.max(2, nLowers) : nLowers;
    return fc.record({
      lowers: fc.tuple(...Array.from({ length: count }, (_, i) => tree(i + 1))),
      upper: readonly ? fc.constant(null) : tree(0),
      lowerKind: fc.constant(lowerKind),
      ops: fc.constant(ops),
    });
  });

export function describeOp(o: Op): string {
  switch (o.op) {
    case "write":
    case "append":
      return `${o.op} ${o.path} ${JSON.stringify(o.data)}`;
    case "truncate":
      return `truncate ${o.path} ${o.size}`;
    case "chmod":
      return `chmod ${o.mode.toString(8)} ${o.path}`;
    case "utimes":
      return `utimes ${o.path} ${o.time}`;
    case "rename":
    case "link":
      return `${o.op} ${o.from} ${o.to}`;
    case "symlink":
      return `symlink ${o.target} ${o.path}`;
    default:
      return `${o.op} ${o.path}`;
  }
}
