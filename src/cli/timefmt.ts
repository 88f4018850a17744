/**
 * Time as docker shows it: go-units HumanDuration ("About a minute"), the container status strings the
 * daemon composes ("Up 5 minutes (healthy)", "Exited (0) 2 minutes ago"), Go's time.Duration text
 * ("1m30s") and parser, and Go's timestamp layouts (RFC3339Nano, Time.String) in UTC.
 * Durations are nanoseconds (exact up to 2^53 ns, about 104 days, beyond that to the microsecond).
 * Timestamps are (seconds since the epoch, nanoseconds) pairs, so they stay exact.
 */
import type { Parsed } from "./strconv";

export const NANOSECOND = 1;
export const MICROSECOND = 1000;
export const MILLISECOND = 1e6;
export const SECOND = 1e9;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** go-units HumanDuration. */
export function humanDuration(ns: number): string {
  const seconds = Math.trunc(ns / SECOND);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ns / MINUTE);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ns / HOUR + 0.5);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ns / HOUR) / 24 / 365)} years`;
}

/** docker's "CREATED" column and `docker images` CreatedSince: "5 minutes ago". */
export function timeAgo(ns: number): string {
  return `${humanDuration(ns)} ago`;
}

export interface ContainerStateForStatus {
  running: boolean;
  paused?: boolean;
  restarting?: boolean;
  removalInProgress?: boolean;
  dead?: boolean;
  exitCode: number;
  /** Start and finish times in ns since the epoch; 0 = never (Go's zero time). */
  startedAt: number;
  finishedAt: number;
  /** "starting" | "healthy" | "unhealthy" when the container has a health check. */
  health?: string;
}

/** The "Status" text moby's State.String() gives `docker ps`, at time `now` (ns since the epoch). */
export function containerStatus(s: ContainerStateForStatus, now: number): string {
  if (s.running) {
    const up = humanDuration(now - s.startedAt);
    if (s.paused) return `Up ${up} (Paused)`;
    if (s.restarting) return `Restarting (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago`;
    if (s.health) return `Up ${up} (${s.health === "starting" ? "health: starting" : s.health})`;
    return `Up ${up}`;
  }
  if (s.removalInProgress) return "Removal In Progress";
  if (s.dead) return "Dead";
  if (s.startedAt === 0) return "Created";
  if (s.finishedAt === 0) return "";
  return `Exited (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago`;
}

/** Go's fmtFrac: ".5" style fraction of v/10^prec without trailing zeros; returns [text, v/10^prec]. */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [print ? `.${digits}` : "", v];
}

/** Go's time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(ns: number): string {
  let u = BigInt(Math.round(ns));
  const neg = u < 0n;
  if (neg) u = -u;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return "0s";
    let unit: string;
    let prec: number;
    if (u < 1000n) [unit, prec] = ["ns", 0];
    else if (u < 1_000_000n)
      [unit, prec] = ["\xc2\xb5s", 3]; // "µs" as UTF-8 bytes
    else [unit, prec] = ["ms", 6];
    const [frac, int] = fmtFrac(u, prec);
    out = `${int}${frac}${unit}`;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    out = `${secs % 60n}${frac}s`;
    const mins = secs / 60n;
    if (mins > 0n) {
      out = `${mins % 60n}m${out}`;
      const hours = mins / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** The time package's own quoting: bytes outside printable ASCII become \xNN. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i) & 0xff;
    if (b >= 0x80 || b < 0x20) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += b === 0x22 || b === 0x5c ? `\\${s[i]}` : s[i];
  }
  return `${out}"`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  "\xc2\xb5s": 1000n, // U+00B5 micro sign, UTF-8
  "\xce\xbcs": 1000n, // U+03BC greek mu, UTF-8
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration: "300ms", "-1.5h", "2h45m"; nanoseconds. */
export function parseDuration(orig: string): Parsed<number> {
  const invalid: Parsed<number> = { ok: false, error: `time: invalid duration ${quote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return { ok: true, value: 0 };
  if (s === "") return invalid;
  const max = 1n << 63n;
  let d = 0n;
  while (s !== "") {
    if (!(s[0] === "." || (s[0] >= "0" && s[0] <= "9"))) return invalid;
    const intMatch = /^[0-9]*/.exec(s)?.[0] ?? "";
    s = s.slice(intMatch.length);
    let v = intMatch === "" ? 0n : BigInt(intMatch);
    if (v > max) return invalid;
    const pre = intMatch !== "";
    let frac = "";
    let post = false;
    if (s !== "" && s[0] === ".") {
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)?.[0] ?? "";
      s = s.slice(frac.length);
      post = frac !== "";
    }
    if (!pre && !post) return invalid;
    let i = 0;
    while (i < s.length && s[i] !== "." && !(s[i] >= "0" && s[i] <= "9")) i++;
    if (i === 0) return { ok: false, error: `time: missing unit in duration ${quote(orig)}` };
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = UNITS[u];
    if (unit === undefined) {
      return { ok: false, error: `time: unknown unit ${quote(u)} in duration ${quote(orig)}` };
    }
    if (v > max / unit) return invalid;
    v *= unit;
    if (frac !== "") {
      // Go keeps at most 19 fraction digits and scales with float64, truncating.
      const f = frac.slice(0, 19);
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / 10 ** f.length)));
      if (v > max) return invalid;
    }
    d += v;
    if (d > max) return invalid;
  }
  if (!neg && d > max - 1n) return invalid;
  return { ok: true, value: Number(neg ? -d : d) };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Civil date of a day count since 1970-01-01 (proleptic Gregorian). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

function dateTime(sec: number, sep: string): string {
  const days = Math.floor(sec / 86400);
  const rem = sec - days * 86400;
  const [y, mo, d] = civil(days);
  const h = Math.floor(rem / 3600);
  const mi = Math.floor((rem % 3600) / 60);
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(rem % 60, 2)}`;
}

/** ".123" from nanoseconds, trailing zeros trimmed; "" for 0 (Go's .999999999 layout element). */
function trimmedNanos(nsec: number): string {
  if (nsec === 0) return "";
  return `.${pad(nsec, 9).replace(/0+$/, "")}`;
}

/** Seconds since the epoch at which Go's zero time (0001-01-01T00:00:00Z) lies. */
export const GO_ZERO_TIME_UNIX = -62135596800;

/** Go's time.RFC3339Nano in UTC: "2024-05-01T12:00:00.5Z". */
export function formatRFC3339Nano(sec: number, nsec = 0): string {
  return `${dateTime(sec, "T")}${trimmedNanos(nsec)}Z`;
}

/** Go's Time.String() in UTC: "2024-05-01 12:00:00.5 +0000 UTC" (docker ps/images CreatedAt). */
export function formatGoTime(sec: number, nsec = 0): string {
  return `${dateTime(sec, " ")}${trimmedNanos(nsec)} +0000 UTC`;
}

/** Splits a microsecond clock reading (the kernel's wall clock) into [seconds, nanoseconds]. */
export function fromMicros(us: number): [number, number] {
  const sec = Math.floor(us / 1e6);
  return [sec, (us - sec * 1e6) * 1000];
}
