/**
 * What a started `busybox sleep 1000` container adds to the heap, by V8 object type (a measurement,
 * not a test): two heap snapshots around N starts, objects new in the second, summed by type.
 *   node --expose-gc --import tsx bench/heap-objects.ts [containers]
 * Writes /tmp/heap-{before,after}.heapsnapshot (open them in Chrome's DevTools to dig further).
 */
import { writeHeapSnapshot } from "node:v8";
import { readFileSync } from "node:fs";
import { run } from "../src/kernel";
import { hostWithBusybox, startSleeper } from "./host";

const N = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const { k, d } = hostWithBusybox();
const start = () => startSleeper(k, d);
for (let i = 0; i < 10; i++) start();
run(k, { instant: false });
gc();
gc();
const f1 = writeHeapSnapshot("/tmp/heap-before.heapsnapshot");
for (let i = 0; i < N; i++) {
  start();
  if (i % 50 === 49) run(k, { instant: false });
}
run(k, { instant: false });
gc();
gc();
const f2 = writeHeapSnapshot("/tmp/heap-after.heapsnapshot");
/** Each node of a heap snapshot: id -> [type, name, self size]. */
function load(file: string): Map<number, [string, string, number]> {
  const snap = JSON.parse(readFileSync(file, "utf8"));
  const meta = snap.snapshot.meta;
  const fields: string[] = meta.node_fields;
  const [type, name, id, size] = ["type", "name", "id", "self_size"].map((f) => fields.indexOf(f));
  const types: string[] = meta.node_types[0];
  const nodes: number[] = snap.nodes;
  const out = new Map<number, [string, string, number]>();
  for (let i = 0; i < nodes.length; i += fields.length) out.set(nodes[i + id], [types[nodes[i + type]], snap.strings[nodes[i + name]], nodes[i + size]]);
  return out;
}

const before = load(f1);
const byKind = new Map<string, [number, number]>();
let total = 0;
for (const [id, [type, name, size]] of load(f2)) {
  if (before.has(id)) continue;
  // Strings by kind only (their names are their text); other objects by type and constructor.
  const kind = type.endsWith("string") ? type : `${type}:${name.slice(0, 40)}`;
  const e = byKind.get(kind) ?? [0, 0];
  e[0] += size;
  e[1]++;
  byKind.set(kind, e);
  total += size;
}
console.log(`new objects per container: ${(total / N / 1024).toFixed(2)} KB (bytes, count, kind)`);
for (const [kind, [size, n]] of [...byKind].sort((x, y) => y[1][0] - x[1][0]).slice(0, 45))
  console.log((size / N).toFixed(0).padStart(7), (n / N).toFixed(1).padStart(6), kind);
