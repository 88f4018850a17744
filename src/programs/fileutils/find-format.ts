/** GNU find's output formats: -printf/-fprintf directives and the -ls/-fls line (findutils print.c, listfile.c). */
import type { Stat } from "../../kernel/api";
import { strftime } from "../lib/strftime";
import type { AccountNames } from "../lib/users";
import { cFormat, ctimeString, modeString } from "./common";
import type { Ctx } from "./find-expr";

/** One piece of a compiled -printf format: literal text, or a directive with its printf flags. */
type Segment = { text: string } | { mods: string; dir: string; time?: string };

export interface Format {
  segments: Segment[];
  /** Warnings GNU find prints when it reads the format. */
  warnings: string[];
}

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
const DIRECTIVES = "abcdDfFgGhHiklmMnpPsStuUyYZ";
const TIME_DIRECTIVES = "ACT";

/** Compiles a -printf format; "\c" ends it (nothing after is printed). */
export function compileFormat(fmt: string): Format {
  const segments: Segment[] = [];
  const warnings: string[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") segments.push({ text });
    text = "";
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === "\\") {
      const e = fmt[i + 1];
      if (e === undefined) {
        text += c;
        continue;
      }
      i++;
      if (e in ESCAPES) text += ESCAPES[e];
      else if (e === "c") {
        flush();
        return { segments, warnings };
      } else if (e >= "0" && e <= "7") {
        let digits = e;
        while (digits.length < 3 && fmt[i + 1] >= "0" && fmt[i + 1] <= "7") digits += fmt[++i];
        text += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
      } else {
        warnings.push(`warning: unrecognized escape \`\\${e}'`);
        text += `\\${e}`;
      }
      continue;
    }
    if (c !== "%") {
      text += c;
      continue;
    }
    const m = /^%([-+ #0]*\d*(?:\.\d*)?)(.?)/.exec(fmt.slice(i)) as RegExpExecArray;
    const [whole, mods, dir] = m;
    if (dir === "%") {
      text += "%";
      i += whole.length - 1;
    } else if (DIRECTIVES.includes(dir) && dir !== "") {
      flush();
      segments.push({ mods, dir });
      i += whole.length - 1;
    } else if (TIME_DIRECTIVES.includes(dir) && dir !== "" && fmt[i + whole.length] !== undefined) {
      flush();
      segments.push({ mods, dir, time: fmt[i + whole.length] });
      i += whole.length;
    } else {
      warnings.push(`warning: unrecognized format directive \`%${dir}'`);
      text += whole;
      i += whole.length - 1;
    }
  }
  flush();
  return { segments, warnings };
}

/** "Thu Jan  2 03:04:05.0000000000 2020": ctime with GNU find's ten fraction digits. */
function fullTime(sec: number, ns: number): string {
  const ct = ctimeString(sec);
  return `${ct.slice(0, 19)}.${String(ns).padStart(9, "0")}0 ${ct.slice(20)}`;
}

function timeField(spec: string, sec: number, ns: number): string {
  const frac = `${String(ns).padStart(9, "0")}0`;
  if (spec === "@") return `${sec}.${frac}`;
  const d = new Date(sec * 1000);
  if (spec === "+") return `${strftime("%Y-%m-%d+%H:%M:%S", d)}.${frac}`;
  if (spec === "S") return `${strftime("%S", d)}.${frac}`;
  if (spec === "T") return `${strftime("%H:%M:%S", d)}.${frac}`;
  if (spec === "k") return strftime("%k", d);
  return strftime(`%${spec}`, d);
}

/** The directory part of a path as %h prints it ("." when there is no slash). */
function leadingDirs(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash);
}

/** gnulib base_name: the last component, trailing slashes kept ("d/" stays "d/", "/" stays "/"). */
function baseName(path: string): string {
  const stripped = path.replace(/\/+$/, "");
  if (stripped === "") return path === "" ? "" : "/";
  return path.slice(stripped.lastIndexOf("/") + 1);
}

export function typeLetter(st: Stat | null): string {
  if (!st) return "N";
  return { file: "f", dir: "d", symlink: "l", block: "b", char: "c", fifo: "p", socket: "s" }[st.type] ?? "U";
}

