/**
 * GNU du (coreutils 9.1): [-abcDhHklLmsSx0] [-B SIZE] [-d N] [-t SIZE] [--si] [--apparent-size]
 * [--exclude=PATTERN] [-X FILE] [--inodes] [--time[=WORD]] [--time-style=STYLE] [FILE]...
 * Sizes are bytes rounded up to the block size (1K by default); with more than one operand (or -L)
 * every file and directory is counted once, so "du -s d d/sub" shows d alone.
 */
import type { Gen, ProgramDef, Stat, Sys } from "../../../kernel/api";
import { asErrno, out, warn } from "../../lib/io";
import { utcParts } from "../../fileutils/common";
import { fnmatch } from "../../fileutils/fnmatch";
import { argmatch, argmatchMessage } from "../argmatch";
import { humanSize, parseBlockSize } from "../human";
import { quoteAlways as qa } from "../quote";
import { gnuOptions, usageFailure } from "./options";

const SPEC = {
  flags: "0abcDhHklLmPsSx",
  withArg: "BdtX",
  long: {
    null: { short: "0" },
    all: { short: "a" },
    "apparent-size": { short: "apparent-size" },
    "block-size": { short: "B", arg: true },
    bytes: { short: "b" },
    total: { short: "c" },
    "dereference-args": { short: "D" },
    "max-depth": { short: "d", arg: true },
    "human-readable": { short: "h" },
    inodes: { short: "inodes" },
    "count-links": { short: "l" },
    dereference: { short: "L" },
    "no-dereference": { short: "P" },
    "separate-dirs": { short: "S" },
    si: { short: "si" },
    summarize: { short: "s" },
    threshold: { short: "t", arg: true },
    "time-style": { short: "time-style", arg: true },
    "exclude-from": { short: "X", arg: true },
    exclude: { short: "exclude", arg: true },
    "one-file-system": { short: "x" },
  },
};

const TIME_WORDS: [string, "atime" | "ctime"][] = [
  ["atime", "atime"],
  ["access", "atime"],
  ["use", "atime"],
  ["ctime", "ctime"],
  ["status", "ctime"],
];
const TIME_STYLES: [string, string][] = [
  ["full-iso", "full-iso"],
  ["long-iso", "long-iso"],
  ["iso", "iso"],
];

interface Settings {
  all: boolean;
  apparent: boolean;
  inodes: boolean;
  /** Bytes per output unit, 0 for human-readable. */
  block: number;
  humanBase: number;
  suffix: string;
  maxDepth: number;
  separateDirs: boolean;
  countLinks: boolean;
  /** 0: never follow symlinks, 1: operands only, 2: everywhere. */
  follow: number;
  oneFileSystem: boolean;
  hashAll: boolean;
  threshold: number;
  excludes: string[];
  time: "mtime" | "atime" | "ctime" | undefined;
  timeStyle: string;
  eol: string;
}

/** What a subtree adds up to. */
interface Usage {
  size: number;
  inodes: number;
  /** Latest time in the subtree (--time). */
  latest: number;
  dir: boolean;
}

