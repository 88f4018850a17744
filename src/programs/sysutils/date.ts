/** date [-uR] [-I[SPEC]] [-d TIME] [-r FILE] [+FMT]: busybox date; the sandbox's only time zone is UTC. */
import type { ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { strftime } from "../lib/strftime";
import { USAGE } from "./usage";

/** busybox's parse_datestr(): the accepted forms, relative to `now` for missing parts. Seconds, or null. */
export function parseDate(text: string, now: Date): number | null {
  const t = text;
  const y0 = now.getUTCFullYear();
  const mo0 = now.getUTCMonth() + 1;
  const d0 = now.getUTCDate();
  const make = (y: number, mo: number, d: number, h: number, mi: number, s: number): number | null => {
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
  };
  let m: RegExpExecArray | null;
  if ((m = /^@(-?\d+)$/.exec(t))) return Number(m[1]);
  if ((m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(t)))
    return make(y0, mo0, d0, +m[1], +m[2], +(m[3] ?? 0));
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(t))) {
    return make(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  if ((m = /^(?:(\d{4})\.)?(\d{1,2})\.(\d{1,2})-(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(t))) {
    return make(m[1] ? +m[1] : y0, +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
  }
  // [[[[[YY]YY]MM]DD]hh]mm[.ss]
  if ((m = /^(\d{2,12})(?:\.(\d{2}))?$/.exec(t)) && m[1].length % 2 === 0) {
    const digits = m[1];
    const pairs = digits.match(/../g)!.map(Number);
    let y = y0;
    let mo = mo0;
    let d = d0;
    let h = now.getUTCHours();
    const mi = pairs.pop()!;
    if (pairs.length) h = pairs.pop()!;
    if (pairs.length) d = pairs.pop()!;
    if (pairs.length) mo = pairs.pop()!;
    if (pairs.length === 1) y = 2000 + pairs[0] - (pairs[0] >= 69 ? 100 : 0);
    else if (pairs.length === 2) y = pairs[0] * 100 + pairs[1];
    else if (pairs.length > 2) return null;
    return make(y, mo, d, h, mi, m[2] ? +m[2] : 0);
  }
  return null;
}

function isoFormat(spec: string): string | null {
  switch (spec) {
    case "":
    case "date":
      return "%Y-%m-%d";
    case "hours":
      return "%Y-%m-%dT%H+00:00";
    case "minutes":
      return "%Y-%m-%dT%H:%M+00:00";
    case "seconds":
      return "%Y-%m-%dT%H:%M:%S+00:00";
    case "ns":
      return "%Y-%m-%dT%H:%M:%S,NANOS+00:00";
  }
  return null;
}

function* fail(sys: Sys, msg: string) {
  yield* warn(sys, msg);
  return 1;
}

export const date: ProgramDef = {
  name: "date",
  *main(sys) {
    // -I takes an optional argument attached to it ("-Iseconds"): pull it out before getopt.
    let iso: string | undefined;
    const argv = sys.argv.filter((a, i) => {
      if (i > 0 && a.startsWith("-I")) {
        iso = a.slice(2);
        return false;
      }
      return true;
    });
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(argv, { flags: "uR", withArg: "dsrD" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.date, e.message);
      throw e;
    }
    let format: string | undefined;
    const operands = [...opts.operands];
    if (operands[0]?.startsWith("+")) format = operands.shift()!.slice(1);
    const setText = opts.args.s?.at(-1) ?? operands.shift();
    if (operands.length) return yield* usageError(sys, USAGE.date);
    let nowUsec = sys.now();
    let secs = Math.floor(nowUsec / 1e6);
    let nanos = (nowUsec % 1e6) * 1000;
    if (opts.args.r) {
      const file = opts.args.r.at(-1)!;
      try {
        const st = sys.stat(file);
        secs = st.mtime;
        nanos = st.mtimeNs;
      } catch (e) {
        return yield* fail(sys, `can't stat '${file}': ${asErrno(e).message}`);
      }
    }
    const when = opts.args.d?.at(-1);
    if (when !== undefined || setText !== undefined) {
      const text = (when ?? setText)!;
      const parsed = parseDate(text, new Date(secs * 1000));
      if (parsed === null) return yield* fail(sys, `invalid date '${text}'`);
      secs = parsed;
      nanos = 0;
      if (when === undefined) {
        // busybox reports a failed stime() and still prints the date it meant (status 0).
        try {
          sys.settime(secs * 1e6);
        } catch (e) {
          yield* warn(sys, `can't set date: ${asErrno(e).message}`);
        }
      }
    }
    nowUsec = secs * 1e6;
    const d = new Date(secs * 1000);
    let fmt: string;
    if (format !== undefined) fmt = format;
    else if (iso !== undefined) {
      const f = isoFormat(iso);
      if (f === null) return yield* usageError(sys, USAGE.date);
      fmt = f;
    } else if (opts.flags.R) fmt = "%a, %d %b %Y %H:%M:%S %z";
    else fmt = "%a %b %e %H:%M:%S %Z %Y";
    const text = strftime(fmt, d).replace("NANOS", String(nanos).padStart(9, "0"));
    yield* out(sys, `${text}\n`);
    return 0;
  },
};