/** Renders a compiled format for one file. */
export function renderFormat(f: Format, ctx: Ctx, path: string, st: Stat, names: AccountNames): string {
  let outText = "";
  for (const seg of f.segments) {
    if ("text" in seg) {
      outText += seg.text;
      continue;
    }
    const str = (v: string | number) => cFormat(seg.mods, "s", String(v));
    switch (seg.dir) {
      case "a":
        outText += str(fullTime(st.atime, st.atimeNs));
        break;
      case "c":
        outText += str(fullTime(st.ctime, st.ctimeNs));
        break;
      case "t":
        outText += str(fullTime(st.mtime, st.mtimeNs));
        break;
      case "A":
        outText += str(timeField(seg.time as string, st.atime, st.atimeNs));
        break;
      case "C":
        outText += str(timeField(seg.time as string, st.ctime, st.ctimeNs));
        break;
      case "T":
        outText += str(timeField(seg.time as string, st.mtime, st.mtimeNs));
        break;
      case "b":
        outText += str(st.blocks);
        break;
      case "k":
        outText += str(Math.ceil(st.blocks / 2));
        break;
      case "d":
        outText += cFormat(seg.mods, "d", ctx.depth);
        break;
      case "D":
        outText += str(st.dev);
        break;
      case "f":
        outText += str(baseName(path));
        break;
      case "F":
        outText += str(fsTypeOf(ctx, path));
        break;
      case "g":
        outText += str(names.group(st.gid) ?? st.gid);
        break;
      case "G":
        outText += str(st.gid);
        break;
      case "h":
        outText += str(leadingDirs(path));
        break;
      case "H":
        outText += str(ctx.start);
        break;
      case "i":
        outText += str(st.ino);
        break;
      case "l":
        outText += str(st.type === "symlink" ? linkTarget(ctx, path) : "");
        break;
      case "m":
        outText += cFormat(seg.mods, "o", st.mode & 0o7777);
        break;
      case "M":
        outText += str(modeString(st.mode));
        break;
      case "n":
        outText += str(st.nlink);
        break;
      case "p":
        outText += str(path);
        break;
      case "P":
        outText += str(path === ctx.start ? "" : path.slice(ctx.start.length).replace(/^\//, ""));
        break;
      case "s":
        outText += str(st.size);
        break;
      case "S":
        outText += str(st.size === 0 ? "1" : String((st.blocks * 512) / st.size));
        break;
      case "u":
        outText += str(names.user(st.uid) ?? st.uid);
        break;
      case "U":
        outText += str(st.uid);
        break;
      case "y":
        outText += str(typeLetter(st));
        break;
      case "Y":
        outText += str(st.type === "symlink" ? followedType(ctx, path) : typeLetter(st));
        break;
      case "Z":
        outText += str("?");
        break;
    }
  }
  return outText;
}

function linkTarget(ctx: Ctx, path: string): string {
  try {
    return ctx.sys.readlink(path);
  } catch {
    return "";
  }
}

/** %Y of a symlink: the type it points to, "N" when dangling, "L" in a loop. */
function followedType(ctx: Ctx, path: string): string {
  try {
    return typeLetter(ctx.sys.stat(path));
  } catch (e) {
    return e instanceof Error && (e as { code?: string }).code === "ELOOP" ? "L" : "N";
  }
}

function fsTypeOf(ctx: Ctx, path: string): string {
  try {
    return ctx.sys.statfs(path).type;
  } catch {
    return "unknown";
  }
}

const SIX_MONTHS = 31556952 / 2;

/** One -ls line: inode, 1K blocks, mode, links, owner, group, size, time, name (-> target). */
export function lsLine(ctx: Ctx, path: string, st: Stat, names: AccountNames): string {
  const user = names.user(st.uid) ?? String(st.uid);
  const group = names.group(st.gid) ?? String(st.gid);
  const size = st.type === "char" || st.type === "block" ? `${String(st.rdev[0]).padStart(3)}, ${String(st.rdev[1]).padStart(3)}` : String(st.size).padStart(8);
  const ct = ctimeString(st.mtime);
  const recent = st.mtime > ctx.now - SIX_MONTHS && st.mtime <= ctx.now;
  const when = recent ? ct.slice(4, 16) : `${ct.slice(4, 11)} ${ct.slice(20)}`;
  const link = st.type === "symlink" ? ` -> ${linkTarget(ctx, path)}` : "";
  const blocks = String(Math.ceil(st.blocks / 2)).padStart(6);
  return `${String(st.ino).padStart(9)} ${blocks} ${modeString(st.mode)} ${String(st.nlink).padStart(3)} ${user.padEnd(8)} ${group.padEnd(8)} ${size} ${when} ${path}${link}\n`;
}
