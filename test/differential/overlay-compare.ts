/**
 * One text line per object, the same for the real machine and the simulation, so that a failing
 * case shows as a readable diff. Times set by the run differ between the two and are shown as
 * "new"; fixed times from the spec (kept by copy-up) must match exactly.
 */
import type { Stats } from "node:fs";
import type { Stat } from "../../src/kernel/api";
import type { RealEntry } from "./overlay-real";
import { type Sim, walkSim } from "./overlay-sim";
import { FIXED_TIME_LIMIT } from "./overlay-spec";

export interface View {
  /** One line per object. */
  entries: string[];
  /** Groups of paths that share one inode (dev and ino), for hard links and inode stability. */
  inodes: string[];
}

interface Facts {
  path: string;
  type: string;
  perm: number;
  uid: number;
  gid: number;
  nlink: number;
  size: number;
  mtimeSec: number;
  extra: string;
  id: string;
}

function timeClass(sec: number): string {
  return sec < FIXED_TIME_LIMIT ? String(sec) : "new";
}

function line(f: Facts, withNlink: boolean): string {
  const nlink = withNlink ? ` n=${f.nlink}` : "";
  return `${f.path} ${f.type} ${f.perm.toString(8)} ${f.uid}:${f.gid}${nlink} s=${f.size} t=${timeClass(f.mtimeSec)}${f.extra}`;
}

function view(facts: Array<Facts | string>, withNlink: boolean): View {
  const groups = new Map<string, string[]>();
  for (const f of facts) if (typeof f !== "string") groups.set(f.id, [...(groups.get(f.id) ?? []), f.path]);
  return {
    entries: facts.map((f) => (typeof f === "string" ? `${f} listed-but-ENOENT` : line(f, withNlink))),
    inodes: [...groups.values()]
      .filter((g) => g.length > 1)
      .map((g) => g.sort().join(" = "))
      .sort(),
  };
}

function realType(st: Stats): string {
  if (st.isDirectory()) return "dir";
  if (st.isFile()) return "file";
  if (st.isSymbolicLink()) return "symlink";
  if (st.isCharacterDevice()) return st.rdev === 0 ? "whiteout" : "char";
  if (st.isFIFO()) return "fifo";
  return "other";
}

function simType(st: Stat): string {
  if (st.type === "char" && st.rdev[0] === 0 && st.rdev[1] === 0) return "whiteout";
  return st.type;
}

/** The real tree. `rootDev`: objects on another device are marked (overlay shows one st_dev). */
export function realView(entries: RealEntry[], rootDev: number | null, opaque: Set<string> | null): View {
  return view(
    entries.map((e) => {
      if (!e.st) return e.path;
      return {
        path: e.path,
        type: realType(e.st),
        perm: e.st.mode & 0o7777,
        uid: e.st.uid,
        gid: e.st.gid,
        nlink: e.st.nlink,
        size: e.st.isDirectory() ? 0 : e.st.size,
        mtimeSec: Math.floor(e.st.mtimeMs / 1000),
        extra:
          (e.content !== undefined ? ` ${JSON.stringify(e.content)}` : "") +
          (e.target !== undefined ? ` -> ${e.target}` : "") +
          (opaque?.has(e.path) ? " opaque" : "") +
          (rootDev !== null && e.st.dev !== rootDev ? " foreign-dev" : ""),
        id: `${e.st.dev}:${e.st.ino}`,
      };
    }),
    true,
  );
}

/** The simulated tree below `at`; opaque flags read from the real objects when `withOpaque`. */
export function simView(sim: Sim, at: string, rootDev: number | null, withOpaque: boolean): View {
  return view(
    walkSim(sim, at).map(({ path, st, loc }) => {
      if (!st || !loc) return path;
      const drv = sim.vfs.drv(loc.fs);
      const sb = sim.vfs.sb(loc.fs);
      const content = st.type === "file" ? ` ${JSON.stringify(drv.read(sim.h, sb, loc.node))}` : "";
      const target = st.type === "symlink" ? ` -> ${drv.readlink(sim.h, sb, loc.node)}` : "";
      const opaque =
        withOpaque &&
        drv.listxattr(sim.h, sb, loc.node).includes("trusted.overlay.opaque") &&
        drv.getxattr(sim.h, sb, loc.node, "trusted.overlay.opaque") === "y";
      return {
        path,
        type: simType(st),
        perm: st.mode & 0o7777,
        uid: st.uid,
        gid: st.gid,
        nlink: st.nlink,
        size: st.type === "dir" ? 0 : st.size,
        mtimeSec: st.mtime,
        extra:
          content +
          target +
          (opaque ? " opaque" : "") +
          (rootDev !== null && st.dev !== rootDev ? " foreign-dev" : ""),
        id: `${st.dev}:${st.ino}`,
      };
    }),
    true,
  );
}
