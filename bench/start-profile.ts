/**
 * Starting `busybox sleep 1000` containers, for CPU profiles of the engine's start path:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/start-profile.ts [per host] [hosts]
 * Each host starts a few containers unmeasured first (JIT warm-up), then `per host` measured ones.
 * Printed: the mean, the best host's mean (the least disturbed on a busy machine) and CPU time.
 */
import { hostWithBusybox, startSleeper } from "./host";

const perHost = Number(process.argv[2] ?? 40);
const hosts = Number(process.argv[3] ?? 10);



let measured = 0;
let cpu = 0;
let best = Number.POSITIVE_INFINITY;
for (let h = 0; h < hosts; h++) {
  const { k, d } = hostWithBusybox();
  for (let i = 0; i < 5; i++) startSleeper(k, d);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < perHost; i++) startSleeper(k, d);
  const c1 = process.cpuUsage(c0);
  cpu += (c1.user + c1.system) / 1000;
  measured += performance.now() - t0;
  best = Math.min(best, (performance.now() - t0) / perHost);
}
const n = hosts * perHost;
console.log(
  `${hosts} hosts x ${perHost} containers: ${(measured / n).toFixed(3)} ms each, best host ${best.toFixed(3)} ms (CPU time ${(cpu / n).toFixed(3)} ms)`,
);
