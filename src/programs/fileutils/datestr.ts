/**
 * libbb parse_datestr(), as `touch -d/-t` uses it: the forms busybox accepts, with strptime's field
 * ranges, filled in over the current time (so "03:04" keeps today's date and the current second).
 */
import { utcParts, utcSeconds } from "./common";

interface Tm {
  year: number;
  mon: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function inRange(tm: Tm): boolean {
  return tm.mon >= 0 && tm.mon <= 11 && tm.day >= 1 && tm.day <= 31 && tm.hour <= 23 && tm.min <= 59 && tm.sec <= 61;
}

/** Parses `s` relative to `nowSec`; returns epoch seconds (UTC), or null for an invalid date. */
export function parseDateStr(s: string, nowSec: number): number | null {
  const now = utcParts(nowSec);
  const tm: Tm = { year: now.year, mon: now.month, day: now.day, hour: now.hour, min: now.min, sec: now.sec };
  const n = (x: string) => Number.parseInt(x, 10);
  const lastColon = s.lastIndexOf(":");
  let m: RegExpMatchArray | null;
  if (lastColon >= 0) {
    // Each form ends at the minutes; an optional ":SS" may follow.
    const S = "(?::(\\d+))?$";
    let sec: string | undefined;
    if ((m = s.match(new RegExp(`^\\s*(\\d+):(\\d+)${S}`)))) {
      tm.hour = n(m[1]);
      tm.min = n(m[2]);
      sec = m[3];
    } else if ((m = s.match(new RegExp(`^\\s*(\\d+)\\.(\\d+)-(\\d+):(\\d+)${S}`)))) {
      tm.mon = n(m[1]) - 1;
      tm.day = n(m[2]);
      tm.hour = n(m[3]);
      tm.min = n(m[4]);
      sec = m[5];
    } else if (
      (m = s.match(new RegExp(`^\\s*(\\d+)\\.(\\d+)\\.(\\d+)-(\\d+):(\\d+)${S}`))) ||
      (m = s.match(new RegExp(`^\\s*(\\d+)-(\\d+)-(\\d+) +(\\d+):(\\d+)${S}`)))
    ) {
      tm.year = n(m[1]);
      tm.mon = n(m[2]) - 1;
      tm.day = n(m[3]);
      tm.hour = n(m[4]);
      tm.min = n(m[5]);
      sec = m[6];
    } else if ((m = s.match(/^\s*([A-Za-z]{3})[a-z]* +(\d+) +(\d+):(\d+):(\d+) +(\d+)$/))) {
      const mon = MONTHS.indexOf(m[1].toLowerCase());
      if (mon < 0) return null;
      tm.mon = mon;
      tm.day = n(m[2]);
      tm.hour = n(m[3]);
      tm.min = n(m[4]);
      tm.sec = n(m[5]);
      tm.year = n(m[6]);
    } else {
      return null;
    }
    if (sec !== undefined) tm.sec = n(sec);
  } else if (s.includes("-") && (m = s.match(/^\s*(\d+)-(\d+)-(\d+)(?: +(\d+))?$/))) {
    tm.year = n(m[1]);
    tm.mon = n(m[2]) - 1;
    tm.day = n(m[3]);
    if (m[4] !== undefined) tm.hour = n(m[4]);
  } else if (s[0] === "@") {
    if (!/^@[-+]?\d+$/.test(s)) return null;
    return n(s.slice(1));
  } else {
    // [[[[[CC]YY]MM]DD]hh]mm[.ss]
    if (!(m = s.match(/^(\d+)(?:\.(\d+))?$/))) return null;
    const digits = m[1];
    tm.sec = m[2] !== undefined ? n(m[2]) : 0;
    const two = (i: number) => n(digits.slice(i, i + 2));
    switch (digits.length) {
      case 12:
        tm.year = n(digits.slice(0, 4));
        tm.mon = two(4) - 1;
        tm.day = two(6);
        tm.hour = two(8);
        tm.min = two(10);
        break;
      case 10: {
        const yy = two(0);
        tm.year = yy < 69 ? 2000 + yy : 1900 + yy;
        tm.mon = two(2) - 1;
        tm.day = two(4);
        tm.hour = two(6);
        tm.min = two(8);
        break;
      }
      case 8:
        tm.mon = two(0) - 1;
        tm.day = two(2);
        tm.hour = two(4);
        tm.min = two(6);
        break;
      case 6:
        tm.day = two(0);
        tm.hour = two(2);
        tm.min = two(4);
        break;
      case 4:
        tm.hour = two(0);
        tm.min = two(2);
        break;
      case 2:
        tm.min = two(0);
        break;
      default:
        return null;
    }
  }
  if (!inRange(tm)) return null;
  // mktime() normalizes what strptime let through (Feb 30 is Mar 1).
  return utcSeconds(tm.year, tm.mon, tm.day, tm.hour, tm.min, tm.sec);
}
