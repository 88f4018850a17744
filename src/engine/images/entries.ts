/**
 * A directory tree on the host read back as tar-like file entries (for `docker push` of layers the
 * catalog does not know, and `docker save`). Hard links are not detected: each path is a file.
 */
import type { Kernel } from "../../kernel";
import type { FileEntry } from "../../kernel/fs/entries";
import { hostWalker } from "../hostfs";

export function readTreeEntries(k: Kernel, dir: string): FileEntry[] {
  const w = hostWalker(k);
  const out: FileEntry[] = [];
  const visit = (rel: string) => {
    const loc = k.vfs.walk(w, rel === "" ? dir : `${dir}/${rel}`, false);
    const st = k.vfs.stat(loc);
    const drv = k.vfs.drv(loc.fs);
    const sb = k.vfs.sb(loc.fs);
    if (rel !== "") {
      const e: FileEntry = {
        path: rel,
        type: st.type === "socket" ? "file" : st.type,
        mode: st.mode & 0o7777,
        uid: st.uid,
        gid: st.gid,
        mtime: Math.floor(st.mtime),
      };
      if (st.type === "file") {
        const prog = drv.progOf?.(k, sb, loc.node);
        if (prog) {
          e.prog = prog;
          e.size = st.size;
        } else e.content = drv.read(k, sb, loc.node);
      } else if (st.type === "symlink") e.target = k.vfs.readlink(loc);
      else if (st.type === "char" || st.type === "block") e.rdev = st.rdev;
      out.push(e);
    }
    if (st.type === "dir") for (const c of k.vfs.readdir(loc).sort((a, b) => (a.name < b.name ? -1 : 1))) visit(rel === "" ? c.name : `${rel}/${c.name}`);
  };
  visit("");
  return out;
}
