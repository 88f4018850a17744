/**
 * The daemon's side of `docker cp` and `docker export`: a container's filesystem as dockerd sees
 * it (the overlay rootfs, mounted for the call when the container is not running, with its volumes
 * and bind mounts), stat of a path, a tar of a path, and extracting a tar into a directory.
 */
import { Errno, type Kernel } from "../../kernel";
import type { Walker } from "../../kernel/fs/vfs";
import type { Loc } from "../../kernel/world";
import type { DockerClient } from "../client";
import { EngineError } from "../client";
import { hostWalker } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import type { TarItem, TarMemberRead } from "../images/tar";
import { entryData } from "../images/tar";
import { hostIdNames, readTree } from "../images/tree";
import type { ContainerRecord } from "../state";
import { mountOverlay, unmountOverlay } from "./rootfs";

function mergedDir(c: ContainerRecord): string {
  return `${DOCKER_ROOT}/overlay2/${c.rwCacheId}/merged`;
}

function overlayMounted(k: Kernel, c: ContainerRecord): boolean {
  const ns = k.w.ns[k.w.initNs.mnt].mnt!;
  const root = k.w.procs[1].root;
  return ns.mounts.some((id) => {
    const m = k.w.mounts[id];
    return m.fstype === "overlay" && !m.hidden && k.vfs.pathOf({ mnt: m.id, fs: m.fs, node: m.root }, root) === mergedDir(c);
  });
}

/** Runs `fn` with the container's rootfs mounted (as dockerd mounts it for cp/export/commit). */
export function withRootfs<T>(k: Kernel, c: ContainerRecord, fn: (root: Loc) => T): T {
  const mounted = overlayMounted(k, c);
  if (!mounted) mountOverlay(k, c);
  try {
    return fn(k.vfs.walk(hostWalker(k), mergedDir(c), true));
  } finally {
    if (!mounted) unmountOverlay(k, c);
  }
}

const cleanPath = (p: string): string => {
  const parts: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop();
    else parts.push(s);
  }
  return `/${parts.join("/")}`;
};

/**
 * Where a container path lives: the rootfs, or the volume or bind mount covering it. Returns a
 * walker rooted there (symlinks resolve inside it, as the daemon's scoped resolution does) and
 * the path below that root. Keeps a trailing "/" or "/." that the caller gave.
 */
export function locate(k: Kernel, c: ContainerRecord, root: Loc, path: string): { w: Walker; path: string } {
  const cred = { uid: 0, gid: 0, groups: [] };
  const clean = cleanPath(path);
  const tail = path.endsWith("/.") ? "/." : path.endsWith("/") && clean !== "/" ? "/" : "";
  const mounts = c.mounts.filter((m) => m.Type !== "tmpfs" && (clean === m.Destination || clean.startsWith(`${m.Destination}/`)));
  mounts.sort((a, b) => b.Destination.length - a.Destination.length);
  const m = mounts[0];
  if (m) {
    const src = k.vfs.walk(hostWalker(k), m.Source, true);
    return { w: { root: src, cwd: src, cred }, path: `${clean.slice(m.Destination.length) || "/"}${tail}`.replace(/\/\/+/g, "/") };
  }
  return { w: { root, cwd: root, cred }, path: `${clean}${tail}`.replace(/\/\/+/g, "/") };
}

export interface PathStat {
  name: string;
  size: number;
  type: string;
  mode: number;
  mtime: number;
  linkTarget: string;
}

function notFound(path: string, name: string): EngineError {
  return new EngineError(`Could not find the file ${path} in container ${name}`, 404);
}

function statIn(k: Kernel, w: Walker, path: string): { loc: Loc; st: PathStat } {
  // A trailing "/" or "/." resolves the last component too (the daemon's ResolvePath).
  const follow = path.endsWith("/") || path.endsWith("/.");
  const loc = k.vfs.walk(w, path === "" ? "/" : path, follow);
  const s = k.vfs.stat(loc);
  const clean = cleanPath(path);
  return {
    loc,
    st: {
      name: clean === "/" ? "/" : clean.slice(clean.lastIndexOf("/") + 1),
      size: s.size,
      type: s.type,
      mode: s.mode,
      mtime: s.mtime,
      linkTarget: s.type === "symlink" ? k.vfs.readlink(loc) : "",
    },
  };
}

/** HEAD /containers/{id}/archive: the stat of a path in the container (not following a final symlink). */
export function containerStatPath(d: DockerClient, idOrName: string, path: string): PathStat {
  const c = d.container(idOrName);
  return withRootfs(d.k, c, (root) => {
    const at = locate(d.k, c, root, path);
    try {
      return statIn(d.k, at.w, at.path).st;
    } catch (e) {
      if (e instanceof Errno) throw notFound(path, idOrName);
      throw e;
    }
  });
}

/** The base name a path's archive members are named under (Go's SplitPathDirEntry). */
export function archiveBase(path: string): string {
  if (path.endsWith("/.") || path === ".") return ".";
  const clean = cleanPath(path);
  return clean === "/" ? "/" : clean.slice(clean.lastIndexOf("/") + 1);
}

