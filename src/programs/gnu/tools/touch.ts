/**
 * GNU touch (coreutils 9.1): [-achm] [-d DATE] [-r FILE] [-t STAMP] [--time=WORD] FILE... -d reads
 * dates as parse_datetime does (relative to -r's times when both are given); -t is POSIX
 * [[CC]YY]MMDDhhmm[.ss]. A file that cannot be created is reported as "cannot touch", a time that
 * cannot be set as "setting times of".
 */
import type { Gen, ProgramDef, Stat, Sys } from "../../../kernel/api";
import { asErrno, warn } from "../../lib/io";
import { utcParts } from "../../fileutils/common";
import { type Timespec, parseDatetime } from "../parse-datetime";
import { quoteAlways as qa } from "../quote";
import { argmatch, argmatchMessage } from "../argmatch";
import { gnuOptions, usageFailure } from "./options";

const SPEC = {
  flags: "acfhm",
  withArg: "drt",
  long: {
    time: { short: "time", arg: true },
    "no-create": { short: "c" },
    date: { short: "d", arg: true },
    reference: { short: "r", arg: true },
    "no-dereference": { short: "h" },
  },
};

const TIME_WORDS: [string, "a" | "m"][] = [
  ["atime", "a"],
  ["access", "a"],
  ["use", "a"],
  ["mtime", "m"],
  ["modify", "m"],
];

class InvalidDate extends Error {}

export const gnuTouch: ProgramDef = {
  name: "touch",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    let changeAtime = !!f.a;
    let changeMtime = !!f.m;
    for (const word of parsed.args.time ?? []) {
      const which = argmatch(word, TIME_WORDS);
      if ("problem" in which) return yield* usageFailure(sys, argmatchMessage(which.problem, word, "--time", TIME_WORDS));
      if (which.value === "a") changeAtime = true;
      else changeMtime = true;
    }
    if (!changeAtime && !changeMtime) changeAtime = changeMtime = true;
    const stamp = parsed.args.t?.at(-1);
    const date = parsed.args.d?.at(-1);
    const ref = parsed.args.r?.at(-1);
    let times: [Timespec, Timespec] | undefined;
    try {
      if (stamp !== undefined) {
        const t = posixTime(stamp, sys.now());
        if (t === null) throw new InvalidDate(stamp);
        times = [t, t];
        if (date !== undefined || ref !== undefined) return yield* usageFailure(sys, "cannot specify times from more than one source");
      }
      if (ref !== undefined) {
        let st: Stat;
        try {
          st = f.h ? sys.lstat(ref) : sys.stat(ref);
        } catch (e) {
          yield* warn(sys, `failed to get attributes of ${qa(ref)}: ${asErrno(e).message}`);
          return 1;
        }
        times = [
          { sec: st.atime, nsec: st.atimeNs },
          { sec: st.mtime, nsec: st.mtimeNs },
        ];
        if (date !== undefined) times = [relativeDate(date, times[0]), relativeDate(date, times[1])];
      } else if (date !== undefined) {
        const now = sys.now();
        const t = relativeDate(date, { sec: Math.floor(now / 1e6), nsec: (now % 1e6) * 1000 });
        times = [t, t];
      }
    } catch (e) {
      if (!(e instanceof InvalidDate)) throw e;
      yield* warn(sys, `invalid date format ${qa(e.message)}`);
      return 1;
    }
    if (parsed.operands.length === 0) return yield* usageFailure(sys);
    const opts: TouchOptions = { times, changeAtime, changeMtime, noCreate: !!f.c, noDereference: !!f.h };
    let ok = true;
    for (const file of parsed.operands) if (!(yield* touchOne(sys, file, opts))) ok = false;
    return ok ? 0 : 1;
  },
};

function relativeDate(text: string, base: Timespec): Timespec {
  const t = parseDatetime(text, base);
  if (!t) throw new InvalidDate(text);
  return t;
}

interface TouchOptions {
  /** Access and modification times; undefined for now. */
  times: [Timespec, Timespec] | undefined;
  changeAtime: boolean;
  changeMtime: boolean;
  noCreate: boolean;
  noDereference: boolean;
}

function* touchOne(sys: Sys, file: string, o: TouchOptions): Gen<boolean> {
  // touch opens the file to create it (O_WRONLY|O_CREAT) unless -c or -h; that error is the one
  // reported if setting the times then fails too.
  let openError: string | undefined;
  let existing: Stat | undefined;
  try {
    existing = o.noDereference ? sys.lstat(file) : sys.stat(file);
  } catch (e) {
    asErrno(e);
  }
  if (!o.noCreate && !o.noDereference) {
    if (existing?.type === "dir") openError = "Is a directory";
    else if (existing?.type !== "fifo") {
      try {
        sys.close(sys.open(file, { write: true, create: true }, 0o666));
      } catch (e) {
        openError = asErrno(e).message;
      }
    }
  }
  try {
    const now = sys.now() / 1e6;
    const seconds = (t: Timespec) => t.sec + t.nsec / 1e9;
    let atime = o.times ? seconds(o.times[0]) : now;
    let mtime = o.times ? seconds(o.times[1]) : now;
    if (!o.changeAtime || !o.changeMtime) {
      const st = o.noDereference ? sys.lstat(file) : sys.stat(file);
      if (!o.changeAtime) atime = st.atime + st.atimeNs / 1e9;
      if (!o.changeMtime) mtime = st.mtime + st.mtimeNs / 1e9;
    }
    sys.utimes(file, atime, mtime, { nofollow: o.noDereference });
    return true;
  } catch (e) {
    const er = asErrno(e);
    if (openError !== undefined) {
      yield* warn(sys, `cannot touch ${qa(file)}: ${openError}`);
    } else {
      if (o.noCreate && er.code === "ENOENT") return true;
      yield* warn(sys, `setting times of ${qa(file)}: ${er.message}`);
    }
    return false;
  }
}

/**
 * gnulib posixtime with a leading year: [[CC]YY]MMDDhhmm[.ss], two-digit years 1969-2068, the
 * current year when none is given; seconds may be 60 (a leap second, the next minute).
 */
export function posixTime(s: string, nowUsec: number): Timespec | null {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d\d))?$/.exec(s);
  if (!m) return null;
  const d = m[1];
  const pairs = (from: number) => [0, 2, 4, 6].map((i) => Number(d.slice(from + i, from + i + 2)));
  let year = utcParts(Math.floor(nowUsec / 1e6)).year;
  if (d.length === 12) year = Number(d.slice(0, 4));
  else if (d.length === 10) year = Number(d.slice(0, 2)) + (Number(d.slice(0, 2)) < 69 ? 2000 : 1900);
  const [month, day, hour, min] = pairs(d.length - 8);
  const sec = m[2] !== undefined ? Number(m[2]) : 0;
  const monthDays = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > monthDays || hour > 23 || min > 59 || sec > 60) return null;
  return { sec: Date.UTC(year, month - 1, day, hour, min, sec) / 1000, nsec: 0 };
}
