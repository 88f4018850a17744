/**
 * Where the heap of a started `busybox sleep 1000` container goes (a measurement, not a test):
 *   node --expose-gc --import tsx bench/heap-breakdown.ts [containers]
 * Starts the containers, then drops what they added part by part (runtime state, records, world
 * sections) and prints the heap each drop frees, in KB per container. Deterministic; the parts
 * are dropped in order, so a part shared with a later one is counted where it is finally freed.
 */
import { run } from "../src/kernel";
import type { World } from "../src/kernel/world";
import { hostWithBusybox, startSleeper } from "./host";

const N = Number(process.argv[2] ?? 1000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};


const { k, d } = hostWithBusybox();
const start = () => startSleeper(k, d);
for (let i = 0; i < 10; i++) start();
run(k, { instant: false });

type Table = Record<string, unknown>;
const sections = ["procs", "files", "cgroups", "ns", "mounts"] as const;
const w0 = k.w as unknown as Record<string, Table>;
const before = new Map<string, Set<string>>(sections.map((s) => [s, new Set(Object.keys(w0[s]))]));
const fsBefore = new Set(Object.keys(k.w.fs));
const ext4 = Object.values(k.w.fs).find((sb) => sb.kind === "disk" && sb.fstype === "ext4") as { inodes: Table };
const inodesBefore = new Set(Object.keys(ext4.inodes));
const rtBefore = new Set(k.rt.keys());
const docker = (k.w as World).ext.docker as { containers: Table; events: unknown[] };
const containersBefore = new Set(Object.keys(docker.containers));
const eventsBefore = docker.events.length;

const h0 = heap();
for (let i = 0; i < N; i++) {
  start();
  if (i % 50 === 49) run(k, { instant: false });
}
run(k, { instant: false });
let last = heap();
console.log(`${"heap per container".padEnd(34)} ${((last - h0) / N / 1024).toFixed(2)} KB`);

const drop = (name: string, f: () => void) => {
  f();
  const h = heap();
  console.log(`  ${name.padEnd(32)} ${((last - h) / N / 1024).toFixed(2)}`);
  last = h;
};
const added = (table: Table, old: Set<string>) => Object.keys(table).filter((key) => !old.has(key));
const w = k.w as unknown as Record<string, Table>;
drop("process runtime (k.rt)", () => {
  for (const pid of [...k.rt.keys()]) if (!rtBefore.has(pid)) k.rt.delete(pid);
});
drop("outside listeners", () => {
  k.udpResponders.clear();
  k.exitWatchers.clear();
  k.outside.sinks.clear();
  k.timers.clear();
  k.chanWaiters.clear();
});
drop("container records", () => {
  for (const id of added(docker.containers, containersBefore)) delete docker.containers[id];
});
drop("engine events", () => {
  docker.events.length = eventsBefore;
});
for (const s of sections)
  drop(s, () => {
    for (const key of added(w[s], before.get(s)!)) delete w[s][key];
  });
const newInodes = new Set(added(ext4.inodes, inodesBefore).map(Number));
drop("host ext4 inodes", () => {
  for (const ino of newInodes) delete ext4.inodes[ino];
});
drop("host directory entries", () => {
  for (const inode of Object.values(ext4.inodes) as Array<{ entries?: Record<string, number> }>)
    for (const [name, ino] of Object.entries(inode.entries ?? {})) if (newInodes.has(ino)) delete inode.entries![name];
});
drop("network endpoints, cgroup children", () => {
  const st = docker as unknown as { networks: Record<string, { endpoints?: Table; containers?: Table }> };
  for (const n of Object.values(st.networks)) {
    for (const id of Object.keys(n.endpoints ?? {})) if (!containersBefore.has(id)) delete n.endpoints![id];
    for (const id of Object.keys(n.containers ?? {})) if (!containersBefore.has(id)) delete n.containers![id];
  }
  for (const p of Object.values(k.w.procs)) p.children = p.children.filter((c) => k.w.procs[c] !== undefined);
});
const byType = new Map<string, string[]>();
for (const id of added(k.w.fs, fsBefore)) {
  const sb = k.w.fs[id];
  const type = sb.kind === "disk" ? sb.fstype : sb.kind;
  byType.set(type, [...(byType.get(type) ?? []), id]);
}
for (const [type, ids] of byType)
  drop(`filesystems: ${type}`, () => {
    for (const id of ids) delete k.w.fs[id];
  });
console.log(`${"  not attributed".padEnd(34)} ${((last - h0) / N / 1024).toFixed(2)}`);
