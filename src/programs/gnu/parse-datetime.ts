/**
 * gnulib parse_datetime, as GNU touch -d and date -d read dates: calendar dates (2020-01-02,
 * 01/02/2020, "Jan 5 2020", "5 Jan 2020", 20200102), times (10:00, 3pm, 10:00:00.25 +0200), ISO
 * 8601 "T", zones (UTC, EST, military letters), week days, relative items ("+2 days", "1 month ago",
 * tomorrow) and "@SECONDS". Fields not given come from `base` (now, or touch -r's file); a date
 * without a time means midnight. The local zone is UTC, as in a container without TZ.
 */
import { utcParts } from "../fileutils/common";

export interface Timespec {
  sec: number;
  nsec: number;
}

type Token =
  | { k: "num"; v: number; digits: number; signed: boolean; nsec?: number }
  | { k: "word"; kind: WordKind; v: number }
  | { k: "ch"; c: string };

type WordKind = "meridian" | "month" | "day" | "zone" | "dayzone" | "dst" | "unit" | "ordinal" | "ago" | "dayshift";

const HOUR = 3600;
/** Relative-unit words: which field they move and by how much. */
const UNITS: Record<string, [keyof Rel, number]> = {
  YEAR: ["year", 1],
  MONTH: ["month", 1],
  FORTNIGHT: ["day", 14],
  WEEK: ["day", 7],
  DAY: ["day", 1],
  HOUR: ["hour", 1],
  MINUTE: ["minutes", 1],
  MIN: ["minutes", 1],
  SECOND: ["seconds", 1],
  SEC: ["seconds", 1],
};
const ORDINALS: Record<string, number> = {
  LAST: -1,
  THIS: 0,
  NEXT: 1,
  FIRST: 1,
  THIRD: 3,
  FOURTH: 4,
  FIFTH: 5,
  SIXTH: 6,
  SEVENTH: 7,
  EIGHTH: 8,
  NINTH: 9,
  TENTH: 10,
  ELEVENTH: 11,
  TWELFTH: 12,
};
const DAY_SHIFTS: Record<string, number> = { TOMORROW: 1, YESTERDAY: -1, TODAY: 0, NOW: 0 };
const MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];
const DAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];
/** The month and day table, with its extra spellings. */
const MONTH_AND_DAY: [string, "month" | "day", number][] = [
  ...MONTHS.map((m, i) => [m, "month", i + 1] as [string, "month", number]),
  ["SEPT", "month", 9],
  ...DAYS.map((d, i) => [d, "day", i] as [string, "day", number]),
  ["TUES", "day", 2],
  ["WEDNES", "day", 3],
  ["THUR", "day", 4],
  ["THURS", "day", 4],
];
/** Zone names: seconds east of UTC; daylight zones ("dayzone") add an hour. */
const ZONES: Record<string, [WordKind, number]> = {
  GMT: ["zone", 0],
  UT: ["zone", 0],
  UTC: ["zone", 0],
  WET: ["zone", 0],
  WEST: ["dayzone", 0],
  BST: ["dayzone", 0],
  ART: ["zone", -3 * HOUR],
  BRT: ["zone", -3 * HOUR],
  BRST: ["dayzone", -3 * HOUR],
  NST: ["zone", -3.5 * HOUR],
  NDT: ["dayzone", -3.5 * HOUR],
  AST: ["zone", -4 * HOUR],
  ADT: ["dayzone", -4 * HOUR],
  CLT: ["zone", -4 * HOUR],
  CLST: ["dayzone", -4 * HOUR],
  EST: ["zone", -5 * HOUR],
  EDT: ["dayzone", -5 * HOUR],
  CST: ["zone", -6 * HOUR],
  CDT: ["dayzone", -6 * HOUR],
  MST: ["zone", -7 * HOUR],
  MDT: ["dayzone", -7 * HOUR],
  PST: ["zone", -8 * HOUR],
  PDT: ["dayzone", -8 * HOUR],
  AKST: ["zone", -9 * HOUR],
  AKDT: ["dayzone", -9 * HOUR],
  HST: ["zone", -10 * HOUR],
  HAST: ["zone", -10 * HOUR],
  HADT: ["dayzone", -10 * HOUR],
  SST: ["zone", -12 * HOUR],
  WAT: ["zone", HOUR],
  CET: ["zone", HOUR],
  CEST: ["dayzone", HOUR],
  MET: ["zone", HOUR],
  MEZ: ["zone", HOUR],
  MEST: ["dayzone", HOUR],
  MESZ: ["dayzone", HOUR],
  EET: ["zone", 2 * HOUR],
  EEST: ["dayzone", 2 * HOUR],
  CAT: ["zone", 2 * HOUR],
  SAST: ["zone", 2 * HOUR],
  EAT: ["zone", 3 * HOUR],
  MSK: ["zone", 3 * HOUR],
  MSD: ["dayzone", 3 * HOUR],
  IST: ["zone", 5.5 * HOUR],
  SGT: ["zone", 8 * HOUR],
  KST: ["zone", 9 * HOUR],
  JST: ["zone", 9 * HOUR],
  GST: ["zone", 10 * HOUR],
  NZST: ["zone", 12 * HOUR],
  NZDT: ["dayzone", 12 * HOUR],
};

