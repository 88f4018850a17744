/**
 * Content addressing. A layer's diffID is sha256 of a canonical tar-like serialization of its
 * entries; stand-in binaries are serialized as their prog and size, never expanded, so hashing a
 * 100 MB layer costs only its text files. The "compressed" blob the registry serves is modelled,
 * not produced: its digest and size are derived deterministically from the diffID and entries.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { toUint8 } from "../../kernel/bytes";
import type { FileEntry } from "../../kernel/fs/entries";

const HEX = "0123456789abcdef";

export function sha256Hex(bytes: string): string {
  const d = sha256(toUint8(bytes));
  let out = "";
  for (const b of d) out += HEX[b >> 4] + HEX[b & 15];
  return out;
}

/** "sha256:<hex>" of a byte string. */
export function digestOf(bytes: string): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** Bytes a file occupies on disk as Docker counts image size (symlinks count their target). */
export function entryDataSize(e: FileEntry): number {
  if (e.type === "file") return e.size ?? e.content?.length ?? 0;
  if (e.type === "symlink") return e.target?.length ?? 0;
  return 0;
}

/** One entry's canonical header line; its data follows. Field order is part of image identity. */
function headerOf(e: FileEntry): string {
  let h = `${e.path}\0${e.type} ${e.mode.toString(8)} ${e.uid} ${e.gid} ${e.mtime} ${entryDataSize(e)}`;
  if (e.target !== undefined) h += ` ->${e.target}`;
  if (e.prog !== undefined) h += ` prog=${e.prog}`;
  if (e.rdev) h += ` rdev=${e.rdev[0]},${e.rdev[1]}`;
  if (e.xattrs) for (const k of Object.keys(e.xattrs).sort()) h += ` xattr.${k}=${e.xattrs[k]}`;
  return `${h}\n`;
}

/** Canonical serialization of a layer, entries sorted bytewise by path (so parents come first). */
export function serializeLayer(entries: readonly FileEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: string[] = [];
  for (const e of sorted) {
    parts.push(headerOf(e));
    if (e.type === "file" && e.prog === undefined && e.content) parts.push(e.content);
  }
  return parts.join("");
}

export interface LayerMeta {
  /** sha256 of the uncompressed layer: what rootfs.diff_ids lists. */
  diffID: string;
  /** Digest of the (modelled) gzip blob: what manifests list and `docker pull` abbreviates. */
  digest: string;
  /** Sum of file sizes, as `docker images`/`history` report. */
  size: number;
  /** Size of the modelled gzip blob. */
  compressedSize: number;
  entryCount: number;
}

/**
 * gzip ratios measured on real images: machine code ~0.45, small text files ~0.35, and each tar
 * header (512 bytes of mostly zeros) squeezes to a few dozen bytes.
 */
export function layerMeta(entries: readonly FileEntry[]): LayerMeta {
  const diffID = digestOf(serializeLayer(entries));
  let size = 0;
  let binary = 0;
  let text = 0;
  for (const e of entries) {
    const n = entryDataSize(e);
    size += n;
    if (e.prog !== undefined) binary += n;
    else if (e.type === "file") text += n;
  }
  const compressedSize = Math.round(binary * 0.45 + text * 0.35 + entries.length * 46 + 32);
  const digest = digestOf(`tar+gzip\n${diffID}\n${compressedSize}`);
  return { diffID, digest, size, compressedSize, entryCount: entries.length };
}
