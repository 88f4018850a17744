/**
 * A directory tree read into tar members the way the daemon's archive package walks it: names in
 * byte order, a directory before its children, hard links found by inode, sockets left out. In
 * layer mode, overlay whiteouts (char 0/0) and opaque directories become the AUFS-style
 * ".wh.<name>" and ".wh..wh..opq" files that image layers carry.
 */
import { Errno, type Kernel } from "../../kernel";
import type { FileEntry } from "../../kernel/fs/entries";
import type { Walker } from "../../kernel/fs/vfs";
import { OPAQUE_XATTR } from "../../kernel/fs/overlay-view";
import type { Loc } from "../../kernel/world";
import { hostWalker, readFile } from "../hostfs";
import type { TarItem } from "./tar";

export const WHITEOUT_PREFIX = ".wh.";
export const OPAQUE_MARKER = ".wh..wh..opq";

/** User and group names for tar headers (uid/gid -> name, "" when unknown). */
export interface IdNames {
  user(uid: number): string;
  group(gid: number): string;
}

/** Names from passwd/group file texts, as Go's os/user lookup finds them. */
export function idNamesFrom(passwd: string, group: string): IdNames {
  const table = (text: string) => {
    const m = new Map<number, string>();
    for (const line of text.split("\n")) {
      const f = line.split(":");
      if (f.length >= 3 && /^\d+$/.test(f[2]) && !m.has(Number(f[2]))) m.set(Number(f[2]), f[0]);
    }
    return m;
  };
  const users = table(passwd);
  const groups = table(group);
  return { user: (uid) => users.get(uid) ?? "", group: (gid) => groups.get(gid) ?? "" };
}

/** The daemon's view: the host's /etc/passwd and /etc/group. */
export function hostIdNames(k: Kernel): IdNames {
  const read = (p: string) => {
    try {
      return readFile(k, p);
    } catch (e) {
      if (e instanceof Errno) return "";
      throw e;
    }
  };
  return idNamesFrom(read("/etc/passwd"), read("/etc/group"));
}

export interface TreeOptions {
  /** Convert overlay whiteouts and opaque directories to their tar form (layers). */
  layer?: boolean;
  names?: IdNames;
}

const isWhiteout = (type: string, rdev: [number, number]) => type === "char" && rdev[0] === 0 && rdev[1] === 0;

/**
 * Reads `path` (resolved with walker `w`, the last component not followed) into tar members named
 * under `base`: "" gives the tree's contents with no entry for the top directory (a layer or an
 * export), "d" gives "d/", "d/a.txt", ... (docker cp). A non-directory gives one member named `base`.
 */
export function readTree(k: Kernel, w: Walker, path: string, base: string, opts: TreeOptions = {}): TarItem[] {
  const out: TarItem[] = [];
  const seen = new Map<string, string>();
  const names = opts.names;
  const visit = (loc: Loc, name: string) => {
    const st = k.vfs.stat(loc);
    if (st.type === "socket") return;
    const drv = k.vfs.drv(loc.fs);
    const sb = k.vfs.sb(loc.fs);
    const entry: FileEntry = { path: name.replace(/\/$/, ""), type: st.type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtime) };
    const item: TarItem = { name, entry, uname: names?.user(st.uid) ?? "", gname: names?.group(st.gid) ?? "" };
    if (opts.layer && isWhiteout(st.type, st.rdev)) {
      const slash = name.lastIndexOf("/");
      item.name = `${name.slice(0, slash + 1)}${WHITEOUT_PREFIX}${name.slice(slash + 1)}`;
      item.entry = { ...entry, path: item.name, type: "file", content: "" };
      item.mode = 0o600;
      out.push(item);
      return;
    }
    if (st.type !== "dir" && st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = seen.get(key);
      if (first !== undefined) {
        item.entry = { ...entry, type: "hardlink", target: first };
        item.mode = 0o100000 | (st.mode & 0o7777);
        out.push(item);
        return;
      }
      seen.set(key, name);
    }
    if (st.type === "file") {
      const prog = drv.progOf?.(k, sb, loc.node);
      if (prog !== undefined) {
        entry.prog = prog;
        entry.size = st.size;
      } else entry.content = drv.read(k, sb, loc.node);
    } else if (st.type === "symlink") entry.target = k.vfs.readlink(loc);
    else if (st.type === "char" || st.type === "block") entry.rdev = st.rdev;
    if (st.type !== "dir") {
      out.push(item);
      return;
    }
    if (name !== "") out.push(item);
    if (opts.layer && name !== "" && drv.listxattr(k, sb, loc.node).includes(OPAQUE_XATTR) && drv.getxattr(k, sb, loc.node, OPAQUE_XATTR) === "y") {
      const marker = `${name}${OPAQUE_MARKER}`;
      out.push({ name: marker, entry: { path: marker, type: "file", mode: st.mode & 0o777, uid: st.uid, gid: st.gid, mtime: 0, content: "" }, mode: st.mode & 0o777, uname: item.uname, gname: item.gname });
    }
    const children = k.vfs
      .readdir(loc)
      .map((c) => c.name)
      .filter((n) => n !== "." && n !== "..")
      .sort();
    for (const child of children) {
      const childLoc = k.vfs.lookupChild(loc, child);
      if (childLoc) visit(childLoc, `${name}${child}${isDirAt(k, childLoc) ? "/" : ""}`);
    }
  };
  const top = k.vfs.walk(w, path, false);
  const topIsDir = k.vfs.stat(top).type === "dir";
  visit(top, base === "" ? "" : topIsDir ? `${base}/` : base);
  return out;
}

function isDirAt(k: Kernel, loc: Loc): boolean {
  return k.vfs.stat(loc).type === "dir";
}

/** A host directory (the daemon's view, as root) read as a layer's tar members. */
export function readLayerDir(k: Kernel, dir: string, names = hostIdNames(k)): TarItem[] {
  return readTree(k, hostWalker(k), dir, "", { layer: true, names });
}
