/**
 * apt-get and apt (2.6 / Ubuntu's 2.7): update and install against the image's sources and dpkg
 * status. The sandbox has no Internet: the mirrors' names do not resolve, so update fails each
 * index the way apt does offline, and install finds only what is already installed.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { resolveHost } from "../net/lib/resolver";

interface Source {
  uri: string;
  suite: string;
}

/** deb822 .sources files and one-line sources.list entries, in apt's order. */
function sources(sys: Sys): Source[] {
  const found: Source[] = [];
  const read = (path: string) => {
    try {
      return sys.readFile(path);
    } catch {
      return "";
    }
  };
  for (const line of read("/etc/apt/sources.list").split("\n")) {
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
    if (m) found.push({ uri: m[1].replace(/\/$/, ""), suite: m[2] });
  }
  let files: string[] = [];
  try {
    files = sys.readdir("/etc/apt/sources.list.d").filter((n) => n.endsWith(".sources") || n.endsWith(".list")).sort();
  } catch {
    files = [];
  }
  for (const f of files) {
    const text = read(`/etc/apt/sources.list.d/${f}`);
    for (const stanza of text.split(/\n\s*\n/)) {
      const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, "m").exec(stanza)?.[1].trim();
      const uris = field("URIs");
      const suites = field("Suites");
      if (!uris || !suites || !/\bdeb\b/.test(field("Types") ?? "")) continue;
      for (const uri of uris.split(/\s+/)) for (const suite of suites.split(/\s+/)) found.push({ uri: uri.replace(/\/$/, ""), suite });
    }
  }
  return found;
}

interface Package {
  name: string;
  version: string;
}

function installedPackages(sys: Sys): Package[] {
  let status = "";
  try {
    status = sys.readFile("/var/lib/dpkg/status");
  } catch {
    return [];
  }
  return status
    .split("\n\n")
    .map((p) => ({ name: /^Package: (.*)$/m.exec(p)?.[1] ?? "", version: /^Version: (.*)$/m.exec(p)?.[1] ?? "", ok: /^Status: install ok installed$/m.test(p) }))
    .filter((p) => p.name && p.ok);
}

function* lock(sys: Sys, path: string, what: string): Gen<boolean> {
  try {
    sys.access(path.replace(/\/[^/]*$/, ""), 2);
    return true;
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    yield* err(sys, `E: Could not open lock file ${path} - open (${e.errno}: ${e.message})\nE: ${what}\n`);
    return false;
  }
}

/** "Reading package lists... Done" on a terminal; without one, apt leaves out the "Done". */
const progress = (sys: Sys, text: string) => out(sys, sys.isatty(1) ? `${text}... Done\n` : `${text}...\n`);

/**
 * apt fetches from each host in parallel and numbers items as they start: the first item of every
 * host, then the rest. A failed fetch is retried three times (an "Ign" line each) before "Err".
 */
function* update(sys: Sys, front: "apt" | "apt-get"): Gen<number> {
  if (!(yield* lock(sys, "/var/lib/apt/lists/lock", "Unable to lock directory /var/lib/apt/lists/"))) return 100;
  const all = sources(sys);
  const hostOf = (s: Source) => /^[a-z]+:\/\/([^/:]+)/.exec(s.uri)?.[1] ?? "";
  const firsts = all.filter((s, i) => all.findIndex((x) => hostOf(x) === hostOf(s)) === i);
  const items = [...firsts, ...all.filter((s) => !firsts.includes(s))];
  const why = new Map<string, string>();
  for (const host of new Set(items.map(hostOf))) {
    const r = yield* resolveHost(sys, host);
    why.set(host, r.ok ? `Could not connect to ${host}:80 (${r.addrs[0]}). - connect (111: Connection refused)` : r.error === "again" ? `Temporary failure resolving '${host}'` : `Could not resolve '${host}'`);
  }
  const label = (s: Source, i: number) => `${i + 1} ${s.uri} ${s.suite} InRelease`;
  for (let round = 0; round < 3; round++) for (const [i, s] of items.entries()) yield* out(sys, `Ign:${label(s, i)}\n`);
  for (const [i, s] of items.entries()) yield* out(sys, `Err:${label(s, i)}\n  ${why.get(hostOf(s))}\n`);
  yield* progress(sys, "Reading package lists");
  if (front === "apt") {
    yield* progress(sys, "Building dependency tree");
    yield* progress(sys, "Reading state information");
    yield* out(sys, "All packages are up to date.\n");
  }
  // apt 3 (trixie) spells its warnings out for the user-facing front end.
  const major = Number(installedPackages(sys).find((p) => p.name === "apt")?.version.split(".")[0] ?? 2);
  const W = front === "apt" && major >= 3 ? "Warning:" : "W:";
  for (const s of all) yield* err(sys, `${W} Failed to fetch ${s.uri}/dists/${s.suite}/InRelease  ${why.get(hostOf(s))}\n`);
  if (all.length) yield* err(sys, `${W} Some index files failed to download. They have been ignored, or old ones used instead.\n`);
  return 0;
}

function* install(sys: Sys, names: string[]): Gen<number> {
  if (!(yield* lock(sys, "/var/lib/dpkg/lock-frontend", "Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?"))) return 100;
  yield* progress(sys, "Reading package lists");
  yield* progress(sys, "Building dependency tree");
  yield* progress(sys, "Reading state information");
  const have = installedPackages(sys);
  for (const n of names) {
    if (!have.some((p) => p.name === n)) {
      yield* err(sys, `E: Unable to locate package ${n}\n`);
      return 100;
    }
  }
  for (const n of names) yield* out(sys, `${n} is already the newest version (${have.find((p) => p.name === n)?.version}).\n`);
  yield* out(sys, "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
  return 0;
}

function frontEnd(front: "apt" | "apt-get"): ProgramDef {
  return {
    name: front,
    *main(sys) {
      const args = sys.argv.slice(1);
      const words = args.filter((a) => !a.startsWith("-"));
      if (front === "apt" && !sys.isatty(1)) yield* err(sys, "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
      const [cmd, ...names] = words;
      if (cmd === "update") return yield* update(sys, front);
      if (cmd === "install") {
        if (names.length === 0) {
          yield* progress(sys, "Reading package lists");
          yield* progress(sys, "Building dependency tree");
          yield* progress(sys, "Reading state information");
          yield* out(sys, "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
          return 0;
        }
        return yield* install(sys, names);
      }
      if (cmd === undefined) {
        yield* err(sys, front === "apt-get" ? "E: No command given\n" : "E: Invalid operation\n");
        return 100;
      }
      yield* err(sys, `E: Invalid operation ${cmd}\n`);
      return 100;
    },
  };
}

export const aptGet = frontEnd("apt-get");
export const apt = frontEnd("apt");
