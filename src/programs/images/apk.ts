/**
 * apk (apk-tools 2.14): add, update, info and --version against the image's database
 * (/lib/apk/db/installed). The sandbox has no Internet, so fetching a repository index fails the
 * way it does offline: the host name does not resolve and apk reports a temporary error, then works
 * with what is installed.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { resolveHost } from "../net/lib/resolver";

interface Installed {
  name: string;
  version: string;
  size: number;
  description: string;
  url: string;
}

function installed(sys: Sys): Installed[] {
  let db = "";
  try {
    db = sys.readFile("/lib/apk/db/installed");
  } catch {
    return [];
  }
  return db
    .split("\n\n")
    .map((block) => {
      const f: Record<string, string> = {};
      for (const line of block.split("\n")) if (line[1] === ":" && !(line[0] in f)) f[line[0]] = line.slice(2);
      return { name: f.P, version: f.V, size: Number(f.I ?? 0), description: f.T ?? "", url: f.U ?? "" };
    })
    .filter((p) => p.name);
}

function readLines(sys: Sys, path: string): string[] {
  try {
    return sys
      .readFile(path)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
  } catch {
    return [];
  }
}

/** Tries each repository's index; returns how many could not be fetched. */
function* fetchIndexes(sys: Sys, noCache: boolean): Gen<number> {
  const arch = readLines(sys, "/etc/apk/arch")[0] ?? sys.uname().machine;
  let unavailable = 0;
  const lookups = new Map<string, boolean>();
  for (const repo of readLines(sys, "/etc/apk/repositories")) {
    const m = /^(https?):\/\/([^/:]+)/.exec(repo);
    if (!m) continue;
    yield* out(sys, `fetch ${repo}/${arch}/APKINDEX.tar.gz\n`);
    let resolved = lookups.get(m[2]);
    if (resolved === undefined) {
      resolved = (yield* resolveHost(sys, m[2])).ok;
      lookups.set(m[2], resolved);
    }
    // Resolved or not, nothing on the other side serves an index here: a temporary error.
    unavailable++;
    yield* err(sys, `WARNING: ${noCache ? "fetching" : "updating and opening"} ${repo}: temporary error (try again later)\n`);
  }
  return unavailable;
}

function* lockDatabase(sys: Sys): Gen<boolean> {
  try {
    sys.access("/lib/apk/db/lock", 2);
    return true;
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    yield* err(sys, `ERROR: Unable to lock database: ${e.message}\nERROR: Failed to open apk database: ${e.message}\n`);
    return false;
  }
}

const okLine = (pkgs: Installed[]) => `OK: ${Math.round(pkgs.reduce((n, p) => n + p.size, 0) / 1048576)} MiB in ${pkgs.length} packages\n`;

export const apk: ProgramDef = {
  name: "apk",
  *main(sys) {
    const args = sys.argv.slice(1);
    const flags = new Set(args.filter((a) => a.startsWith("-")));
    const words = args.filter((a, i) => !a.startsWith("-") && args[i - 1] !== "--virtual" && args[i - 1] !== "-t");
    const [cmd, ...names] = words;
    const pkgs = installed(sys);
    const version = pkgs.find((p) => p.name === "apk-tools")?.version.replace(/-r\d+$/, "") ?? "2.14.6";
    if (flags.has("--version") || flags.has("-V")) {
      yield* out(sys, `apk-tools ${version}, compiled for ${sys.uname().machine}.\n`);
      return 0;
    }
    const noCache = flags.has("--no-cache");
    switch (cmd) {
      case "update": {
        if (!(yield* lockDatabase(sys))) return 99;
        const unavailable = yield* fetchIndexes(sys, noCache);
        yield* out(sys, `${unavailable ? `${unavailable} unavailable, 0 stale;` : "OK:"} ${pkgs.length} distinct packages available\n`);
        return unavailable;
      }
      case "add": {
        if (!(yield* lockDatabase(sys))) return 99;
        if (names.length === 0 && !flags.has("-U") && !flags.has("--update")) {
          yield* out(sys, okLine(pkgs));
          return 0;
        }
        yield* fetchIndexes(sys, noCache);
        const missing = names.filter((n) => !pkgs.some((p) => p.name === n.replace(/[<>=~].*$/, "")));
        if (missing.length > 0) {
          yield* err(sys, "ERROR: unable to select packages:\n");
          for (const n of missing) yield* err(sys, `  ${n} (no such package):\n    required by: world[${n}]\n`);
          return 1;
        }
        yield* out(sys, okLine(pkgs));
        return 0;
      }
      case "info": {
        if (names.length === 0) {
          for (const p of pkgs) yield* out(sys, `${p.name}\n`);
          return 0;
        }
        for (const n of names) {
          const p = pkgs.find((x) => x.name === n);
          if (!p) continue;
          const id = `${p.name}-${p.version}`;
          yield* out(sys, `${id} description:\n${p.description}\n\n${id} webpage:\n${p.url}\n\n${id} installed size:\n${Math.round(p.size / 1024)} KiB\n\n`);
        }
        return 0;
      }
      case undefined:
        yield* out(sys, `apk-tools ${version}, compiled for ${sys.uname().machine}.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`);
        return 1;
      default:
        yield* err(sys, `apk: applet '${cmd}' not supported in this sandbox\n`);
        return 1;
    }
  },
};
