/**
 * The engine's hands on the host filesystem (/var/lib/docker, /run/docker): it acts as root in the
 * host's mount namespace, like dockerd does, without going through a process.
 */
import { Errno, type Kernel } from "../kernel";
import { attachMount, addFs, anonDev } from "../kernel/fs/mount";
import type { Walker } from "../kernel/fs/vfs";
import type { Loc } from "../kernel/world";

/** Root in the host's mount namespace; relative paths start at `from` (a directory already found). */
export function hostWalker(k: Kernel, from?: Loc): Walker {
  const init = k.w.procs[1];
  return { root: init.root, cwd: from ?? init.root, cred: { uid: 0, gid: 0, groups: [] } };
}

export function exists(k: Kernel, path: string, from?: Loc): boolean {
  try {
    return k.vfs.tryWalk(hostWalker(k, from), path, false) !== null;
  } catch (e) {
    if (e instanceof Errno) return false;
    throw e;
  }
}

/**
 * The directory `path` names something in and that name, when that is simple: the directory exists
 * and the name is a plain one. `exists`: whether the name is there already. Null otherwise, and the
 * caller takes the general way. Walking the name from the directory ends where `path` does.
 */
function lastName(k: Kernel, w: Walker, path: string): { dir: Loc; name: string; exists: boolean } | null {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  if (name === "" || name === "." || name === "..") return null;
  let dir: Loc | null;
  try {
    dir = slash < 0 ? w.cwd : k.vfs.tryWalk(w, slash === 0 ? "/" : path.slice(0, slash), true);
  } catch (e) {
    if (e instanceof Errno) return null;
    throw e;
  }
  if (dir === null || k.vfs.kindOf(dir) !== "dir") return null;
  return { dir, name, exists: k.vfs.lookupChild(dir, name) !== null };
}

/** Walks to `path`, from its directory when lastName found that (one component instead of all). */
function walkTo(k: Kernel, w: Walker, path: string, at: { dir: Loc; name: string } | null): Loc {
  return at ? k.vfs.walk(hostWalker(k, at.dir), at.name, true) : k.vfs.walk(w, path, true);
}

export function mkdirp(k: Kernel, path: string, perm = 0o755, from?: Loc): Loc {
  const w = hostWalker(k, from);
  const at = lastName(k, w, path);
  if (at && !at.exists) {
    const node = k.vfs.drv(at.dir.fs).create(k, k.vfs.sb(at.dir.fs), at.dir.node, at.name, { type: "dir", perm, uid: 0, gid: 0 });
    return { ...at.dir, node };
  }
  try {
    return walkTo(k, w, path, at);
  } catch (e) {
    if (!(e instanceof Errno) || e.code !== "ENOENT") throw e;
  }
  // Create from the deepest existing ancestor down, one walk per missing component.
  const abs = path.startsWith("/");
  const parts = path.split("/").filter(Boolean);
  const prefix = (n: number) => (abs ? `/${parts.slice(0, n).join("/")}` : parts.slice(0, n).join("/") || ".");
  let have = parts.length - 1;
  while (have > 0 && !exists(k, prefix(have), from)) have--;
  let loc = k.vfs.walk(w, prefix(have), true);
  for (let i = have; i < parts.length; i++) {
    const node = k.vfs.drv(loc.fs).create(k, k.vfs.sb(loc.fs), loc.node, parts[i], { type: "dir", perm, uid: 0, gid: 0 });
    loc = { ...loc, node };
  }
  return loc;
}

export function writeFile(k: Kernel, path: string, data: string, perm = 0o644, from?: Loc) {
  const w = hostWalker(k, from);
  const at = lastName(k, w, path);
  let loc: Loc;
  if (at && !at.exists) loc = k.vfs.createIn(w.cred, at.dir, at.name, { type: "file", perm });
  else {
    try {
      loc = walkTo(k, w, path, at);
      k.vfs.drv(loc.fs).truncate(k, k.vfs.sb(loc.fs), loc.node, 0);
    } catch (e) {
      if (!(e instanceof Errno) || e.code !== "ENOENT") throw e;
      loc = k.vfs.create(w, path, { type: "file", perm });
    }
  }
  k.vfs.drv(loc.fs).write(k, k.vfs.sb(loc.fs), loc.node, 0, data);
}

export function appendFile(k: Kernel, path: string, data: string) {
  const loc = k.vfs.walk(hostWalker(k), path, true);
  const drv = k.vfs.drv(loc.fs);
  const sb = k.vfs.sb(loc.fs);
  drv.write(k, sb, loc.node, drv.getattr(k, sb, loc.node).size, data);
}

export function readFile(k: Kernel, path: string, from?: Loc): string {
  const loc = k.vfs.walk(hostWalker(k, from), path, true);
  return k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node);
}

export function symlink(k: Kernel, target: string, path: string, from?: Loc) {
  const w = hostWalker(k, from);
  const at = lastName(k, w, path);
  if (at && !at.exists) k.vfs.createIn(w.cred, at.dir, at.name, { type: "symlink", perm: 0o777, target });
  else k.vfs.create(w, path, { type: "symlink", perm: 0o777, target });
}

/** rm -rf (stays on one filesystem; mounts below must be detached first). */
export function removeTree(k: Kernel, path: string) {
  const w = hostWalker(k);
  let st: ReturnType<Kernel["vfs"]["stat"]>;
  try {
    st = k.vfs.stat(k.vfs.walk(w, path, false));
  } catch (e) {
    if (e instanceof Errno) return;
    throw e;
  }
  if (st.type === "dir") {
    const loc = k.vfs.walk(w, path, false);
    for (const e of k.vfs.readdir(loc)) removeTree(k, `${path}/${e.name}`);
    k.vfs.rmdir(w, path);
  } else k.vfs.unlink(w, path);
}

/** Grafts an immutable layer at `path` (an invisible mount: /proc/mounts does not list it). */
export function graftLayer(k: Kernel, path: string, digest: string) {
  const at = mkdirp(k, path);
  const sb = addFs(k, (id) => ({ id, kind: "layer", dev: anonDev(k), digest }));
  attachMount(k, k.w.initNs.mnt, at, {
    fs: sb.id,
    root: k.driver(sb).root(k, sb),
    source: "overlay2",
    fstype: "layer",
    readonly: false,
    options: [],
    hidden: true,
  });
}