/** gnulib lookup_word: the meaning of an (upper-cased) word, or null when it has none. */
function lookupWord(word: string): Token | null {
  const w = word.toUpperCase();
  if (w === "AM" || w === "A.M.") return { k: "word", kind: "meridian", v: 0 };
  if (w === "PM" || w === "P.M.") return { k: "word", kind: "meridian", v: 12 };
  const abbrev = w.length === 3 || (w.length === 4 && w[3] === ".");
  for (const [name, kind, v] of MONTH_AND_DAY) {
    if (abbrev ? name.startsWith(w.slice(0, 3)) : name === w) return { k: "word", kind, v };
  }
  const zone = ZONES[w];
  if (zone) return { k: "word", kind: zone[0], v: zone[1] };
  if (w === "DST") return { k: "word", kind: "dst", v: 0 };
  const unit = w in UNITS ? w : w.endsWith("S") && w.slice(0, -1) in UNITS ? w.slice(0, -1) : undefined;
  if (unit) return { k: "word", kind: "unit", v: Object.keys(UNITS).indexOf(unit) };
  if (w in DAY_SHIFTS) return { k: "word", kind: "dayshift", v: DAY_SHIFTS[w] };
  if (w in ORDINALS) return { k: "word", kind: "ordinal", v: ORDINALS[w] };
  if (w === "AGO") return { k: "word", kind: "ago", v: -1 };
  if (w === "HENCE") return { k: "word", kind: "ago", v: 1 };
  if (w.length === 1) return militaryZone(w);
  const undotted = w.replaceAll(".", "");
  const dotted = undotted !== w ? ZONES[undotted] : undefined;
  return dotted ? { k: "word", kind: dotted[0], v: dotted[1] } : null;
}

/** Single-letter zones (A-I and K-M east, N-Y west, Z UTC); "T" separates an ISO date from its time. */
function militaryZone(letter: string): Token | null {
  if (letter === "T") return { k: "ch", c: "T" };
  if (letter === "J") return null;
  if (letter === "Z") return { k: "word", kind: "zone", v: 0 };
  const code = letter.charCodeAt(0);
  if (letter <= "I") return { k: "word", kind: "zone", v: (code - 64) * HOUR };
  if (letter <= "M") return { k: "word", kind: "zone", v: (code - 65) * HOUR };
  return { k: "word", kind: "zone", v: -(code - 77) * HOUR };
}

/** gnulib's lexer: signs glue to the digits after them (a lone sign is skipped), "(...)" is a comment. */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (isDigit(c) || c === "-" || c === "+") {
      let sign = 0;
      if (c === "-" || c === "+") {
        sign = c === "-" ? -1 : 1;
        i++;
        while (i < text.length && /\s/.test(text[i])) i++;
        if (!isDigit(text[i])) continue;
      }
      const start = i;
      while (isDigit(text[i])) i++;
      const digits = text.slice(start, i);
      const tok: Token = { k: "num", v: (sign || 1) * Number(digits), digits: digits.length, signed: sign !== 0 };
      if ((text[i] === "." || text[i] === ",") && isDigit(text[i + 1])) {
        const fstart = ++i;
        while (isDigit(text[i])) i++;
        const frac = text.slice(fstart, i).slice(0, 9).padEnd(9, "0");
        tok.nsec = (sign || 1) * Number(frac);
      }
      tokens.push(tok);
    } else if (isAlpha(c)) {
      const start = i;
      while (isAlpha(text[i]) || text[i] === ".") i++;
      const tok = lookupWord(text.slice(start, i));
      if (!tok) return null;
      tokens.push(tok);
    } else if (c === "(") {
      let depth = 0;
      do {
        if (text[i] === "(") depth++;
        else if (text[i] === ")") depth--;
        i++;
      } while (depth > 0 && i < text.length);
      if (depth > 0) return null;
    } else {
      tokens.push({ k: "ch", c });
      i++;
    }
  }
  return tokens;
}

