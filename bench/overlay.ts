/**
 * Overlay driver cost against the number of lower layers (a measurement, not a test):
 *   npx tsx bench/overlay.ts
 * A container-like overlay (upper, init directory, n image layers) on the booted host.
 * Goal: a lookup through 125 layers costs within 2x of one layer (the lower-stack cache).
 * NO_STACKS=1 turns off Error stack traces, to show what thrown Errno objects cost.
 */
if (process.env.NO_STACKS) Error.stackTraceLimit = 0;
import type { Kernel } from "../src/kernel";
import type { FileEntry } from "../src/kernel/fs/entries";
import { layerDigest } from "../src/kernel/fs/layer";
import { addFs, anonDev, attachMount } from "../src/kernel/fs/mount";
import { overlayMountData } from "../src/kernel/fs/overlay";
import { graftLayer, hostWalker, mkdirp } from "../src/engine/hostfs";
import { bootSandboxHost } from "../src/session/host";

/** Microseconds per call: the best of several rounds (the least disturbed by GC and JIT). */
function perCall(reps: number, f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) f();
    best = Math.min(best, ((performance.now() - t0) / reps) * 1000);
  }
  return best;
}

function entry(path: string, content?: string): FileEntry {
  return content === undefined
    ? { path, type: "dir", mode: 0o755, uid: 0, gid: 0, mtime: 0 }
    : { path, type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, content };
}

/** n layers that all touch /usr/share and /etc (so those directories merge n ways). */
function container(n: number): Kernel {
  const k = bootSandboxHost(1);
  k.transact(() => {
    const dirs: string[] = [];
    for (let i = 0; i < n; i++) {
      const entries = [
        entry("etc"),
        entry(`etc/conf${i}`, `layer ${i}\n`),
        entry("usr/share"),
        entry(`usr/share/layer${i}`),
        entry(`usr/share/layer${i}/file`, `layer ${i}\n`),
        ...(i === 0 ? [entry("usr/lib/deep/target.txt", "x")] : []),
      ];
      const digest = layerDigest(entries);
      k.layers.add(entries, digest);
      graftLayer(k, `/var/lib/bench/${n}/${i}`, digest);
      dirs.unshift(`/var/lib/bench/${n}/${i}`);
    }
    // Like Docker: the container's init layer, a plain directory, above the image's layers.
    mkdirp(k, `/var/lib/bench/${n}/init/etc/hostname`);
    dirs.unshift(`/var/lib/bench/${n}/init`);
    for (const d of ["/mnt/upper", "/mnt/work", "/mnt/merged"]) mkdirp(k, d);
    const w = hostWalker(k);
    const at = k.vfs.walk(w, "/mnt/merged", true);
    const data = `lowerdir=${dirs.join(":")},upperdir=/mnt/upper,workdir=/mnt/work`;
    const sb = addFs(k, (id) => overlayMountData(k, id, anonDev(k), w, data));
    attachMount(k, k.w.initNs.mnt, at, {
      fs: sb.id,
      root: "",
      source: "overlay",
      fstype: "overlay",
      readonly: false,
      options: [],
    });
  });
  return k;
}

function measure(n: number) {
  const k = container(n);
  const w = hostWalker(k);
  const stat = (p: string) => k.vfs.stat(k.vfs.walk(w, p, true));
  const t0 = performance.now();
  stat("/mnt/merged/usr/lib/deep/target.txt");
  const cold = (performance.now() - t0) * 1000;
  const warm = perCall(2000, () => stat("/mnt/merged/usr/lib/deep/target.txt"));
  const missing = perCall(2000, () => {
    try {
      stat("/mnt/merged/etc/nope");
    } catch {
      // ENOENT expected
    }
  });
  const readdir = perCall(200, () => k.vfs.readdir(k.vfs.walk(w, "/mnt/merged/etc", true)));
  let i = 0;
  const copyUp = perCall(50, () => {
    k.transact(() => k.vfs.setattr(w, `/mnt/merged/etc/conf${i++ % n}`, { perm: 0o600 }));
  });
  return { cold, warm, missing, readdir, copyUp };
}

const one = measure(1);
const many = measure(125);
const rows: Array<[string, number, number]> = [
  ["first lookup (cold cache), µs", one.cold, many.cold],
  ["stat of a bottom-layer file, µs", one.warm, many.warm],
  ["stat of a missing name, µs", one.missing, many.missing],
  ["readdir of /etc (merged n ways), µs", one.readdir, many.readdir],
  ["chmod (copy-up, then in place), µs", one.copyUp, many.copyUp],
];
console.log(`${"".padEnd(40)} ${"1 layer".padStart(10)} ${"125 layers".padStart(12)} ${"ratio".padStart(7)}`);
for (const [name, a, b] of rows)
  console.log(
    `${name.padEnd(40)} ${a.toFixed(1).padStart(10)} ${b.toFixed(1).padStart(12)} ${(b / a).toFixed(2).padStart(7)}`,
  );
const ok = many.warm <= one.warm * 2;
console.log(`goal: lookup through 125 layers within 2x of 1 layer: ${ok ? "met" : "NOT met"}`);
