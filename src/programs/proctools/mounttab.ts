/** The mount table as getmntent(3) reads it from /proc/mounts (octal escapes decoded). */
import type { Sys } from "../../kernel/api";

export interface MountEntry {
  fsname: string;
  dir: string;
  type: string;
  opts: string;
}

const decodeOctal = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

export function parseMountTable(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const f = t.split(/[ \t]+/);
    if (f.length < 2) continue;
    out.push({ fsname: decodeOctal(f[0]), dir: decodeOctal(f[1]), type: decodeOctal(f[2] ?? ""), opts: decodeOctal(f[3] ?? "") });
  }
  return out;
}

/** Throws Errno when the file cannot be read. */
export function readMountTable(sys: Sys, path = "/proc/mounts"): MountEntry[] {
  return parseMountTable(sys.readFile(path));
}