export const gnuDu: ProgramDef = {
  name: "du",
  *main(sys) {
    // --time takes an optional argument, which getopt here does not know: pulled out first.
    const timeWords = sys.argv.filter((a) => /^--time(=|$)/.test(a)).map((a) => a.slice(7));
    const parsed = yield* gnuOptions(Object.create(sys, { argv: { value: sys.argv.filter((a) => !/^--time(=|$)/.test(a)) } }), SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const s: Settings = {
      all: !!f.a,
      apparent: !!f["apparent-size"] || !!f.b,
      inodes: !!f.inodes,
      block: 1024,
      humanBase: 0,
      suffix: "",
      maxDepth: Number.MAX_SAFE_INTEGER,
      separateDirs: !!f.S,
      countLinks: !!f.l,
      follow: 0,
      oneFileSystem: !!f.x,
      hashAll: false,
      threshold: 0,
      excludes: [...(parsed.args.exclude ?? [])],
      time: undefined,
      timeStyle: "long-iso",
      eol: f["0"] ? "\0" : "\n",
    };
    // Options that overrule each other take effect in command-line order.
    for (const [opt, value] of optionOrder(sys.argv)) {
      if (opt === "h") Object.assign(s, { block: 0, humanBase: 1024 });
      else if (opt === "si") Object.assign(s, { block: 0, humanBase: 1000 });
      else if (opt === "k" || opt === "b") Object.assign(s, { block: opt === "k" ? 1024 : 1, humanBase: 0, suffix: "" });
      else if (opt === "m") Object.assign(s, { block: 1024 * 1024, humanBase: 0, suffix: "" });
      else if (opt === "L" || opt === "P" || opt === "D" || opt === "H") s.follow = opt === "L" ? 2 : opt === "P" ? 0 : 1;
      else if (opt === "B" || opt === "block-size") {
        const b = parseBlockSize(value ?? "");
        if (!b) {
          yield* warn(sys, `invalid ${opt === "B" ? "-B" : "--block-size"} argument ${qa(value ?? "")}`);
          return 1;
        }
        Object.assign(s, { block: b.size, humanBase: 0, suffix: b.suffix });
      } else if (opt === "t" || opt === "threshold") {
        const t = parseThreshold(value ?? "");
        if (t === null || (t === 0 && value?.startsWith("-"))) {
          yield* warn(sys, `invalid ${opt === "t" ? "-t" : "--threshold"} argument ${qa(value ?? "")}`);
          return 1;
        }
        s.threshold = t;
      }
    }
    let depthGiven = false;
    const badDepths: string[] = [];
    for (const d of parsed.args.d ?? []) {
      if (/^\s*[-+]?\d+$/.test(d) && Number(d) >= 0) {
        s.maxDepth = Number(d);
        depthGiven = true;
      } else {
        badDepths.push(`invalid maximum depth ${qa(d)}`);
      }
    }
    // Each bad depth is reported, then the usage hint once.
    for (const msg of badDepths.slice(0, -1)) yield* warn(sys, msg);
    if (badDepths.length > 0) return yield* usageFailure(sys, badDepths.at(-1));
    for (const word of timeWords) {
      if (word === "") {
        s.time = "mtime";
        continue;
      }
      const which = argmatch(word, TIME_WORDS);
      if ("problem" in which) return yield* usageFailure(sys, argmatchMessage(which.problem, word, "--time", TIME_WORDS));
      s.time = which.value;
    }
    for (const style of parsed.args["time-style"] ?? []) {
      const which = argmatch(style, TIME_STYLES);
      if ("problem" in which) return yield* usageFailure(sys, argmatchMessage(which.problem, style, "--time-style", TIME_STYLES));
      s.timeStyle = which.value;
    }
    if (f.s && s.all) return yield* usageFailure(sys, "cannot both summarize and show all entries");
    if (f.s && depthGiven && s.maxDepth !== 0) return yield* usageFailure(sys, `warning: summarizing conflicts with --max-depth=${s.maxDepth}`);
    if (f.s && depthGiven) yield* warn(sys, "warning: summarizing is the same as using --max-depth=0");
    if (f.s) s.maxDepth = 0;
    for (const file of parsed.args.X ?? []) {
      try {
        s.excludes.push(...sys.readFile(file).split("\n").filter((l) => l !== ""));
      } catch (e) {
        yield* warn(sys, `${qa(file)}: ${asErrno(e).message}`);
        return 1;
      }
    }
    const operands = parsed.operands.length > 0 ? parsed.operands : ["."];
    s.hashAll = operands.length > 1 || s.follow === 2;
    const walker = new Walker(sys, s);
    const total: Usage = { size: 0, inodes: 0, latest: 0, dir: false };
    for (const path of operands) {
      const u = yield* walker.visit(path, 0);
      total.size += u.size;
      total.inodes += u.inodes;
      total.latest = Math.max(total.latest, u.latest);
    }
    if (f.c) yield* walker.print(total, "total");
    yield* walker.flush();
    return walker.ok ? 0 : 1;
  },
};

/** The options whose order matters, each with its argument. */
function optionOrder(argv: readonly string[]): [string, string | undefined][] {
  const order: [string, string | undefined][] = [];
  const withArg = "BdtX";
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const full = Object.keys(SPEC.long).find((k) => k === name) ?? Object.keys(SPEC.long).find((k) => k.startsWith(name));
      const def = full ? SPEC.long[full as keyof typeof SPEC.long] : undefined;
      if (!def) continue;
      const key = def.short.length === 1 ? def.short : full ?? "";
      const takes = "arg" in def && def.arg === true;
      const value = eq >= 0 ? a.slice(eq + 1) : takes ? argv[++i] : undefined;
      order.push([key === "B" ? "block-size" : key === "t" ? "threshold" : key, value]);
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withArg.includes(c)) {
          order.push([c, j + 1 < a.length ? a.slice(j + 1) : argv[++i]]);
          break;
        }
        order.push([c, undefined]);
      }
    }
  }
  return order;
}

/** -t SIZE: bytes, with K/M/G... (powers of 1024, or of 1000 with "B"); negative means "at most". */
function parseThreshold(arg: string): number | null {
  const m = /^\s*([-+]?)(\d+)(?:([kKMGTPEZY])(iB|B)?)?$/.exec(arg);
  if (!m) return null;
  const base = m[4] === "B" ? 1000 : 1024;
  const n = Number(m[2]) * (m[3] ? base ** ("KMGTPEZY".indexOf(m[3].toUpperCase()) + 1) : 1);
  return m[1] === "-" ? -n : n;
}

class Walker {
  ok = true;
  private text = "";
  private readonly seen = new Set<string>();
  private rootDev = 0;

  constructor(
    private readonly sys: Sys,
    private readonly s: Settings,
  ) {}