interface Rel {
  year: number;
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: number;
}

/** What the items said, as gnulib's parser_control collects it. */
interface Parsed {
  year?: { v: number; digits: number };
  month?: number;
  day?: number;
  hour?: number;
  minutes?: number;
  seconds?: number;
  nsec?: number;
  meridian: number | undefined;
  zone?: number;
  dayOrdinal: number;
  dayNumber: number;
  rel: Rel;
  times: number;
  dates: number;
  days: number;
  zones: number;
  dsts: number;
  rels: boolean;
}

type Num = Extract<Token, { k: "num" }>;

class Parser {
  i = 0;
  p: Parsed = {
    meridian: undefined,
    dayOrdinal: 0,
    dayNumber: 0,
    rel: { year: 0, month: 0, day: 0, hour: 0, minutes: 0, seconds: 0 },
    times: 0,
    dates: 0,
    days: 0,
    zones: 0,
    dsts: 0,
    rels: false,
  };
  constructor(private readonly t: Token[]) {}

  private peek(n = 0): Token | undefined {
    return this.t[this.i + n];
  }
  private isNum(n: number, signed: boolean, decimalOk = false): boolean {
    const tok = this.peek(n);
    return tok?.k === "num" && tok.signed === signed && (decimalOk || tok.nsec === undefined);
  }
  private isCh(n: number, c: string): boolean {
    const tok = this.peek(n);
    return tok?.k === "ch" && tok.c === c;
  }
  private isWord(n: number, kind: WordKind): boolean {
    const tok = this.peek(n);
    return tok?.k === "word" && tok.kind === kind;
  }
  private num(n: number): Num {
    return this.peek(n) as Num;
  }
  private word(n: number): number {
    return (this.peek(n) as Extract<Token, { k: "word" }>).v;
  }

  /** Every item in turn; false on anything the grammar does not take. */
  items(): boolean {
    while (this.i < this.t.length) if (!this.item()) return false;
    return true;
  }

  private item(): boolean {
    const p = this.p;
    if (this.isNum(0, false) && this.isCh(1, ":") && this.isNum(2, false)) return this.clockTime();
    if (this.isNum(0, false) && this.isWord(1, "meridian")) {
      this.setTime(this.num(0).v, 0, 0, 0);
      p.meridian = this.word(1);
      this.i += 2;
      return true;
    }
    if (this.isNum(0, false) && this.isNum(1, true) && this.isNum(2, true)) {
      // ISO 8601: 2020-01-02, with an optional "T" and time of day.
      this.setDate(-this.num(1).v, -this.num(2).v, this.num(0));
      this.i += 3;
      if (this.isCh(0, "T")) {
        this.i++;
        return this.isoTime();
      }
      return true;
    }
    if (this.isNum(0, false) && this.isCh(1, "/") && this.isNum(2, false)) {
      if (this.isCh(3, "/") && this.isNum(4, false)) {
        const [a, b, c] = [this.num(0), this.num(2), this.num(4)];
        if (a.digits >= 4) this.setDate(b.v, c.v, a);
        else this.setDate(a.v, b.v, c);
        this.i += 5;
      } else {
        this.setDate(this.num(0).v, this.num(2).v);
        this.i += 3;
      }
      return true;
    }
    if (this.isNum(0, false) && this.isWord(1, "month")) {
      const [day, month] = [this.num(0).v, this.word(1)];
      this.i += 2;
      const year = this.peek();
      if (year?.k === "num" && year.nsec === undefined) {
        this.setDate(month, day, { v: Math.abs(year.v), digits: year.digits });
        this.i++;
      } else {
        this.setDate(month, day);
      }
      return true;
    }
    if (this.isWord(0, "month") && this.isNum(1, true) && this.isNum(2, true)) {
      this.setDate(this.word(0), -this.num(1).v, { v: -this.num(2).v, digits: this.num(2).digits });
      this.i += 3;
      return true;
    }
    if (this.isWord(0, "month") && this.isNum(1, false)) {
      if (this.isCh(2, ",") && this.isNum(3, false)) {
        this.setDate(this.word(0), this.num(1).v, this.num(3));
        this.i += 4;
      } else {
        this.setDate(this.word(0), this.num(1).v);
        this.i += 2;
      }
      return true;
    }
    if (this.isWord(0, "day")) {
      p.dayNumber = this.word(0);
      p.dayOrdinal = 0;
      p.days++;
      this.i += this.isCh(1, ",") ? 2 : 1;
      return true;
    }
    if ((this.isWord(0, "ordinal") || this.isNum(0, false)) && this.isWord(1, "day")) {
      const tok = this.peek() as Token;
      p.dayOrdinal = tok.k === "num" ? tok.v : this.word(0);
      p.dayNumber = this.word(1);
      p.days++;
      this.i += 2;
      return true;
    }
    if (this.isWord(0, "zone") || this.isWord(0, "dayzone")) return this.zoneName();
    if (this.isWord(0, "dst")) {
      p.dsts++;
      this.i++;
      return true;
    }
    if (this.isWord(0, "dayshift")) {
      this.addRel("day", this.word(0));
      this.i++;
      return true;
    }
    if ((this.isWord(0, "ordinal") || this.isNum(0, false) || this.isNum(0, true)) && this.isWord(1, "unit")) {
      const tok = this.peek() as Token;
      this.relUnit(tok.k === "num" ? tok.v : this.word(0), 1);
      return true;
    }
    if (this.isWord(0, "unit")) {
      this.relUnit(1, 0);
      return true;
    }
    if (this.isNum(0, false)) {
      this.bareNumber(this.num(0));
      this.i++;
      return true;
    }
    return false;
  }

