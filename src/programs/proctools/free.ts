/**
 * free: busybox 1.35 (procps/free.c). Everything comes from /proc/meminfo: buff/cache is
 * Buffers + Cached + SReclaimable, used is what the rest leaves of MemTotal. The first option
 * letter of the first argument picks the unit.
 */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out } from "../lib/io";
import { parseMeminfo } from "../lib/meminfo";

const USAGE = "free [-bkmgh]\n\nDisplay free and used memory";


/** busybox make_human_readable_str(): a fixed unit (rounded), or auto-scaled with one decimal. */
export function humanReadable(bytes: number, displayUnit: number): string {
  if (bytes === 0) return "0";
  if (displayUnit) return String(Math.floor((bytes + Math.floor(displayUnit / 2)) / displayUnit));
  const units = ["", "K", "M", "G", "T", "P", "E"];
  let val = bytes;
  let frac = 0;
  let u = 0;
  while (val >= 1024) {
    u++;
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
  }
  if (u === 0) return String(val);
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  return `${val}.${frac}${units[u]}`;
}

export const free: ProgramDef = {
  name: "free",
  *main(sys) {
    try {
      getopt(sys.argv, { flags: "bkmgh" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
      throw e;
    }
    const first = sys.argv[1]?.startsWith("-") ? sys.argv[1][1] : "k";
    const unit = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, h: 0 }[first] ?? 1024;
    const mi = parseMeminfo(sys.readFile("/proc/meminfo"));
    const kb = (name: string) => (mi[name] ?? 0) * 1024;
    const total = kb("MemTotal");
    const freeMem = kb("MemFree");
    const cached = kb("Cached") + kb("Buffers") + kb("SReclaimable");
    const fmt = (v: number) => humanReadable(v, unit).padStart(12);
    const swapTotal = kb("SwapTotal");
    const swapFree = kb("SwapFree");
    yield* out(
      sys,
      `${"".padStart(7)}${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => h.padStart(12)).join("")}\n` +
        `Mem:   ${[total - freeMem - cached, freeMem, kb("Shmem"), cached, kb("MemAvailable")].reduce((s, v) => s + fmt(v), fmt(total))}\n` +
        `Swap:  ${fmt(swapTotal)}${fmt(swapTotal - swapFree)}${fmt(swapFree)}\n`,
    );
    return 0;
  },
};