  *visit(path: string, depth: number): Gen<Usage> {
    const { sys, s } = this;
    const none: Usage = { size: 0, inodes: 0, latest: 0, dir: false };
    if (this.excluded(path)) return none;
    let st: Stat;
    try {
      st = s.follow === 2 || (s.follow === 1 && depth === 0) ? sys.stat(path) : sys.lstat(path);
    } catch (e) {
      const er = asErrno(e);
      // A dangling symlink met while following links is reported without a reason.
      const dangling = er.code === "ENOENT" && s.follow === 2 && depth > 0;
      yield* this.fail(dangling ? `cannot access ${qa(path)}` : `cannot access ${qa(path)}: ${er.message}`);
      return none;
    }
    if (s.oneFileSystem) {
      if (depth === 0) this.rootDev = st.dev;
      else if (st.dev !== this.rootDev) return none;
    }
    if (!s.countLinks && (s.hashAll || (st.type !== "dir" && st.nlink > 1))) {
      const key = `${st.dev}:${st.ino}`;
      if (this.seen.has(key)) return none;
      this.seen.add(key);
    }
    const own: Usage = { size: s.apparent ? st.size : st.blocks * 512, inodes: 1, latest: this.timeOf(st), dir: st.type === "dir" };
    if (!own.dir) {
      if ((s.all || depth === 0) && depth <= s.maxDepth && this.aboveThreshold(own)) yield* this.print(own, path);
      return own;
    }
    const shown: Usage = { ...own };
    const sum: Usage = { ...own };
    let names: string[] = [];
    try {
      names = sys.readdir(path).filter((n) => n !== "." && n !== "..");
    } catch (e) {
      yield* this.fail(`cannot read directory ${qa(path)}: ${asErrno(e).message}`);
    }
    const base = path.endsWith("/") ? path.slice(0, -1) : path;
    for (const name of names) {
      const child = yield* this.visit(`${base}/${name}`, depth + 1);
      sum.size += child.size;
      sum.inodes += child.inodes;
      sum.latest = Math.max(sum.latest, child.latest);
      if (!s.separateDirs || !child.dir) {
        shown.size += child.size;
        shown.inodes += child.inodes;
        shown.latest = Math.max(shown.latest, child.latest);
      }
    }
    const result = s.separateDirs ? shown : sum;
    if (depth <= s.maxDepth && this.aboveThreshold(result)) yield* this.print(result, path);
    return result;
  }

  /** -t: at least SIZE, or with a negative SIZE at most its magnitude. */
  private aboveThreshold(u: Usage): boolean {
    const n = this.s.inodes ? u.inodes : u.size;
    const t = this.s.threshold;
    return t >= 0 ? n >= t : n <= -t;
  }

  private excluded(path: string): boolean {
    if (this.s.excludes.length === 0) return false;
    // gnulib exclude with wildcards: the whole name, or any part of it after a slash.
    const tails = [path, ...[...path.matchAll(/\/(?!\/)/g)].map((m) => path.slice((m.index ?? 0) + 1))];
    return this.s.excludes.some((p) => tails.some((t) => fnmatch(p, t)));
  }

  private timeOf(st: Stat): number {
    const t = this.s.time;
    return t === "atime" ? st.atime + st.atimeNs / 1e9 : t === "ctime" ? st.ctime + st.ctimeNs / 1e9 : st.mtime + st.mtimeNs / 1e9;
  }

  *print(u: Usage, name: string): Gen<void> {
    const s = this.s;
    const n = s.inodes ? u.inodes : u.size;
    let size: string;
    if (s.inodes) size = s.block === 0 ? humanSize(n, s.humanBase) : String(n);
    else if (s.block === 0) size = humanSize(n, s.humanBase);
    else size = `${Math.ceil(n / s.block)}${s.suffix}`;
    const time = s.time ? `${this.formatTime(u.latest)}\t` : "";
    this.text += `${size}\t${time}${name}${s.eol}`;
    if (this.text.length > 8192) yield* this.flush();
  }

  private formatTime(t: number): string {
    const p = utcParts(Math.floor(t));
    const two = (x: number) => String(x).padStart(2, "0");
    const date = `${p.year}-${two(p.month + 1)}-${two(p.day)}`;
    if (this.s.timeStyle === "iso") return date;
    if (this.s.timeStyle === "long-iso") return `${date} ${two(p.hour)}:${two(p.min)}`;
    const ns = String(Math.round((t - Math.floor(t)) * 1e9)).padStart(9, "0");
    return `${date} ${two(p.hour)}:${two(p.min)}:${two(p.sec)}.${ns} +0000`;
  }

  *flush(): Gen<void> {
    if (this.text !== "") yield* out(this.sys, this.text);
    this.text = "";
  }

  private *fail(msg: string): Gen<void> {
    yield* this.flush();
    yield* warn(this.sys, msg);
    this.ok = false;
  }
}
