/**
 * GNU df (coreutils 9.1): [-ahHikPT] [-B SIZE] [-t TYPE] [-x TYPE] [FILE]... over /proc/self/mountinfo.
 * Without -a it hides "dummy" file systems (proc, sysfs, devpts, mqueue...), those with no blocks, and
 * all but one mount of each device: the one nearest the root (so in a container the bind-mounted
 * /etc/resolv.conf, /etc/hostname and /etc/hosts show as one line, /etc/hosts). Columns are as wide
 * as their widest cell, file system and mount point left-aligned.
 */
import type { ProgramDef, Sys } from "../../../kernel/api";
import { asErrno, out, warn } from "../../lib/io";
import { flagOrder, lastFlag } from "../../fileutils/common";
import { quoteAlways, quoteIfNeeded } from "../quote";
import { blockSizeName, humanSize, parseBlockSize } from "../human";
import { canonicalize } from "./canonicalize";
import { gnuOptions } from "./options";

interface MountEntry {
  source: string;
  dir: string;
  type: string;
  /** The mounted subtree of the source (a bind mount's root), from mountinfo's fourth field. */
  root: string;
  /** major:minor of the mounted file system. */
  dev: string;
  dummy: boolean;
}

const SPEC = {
  flags: "ahHikmlPTv",
  withArg: "Btx",
  long: {
    all: { short: "a" },
    "block-size": { short: "B", arg: true },
    "human-readable": { short: "h" },
    si: { short: "H" },
    inodes: { short: "i" },
    local: { short: "l" },
    portability: { short: "P" },
    "print-type": { short: "T" },
    type: { short: "t", arg: true },
    "exclude-type": { short: "x", arg: true },
  },
};

