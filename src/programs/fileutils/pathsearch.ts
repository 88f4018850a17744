/** Finding a command in $PATH, as execvp and which do. */
import type { Sys } from "../../kernel/api";
import { asErrno } from "../lib/io";

export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** An executable regular file? */
export function isExecutableFile(sys: Sys, path: string): boolean {
  try {
    if (sys.stat(path).type !== "file") return false;
    sys.access(path, 1);
    return true;
  } catch (e) {
    asErrno(e);
    return false;
  }
}

/** Every match of `name` in PATH (just `name` itself if it contains a slash). */
export function searchPath(sys: Sys, name: string, path = sys.env.PATH ?? DEFAULT_PATH, all = false): string[] {
  if (name.includes("/")) return isExecutableFile(sys, name) ? [name] : [];
  const found: string[] = [];
  for (const dir of path.split(":")) {
    // An empty PATH entry means the current directory.
    const candidate = dir === "" ? name : `${dir.replace(/\/+$/, "")}/${name}`;
    if (isExecutableFile(sys, candidate)) {
      found.push(candidate);
      if (!all) break;
    }
  }
  return found;
}