  /** HH:MM[:SS[.frac]] then am/pm or a numeric zone. */
  private clockTime(): boolean {
    const [h, m] = [this.num(0).v, this.num(2).v];
    this.i += 3;
    let sec = 0;
    let nsec = 0;
    if (this.isCh(0, ":") && this.isNum(1, false, true)) {
      sec = this.num(1).v;
      nsec = this.num(1).nsec ?? 0;
      this.i += 2;
    }
    this.setTime(h, m, sec, nsec);
    if (this.isWord(0, "meridian")) {
      this.p.meridian = this.word(0);
      this.i++;
      return true;
    }
    return this.isNum(0, true) ? this.zoneOffset(0) : true;
  }

  /** After "T": HH, HH:MM or HH:MM:SS, each with an optional numeric zone. */
  private isoTime(): boolean {
    if (!this.isNum(0, false)) return false;
    if (this.isCh(1, ":") && this.isNum(2, false)) return this.clockTime() && this.p.meridian === undefined;
    this.setTime(this.num(0).v, 0, 0, 0);
    this.i++;
    return this.isNum(0, true) && this.zoneOffset(0);
  }

  /** A numeric zone (+HH, +HHMM, +HH:MM) added to `base` seconds east. */
  private zoneOffset(base: number): boolean {
    const n = this.num(0);
    this.i++;
    let minutes: number;
    if (this.isCh(0, ":") && this.isNum(1, false)) {
      minutes = n.v * 60 + (n.v < 0 || Object.is(n.v, -0) ? -1 : 1) * this.num(1).v;
      this.i += 2;
    } else {
      minutes = n.digits <= 2 ? n.v * 60 : Math.trunc(n.v / 100) * 60 + (n.v % 100);
    }
    if (Math.abs(minutes) > 24 * 60) return false;
    this.p.zone = base + minutes * 60;
    this.p.zones++;
    return true;
  }

  private zoneName(): boolean {
    const dayzone = this.isWord(0, "dayzone");
    let zone = this.word(0) + (dayzone ? HOUR : 0);
    this.i++;
    if (!dayzone && this.isWord(0, "dst")) {
      zone += HOUR;
      this.i++;
    } else if (!dayzone && this.isNum(0, true)) {
      return this.zoneOffset(zone);
    }
    this.p.zone = zone;
    this.p.zones++;
    return true;
  }

  /** A unit word, `skip` tokens in, times `n` ("ago" turns it around). */
  private relUnit(n: number, skip: number): void {
    const [field, by] = Object.values(UNITS)[this.word(skip)];
    this.i += skip + 1;
    let factor = 1;
    if (this.isWord(0, "ago")) {
      factor = this.word(0);
      this.i++;
    }
    this.addRel(field, n * by * factor);
  }

  private addRel(field: keyof Rel, n: number): void {
    this.p.rel[field] += n;
    this.p.rels = true;
  }

