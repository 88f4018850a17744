/**
 * What a container changed, read from its writable overlay layer (the upper dir) against the image
 * layers below, as the overlay2 driver's Changes and Size do: docker diff and docker ps --size.
 */
import type { Kernel } from "../../kernel";
import { Errno } from "../../kernel";
import { exists, hostWalker, readFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { type ContainerRecord, engineState } from "../state";

export interface Change {
  kind: "A" | "C" | "D";
  path: string;
}

function upperDir(c: ContainerRecord): string {
  return `${DOCKER_ROOT}/overlay2/${c.rwCacheId}/diff`;
}

/** The lower directories of the container's layer, nearest first (init layer, then the image). */
function lowerDirs(k: Kernel, c: ContainerRecord): string[] {
  const base = `${DOCKER_ROOT}/overlay2`;
  try {
    return readFile(k, `${base}/${c.rwCacheId}/lower`)
      .split(":")
      .map((l) => `${base}/${l}`);
  } catch (e) {
    if (e instanceof Errno) return [];
    throw e;
  }
}

interface Walked {
  path: string;
  type: string;
  size: number;
  ino: number;
  rdev: [number, number];
}

/** Every entry under the upper dir, parents before children, in directory order. */
function walkUpper(k: Kernel, c: ContainerRecord): Walked[] {
  const w = hostWalker(k);
  const root = upperDir(c);
  const out: Walked[] = [];
  const visit = (rel: string) => {
    let entries: Array<{ name: string }>;
    try {
      entries = k.vfs.readdir(k.vfs.walk(w, `${root}${rel}`, true));
    } catch (e) {
      if (e instanceof Errno) return;
      throw e;
    }
    for (const e of entries) {
      if (e.name === "." || e.name === "..") continue;
      const path = `${rel}/${e.name}`;
      const st = k.vfs.stat(k.vfs.walk(w, `${root}${path}`, false));
      out.push({ path, type: st.type, size: st.size, ino: st.ino, rdev: st.rdev });
      if (st.type === "dir") visit(path);
    }
  };
  visit("");
  return out;
}

/** docker diff: A (added), C (changed: also each directory on the way to a change), D (whiteout). */
export function containerChanges(k: Kernel, c: ContainerRecord): Change[] {
  const lowers = lowerDirs(k, c);
  const inLower = (path: string) => lowers.some((l) => exists(k, `${l}${path}`));
  const out: Change[] = [];
  for (const e of walkUpper(k, c)) {
    if (e.type === "char" && e.rdev[0] === 0 && e.rdev[1] === 0) out.push({ kind: "D", path: e.path });
    else out.push({ kind: inLower(e.path) ? "C" : "A", path: e.path });
  }
  return out;
}

/** SizeRw (bytes of the files in the writable layer) and SizeRootFs (that plus the image). */
export function containerSizes(k: Kernel, c: ContainerRecord): { rw: number; rootFs: number } {
  const seen = new Set<number>();
  let rw = 0;
  for (const e of walkUpper(k, c)) {
    if (e.type === "dir" || seen.has(e.ino)) continue;
    seen.add(e.ino);
    if (!(e.type === "char" && e.rdev[0] === 0 && e.rdev[1] === 0)) rw += e.size;
  }
  const img = engineState(k).images[c.imageId];
  return { rw, rootFs: rw + (img?.size ?? 0) };
}
