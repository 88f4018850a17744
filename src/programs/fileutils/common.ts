/** Pieces the busybox file utilities share: option parsing with --help, mode strings, paths, sizes, times. */
import type { Gen, Stat, Sys } from "../../kernel/api";
import { S_IFMT } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { gnuTool } from "../gnu/flavour";
import { gnuLongOptions } from "../gnu/long-options";
import { getopt, OptError, type OptSpec, type ParsedOpts } from "../lib/getopt";
import { err } from "../lib/io";
import { BUSYBOX_BANNER } from "../lib/busybox";
import { USAGE } from "./usage";

/**
 * Parses options as the applet `name` does. "--help" as the first argument prints the usage and the
 * applet exits 0; a bad option prints the message and usage and exits 1. Returns the exit code then.
 */
export function* parseOpts(sys: Sys, name: string, spec: OptSpec, argv: readonly string[] = sys.argv): Gen<ParsedOpts | number> {
  if (argv[1] === "--help") return yield* showHelp(sys, name);
  try {
    // Every applet rejects unknown "--long" options, even those that have no long options at all.
    const gnuLong = gnuTool(sys) ? gnuLongOptions(name, spec) : {};
    return getopt(argv, { ...spec, long: { ...gnuLong, ...spec.long } });
  } catch (e) {
    if (e instanceof OptError) return yield* usageError(sys, USAGE[name], e.message);
    throw e;
  }
}

/** "APPLET --help": the banner and usage on stderr, exit status 0. */
export function* showHelp(sys: Sys, name: string): Gen<number> {
  yield* err(sys, `${BUSYBOX_BANNER}\n\nUsage: ${USAGE[name]}\n`);
  return 0;
}

/** Prints the usage (missing operand and similar) and returns 1. */
export function* usage(sys: Sys, name: string, msg?: string): Gen<number> {
  return yield* usageError(sys, USAGE[name], msg);
}

/**
 * The order in which short flags appear on the command line (for "last one wins" pairs such as
 * ls -t/-S). Walks argv as getopt does, skipping option arguments.
 */
export function flagOrder(argv: readonly string[], spec: OptSpec): string[] {
  const order: string[] = [];
  const withArg = spec.withArg ?? "";
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a.startsWith("--")) {
      const name = a.slice(2).split("=")[0];
      const def = spec.long ? Object.entries(spec.long).find(([k]) => k === name || k.startsWith(name)) : undefined;
      if (def) {
        order.push(def[1].short);
        if (def[1].arg && !a.includes("=")) i++;
      }
      continue;
    }
    if (!a.startsWith("-") || a.length === 1) continue;
    for (let j = 1; j < a.length; j++) {
      order.push(a[j]);
      if (withArg.includes(a[j])) {
        if (j + 1 === a.length) i++;
        break;
      }
    }
  }
  return order;
}

/** The last of `letters` given on the command line, or undefined. */
export function lastFlag(order: string[], letters: string): string | undefined {
  for (let i = order.length - 1; i >= 0; i--) if (letters.includes(order[i])) return order[i];
  return undefined;
}

/** bb_mode_string: "drwxr-xr-x" with s/S/t/T for setuid, setgid and sticky. */
export function modeString(mode: number): string {
  const typeChars = "?pc?d?b?-?l?s???";
  let s = typeChars[(mode >> 12) & 0xf];
  const rwx = "rwxrwxrwx";
  for (let i = 0; i < 9; i++) s += mode & (0o400 >> i) ? rwx[i] : "-";
  const special = (pos: number, bit: number, on: string) => {
    const x = s[pos] === "x";
    if (mode & bit) s = s.slice(0, pos) + (x ? on : on.toUpperCase()) + s.slice(pos + 1);
  };
  special(3, 0o4000, "s");
  special(6, 0o2000, "s");
  special(9, 0o1000, "t");
  return s;
}

export function fileTypeBits(mode: number): number {
  return mode & S_IFMT;
}

/** concat_path_file: "dir" + "/" + "name", without doubling a trailing slash. */
export function joinPath(dir: string, name: string): string {
  const n = name.replace(/^\/+/, "");
  return dir.endsWith("/") ? dir + n : `${dir}/${n}`;
}

/** bb_basename: what follows the last "/" (empty for "dir/"). */
export function lastComponent(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** bb_get_last_path_component_strip: the last component, ignoring trailing slashes ("/" stays "/"). */
export function lastComponentStrip(path: string): string {
  let p = path;
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p === "/") return "/";
  return p.slice(p.lastIndexOf("/") + 1);
}

