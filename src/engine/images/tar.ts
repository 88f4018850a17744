/**
 * The tar format as Go's archive/tar writes it for the docker daemon and client (USTAR headers,
 * PAX records only when a field does not fit) and a reader for ustar, pax and GNU archives.
 * Data are byte strings (one char per byte).
 */
import { type FileEntry, standInHeader } from "../../kernel/fs/entries";

const BLOCK = 512;
const ZERO_BLOCK = "\0".repeat(BLOCK);

/** One archive member to write: its header name (dirs end in "/") and its metadata and data. */
export interface TarItem {
  name: string;
  entry: FileEntry;
  /** The mode field as written; by default the permission bits with Go's file-type bits. */
  mode?: number;
  uname?: string;
  gname?: string;
}

const TYPE_BITS: Record<FileEntry["type"], number> = {
  file: 0o100000,
  hardlink: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  char: 0o020000,
  block: 0o060000,
  fifo: 0o010000,
};

const TYPE_FLAG: Record<FileEntry["type"], string> = { file: "0", hardlink: "1", symlink: "2", char: "3", block: "4", dir: "5", fifo: "6" };

/** The bytes of a stand-in binary (see kernel/fs/diskfs.ts standInBinary), or the file's data. */
export function entryData(e: FileEntry): string {
  if (e.type !== "file") return "";
  if (e.content !== undefined) return e.content;
  const size = e.size ?? 0;
  if (e.prog === undefined) return "\0".repeat(size);
  const head = standInHeader(e.prog);
  return size <= head.length ? head.slice(0, size) : head + "\0".repeat(size - head.length);
}

/** Size of an entry's data in the archive. */
export function entrySize(e: FileEntry): number {
  if (e.type !== "file") return 0;
  return e.content !== undefined ? e.content.length : (e.size ?? 0);
}

/** Go's formatOctal: zero-padded octal, NUL-terminated. */
function octal(n: number, width: number): string {
  const s = Math.max(0, Math.floor(n)).toString(8);
  return s.length < width ? `${"0".repeat(width - 1 - s.length)}${s}\0` : s.slice(0, width);
}

function field(s: string, width: number): string {
  return s.length >= width ? s.slice(0, width) : s + "\0".repeat(width - s.length);
}

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);

/** Go's splitUSTARPath: a prefix (<=155) and a name (<=100) split at a slash. */
function splitUstar(name: string): [string, string] | null {
  let len = name.length;
  if (len <= 100 || !isAscii(name)) return null;
  if (len > 156) len = 156;
  else if (name[len - 1] === "/") len--;
  const i = name.slice(0, len).lastIndexOf("/");
  const nlen = name.length - i - 1;
  if (i <= 0 || nlen > 100 || nlen === 0 || i > 155) return null;
  return [name.slice(0, i), name.slice(i + 1)];
}

interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  flag: string;
  linkname: string;
  uname: string;
  gname: string;
  dev?: [number, number];
  prefix: string;
}

function headerBlock(h: RawHeader): string {
  let b = field(h.name, 100) + octal(h.mode, 8) + octal(h.uid, 8) + octal(h.gid, 8) + octal(h.size, 12) + octal(h.mtime, 12);
  b += `        ${h.flag}${field(h.linkname, 100)}ustar\x0000${field(h.uname, 32)}${field(h.gname, 32)}`;
  b += h.dev ? octal(h.dev[0], 8) + octal(h.dev[1], 8) : "\0".repeat(16);
  b += field(h.prefix, 155) + "\0".repeat(12);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += b.charCodeAt(i);
  return `${b.slice(0, 148)}${octal(sum, 7)} ${b.slice(156)}`;
}

const pad = (n: number) => "\0".repeat((BLOCK - (n % BLOCK)) % BLOCK);

