/** procps-ng 4.0.2's uptime: " HH:MM:SS up T,  N user,  load average: a, b, c", -p, -s. */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { out } from "../../lib/io";
import { countUsers } from "./users";
import { optionsOrUsage, versionOut } from "./usage";

const USAGE = `
Usage:
 uptime [options]

Options:
 -p, --pretty   show uptime in pretty format
 -h, --help     display this help and exit
 -s, --since    system up since
 -V, --version  output version information and exit

For more details see uptime(1).
`;

const OPTIONS = [
  { short: "p", long: "pretty" },
  { short: "h", long: "help" },
  { short: "s", long: "since" },
  { short: "V", long: "version" },
];

const two = (n: number) => String(n).padStart(2, "0");

/** A load average as printf("%.2f"). */
const load = (x: number) => x.toFixed(2);

function pretty(seconds: number): string {
  const minutes = Math.floor(seconds / 60) % 60;
  const hours = Math.floor(seconds / 3600) % 24;
  const days = Math.floor(seconds / 86400) % 7;
  const weeks = Math.floor(seconds / (86400 * 7)) % 52;
  const years = Math.floor(seconds / (86400 * 365));
  const parts: string[] = [];
  const add = (n: number, unit: string) => {
    if (n) parts.push(`${n} ${unit}${n > 1 ? "s" : ""}`);
  };
  add(years, "year");
  add(weeks, "week");
  add(days, "day");
  add(hours, "hour");
  if (minutes || parts.length === 0) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  return `up ${parts.join(", ")}`;
}

/** procps's sprint_uptime without its leading blank: "HH:MM:SS up T,  N user,  load average: a, b, c" (top's first line too). */
export function uptimeLine(sys: Sys): string {
  const up = Math.floor(sys.uptime() / 1e6);
  const now = new Date(Math.floor(sys.now() / 1000));
  let text = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} up `;
  const days = Math.floor(up / 86400);
  if (days) text += `${days} day${days > 1 ? "s" : ""}, `;
  const hours = Math.floor(up / 3600) % 24;
  const minutes = Math.floor(up / 60) % 60;
  text += hours ? `${String(hours).padStart(2)}:${two(minutes)}, ` : `${minutes} min, `;
  // procps reads /proc/loadavg, as the kernel rounds it there.
  const [a, b, c] = sys.readFile("/proc/loadavg").split(" ").slice(0, 3).map(Number);
  // Debian's 4.0.2 prints "user" whatever the count (no plural form without translations).
  text += `${String(countUsers(sys)).padStart(2)} user,  load average: ${load(a)}, ${load(b)}, ${load(c)}`;
  return text;
}

function* uptimeMain(sys: Sys): Gen<number> {
  const parsed = yield* optionsOrUsage(sys, OPTIONS, USAGE);
  if (!parsed) return 1;
  const up = Math.floor(sys.uptime() / 1e6);
  for (const [o] of parsed.opts) {
    if (o === "h") {
      yield* out(sys, USAGE);
      return 0;
    }
    if (o === "V") return yield* versionOut(sys, "uptime");
    if (o === "p") {
      yield* out(sys, `${pretty(up)}\n`);
      return 0;
    }
    if (o === "s") {
      const t = new Date(Math.floor(sys.now() / 1e6 - up) * 1000);
      yield* out(sys, `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}\n`);
      return 0;
    }
  }
  const text = ` ${uptimeLine(sys)}\n`;
  yield* out(sys, text);
  return 0;
}

export const procpsUptime: ProgramDef = { name: "procps:uptime", main: uptimeMain };
