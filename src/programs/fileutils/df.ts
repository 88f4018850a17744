/** df: busybox 1.35 df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]... over /proc/mounts and statfs. */
import type { ProgramDef, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { flagOrder, humanReadable, lastFlag, parseOpts } from "./common";

interface Mount {
  device: string;
  dir: string;
  type: string;
}

const SPEC = { flags: "PkmhTai", withArg: "Bt" };

/** /proc/mounts entries, with the kernel's octal escapes (\040 for a space) undone. */
function readMounts(sys: Sys): Mount[] {
  let text = "";
  try {
    text = sys.readFile("/proc/mounts");
  } catch (e) {
    asErrno(e);
  }
  const decodeOctal = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [device, dir, type] = l.split(/\s+/);
      return { device: decodeOctal(device), dir: decodeOctal(dir ?? ""), type: type ?? "" };
    });
}

/** find_mount_point(): the first mount whose directory (or device) is the name, or holds it. */
function findMount(sys: Sys, mounts: Mount[], name: string): Mount | null {
  let dev: number;
  try {
    const st = sys.stat(name);
    dev = st.type === "block" || st.type === "char" ? st.rdev[0] * 256 + st.rdev[1] : st.dev;
  } catch (e) {
    asErrno(e);
    return null;
  }
  for (const m of mounts) {
    if (m.device === "rootfs") continue;
    if (m.dir === name || m.device === name) return m;
    try {
      if (sys.stat(m.dir).dev === dev) return m;
    } catch (e) {
      asErrno(e);
    }
  }
  return null;
}

/** -B argument: a number with an optional K/M/G suffix (powers of 1024, or of 1000 with "B"). */
function parseBlockSize(s: string): number | null {
  const m = s.match(/^(\d*)([kKmMgGtT]?)(i?B?)$/);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  const n = m[1] === "" ? 1 : Number(m[1]);
  const base = m[3] === "B" ? 1000 : 1024;
  const pow = "kmgt".indexOf(m[2].toLowerCase()) + 1;
  return n * base ** pow;
}

export const df: ProgramDef = {
  name: "df",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "df", SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    let unit = 1024;
    const scale = lastFlag(flagOrder(sys.argv, SPEC), "kmhB");
    if (scale === "m") unit = 1024 * 1024;
    if (scale === "h") unit = 0;
    if (scale === "B" && parsed.args.B) {
      const b = parseBlockSize(parsed.args.B[parsed.args.B.length - 1]);
      if (b === null) {
        yield* warn(sys, `invalid number '${parsed.args.B[parsed.args.B.length - 1]}'`);
        return 1;
      }
      unit = b;
    }
    if (f.P) unit = unit || 1024;
    const type = parsed.args.t?.at(-1);
    let unitsHeader: string;
    if (f.i) unitsHeader = "   Inodes";
    else if (unit === 0) unitsHeader = "     Size";
    else unitsHeader = `${humanReadable(unit, 0, f.P ? 1 : 0)}-blocks`;
    let text = `Filesystem           ${f.T ? "Type       " : ""}${unitsHeader.padEnd(15)}Used Available ${f.P ? "Capacity" : "Use%"} Mounted on\n`;
    const mounts = readMounts(sys);
    const chosen: (Mount | null)[] = [];
    let status = 0;
    if (parsed.operands.length === 0) chosen.push(...mounts);
    for (const name of parsed.operands) {
      const m = findMount(sys, mounts, name);
      if (!m) {
        yield* out(sys, text);
        text = "";
        yield* warn(sys, `${name}: can't find mount point`);
        status = 1;
        continue;
      }
      chosen.push(m);
    }
    for (const m of chosen) {
      if (!m) continue;
      if (type !== undefined && m.type !== type) continue;
      let fs: ReturnType<Sys["statfs"]>;
      try {
        fs = sys.statfs(m.dir);
      } catch (e) {
        yield* out(sys, text);
        text = "";
        yield* warn(sys, `${m.dir}: ${asErrno(e).message}`);
        status = 1;
        continue;
      }
      if (!(fs.blocks > 0 || parsed.operands.length > 0 || f.a)) continue;
      let blocks = fs.blocks;
      let bfree = fs.bfree;
      let bavail = fs.bavail;
      let frsize = fs.bsize;
      let u = unit;
      if (f.i) {
        blocks = fs.files;
        bfree = bavail = fs.ffree;
        frsize = 1;
        if (u) u = 1;
      }
      let used = blocks - bfree;
      let total = used + bavail;
      let percent = 0;
      if (total !== 0) {
        while (total >= Math.floor(0x7fffffff / 101)) {
          total = Math.floor(total / 2);
          used = Math.floor(used / 2);
        }
        percent = Math.floor((used * 100 + Math.floor(total / 2)) / total);
      }
      text += m.device.padEnd(20);
      if (m.device.length > 20 && !f.P) text += `\n${"".padEnd(20)}`;
      if (f.T) text += ` ${m.type.padEnd(10)}`;
      text += ` ${humanReadable(blocks, frsize, u).padStart(9)} `;
      text += `${humanReadable(blocks - bfree, frsize, u).padStart(9)} `;
      text += `${humanReadable(bavail, frsize, u).padStart(9)} ${String(percent).padStart(3)}% ${m.dir}\n`;
    }
    yield* out(sys, text);
    return status;
  },
};