/** A PAX record: "<len> key=value\n", where len counts the whole record. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return `${len}${body}`;
}

const MAX_OCTAL8 = 0o7777777;
const MAX_OCTAL12 = 0o77777777777;

/** The header blocks (a PAX header first when needed) and the padded data of one member. */
export function tarMember(item: TarItem): string[] {
  const e = item.entry;
  const data = entryData(e);
  const link = e.type === "symlink" || e.type === "hardlink" ? (e.target ?? "") : "";
  const pax: Record<string, string> = {};
  let name = item.name;
  let prefix = "";
  if (name.length > 100 || !isAscii(name)) {
    const split = splitUstar(name);
    if (split) [prefix, name] = split;
    else pax.path = name;
  }
  if (link.length > 100 || !isAscii(link)) pax.linkpath = link;
  if (e.uid > MAX_OCTAL8) pax.uid = String(e.uid);
  if (e.gid > MAX_OCTAL8) pax.gid = String(e.gid);
  if (data.length > MAX_OCTAL12) pax.size = String(data.length);
  const out: string[] = [];
  const keys = Object.keys(pax).sort();
  if (keys.length > 0) {
    const records = keys.map((k) => paxRecord(k, pax[k])).join("");
    const slash = item.name.replace(/\/$/, "").lastIndexOf("/");
    const dir = slash < 0 ? "" : item.name.slice(0, slash + 1);
    const base = item.name.replace(/\/$/, "").slice(slash + 1);
    const paxName = `${dir}PaxHeaders.0/${base}`.slice(0, 100).replace(/\/+$/, "");
    out.push(headerBlock({ name: paxName, mode: 0, uid: 0, gid: 0, size: records.length, mtime: 0, flag: "x", linkname: "", uname: "", gname: "", prefix: "" }), records + pad(records.length));
  }
  out.push(
    headerBlock({
      name: pax.path !== undefined ? item.name.slice(0, 100) : name,
      mode: item.mode ?? (TYPE_BITS[e.type] | (e.mode & 0o7777)),
      uid: Math.min(e.uid, MAX_OCTAL8),
      gid: Math.min(e.gid, MAX_OCTAL8),
      size: e.type === "file" ? data.length : 0,
      mtime: e.mtime,
      flag: TYPE_FLAG[e.type],
      linkname: pax.linkpath !== undefined ? link.slice(0, 100) : link,
      uname: item.uname ?? "",
      gname: item.gname ?? "",
      dev: e.rdev && (e.type === "char" || e.type === "block") ? e.rdev : [0, 0],
      prefix,
    }),
  );
  if (data.length > 0) out.push(data, pad(data.length));
  return out;
}

/** The archive's end: two zero blocks (Go's Writer.Close; no padding to a 10 KiB record). */
export const TAR_END = ZERO_BLOCK + ZERO_BLOCK;

/** A whole archive as one byte string. */
export function writeTar(items: readonly TarItem[]): string {
  const parts: string[] = [];
  for (const item of items) for (const p of tarMember(item)) parts.push(p);
  parts.push(TAR_END);
  return parts.join("");
}

/** A member read from an archive. `name` is as stored; `entry.path` is normalized. */
export interface TarMemberRead {
  name: string;
  entry: FileEntry;
  uname: string;
  gname: string;
}

export class TarError extends Error {}

function readOctal(s: string): number {
  if (s.length > 0 && (s.charCodeAt(0) & 0x80) !== 0) {
    // GNU base-256 for big numbers.
    let n = s.charCodeAt(0) & 0x7f;
    for (let i = 1; i < s.length; i++) n = n * 256 + s.charCodeAt(i);
    return n;
  }
  const t = s.replace(/[\0 ]+$/, "").replace(/^[ \0]+/, "");
  if (t === "") return 0;
  if (!/^[0-7]+$/.test(t)) throw new TarError("archive/tar: invalid tar header");
  return parseInt(t, 8);
}

const cstr = (s: string) => {
  const i = s.indexOf("\0");
  return i < 0 ? s : s.slice(0, i);
};

