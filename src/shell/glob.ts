/**
 * Pathname expansion as ash's internal glob does it: component by component through readdir,
 * dot files only for patterns that start with a dot (then "." and ".." too), results sorted
 * bytewise (strcmp).
 */
import type { Sys } from "../kernel/api";
import { hasGlobChars, matchPattern, unescapePattern } from "./pattern";

function exists(sys: Sys, path: string): boolean {
  try {
    sys.lstat(path);
    return true;
  } catch {
    return false;
  }
}

function isDir(sys: Sys, path: string): boolean {
  try {
    return sys.stat(path).type === "dir";
  } catch {
    return false;
  }
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Expands a pattern (quoted chars backslash-escaped). Returns [] when nothing matches. */
export function glob(sys: Sys, pattern: string): string[] {
  const absolute = pattern.startsWith("/");
  const comps = pattern.split("/");
  let results: string[] = [absolute ? "/" : ""];
  const start = absolute ? 1 : 0;
  for (let i = start; i < comps.length; i++) {
    const comp = comps[i];
    const last = i === comps.length - 1;
    if (comp === "") {
      // "a//b" or a trailing "/": keep the slash, require a directory for the trailing case
      if (last)
        results = results
          .filter((r) => r === "/" || isDir(sys, r))
          .map((r) => (r.endsWith("/") ? r : `${r}/`));
      continue;
    }
    const next: string[] = [];
    for (const base of results) {
      const join = (name: string) =>
        base === "" ? name : base.endsWith("/") ? base + name : `${base}/${name}`;
      if (!hasGlobChars(comp)) {
        next.push(join(unescapePattern(comp)));
        continue;
      }
      let names: string[];
      try {
        names = sys.readdir(base === "" ? "." : base);
      } catch {
        continue;
      }
      const matchDot = comp.startsWith(".") || comp.startsWith("\\.");
      if (matchDot) names = [".", "..", ...names.filter((n) => n !== "." && n !== "..")];
      const matched = names
        .filter((n) => (matchDot || !n.startsWith(".")) && matchPattern(comp, n))
        .sort(bytewise);
      for (const n of matched) {
        const p = join(n);
        if (last || isDir(sys, p)) next.push(p);
      }
    }
    results = next;
    if (results.length === 0) return [];
  }
  return results.filter((r) => r !== "" && exists(sys, r.endsWith("/") && r !== "/" ? r.slice(0, -1) : r));
}