/** dirname(3) semantics. */
export function dirName(path: string): string {
  let p = path;
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  const i = p.lastIndexOf("/");
  if (i < 0) return ".";
  let d = p.slice(0, i);
  while (d.length > 1 && d.endsWith("/")) d = d.slice(0, -1);
  return d === "" ? "/" : d;
}

/** make_human_readable_str(val, blockSize, displayUnit) from libbb. */
export function humanReadable(value: number, blockSize: number, displayUnit: number): string {
  if (value === 0) return "0";
  let val = blockSize > 1 ? value * blockSize : value;
  if (displayUnit) return String(Math.floor((val + Math.floor(displayUnit / 2)) / displayUnit));
  const units = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"];
  let u = 0;
  let frac = 0;
  while (val >= 1024) {
    u++;
    frac = Math.floor((((val % 1024) * 10) + 512) / 1024);
    val = Math.floor(val / 1024);
  }
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  if (u === 0) return String(val);
  if (blockSize === 0) {
    if (frac >= 5) val++;
    return `${val}${units[u]}`;
  }
  return `${val}.${frac}${units[u]}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export const pad2 = (n: number) => String(n).padStart(2, "0");

/** Broken-down UTC time of seconds since the epoch (the simulated machines run in UTC). */
export function utcParts(sec: number) {
  const d = new Date(sec * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    min: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    wday: d.getUTCDay(),
  };
}

/** ctime(3) without the newline: "Wed Jun 30 21:49:08 1993". */
export function ctimeString(sec: number): string {
  const t = utcParts(sec);
  return `${DAYS[t.wday]} ${MONTHS[t.month]} ${String(t.day).padStart(2, " ")} ${pad2(t.hour)}:${pad2(t.min)}:${pad2(t.sec)} ${t.year}`;
}

/** "YYYY-MM-DD HH:MM:SS" */
export function isoDateTime(sec: number): string {
  const t = utcParts(sec);
  return `${t.year}-${pad2(t.month + 1)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.min)}:${pad2(t.sec)}`;
}

/** Epoch seconds of a UTC calendar time. */
export function utcSeconds(year: number, month0: number, day: number, hour = 0, min = 0, sec = 0): number {
  return Date.UTC(year, month0, day, hour, min, sec) / 1000;
}

export const MONTH_NAMES = MONTHS;

/** stat() or lstat() that returns null instead of throwing ENOENT-like errors, for existence tests. */
export function tryStat(sys: Sys, path: string, follow: boolean): Stat | null {
  try {
    return follow ? sys.stat(path) : sys.lstat(path);
  } catch (e) {
    if (e instanceof Error && e.name === "Errno") return null;
    throw e;
  }
}

/** Parses an octal mode string; NaN if it is not one. */
export function parseOctal(s: string): number {
  return /^[0-7]+$/.test(s) ? Number.parseInt(s, 8) : Number.NaN;
}

/**
 * printf of one value with C flags/width/precision, for formats users write (stat -c "%-10s").
 * `mods` is what sits between "%" and the conversion, e.g. "-10" or "#.3".
 */
export function cFormat(mods: string, conv: "s" | "u" | "o" | "x" | "d", value: string | number): string {
  const m = mods.match(/^([-+ #0I]*)(\d*)(?:\.(\d*))?/) ?? ["", "", "", undefined];
  const flags = m[1] ?? "";
  const width = m[2] ? Number(m[2]) : 0;
  const prec = m[3] !== undefined ? Number(m[3] || "0") : undefined;
  let body: string;
  let sign = "";
  if (conv === "s") {
    body = String(value);
    if (prec !== undefined) body = body.slice(0, prec);
  } else {
    const n = typeof value === "number" ? value : Number(value);
    const abs = Math.abs(n);
    body = conv === "o" ? abs.toString(8) : conv === "x" ? abs.toString(16) : String(abs);
    if (conv === "d") {
      if (n < 0) sign = "-";
      else if (flags.includes("+")) sign = "+";
      else if (flags.includes(" ")) sign = " ";
    }
    if (prec !== undefined) body = body.padStart(prec, "0");
    if (flags.includes("#")) {
      if (conv === "o" && !body.startsWith("0")) body = `0${body}`;
      if (conv === "x" && n !== 0) body = `0x${body}`;
    }
  }
  const len = sign.length + body.length;
  if (width > len) {
    if (flags.includes("-")) return sign + body + " ".repeat(width - len);
    if (flags.includes("0") && conv !== "s" && prec === undefined) return sign + "0".repeat(width - len) + body;
    return " ".repeat(width - len) + sign + body;
  }
  return sign + body;
}
