/**
 * Differential test of the overlay driver against this machine's real overlayfs: random layer
 * trees and operation sequences run on both; each operation's errno, the merged tree, the upper
 * directory (whiteouts, opaque marks) and the work directory must match.
 */
import * as fs from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { realView, simView, type View } from "./overlay-compare";
import {
  applyReal,
  canMountOverlay,
  mountReal,
  opaqueDirs,
  umountReal,
  walkReal,
  writeRealTree,
} from "./overlay-real";
import {
  attempt,
  mountLayer,
  mountOverlay,
  newSimHost,
  type OpResult,
  type Sim,
  treeToEntries,
  writeTree,
} from "./overlay-sim";
import { type Case, caseArb, describeOp, type Op } from "./overlay-spec";

// Fixed for CI; OVL_SEED / OVL_CASES explore further locally.
const SEED = Number(process.env.OVL_SEED ?? 20261127);
const CASES = Number(process.env.OVL_CASES ?? 200);
const BASE = "/tmp";

interface Outcome {
  results: string[];
  merged: View;
  upper: View | null;
  /** $workdir/work: what Linux leaves there (the shared whiteout), by type and link count. */
  work: string[];
}

function mountData(root: string, c: Case): string {
  const lower = `lowerdir=${c.lowers.map((_, i) => `${root}/l${i}`).join(":")}`;
  return c.upper ? `${lower},upperdir=${root}/upper,workdir=${root}/work` : lower;
}

/** Operations that change an object in place: st_dev/st_ino must survive them (copy-up included). */
const IN_PLACE = new Set(["write", "append", "openw", "truncate", "chmod", "utimes"]);

function inodeOf(stat: () => { dev: number; ino: number }): string | null {
  try {
    const st = stat();
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** Whether an in-place operation kept the object's inode number, as the results line shows it. */
function inodeNote(result: string, before: string | null, after: () => string | null): string {
  if (result !== "ok" || before === null) return "";
  return after() === before ? " (same inode)" : " (new inode)";
}

function runReal(c: Case): Outcome {
  const root = fs.mkdtempSync(join(BASE, "ovl-diff-"));
  const merged = `${root}/merged`;
  let mounted = false;
  try {
    c.lowers.forEach((t, i) => {
      writeRealTree(`${root}/l${i}`, t);
    });
    if (c.upper) {
      writeRealTree(`${root}/upper`, c.upper);
      fs.mkdirSync(`${root}/work`);
    }
    fs.mkdirSync(merged);
    mountReal(mountData(root, c), merged);
    mounted = true;
    const results = c.ops.map((o) => {
      const ino = () => inodeOf(() => fs.statSync(`${merged}/${(o as { path: string }).path}`));
      const before = IN_PLACE.has(o.op) ? ino() : null;
      const r = applyReal(merged, o);
      return `${describeOp(o)}: ${r}${inodeNote(r, before, ino)}`;
    });
    const out: Outcome = {
      results,
      merged: realView(walkReal(merged), fs.statSync(merged).dev, null),
      upper: c.upper ? realView(walkReal(`${root}/upper`), null, opaqueDirs(`${root}/upper`)) : null,
      work: c.upper
        ? fs
            .readdirSync(`${root}/work/work`)
            .map((n) => fs.lstatSync(`${root}/work/work/${n}`))
            .map((st) => `${st.isCharacterDevice() && st.rdev === 0 ? "whiteout" : "other"} n=${st.nlink}`)
            .sort()
        : [],
    };
    return out;
  } finally {
    if (mounted) umountReal(merged);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function applySim(sim: Sim, o: Op): OpResult {
  const p = (rel: string) => `/merged/${rel}`;
  const { posix } = sim;
  return attempt(() => {
    switch (o.op) {
      case "write":
        return posix.writeFile(p(o.path), o.data);
      case "append":
        return posix.writeFile(p(o.path), o.data, true);
      case "openw":
        return void posix.openWrite(p(o.path), {});
      case "truncate":
        return posix.truncate(p(o.path), o.size);
      case "chmod":
        return posix.chmod(p(o.path), o.mode);
      case "utimes":
        return posix.utimes(p(o.path), o.time);
      case "mkdir":
        return posix.mkdir(p(o.path), 0o755);
      case "rmdir":
        return posix.rmdir(p(o.path));
      case "unlink":
        return posix.unlink(p(o.path));
      case "rename":
        return posix.rename(p(o.from), p(o.to));
      case "link":
        return posix.link(p(o.from), p(o.to));
      case "symlink":
        return posix.symlink(o.target, p(o.path));
    }
  });
}

function runSim(c: Case): Outcome {
  const sim = newSimHost();
  c.lowers.forEach((t, i) => {
    if (c.lowerKind === "layer" || (c.lowerKind === "mixed" && i > 0)) {
      sim.posix.mkdirs(`/l${i}`);
      mountLayer(sim, `/l${i}`, treeToEntries(t));
    } else writeTree(sim, `/l${i}`, t);
  });
  if (c.upper) {
    writeTree(sim, "/upper", c.upper);
    sim.posix.mkdirs("/work");
  }
  sim.posix.mkdirs("/merged");
  mountOverlay(sim, "/merged", mountData("", c));
  const results = c.ops.map((o) => {
    sim.h.clockUsec += 1e6;
    const ino = () => inodeOf(() => sim.posix.stat(`/merged/${(o as { path: string }).path}`, true));
    const before = IN_PLACE.has(o.op) ? ino() : null;
    const r = applySim(sim, o);
    return `${describeOp(o)}: ${r}${inodeNote(r, before, ino)}`;
  });
  const ovlDev = sim.vfs.stat(sim.vfs.walk(sim.w, "/merged", true)).dev;
  return {
    results,
    merged: simView(sim, "/merged", ovlDev, false),
    upper: c.upper ? simView(sim, "/upper", null, true) : null,
    work: c.upper
      ? simView(sim, "/work/work", null, false)
          .entries.map(
            (l) => `${l.split(" ")[1] === "whiteout" ? "whiteout" : "other"} n=${/ n=(\d+)/.exec(l)![1]}`,
          )
          .sort()
      : [],
  };
}

const unavailable = canMountOverlay(BASE);
if (unavailable && process.env.CI)
  throw new Error(`overlay differential tests must run in CI: ${unavailable}`);
if (unavailable) console.warn(`overlay differential tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)("overlay driver vs the real overlayfs", () => {
  it(`matches on ${CASES} random cases (seed ${SEED})`, () => {
    let cases = 0;
    let ops = 0;
    const errnos = new Map<string, number>();
    fc.assert(
      fc.property(caseArb, (c) => {
        const real = runReal(c);
        const sim = runSim(c);
        expect(sim).toEqual(real);
        cases++;
        ops += c.ops.length;
        for (const r of real.results) {
          const code = r.slice(r.lastIndexOf(": ") + 2);
          errnos.set(code, (errnos.get(code) ?? 0) + 1);
        }
      }),
      { seed: SEED, numRuns: CASES },
    );
    const summary = [...errnos].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
    console.log(
      `overlay differential: ${cases} cases, ${ops} operations, all matched (${summary.join(", ")})`,
    );
    expect(cases).toBe(CASES);
  });
});