  /** A lone number: the year after a date, a YYYYMMDD date, or an HH / HHMM time. */
  private bareNumber(n: Num): void {
    const p = this.p;
    if (p.dates > 0 && !p.year?.digits && !p.rels && (p.times > 0 || n.digits > 2)) {
      p.year = { v: n.v, digits: n.digits };
    } else if (n.digits > 4) {
      this.setDate(Math.floor(n.v / 100) % 100, n.v % 100, { v: Math.floor(n.v / 10000), digits: n.digits - 4 });
    } else if (n.digits <= 2) {
      this.setTime(n.v, 0, 0, 0);
    } else {
      this.setTime(Math.floor(n.v / 100), n.v % 100, 0, 0);
    }
  }

  private setDate(month: number, day: number, year?: { v: number; digits: number }): void {
    this.p.month = month;
    this.p.day = day;
    if (year) this.p.year = { v: year.v, digits: year.digits };
    this.p.dates++;
  }

  private setTime(hour: number, minutes: number, seconds: number, nsec: number): void {
    Object.assign(this.p, { hour, minutes, seconds, nsec, meridian: undefined });
    this.p.times++;
  }
}

/** 12-hour clock hours with am/pm (1..12), else 0..23; -1 when out of range. */
function toHour(hour: number, meridian: number | undefined): number {
  if (meridian === undefined) return hour >= 0 && hour <= 23 ? hour : -1;
  return hour >= 1 && hour <= 12 ? (hour % 12) + meridian : -1;
}

/** Two-digit years are 1969-2068. */
function toYear(y: { v: number; digits: number }): number {
  const v = Math.abs(y.v);
  return y.digits === 2 ? v + (v < 69 ? 2000 : 1900) : v;
}

/** The time `text` names, or null when parse_datetime would reject it. */
export function parseDatetime(text: string, base: Timespec): Timespec | null {
  const at = /^\s*@/.exec(text);
  if (at) return timestamp(text.slice(at[0].length));
  const tokens = tokenize(text);
  if (!tokens) return null;
  const parser = new Parser(tokens);
  if (!parser.items()) return null;
  const p = parser.p;
  if (p.times > 1 || p.dates > 1 || p.days > 1 || p.zones + p.dsts > 1) return null;
  const now = utcParts(base.sec);
  const year = p.year ? toYear(p.year) : now.year;
  const month = p.month ?? now.month + 1;
  const day = p.day ?? now.day;
  let hour = 0;
  let minutes = 0;
  let seconds = 0;
  let nsec = 0;
  if (p.times > 0 || (p.rels && p.dates === 0 && p.days === 0)) {
    hour = toHour(p.hour ?? now.hour, p.meridian);
    minutes = p.minutes ?? now.min;
    seconds = p.seconds ?? now.sec;
    nsec = p.nsec ?? base.nsec;
  }
  // mktime must give back the fields it was given: no 24:00, no Feb 30.
  if (hour < 0 || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate() || minutes > 59 || seconds > 59) return null;
  let sec = Date.UTC(year, month - 1, day, hour, minutes, seconds) / 1000 - (p.zone ?? 0);
  if (p.days > 0 && p.dates === 0) {
    const wday = new Date(sec * 1000).getUTCDay();
    const ord = p.dayOrdinal;
    sec += (((p.dayNumber - wday + 7) % 7) + 7 * (ord - (ord > 0 && wday !== p.dayNumber ? 1 : 0))) * 86400;
  }
  const r = p.rel;
  if (r.year || r.month || r.day) {
    const f = utcParts(sec);
    sec = Date.UTC(f.year + r.year, f.month + r.month, f.day + r.day, f.hour, f.min, f.sec) / 1000;
  }
  sec += r.hour * 3600 + r.minutes * 60 + r.seconds;
  return { sec, nsec };
}

/** "@SECONDS[.FRACTION]", the whole string. */
function timestamp(rest: string): Timespec | null {
  const m = /^\s*([-+]?)\s*(\d+)(?:[.,](\d+))?\s*$/.exec(rest);
  if (!m) return null;
  const whole = Number(m[2]);
  const frac = m[3] ? Number(m[3].slice(0, 9).padEnd(9, "0")) : 0;
  if (m[1] !== "-") return { sec: whole, nsec: frac };
  return frac ? { sec: -whole - 1, nsec: 1e9 - frac } : { sec: -whole, nsec: 0 };
}
