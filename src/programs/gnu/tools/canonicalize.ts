/**
 * gnulib canonicalize_filename_mode(): an absolute name without ".", ".." or symlinks, for readlink
 * -f/-e/-m and realpath. Components are resolved one by one with readlink(2); ".." removes the last
 * resolved component (so it applies after symlinks are followed, unlike a lexical clean-up).
 */
import type { Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import { asErrno } from "../../lib/io";

/** existing: every component must exist; allButLast: all but the last; missing: none need to. */
export type CanonicalizeMode = "existing" | "allButLast" | "missing";

/** Linux's MAXSYMLINKS: more links than this in one resolution is a loop. */
const MAX_LINKS = 40;

/** The canonical name, or the Errno that stopped it. */
export function canonicalize(sys: Sys, name: string, mode: CanonicalizeMode): string | Errno {
  if (name === "") return new Errno("ENOENT");
  let rname = name.startsWith("/") ? "" : trimRoot(sys.getcwd());
  let rest = name;
  let links = 0;
  while (rest !== "") {
    const m = /^\/*([^/]*)/.exec(rest) as RegExpExecArray;
    const component = m[1];
    const end = rest.slice(m[0].length);
    rest = end;
    if (component === "" || component === ".") continue;
    if (component === "..") {
      rname = rname.slice(0, Math.max(0, rname.lastIndexOf("/")));
      continue;
    }
    const candidate = `${rname}/${component}`;
    let target: string | null = null;
    let error: Errno | null = null;
    try {
      target = sys.readlink(candidate);
    } catch (e) {
      error = asErrno(e);
    }
    if (target !== null) {
      if (++links > MAX_LINKS) {
        if (mode === "missing") {
          rname = candidate;
          continue;
        }
        return new Errno("ELOOP");
      }
      rest = target + end;
      if (target.startsWith("/")) rname = "";
      continue;
    }
    rname = candidate;
    const err = error as Errno;
    const ok = suffixNeedsDirectory(end) ? directoryError(sys, rname) : err.code === "EINVAL" ? null : err;
    if (ok === null) continue;
    if (mode === "existing") return ok;
    if (mode === "allButLast" && (end.replace(/^\/+/, "") !== "" || ok.code !== "ENOENT")) return ok;
  }
  return rname === "" ? "/" : rname;
}

function trimRoot(cwd: string): string {
  return cwd === "/" ? "" : cwd;
}

/** A trailing "/", or "/." or "/.." next, requires the component to be a directory. */
function suffixNeedsDirectory(end: string): boolean {
  let s = end;
  while (s.startsWith("/")) {
    s = s.replace(/^\/+/, "");
    if (s === "") return true;
    if (s[0] !== ".") return false;
    s = s.slice(1);
    if (s === "" || (s[0] === "." && (s.length === 1 || s[1] === "/"))) return true;
  }
  return false;
}

/** null when `path` is a directory (through symlinks), else why not. */
function directoryError(sys: Sys, path: string): Errno | null {
  try {
    return sys.stat(path).type === "dir" ? null : new Errno("ENOTDIR");
  } catch (e) {
    return asErrno(e);
  }
}
