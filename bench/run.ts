/**
 * Benchmarks of the engine (a measurement, not a test): prints each figure (median of several runs)
 * beside its goal and writes them to bench/results/latest.json.
 *   npm run bench
 * Where the heap of a container goes: bench/heap-breakdown.ts; CPU profiles of starts:
 * bench/start-profile.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { advance, type Kernel, run } from "../src/kernel";
import { layerDigest } from "../src/kernel/fs/layer";
import type { FileEntry } from "../src/kernel/fs/entries";
import { addFs, anonDev, attachMount } from "../src/kernel/fs/mount";
import { overlayMountData } from "../src/kernel/fs/overlay";
import { graftLayer, hostWalker, mkdirp } from "../src/engine/hostfs";
import { bootSandboxHost } from "../src/session/host";
import { hostWithBusybox, startSleeper } from "./host";

interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  ok?: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}



function settle(k: Kernel) {
  run(k, { instant: false });
}

/**
 * One `docker run -d busybox sleep 1000` in the engine: the median of all samples taken on several
 * fresh hosts, each warmed up (JIT) with unmeasured starts first. On a loaded machine compare runs
 * relatively, or use CPU profiles (bench/start-profile.ts).
 */
function runLatency(hosts = 3, warmup = 10, samplesPerHost = 20): number {
  const samples: number[] = [];
  for (let h = 0; h < hosts; h++) {
    const { k, d } = hostWithBusybox();
    for (let i = 0; i < warmup; i++) {
      startSleeper(k, d);
      settle(k);
    }
    for (let i = 0; i < samplesPerHost; i++)
      samples.push(
        time(() => {
          startSleeper(k, d);
          settle(k);
        }),
      );
  }
  return median(samples);
}

function thousand(): { startAll: number; tick: number; heapPerContainer: number } {
  const { k, d } = hostWithBusybox();
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 10; i++) startSleeper(k, d);
  settle(k);
  // Twice: the first collection can leave objects that only the second frees (weak references).
  gc?.();
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const startAll = time(() => {
    for (let i = 0; i < 1000; i++) {
      startSleeper(k, d);
      if (i % 50 === 49) settle(k);
    }
    settle(k);
  });
  gc?.();
  gc?.();
  const heapPerContainer = (process.memoryUsage().heapUsed - heap0) / 1000;
  const ticks: number[] = [];
  for (let i = 0; i < 20; i++) ticks.push(time(() => advance(k, 10_000)));
  return { startAll, tick: median(ticks), heapPerContainer };
}

/** stat() of a file in the bottom layer, through an overlay of n layers (and an empty upper dir). */
function lookup(n: number): number {
  const k = bootSandboxHost(1);
  const dirs: string[] = [];
  k.transact(() => {
    for (let i = 0; i < n; i++) {
      const entries: FileEntry[] = [
        { path: `usr/share/layer${i}`, type: "dir", mode: 0o755, uid: 0, gid: 0, mtime: 0 },
        { path: `usr/share/layer${i}/file`, type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 0, content: `layer ${i}\n` },
        ...(i === 0 ? [{ path: "usr/lib/deep/target.txt", type: "file" as const, mode: 0o644, uid: 0, gid: 0, mtime: 0, content: "x" }] : []),
      ];
      const digest = layerDigest(entries);
      k.layers.add(entries, digest);
      const dir = `/var/lib/bench/${i}`;
      graftLayer(k, dir, digest);
      dirs.unshift(dir);
    }
    for (const d of ["/mnt/merged", "/var/lib/bench/upper", "/var/lib/bench/work"]) mkdirp(k, d);
    const w = hostWalker(k);
    const at = k.vfs.walk(w, "/mnt/merged", true);
    const opts = `lowerdir=${dirs.join(":")},upperdir=/var/lib/bench/upper,workdir=/var/lib/bench/work`;
    const sb = addFs(k, (id) => overlayMountData(k, id, anonDev(k), w, opts));
    attachMount(k, k.w.initNs.mnt, at, { fs: sb.id, root: k.driver(sb).root(k, sb), source: "overlay", fstype: "overlay", readonly: false, options: [] });
  });
  const w = hostWalker(k);
  const samples: number[] = [];
  for (let r = 0; r < 7; r++)
    samples.push(
      time(() => {
        for (let i = 0; i < 2000; i++) k.vfs.stat(k.vfs.walk(w, "/mnt/merged/usr/lib/deep/target.txt", true));
      }) / 2000,
    );
  return median(samples);
}

function main() {
  const figures: Figure[] = [];
  const latency = runLatency();
  figures.push({ name: "docker run -d busybox sleep 1000 (engine)", value: latency, unit: "ms", goal: "<= 1 ms", ok: latency <= 1 });
  const t = thousand();
  figures.push({ name: "1,000 containers started", value: t.startAll, unit: "ms" });
  figures.push({ name: "one scheduler tick, 1,000 running containers", value: t.tick, unit: "ms", goal: "<= 2 ms", ok: t.tick <= 2 });
  figures.push({ name: "heap per extra container (same image)", value: t.heapPerContainer / 1024, unit: "KB", goal: "<= 20 KB", ok: t.heapPerContainer / 1024 <= 20 });
  const one = lookup(1);
  const many = lookup(125);
  figures.push({ name: "file lookup through 1 layer", value: one * 1000, unit: "µs" });
  figures.push({ name: "file lookup through 125 layers", value: many * 1000, unit: "µs", goal: "within 2x of 1 layer", ok: many <= one * 2 });
  for (const f of figures)
    console.log(`${f.name.padEnd(50)} ${f.value.toFixed(3).padStart(10)} ${f.unit.padEnd(3)} ${f.goal ? `(goal ${f.goal}: ${f.ok ? "met" : "NOT met"})` : ""}`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/latest.json", `${JSON.stringify({ node: process.version, figures }, null, 2)}\n`);
}

main();