function parsePax(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(" ", i);
    if (sp < 0) break;
    const len = Number(data.slice(i, sp));
    if (!Number.isInteger(len) || len <= 0) throw new TarError("archive/tar: invalid tar header");
    const rec = data.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf("=");
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Normalizes a member name to a FileEntry path: no leading "./" or "/", no trailing "/". */
export function normalizeName(name: string): string {
  let p = name;
  while (p.startsWith("./")) p = p.slice(2);
  p = p.replace(/^\/+/, "").replace(/\/+$/, "");
  return p === "." ? "" : p;
}

const FLAG_TYPE: Record<string, FileEntry["type"]> = { "0": "file", "\0": "file", "7": "file", "1": "hardlink", "2": "symlink", "3": "char", "4": "block", "5": "dir", "6": "fifo" };

/**
 * Reads a whole archive. Throws TarError with Go's messages: "unexpected EOF" for a truncated
 * archive, "archive/tar: invalid tar header" for a block that is not a header.
 */
export function readTar(bytes: string): TarMemberRead[] {
  const out: TarMemberRead[] = [];
  let off = 0;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    if (off + BLOCK > bytes.length) {
      // An empty stream is an empty archive; a cut-off one is not.
      if (off === bytes.length) return out;
      throw new TarError("unexpected EOF");
    }
    const block = bytes.slice(off, off + BLOCK);
    off += BLOCK;
    if (block === ZERO_BLOCK) return out;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block.charCodeAt(i);
    if (readOctal(block.slice(148, 156)) !== sum) throw new TarError("archive/tar: invalid tar header");
    const flag = block[156];
    const paxSize = pax.size ?? globalPax.size;
    const size = paxSize !== undefined && /^\d+$/.test(paxSize) ? Number(paxSize) : readOctal(block.slice(124, 136));
    if (off + size > bytes.length) throw new TarError("unexpected EOF");
    const data = bytes.slice(off, off + size);
    off += size + ((BLOCK - (size % BLOCK)) % BLOCK);
    if (flag === "x") {
      pax = { ...pax, ...parsePax(data) };
      continue;
    }
    if (flag === "g") {
      globalPax = { ...globalPax, ...parsePax(data) };
      continue;
    }
    if (flag === "L") {
      longName = cstr(data);
      continue;
    }
    if (flag === "K") {
      longLink = cstr(data);
      continue;
    }
    const ustar = block.slice(257, 263).startsWith("ustar");
    const prefix = ustar && block.slice(257, 263) === "ustar\0" ? cstr(block.slice(345, 500)) : "";
    const rec = { ...globalPax, ...pax };
    let name = rec.path ?? longName ?? (prefix ? `${prefix}/${cstr(block.slice(0, 100))}` : cstr(block.slice(0, 100)));
    const linkname = rec.linkpath ?? longLink ?? cstr(block.slice(157, 257));
    pax = {};
    longName = longLink = undefined;
    let type = FLAG_TYPE[flag];
    if (!type) continue; // other kinds (GNU sparse, volume labels) are skipped, as docker does
    if (type === "file" && name.endsWith("/")) type = "dir";
    const entry: FileEntry = {
      path: normalizeName(name),
      type,
      mode: readOctal(block.slice(100, 108)) & 0o7777,
      uid: rec.uid !== undefined ? Number(rec.uid) : readOctal(block.slice(108, 116)),
      gid: rec.gid !== undefined ? Number(rec.gid) : readOctal(block.slice(116, 124)),
      mtime: rec.mtime !== undefined ? Math.floor(Number(rec.mtime)) : readOctal(block.slice(136, 148)),
    };
    if (type === "file") entry.content = data;
    if (type === "symlink") entry.target = linkname;
    if (type === "hardlink") entry.target = normalizeName(linkname);
    if (type === "char" || type === "block") entry.rdev = [readOctal(block.slice(329, 337)), readOctal(block.slice(337, 345))];
    const xattrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec)) if (k.startsWith("SCHILY.xattr.")) xattrs[k.slice("SCHILY.xattr.".length)] = v;
    if (Object.keys(xattrs).length > 0) entry.xattrs = xattrs;
    if (type === "dir" && !name.endsWith("/")) name = `${name}/`;
    out.push({ name, entry, uname: cstr(block.slice(265, 297)), gname: cstr(block.slice(297, 329)) });
  }
}

const STAND_IN = /^\x7fELF[\s\S]{16,40}? simulated program: ([^\n]+)\n\0*$/;

/**
 * Turns file data that is a stand-in binary (or a long run of zeros, the stand-in of bulk data)
 * back into the compact form layers keep, so a loaded image costs what a pulled one does.
 */
export function compactEntry(e: FileEntry): FileEntry {
  if (e.type !== "file" || e.content === undefined || e.content.length < 64) return e;
  const c = e.content;
  if (c.charCodeAt(0) === 0x7f) {
    const m = STAND_IN.exec(c);
    if (m) {
      const { content: _, ...rest } = e;
      return { ...rest, prog: m[1], size: c.length };
    }
  } else if (c.length >= 4096 && c.charCodeAt(0) === 0 && /^\0*$/.test(c)) {
    const { content: _, ...rest } = e;
    return { ...rest, size: c.length };
  }
  return e;
}
