/**
 * The real side of the overlay differential tests: builds the trees in a temporary directory,
 * mounts the machine's own overlayfs, applies operations with node:fs, and describes the result.
 * Needs root (mount, trusted.* xattrs, mknod).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import type { OpResult } from "./overlay-sim";
import type { Op, Tree } from "./overlay-spec";

export function canMountOverlay(base: string): string | null {
  if (process.getuid?.() !== 0) return "not running as root";
  const dir = fs.mkdtempSync(join(base, "probe-"));
  try {
    for (const d of ["l", "u", "w", "m"]) fs.mkdirSync(join(dir, d));
    execFileSync(
      "mount",
      ["-t", "overlay", "overlay", "-o", `lowerdir=${dir}/l,upperdir=${dir}/u,workdir=${dir}/w`, `${dir}/m`],
      {
        stdio: "pipe",
      },
    );
    execFileSync("umount", [`${dir}/m`]);
    execFileSync("getfattr", ["--version"], { stdio: "pipe" });
    return null;
  } catch (e) {
    return `cannot mount overlay here: ${(e as Error).message.split("\n")[0]}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function writeRealTree(dir: string, tree: Tree) {
  fs.mkdirSync(dir, { recursive: true });
  const whiteouts: string[] = [];
  const opaque: string[] = [];
  for (const e of tree) {
    const p = join(dir, e.path);
    switch (e.kind) {
      case "dir":
        if (e.path !== "") fs.mkdirSync(p);
        fs.chmodSync(p, e.mode);
        break;
      case "file":
        fs.writeFileSync(p, e.content ?? "", "latin1");
        fs.chmodSync(p, e.mode);
        break;
      case "symlink":
        fs.symlinkSync(e.target!, p);
        break;
      case "whiteout":
        whiteouts.push(p);
        break;
      case "hardlink":
        fs.linkSync(join(dir, e.target!), p);
        continue;
    }
    if (e.opaque) opaque.push(p);
  }
  for (const p of whiteouts) execFileSync("mknod", ["-m", "000", p, "c", "0", "0"]);
  for (const p of opaque) execFileSync("setfattr", ["-n", "trusted.overlay.opaque", "-v", "y", p]);
  const deepestFirst = [...tree].sort((a, b) => b.path.split("/").length - a.path.split("/").length);
  for (const e of deepestFirst) {
    if (e.kind === "hardlink") continue;
    const p = join(dir, e.path);
    fs.lchownSync(p, e.uid, e.uid);
    fs.lutimesSync(p, e.mtime, e.mtime);
  }
}

export function mountReal(data: string, at: string) {
  execFileSync("mount", ["-t", "overlay", "overlay", "-o", data, at], { stdio: "pipe" });
}

export function umountReal(at: string) {
  execFileSync("umount", [at], { stdio: "pipe" });
}

function code(fn: () => void): OpResult {
  try {
    fn();
    return "ok";
  } catch (e) {
    const c = (e as NodeJS.ErrnoException).code;
    if (!c) throw e;
    return c;
  }
}

export function applyReal(root: string, o: Op): OpResult {
  const p = (rel: string) => join(root, rel);
  switch (o.op) {
    case "write":
      return code(() => fs.writeFileSync(p(o.path), o.data, "latin1"));
    case "append":
      return code(() => fs.appendFileSync(p(o.path), o.data, "latin1"));
    case "openw":
      return code(() => fs.closeSync(fs.openSync(p(o.path), fs.constants.O_WRONLY)));
    case "truncate":
      return code(() => fs.truncateSync(p(o.path), o.size));
    case "chmod":
      return code(() => fs.chmodSync(p(o.path), o.mode));
    case "utimes":
      return code(() => fs.utimesSync(p(o.path), o.time, o.time));
    case "mkdir":
      return code(() => fs.mkdirSync(p(o.path), 0o755));
    case "rmdir":
      return code(() => fs.rmdirSync(p(o.path)));
    case "unlink":
      return code(() => fs.unlinkSync(p(o.path)));
    case "rename":
      return code(() => fs.renameSync(p(o.from), p(o.to)));
    case "link":
      return code(() => fs.linkSync(p(o.from), p(o.to)));
    case "symlink":
      return code(() => fs.symlinkSync(o.target, p(o.path)));
  }
}

export interface RealEntry {
  path: string;
  /** null: listed by readdir but not found by lookup. */
  st: fs.Stats | null;
  content?: string;
  target?: string;
}

/** Every object below `root` (not following symlinks), depth first in name order. */
export function walkReal(root: string): RealEntry[] {
  const out: RealEntry[] = [];
  const visit = (rel: string) => {
    for (const name of fs.readdirSync(join(root, rel)).sort()) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const abs = join(root, path);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(abs);
      } catch (e) {
        // A stray whiteout in a directory overlayfs does not merge: listed, but not found.
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        out.push({ path, st: null });
        continue;
      }
      const e: RealEntry = { path, st };
      if (st.isFile()) e.content = fs.readFileSync(abs, "latin1");
      if (st.isSymbolicLink()) e.target = fs.readlinkSync(abs);
      out.push(e);
      if (st.isDirectory()) visit(path);
    }
  };
  visit("");
  return out;
}

/** Paths (relative to `root`) whose trusted.overlay.opaque is "y". */
export function opaqueDirs(root: string): Set<string> {
  const out = execFileSync(
    "getfattr",
    ["-R", "-P", "-h", "--absolute-names", "-d", "-m", "^trusted\\.overlay\\.opaque$", root],
    {
      encoding: "latin1",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const found = new Set<string>();
  let file = "";
  for (const line of out.split("\n")) {
    if (line.startsWith("# file: ")) file = line.slice(8);
    else if (line === 'trusted.overlay.opaque="y"')
      found.add(file === root ? "" : file.slice(root.length + 1));
  }
  return found;
}
