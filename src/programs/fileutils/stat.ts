/** stat: busybox 1.35 stat [-ltfL] [-c FMT] FILE... (file status, or with -f filesystem status). */
import type { Gen, ProgramDef, Stat, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { gnuTool } from "../gnu/flavour";
import { quoteAlways, quoteIfNeeded } from "../gnu/quote";
import { AccountNames } from "../lib/users";
import { cFormat, isoDateTime, modeString, parseOpts, usage } from "./common";
import { fsMagic, fsTypeName } from "./fstypes";

type FsStat = ReturnType<Sys["statfs"]>;

export const stat: ProgramDef = {
  name: "stat",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "stat", {
      flags: "tLf",
      withArg: "c",
    });
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    if (parsed.operands.length === 0) return yield* usage(sys, "stat");
    const format = parsed.args.c?.at(-1);
    const names = new AccountNames(sys);
    let status = 0;
    for (const file of parsed.operands) {
      const ok = f.f ? yield* statFs(sys, file, format, !!f.t) : yield* statFile(sys, file, format, !!f.t, !!f.L, names);
      if (!ok) status = 1;
    }
    return status;
  },
};

/** "2026-11-27 21:03:56.623616742 +0000" */
function humanTime(sec: number, ns: number): string {
  return `${isoDateTime(sec)}.${String(ns).padStart(9, "0")} +0000`;
}

export function fileType(st: Stat): string {
  switch (st.type) {
    case "file":
      return st.size === 0 ? "regular empty file" : "regular file";
    case "dir":
      return "directory";
    case "block":
      return "block special file";
    case "char":
      return "character special file";
    case "fifo":
      return "fifo";
    case "symlink":
      return "symbolic link";
    case "socket":
      return "socket";
  }
  return "weird file";
}

/** Walks a -c format: literal text, "%%", and "%<mods><letter>" handed to `spec`. Ends with "\n". */
function expandFormat(format: string, spec: (mods: string, c: string) => string, gnu = false): string {
  let text = "";
  let i = 0;
  for (;;) {
    const p = format.indexOf("%", i);
    if (p < 0) return `${text}${format.slice(i)}\n`;
    text += format.slice(i, p);
    let j = p + 1;
    while (j < format.length && "#-+.I 0123456789".includes(format[j])) j++;
    const mods = format.slice(p + 1, j);
    // A lone "%" at the very end prints "%"; busybox then leaves out the newline, GNU does not.
    if (j >= format.length) return gnu ? `${text}${format.slice(p)}\n` : `${text}%`;
    const c = format[j];
    text += c === "%" ? "%" : spec(mods, c);
    i = j + 1;
  }
}

