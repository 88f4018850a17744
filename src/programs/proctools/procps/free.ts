/**
 * procps-ng 4.0.2's free: /proc/meminfo in KiB columns (or -b/-m/-g..., -h), "used" as MemTotal
 * minus MemAvailable, buff/cache as Buffers + Cached + SReclaimable (-w splits them), -l, -t.
 */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { err, out } from "../../lib/io";
import { optionsOrUsage, versionOut } from "./usage";
import { parseMeminfo } from "../../lib/meminfo";

const USAGE = `
Usage:
 free [options]

Options:
 -b, --bytes         show output in bytes
     --kilo          show output in kilobytes
     --mega          show output in megabytes
     --giga          show output in gigabytes
     --tera          show output in terabytes
     --peta          show output in petabytes
 -k, --kibi          show output in kibibytes
 -m, --mebi          show output in mebibytes
 -g, --gibi          show output in gibibytes
     --tebi          show output in tebibytes
     --pebi          show output in pebibytes
 -h, --human         show human-readable output
     --si            use powers of 1000 not 1024
 -l, --lohi          show detailed low and high memory statistics
 -t, --total         show total for RAM + swap
 -v, --committed     show committed memory and commit limit
 -s N, --seconds N   repeat printing every N seconds
 -c N, --count N     repeat printing N times, then exit
 -w, --wide          wide output

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

const OPTIONS = [
  { short: "b", long: "bytes" },
  { long: "kilo" },
  { long: "mega" },
  { long: "giga" },
  { long: "tera" },
  { long: "peta" },
  { short: "k", long: "kibi" },
  { short: "m", long: "mebi" },
  { short: "g", long: "gibi" },
  { long: "tebi" },
  { long: "pebi" },
  { short: "h", long: "human" },
  { long: "si" },
  { short: "l", long: "lohi" },
  { short: "t", long: "total" },
  { short: "v", long: "committed" },
  { short: "s", long: "seconds", arg: true },
  { short: "c", long: "count", arg: true },
  { short: "w", long: "wide" },
  { long: "help" },
  { short: "V", long: "version" },
];

/** Bytes of each unit option, powers of 1024 or (kilo..peta) of 1000. */
const UNITS: Record<string, number> = {
  b: 1, "--kilo": 1e3, "--mega": 1e6, "--giga": 1e9, "--tera": 1e12, "--peta": 1e15,
  k: 1024, m: 1024 ** 2, g: 1024 ** 3, "--tebi": 1024 ** 4, "--pebi": 1024 ** 5,
};


/** free.c's scale_size for -h: the shortest of "%.1f" / "%ld" with a unit that fits 4 characters. */
function human(kib: number, si: boolean): string {
  const bytes = kib * 1024;
  if (`${bytes}B`.length <= 4) return `${bytes}B`;
  const base = si ? 1000 : 1024;
  const suffix = si ? "" : "i";
  for (const [i, unit] of ["K", "M", "G", "T", "P", "E"].entries()) {
    const x = bytes / base ** (i + 1);
    const tenths = `${x.toFixed(1)}${unit}`;
    if (tenths.length <= 4) return `${tenths}${suffix}`;
    const whole = `${Math.trunc(x)}${unit}`;
    if (whole.length <= 4) return `${whole}${suffix}`;
  }
  return `${bytes}B`;
}

function* freeMain(sys: Sys): Gen<number> {
  const parsed = yield* optionsOrUsage(sys, OPTIONS, USAGE);
  if (!parsed) return 1;
  let unit = 1024;
  let seconds: number | undefined;
  let count: number | undefined;
  let isHuman = false;
  let si = false;
  const flags = new Set<string>();
  for (const [o, v] of parsed.opts) {
    if (o === "--help") {
      yield* out(sys, USAGE);
      return 0;
    }
    if (o === "V") return yield* versionOut(sys, "free");
    if (UNITS[o] !== undefined) unit = UNITS[o];
    else if (o === "h") isHuman = true;
    else if (o === "--si") si = true;
    else if (o === "s" || o === "c") {
      const n = Number(v);
      if (!(n > 0) || (o === "c" && !Number.isInteger(n))) {
        yield* err(sys, o === "s" ? `free: seconds argument \`${v}' is not positive number\n` : `free: failed to parse count argument: '${v}'\n`);
        return 1;
      }
      if (o === "s") seconds = n;
      else count = n;
    } else flags.add(o);
  }
  // --si makes the binary units decimal too (-m is then 10^6 bytes).
  const divisor = si && unit >= 1024 ? 1000 ** Math.round(Math.log(unit) / Math.log(1024)) : unit;
  const fmt = (v: number) => (isHuman ? human(v, si) : String(Math.floor((v * 1024) / divisor))).padStart(11);
  const repeat = seconds !== undefined || count !== undefined;
  for (let i = 0; count === undefined || i < count; i++) {
    if (i > 0) yield* sys.sleep((seconds ?? 1) * 1000);
    yield* out(sys, table(sys, { wide: flags.has("w"), lohi: flags.has("l"), total: flags.has("t") }, fmt) + (repeat ? "\n" : ""));
    if (!repeat) break;
  }
  return 0;
}

function table(sys: Sys, show: { wide: boolean; lohi: boolean; total: boolean }, fmt: (kib: number) => string): string {
  const row = (label: string, values: number[]) => `${label.padEnd(9)}${values.map(fmt).join(" ")}\n`;
  const mi = parseMeminfo(sys.readFile("/proc/meminfo"));
  const kib = (name: string) => mi[name] ?? 0;
  const total = kib("MemTotal");
  const free = kib("MemFree");
  const available = kib("MemAvailable");
  const buffers = kib("Buffers");
  const cache = kib("Cached") + kib("SReclaimable");
  const used = total - available;
  const wide = show.wide;
  let text = wide
    ? "               total        used        free      shared     buffers       cache   available\n"
    : "               total        used        free      shared  buff/cache   available\n";
  text += row("Mem:", wide ? [total, used, free, kib("Shmem"), buffers, cache, available] : [total, used, free, kib("Shmem"), buffers + cache, available]);
  if (show.lohi) {
    text += row("Low:", [total, total - free, free]);
    text += row("High:", [0, 0, 0]);
  }
  const swapTotal = kib("SwapTotal");
  const swapFree = kib("SwapFree");
  text += row("Swap:", [swapTotal, swapTotal - swapFree, swapFree]);
  if (show.total) text += row("Total:", [total + swapTotal, used + swapTotal - swapFree, free + swapFree]);
  return text;
}

export const procpsFree: ProgramDef = { name: "procps:free", main: freeMain };
