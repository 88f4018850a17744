/**
 * Builds a layer's FileEntry[] from compact recipes. Parent directories are created implicitly
 * (0755 root), every entry gets the layer's mtime, and the result is sorted so parents precede
 * children. Compact listings keep the catalog small: "ls:138208 cat:43936 sh>dash" is two
 * binaries and a symlink.
 */
import type { FileEntry } from "../../kernel/fs/entries";

export type Arch = "amd64" | "arm64";

export class Tree {
  private readonly byPath = new Map<string, FileEntry>();

  /** `scale` multiplies stand-in sizes (machine code differs in size per architecture). */
  constructor(
    readonly mtime: number,
    readonly scale = 1,
  ) {}

  private put(e: Omit<FileEntry, "mtime"> & { mtime?: number }): this {
    const path = e.path.replace(/^\/+|\/+$/g, "");
    const slash = path.lastIndexOf("/");
    if (slash > 0 && !this.byPath.has(path.slice(0, slash))) this.dir(path.slice(0, slash));
    this.byPath.set(path, { ...e, path, mtime: e.mtime ?? this.mtime });
    return this;
  }

  dir(path: string, mode = 0o755, uid = 0, gid = 0): this {
    return this.put({ path, type: "dir", mode, uid, gid });
  }

  /** Several directories at once, space separated. */
  dirs(paths: string, mode = 0o755, uid = 0, gid = 0): this {
    for (const p of paths.split(/\s+/)) if (p) this.dir(p, mode, uid, gid);
    return this;
  }

  file(path: string, content: string, mode = 0o644, uid = 0, gid = 0): this {
    return this.put({ path, type: "file", mode, uid, gid, content });
  }

  /** A simulated executable: `prog` is what the kernel runs, `size` its stand-in length. */
  bin(path: string, prog: string, size: number, mode = 0o755, uid = 0, gid = 0): this {
    return this.put({ path, type: "file", mode, uid, gid, prog, size: Math.round(size * this.scale) });
  }

  /** Opaque data (shared libraries, databases, locales) represented only by its size. */
  blob(path: string, size: number, mode = 0o644): this {
    return this.put({ path, type: "file", mode, uid: 0, gid: 0, size: Math.round(size * this.scale) });
  }

  link(path: string, target: string): this {
    return this.put({ path, type: "symlink", mode: 0o777, uid: 0, gid: 0, target });
  }

  hardlink(path: string, target: string): this {
    return this.put({ path, type: "hardlink", mode: 0o755, uid: 0, gid: 0, target });
  }

  node(path: string, type: "char" | "block" | "fifo", mode: number, rdev?: [number, number]): this {
    return this.put({ path, type, mode, uid: 0, gid: 0, rdev });
  }

  /**
   * Executables in `dir` from "name:size" (prog = name), "name:size:prog", or "name>target"
   * (symlink). Used for /usr/bin style listings.
   */
  progs(dir: string, spec: string, mode = 0o755): this {
    for (const tok of spec.split(/\s+/)) {
      if (!tok) continue;
      const arrow = tok.indexOf(">");
      if (arrow > 0) {
        this.link(`${dir}/${tok.slice(0, arrow)}`, tok.slice(arrow + 1));
        continue;
      }
      const [name, size, prog] = tok.split(":");
      this.bin(`${dir}/${name}`, prog || name, Number(size), mode);
    }
    return this;
  }

  /** Data files in `dir` from "name:size" or "name>target" tokens. */
  blobs(dir: string, spec: string, mode = 0o644): this {
    for (const tok of spec.split(/\s+/)) {
      if (!tok) continue;
      const arrow = tok.indexOf(">");
      if (arrow > 0) this.link(`${dir}/${tok.slice(0, arrow)}`, tok.slice(arrow + 1));
      else {
        const [name, size] = tok.split(":");
        this.blob(`${dir}/${name}`, Number(size), mode);
      }
    }
    return this;
  }

  get(path: string): FileEntry | undefined {
    return this.byPath.get(path);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Removes a path and everything below it (slim images drop docs this way). */
  remove(prefix: string): this {
    for (const p of [...this.byPath.keys()])
      if (p === prefix || p.startsWith(`${prefix}/`)) this.byPath.delete(p);
    return this;
  }

  /** Bytes of file data and symlink targets so far, as Docker counts image size. */
  dataSize(): number {
    let n = 0;
    for (const e of this.byPath.values())
      n +=
        e.type === "file"
          ? (e.size ?? e.content?.length ?? 0)
          : e.type === "symlink"
            ? (e.target?.length ?? 0)
            : 0;
    return n;
  }

  /**
   * Grows the layer to `total` bytes (before arch scaling) with opaque files: "path:weight ..."
   * share what is left in proportion to their weights. Real layers carry hundreds of libraries
   * and data files; a few real names stand for them.
   */
  fillTo(total: number, spec: string): this {
    const parts = spec
      .split(/\s+/)
      .filter(Boolean)
      .map((tok) => tok.split(":"));
    const weights = parts.reduce((n, [, w]) => n + Number(w), 0);
    const left = Math.max(0, total * this.scale - this.dataSize());
    for (const [path, w] of parts) this.blob(path, Math.round((left * Number(w)) / weights / this.scale));
    return this;
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  entries(): FileEntry[] {
    return [...this.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

/** Unix seconds of an RFC 3339 UTC timestamp, computed without Date so recipes stay pure. */
export function epochOf(rfc3339: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/.exec(rfc3339);
  if (!m) throw new Error(`bad timestamp ${rfc3339}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  // days from civil (Howard Hinnant's algorithm)
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86400 + h * 3600 + mi * 60 + s;
}