function* statFile(sys: Sys, file: string, format: string | undefined, terse: boolean, follow: boolean, names: AccountNames): Gen<boolean> {
  let st: Stat;
  try {
    st = follow ? sys.stat(file) : sys.lstat(file);
  } catch (e) {
    yield* warn(sys, `can't stat '${file}': ${asErrno(e).message}`);
    return false;
  }
  const user = names.user(st.uid) ?? "UNKNOWN";
  const group = names.group(st.gid) ?? "UNKNOWN";
  const linkTarget = (): string | null => {
    if (st.type !== "symlink") return null;
    try {
      return sys.readlink(file);
    } catch (e) {
      asErrno(e);
      return null;
    }
  };
  const gnu = gnuTool(sys) !== undefined;
  if (format === undefined && !terse) {
    const target = linkTarget();
    const q = gnu ? quoteIfNeeded : (name: string) => `'${name}'`;
    let text = target !== null ? `  File: ${q(file)} -> ${q(target)}\n` : `  File: ${gnu ? quoteIfNeeded(file) : file}\n`;
    text += `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(st.blocks).padEnd(10)} IO Block: ${String(st.blksize).padEnd(6)} ${fileType(st)}\n`;
    // GNU prints the device as major,minor (Linux's encoding of dev_t).
    const device = gnu ? `${(st.dev >> 8) & 0xfff},${(st.dev & 0xff) | ((st.dev >> 12) & 0xfff00)}` : `${st.dev.toString(16)}h/${st.dev}d`;
    text += `Device: ${device}\tInode: ${String(st.ino).padEnd(10)}  Links: `;
    // The link count is padded only when the device type follows it.
    text += st.type === "char" || st.type === "block" ? `${String(st.nlink).padEnd(5)} Device type: ${st.rdev[0]},${st.rdev[1]}\n` : `${st.nlink}\n`;
    text += `Access: (${(st.mode & 0o7777).toString(8).padStart(4, "0")}/${modeString(st.mode)})  Uid: (${String(st.uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${group.padStart(8)})\n`;
    text += `Access: ${humanTime(st.atime, st.atimeNs)}\n`;
    text += `Modify: ${humanTime(st.mtime, st.mtimeNs)}\n`;
    text += `Change: ${humanTime(st.ctime, st.ctimeNs)}\n`;
    // The simulated filesystems keep no birth time; GNU stat says so with "-".
    if (gnu) text += " Birth: -\n";
    yield* out(sys, text);
    return true;
  }
  const fmt = format ?? "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o";
  const text = expandFormat(fmt, (mods, c) => {
    switch (c) {
      case "n":
        return cFormat(mods, "s", file);
      case "N": {
        const target = linkTarget();
        // A symlink's "'name' -> 'target'" is printed as is, width and all ignored; GNU formats
        // each name as %s with the modifiers given, unquoted.
        if (gnu && mods !== "" && /^-?\d*(\.\d*)?$/.test(mods)) {
          return target !== null ? `${cFormat(mods, "s", file)} -> ${cFormat(mods, "s", target)}` : cFormat(mods, "s", file);
        }
        if (gnu) return target !== null ? `${quoteAlways(file)} -> ${quoteAlways(target)}` : quoteAlways(file);
        return target !== null ? `'${file}' -> '${target}'` : cFormat(mods, "s", file);
      }
      case "d":
        return cFormat(mods, "u", st.dev);
      case "D":
        return cFormat(mods, "x", st.dev);
      case "i":
        return cFormat(mods, "u", st.ino);
      case "a":
        return cFormat(mods, "o", st.mode & 0o7777);
      case "A":
        return cFormat(mods, "s", modeString(st.mode));
      case "f":
        return cFormat(mods, "x", st.mode);
      case "F":
        return cFormat(mods, "s", fileType(st));
      case "h":
        return cFormat(mods, "u", st.nlink);
      case "u":
        return cFormat(mods, "u", st.uid);
      case "g":
        return cFormat(mods, "u", st.gid);
      case "U":
        return cFormat(mods, "s", user);
      case "G":
        return cFormat(mods, "s", group);
      case "t":
        return cFormat(mods, "x", st.rdev[0]);
      case "T":
        return cFormat(mods, "x", st.rdev[1]);
      case "s":
        return cFormat(mods, "u", st.size);
      case "B":
        return cFormat(mods, "u", 512);
      case "b":
        return cFormat(mods, "u", st.blocks);
      case "o":
        return cFormat(mods, "u", st.blksize);
      case "x":
        return cFormat(mods, "s", humanTime(st.atime, st.atimeNs));
      case "X":
        return cFormat(mods, "u", st.atime);
      case "y":
        return cFormat(mods, "s", humanTime(st.mtime, st.mtimeNs));
      case "Y":
        return cFormat(mods, "u", st.mtime);
      case "z":
        return cFormat(mods, "s", humanTime(st.ctime, st.ctimeNs));
      case "Z":
        return cFormat(mods, "u", st.ctime);
      default:
        // GNU prints "?" for a directive it does not know.
        return gnu ? "?" : cFormat(mods, "s", c);
    }
  }, gnu);
  yield* out(sys, text);
  return true;
}

function* statFs(sys: Sys, file: string, format: string | undefined, terse: boolean): Gen<boolean> {
  let fs: FsStat;
  try {
    fs = sys.statfs(file);
  } catch (e) {
    yield* warn(sys, `can't read file system information for '${file}': ${asErrno(e).message}`);
    return false;
  }
  const fmt =
    format ??
    (terse
      ? "%n %i %l %t %s %b %f %a %c %d"
      : '  File: "%n"\n    ID: %-8i Namelen: %-7l Type: %T\nBlock size: %-10s\nBlocks: Total: %-10b Free: %-10f Available: %a\nInodes: Total: %-10c Free: %d');
  const magic = fsMagic(fs.type);
  const text = expandFormat(fmt, (mods, c) => {
    switch (c) {
      case "n":
        return cFormat(mods, "s", file);
      case "i":
        return cFormat(mods, "x", 0);
      case "l":
        return cFormat(mods, "u", 255);
      case "t":
        return cFormat(mods, "x", magic);
      case "T":
        return cFormat(mods, "s", fsTypeName(magic));
      case "s":
      case "S":
        return cFormat(mods, "u", fs.bsize);
      case "b":
        return cFormat(mods, "u", fs.blocks);
      case "f":
        return cFormat(mods, "u", fs.bfree);
      case "a":
        return cFormat(mods, "u", fs.bavail);
      case "c":
        return cFormat(mods, "u", fs.files);
      case "d":
        return cFormat(mods, "u", fs.ffree);
      default:
        return cFormat(mods, "s", c);
    }
  });
  yield* out(sys, text);
  return true;
}
