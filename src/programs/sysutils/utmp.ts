/**
 * struct utmp records as glibc writes them on x86-64 (384 bytes each), read from /var/run/utmp or
 * /var/log/wtmp: what who, w and last list.
 */
import type { Sys } from "../../kernel/api";

export const UTMP_SIZE = 384;
export const UT = { EMPTY: 0, RUN_LVL: 1, BOOT_TIME: 2, NEW_TIME: 3, OLD_TIME: 4, INIT_PROCESS: 5, LOGIN_PROCESS: 6, USER_PROCESS: 7, DEAD_PROCESS: 8 } as const;

export const UTMP_FILE = "/var/run/utmp";
export const WTMP_FILE = "/var/log/wtmp";

export interface UtmpRecord {
  type: number;
  pid: number;
  line: string;
  id: string;
  user: string;
  host: string;
  exitTermination: number;
  exitStatus: number;
  /** ut_tv.tv_sec. */
  time: number;
  /** ut_addr_v6, four 32-bit words as stored. */
  addr: [number, number, number, number];
}

const le16 = (s: string, o: number) => s.charCodeAt(o) | (s.charCodeAt(o + 1) << 8);
const le32 = (s: string, o: number) => (le16(s, o) | (le16(s, o + 2) << 16)) >>> 0;
const signed32 = (s: string, o: number) => le32(s, o) | 0;
/** A fixed-size char array: up to the first NUL. */
const cstr = (s: string, o: number, len: number) => {
  const f = s.slice(o, o + len);
  const nul = f.indexOf("\0");
  return nul < 0 ? f : f.slice(0, nul);
};

export function parseUtmp(data: string): UtmpRecord[] {
  const recs: UtmpRecord[] = [];
  for (let o = 0; o + UTMP_SIZE <= data.length; o += UTMP_SIZE) {
    recs.push({
      type: le16(data, o),
      pid: signed32(data, o + 4),
      line: cstr(data, o + 8, 32),
      id: cstr(data, o + 40, 4),
      user: cstr(data, o + 44, 32),
      host: cstr(data, o + 76, 256),
      exitTermination: le16(data, o + 332),
      exitStatus: le16(data, o + 334),
      time: signed32(data, o + 340),
      addr: [le32(data, o + 348), le32(data, o + 352), le32(data, o + 356), le32(data, o + 360)],
    });
  }
  return recs;
}

/** getutxent() over a file: its records, none when it cannot be read (glibc just finds no entries). */
export function readUtmp(sys: Sys, path = UTMP_FILE): UtmpRecord[] {
  try {
    return parseUtmp(sys.readFile(path));
  } catch {
    return [];
  }
}

/** A live login: a USER_PROCESS record with a user name. */
export const isUserProcess = (r: UtmpRecord) => r.type === UT.USER_PROCESS && r.user !== "";

/** Seconds since the epoch on the machine's clock. */
export const nowSeconds = (sys: Sys) => Math.floor(sys.now() / 1e6);

/** st_atime of the terminal a record names (/dev/LINE), or undefined when it cannot be stat'ed. */
export function ttyAtime(sys: Sys, line: string): number | undefined {
  try {
    return Math.floor(sys.stat(line.startsWith("/") ? line : `/dev/${line}`).atime);
  } catch {
    return undefined;
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const two = (n: number) => String(n).padStart(2, "0");

/** ctime(3) without its newline, in the machine's only time zone (UTC): "Sat Nov 28 03:00:00 2026". */
export function ctime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** "HH:MM" of a time. */
export function hhmm(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