/** GET /containers/{id}/archive: a path's stat and its tar members, named under its base name. */
export function containerArchive(d: DockerClient, idOrName: string, path: string): { stat: PathStat; items: TarItem[] } {
  const k = d.k;
  const c = d.container(idOrName);
  return withRootfs(k, c, (root) => {
    const at = locate(k, c, root, path);
    let stat: PathStat;
    try {
      stat = statIn(k, at.w, at.path).st;
    } catch (e) {
      if (e instanceof Errno) throw notFound(path, idOrName);
      throw e;
    }
    const base = archiveBase(path);
    const follow = at.path.endsWith("/") || at.path.endsWith("/.");
    const target = follow ? at.path.replace(/\/\.?$/, "") || "/" : at.path;
    const resolved = follow ? k.vfs.pathOf(k.vfs.walk(at.w, target, true), at.w.root) : target;
    const names = hostIdNames(k);
    const items = readTree(k, at.w, resolved, base === "/" ? "." : base, { names });
    return { stat, items };
  });
}

/** docker export: the merged filesystem as tar members (no entry for "/"). */
export function containerExport(d: DockerClient, idOrName: string): TarItem[] {
  const k = d.k;
  const c = d.container(idOrName);
  return withRootfs(k, c, (root) => readTree(k, { root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } }, "/", "", { names: hostIdNames(k) }));
}

export interface ExtractOptions {
  /** -a: files take the container user's uid/gid (when the container has a User). */
  owner?: { uid: number; gid: number };
}

/** PUT /containers/{id}/archive: extracts members into directory `path` of the container. */
export function containerExtract(d: DockerClient, idOrName: string, path: string, members: readonly TarMemberRead[], opts: ExtractOptions = {}) {
  const k = d.k;
  const c = d.container(idOrName);
  if (c.hostConfig.ReadonlyRootfs) throw new EngineError("container rootfs is marked read-only", 403);
  withRootfs(k, c, (root) => {
    const at = locate(k, c, root, path);
    let dir: Loc;
    try {
      dir = k.vfs.walk(at.w, at.path || "/", true);
    } catch (e) {
      if (e instanceof Errno) throw notFound(path, idOrName);
      throw e;
    }
    if (k.vfs.stat(dir).type !== "dir") throw new EngineError("extraction point is not a directory", 400);
    const dirPath = k.vfs.pathOf(dir, at.w.root);
    untar(k, at.w, dirPath, members, opts);
  });
}

/** Go's Untar with NoOverwriteDirNonDir: parents made as needed, directory times set last. */
function untar(k: Kernel, w: Walker, dest: string, members: readonly TarMemberRead[], opts: ExtractOptions) {
  const join = (p: string) => (dest === "/" ? `/${p}` : `${dest}/${p}`);
  const dirTimes: Array<[string, number]> = [];
  const lstat = (p: string) => {
    try {
      return k.vfs.stat(k.vfs.walk(w, p, false));
    } catch (e) {
      if (e instanceof Errno) return null;
      throw e;
    }
  };
  for (const m of members) {
    const e = m.entry;
    if (e.path === "" && e.type === "dir") continue;
    const target = join(e.path);
    const parts = e.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const p = join(parts.slice(0, i).join("/"));
      if (!lstat(p)) k.vfs.create(w, p, { type: "dir", perm: 0o755 });
    }
    const existing = lstat(target);
    if (existing) {
      if (existing.type === "dir" && e.type !== "dir")
        throw new EngineError(`cannot overwrite directory "${target}" with non-directory "${e.path}"`, 500);
      if (existing.type !== "dir" && e.type === "dir")
        throw new EngineError(`cannot overwrite non-directory "${target}" with directory "${e.path}"`, 500);
      if (existing.type !== "dir") k.vfs.unlink(w, target);
    }
    if (e.type === "dir") {
      if (!existing) k.vfs.create(w, target, { type: "dir", perm: e.mode & 0o7777 });
    } else if (e.type === "file") {
      const loc = k.vfs.create(w, target, { type: "file", perm: e.mode & 0o7777 });
      const data = entryData(e);
      if (data.length > 0) k.vfs.drv(loc.fs).write(k, k.vfs.sb(loc.fs), loc.node, 0, data);
    } else if (e.type === "symlink") k.vfs.create(w, target, { type: "symlink", perm: 0o777, target: e.target ?? "" });
    else if (e.type === "hardlink") k.vfs.link(w, join(e.target ?? ""), target);
    else k.vfs.create(w, target, { type: e.type, perm: e.mode & 0o7777, rdev: e.rdev });
    if (e.type === "hardlink") continue;
    const owner = opts.owner ?? { uid: e.uid, gid: e.gid };
    k.vfs.setattr(w, target, { uid: owner.uid, gid: owner.gid }, false);
    if (e.type !== "symlink") k.vfs.setattr(w, target, { perm: e.mode & 0o7777 }, false);
    if (e.type === "dir") dirTimes.push([target, e.mtime]);
    else k.vfs.setattr(w, target, { atime: e.mtime * 1e6, mtime: e.mtime * 1e6 }, false);
  }
  for (const [p, t] of dirTimes) k.vfs.setattr(w, p, { atime: t * 1e6, mtime: t * 1e6 }, false);
}