/** gnulib mountlist's ME_DUMMY types. */
const DUMMY_TYPES = new Set(["autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal", "mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "none"]);

const decodeOctal = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

function readMountinfo(sys: Sys): MountEntry[] {
  let text = "";
  try {
    text = sys.readFile("/proc/self/mountinfo");
  } catch (e) {
    asErrno(e);
  }
  const list: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const [left, right] = line.split(" - ");
    if (right === undefined) continue;
    const f = left.split(" ");
    const [type, source] = right.split(" ");
    list.push({ source: decodeOctal(source ?? ""), dir: decodeOctal(f[4] ?? ""), type, root: decodeOctal(f[3] ?? "/"), dev: f[2] ?? "", dummy: DUMMY_TYPES.has(type) });
  }
  return list;
}

function statDev(sys: Sys, path: string): number | null {
  try {
    return sys.stat(path).dev;
  } catch (e) {
    asErrno(e);
    return null;
  }
}

/** df.c's filter_mount_list: one entry per device, preferring real devices and mounts nearer the root. */
function oneMountPerDevice(sys: Sys, mounts: MountEntry[], wanted: (m: MountEntry) => boolean): MountEntry[] {
  const byDevice = new Map<string | number, MountEntry>();
  for (const me of mounts) {
    const dev = (!wanted(me) ? null : statDev(sys, me.dir)) ?? `mountinfo ${me.dev}`;
    const seen = byDevice.get(dev);
    if (!seen) {
      byDevice.set(dev, me);
      continue;
    }
    const targetNearerRoot = seen.dir.length > me.dir.length;
    const sourceBelowRoot = seen.root.length < me.root.length;
    if (
      (me.source.includes("/") && !seen.source.includes("/")) ||
      (targetNearerRoot && !sourceBelowRoot) ||
      (seen.source !== me.source && me.dir === seen.dir)
    ) {
      byDevice.set(dev, me);
    }
  }
  return [...byDevice.values()];
}

/** The mount a FILE operand is on: the longest mount point holding its name, on its device. */
function mountOf(sys: Sys, mounts: MountEntry[], file: string, dev: number): MountEntry | undefined {
  const resolved = canonicalize(sys, file, "existing");
  let best: MountEntry | undefined;
  if (typeof resolved === "string") {
    for (const me of mounts) {
      if (best && !best.dummy && me.dummy) continue;
      const d = me.dir;
      const holds = d === "/" || resolved === d || resolved.startsWith(`${d}/`);
      if (holds && (!best || best.dir.length <= d.length)) best = me;
    }
    if (best && statDev(sys, best.dir) !== dev) best = undefined;
  }
  return best ?? mounts.find((me) => statDev(sys, me.dir) === dev);
}

interface Units {
  /** Bytes per output block, or 0 for human-readable sizes. */
  block: number;
  /** Human-readable base (1024 for -h, 1000 for -H). */
  humanBase: number;
  /** Letter appended to every number (-B K). */
  suffix: string;
  header: string;
}

export const gnuDf: ProgramDef = {
  name: "df",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const scale = lastFlag(flagOrder(sys.argv, SPEC), "hHkmB");
    const units: Units = { block: 1024, humanBase: 0, suffix: "", header: "1K-blocks" };
    if (scale === "h" || scale === "H") {
      units.block = 0;
      units.humanBase = scale === "h" ? 1024 : 1000;
      units.header = "Size";
    } else if (scale === "m") {
      units.block = 1024 * 1024;
    } else if (scale === "B") {
      const arg = parsed.args.B?.at(-1) ?? "";
      const b = parseBlockSize(arg);
      if (!b) {
        yield* warn(sys, `invalid --block-size argument ${quoteAlways(arg)}`);
        return 1;
      }
      units.block = b.size;
      units.suffix = b.suffix;
    }
    if (units.block) units.header = f.P ? `${units.block}-blocks` : `${blockSizeName(units.block)}-blocks`;
    const inodes = !!f.i;
    const types = parsed.args.t ?? [];
    const excluded = parsed.args.x ?? [];
    const typeWanted = (t: string) => (types.length === 0 || types.includes(t)) && !excluded.includes(t);
    const all = !!f.a;
    const mounts = readMountinfo(sys);
    let status = 0;
    const chosen: MountEntry[] = [];
    if (parsed.operands.length === 0) {
      const wanted = (me: MountEntry) => (all || !me.dummy) && typeWanted(me.type);
      for (const me of all ? mounts : oneMountPerDevice(sys, mounts, wanted)) if (wanted(me)) chosen.push(me);
    } else {
      for (const file of parsed.operands) {
        let dev: number;
        try {
          dev = sys.stat(file).dev;
        } catch (e) {
          yield* warn(sys, `${quoteIfNeeded(file)}: ${asErrno(e).message}`);
          status = 1;
          continue;
        }
        const me = mountOf(sys, mounts, file, dev);
        if (me && typeWanted(me.type)) chosen.push(me);
      }
    }
    const rows: string[][] = [];
    for (const me of chosen) {
      let fs: ReturnType<Sys["statfs"]>;
      try {
        fs = sys.statfs(me.dir);
      } catch (e) {
        yield* warn(sys, `${quoteIfNeeded(me.dir)}: ${asErrno(e).message}`);
        status = 1;
        continue;
      }
      const total = inodes ? fs.files : fs.blocks;
      // Dummy-like file systems with no blocks at all show only with -a or when named.
      if (fs.blocks === 0 && !all && parsed.operands.length === 0) continue;
      const free = inodes ? fs.ffree : fs.bfree;
      const avail = inodes ? fs.ffree : fs.bavail;
      const used = total - free;
      const unitBytes = inodes ? 1 : fs.bsize;
      const show = (n: number) => {
        if (units.block === 0) return humanSize(n * unitBytes, units.humanBase);
        return `${Math.ceil((n * unitBytes) / (inodes ? 1 : units.block))}${units.suffix}`;
      };
      const pct = used + avail === 0 ? "-" : `${Math.ceil((used * 100) / (used + avail) - 1e-9)}%`;
      rows.push([me.source, ...(f.T ? [me.type] : []), show(total), show(used), show(avail), pct, me.dir]);
    }
    if (rows.length === 0) {
      if (status === 0 || parsed.operands.length === 0) yield* warn(sys, "no file systems processed");
      return 1;
    }
    const header = inodes
      ? ["Filesystem", ...(f.T ? ["Type"] : []), "Inodes", "IUsed", "IFree", "IUse%", "Mounted on"]
      : ["Filesystem", ...(f.T ? ["Type"] : []), units.header, "Used", units.block === 0 ? "Avail" : "Available", f.P ? "Capacity" : "Use%", "Mounted on"];
    yield* out(sys, table([header, ...rows], f.T ? 7 : 6));
    return status;
  },
};

/** Cells padded to their column's width (at least df.c's minimum), the last column unpadded. */
function table(rows: string[][], columns: number): string {
  const typed = columns === 7;
  const minimum = typed ? [14, 4, 5, 5, 5, 4, 0] : [14, 5, 5, 5, 4, 0];
  const leftAligned = (col: number) => col === 0 || col === columns - 1 || (typed && col === 1);
  const widths = minimum.map((min, col) => Math.max(min, ...rows.map((r) => r[col].length)));
  return rows
    .map((r) =>
      r
        .map((cell, col) => {
          if (col === columns - 1) return cell;
          return leftAligned(col) ? cell.padEnd(widths[col]) : cell.padStart(widths[col]);
        })
        .join(" "),
    )
    .join("\n")
    .concat("\n");
}
