/**
 * dpkg-query 1.21 (and the dpkg actions that run it): -l/--list, -W/--show with -f/--showformat,
 * -s/--status, -L/--listfiles, -S/--search, --version; its messages and exit statuses.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { fnmatch } from "../fileutils/fnmatch";
import { err, out } from "../lib/io";
import { type DpkgPackage, dpkgArch, fileList, nonambiguousName, readStatus, statusAbbrev } from "./dpkg-db";

const QUERY_HINT = "\nUse --help for help about querying packages.\n";

function versionText(sys: Sys, program: "dpkg" | "dpkg-query"): string {
  const dpkg = readStatus(sys).find((p) => p.fields.get("Package") === "dpkg");
  const version = dpkg?.fields.get("Version") ?? "1.21.22";
  const what = program === "dpkg" ? "'dpkg' package management program" : "dpkg-query package management program query tool";
  return (
    `Debian ${what} version ${version} (${dpkgArch(sys)}).\n` +
    "This is free software; see the GNU General Public License version 2 or\n" +
    "later for copying conditions. There is NO warranty.\n"
  );
}

export { versionText as dpkgVersionText };

/** Packages matching a name pattern (a glob; "name:arch" also matches). */
function matching(pkgs: DpkgPackage[], pattern: string): DpkgPackage[] {
  return pkgs.filter((p) => fnmatch(pattern, p.fields.get("Package")!) || fnmatch(pattern, nonambiguousName(p)));
}

/** dpkg lists packages by name, bytewise. */
const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const installed = (p: DpkgPackage) => !/ (not-installed)$/.test(p.fields.get("Status") ?? "");

/** dpkg -l: columns as wide as their longest entry (at least 14, 12, 12 and 33). */
function listTable(list: DpkgPackage[]): string {
  const rows = list.map((p) => ({
    abbrev: statusAbbrev(p),
    name: nonambiguousName(p),
    version: p.fields.get("Version") ?? "<none>",
    arch: p.fields.get("Architecture") ?? "",
    desc: p.fields.get("Description") ?? "",
  }));
  const w = (min: number, key: "name" | "version" | "arch" | "desc") => Math.max(min, ...rows.map((r) => r[key].length));
  const [nw, vw, aw, dw] = [w(14, "name"), w(12, "version"), w(12, "arch"), w(33, "desc")];
  let text =
    "Desired=Unknown/Install/Remove/Purge/Hold\n" +
    "| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n" +
    "|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n" +
    `||/ ${"Name".padEnd(nw)} ${"Version".padEnd(vw)} ${"Architecture".padEnd(aw)} Description\n` +
    `+++-${"=".repeat(nw)}-${"=".repeat(vw)}-${"=".repeat(aw)}-${"=".repeat(dw)}\n`;
  for (const r of rows) text += `${r.abbrev} ${r.name.padEnd(nw)} ${r.version.padEnd(vw)} ${r.arch.padEnd(aw)} ${r.desc}\n`;
  return text;
}

/** A -f/--showformat: ${Field} and ${Field;width} (negative: left-aligned), \n \t \\ escapes. */
function showFormat(format: string, p: DpkgPackage): string {
  const unescaped = format.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
  return unescaped.replace(/\$\{([^};]+)(?:;(-?\d+))?\}/g, (_, field: string, width?: string) => {
    let v: string;
    if (field === "binary:Package") v = nonambiguousName(p);
    else if (field === "db:Status-Abbrev") v = statusAbbrev(p);
    else v = p.fields.get(field) ?? "";
    if (width === undefined) return v;
    const n = Number(width);
    const cut = v.slice(0, Math.abs(n));
    return n < 0 ? cut.padEnd(-n) : cut.padStart(n);
  });
}

/** Runs one query action; returns the exit status. */
export function* dpkgQueryAction(sys: Sys, action: string, args: string[], format?: string): Gen<number> {
  const pkgs = readStatus(sys);
  const arch = dpkgArch(sys);
  if (action === "list" || action === "show") {
    let list: DpkgPackage[];
    let status = 0;
    if (args.length === 0) list = pkgs.filter(installed);
    else {
      list = [];
      for (const pattern of args) {
        const found = matching(pkgs, pattern);
        if (found.length === 0) {
          yield* err(sys, `dpkg-query: no packages found matching ${pattern}\n`);
          status = 1;
        }
        for (const p of found) if (!list.includes(p)) list.push(p);
      }
    }
    list.sort((a, b) => compareNames(nonambiguousName(a), nonambiguousName(b)));
    if (action === "list") {
      if (list.length) yield* out(sys, listTable(list));
    } else {
      const f = format ?? "${binary:Package}\\t${Version}\\n";
      yield* out(sys, list.map((p) => showFormat(f, p)).join(""));
    }
    return status;
  }
  if (action === "status" || action === "listfiles") {
    if (args.length === 0) {
      yield* err(sys, `dpkg-query: error: --${action} needs at least one package name argument\n${QUERY_HINT}`);
      return 2;
    }
    let status = 0;
    for (const name of args) {
      const p = pkgs.find((x) => x.fields.get("Package") === name || nonambiguousName(x) === name);
      if (!p || !installed(p)) {
        yield* err(
          sys,
          action === "status"
            ? `dpkg-query: package '${name}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`
            : `dpkg-query: package '${name}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`,
        );
        status = 1;
        continue;
      }
      if (action === "status") yield* out(sys, `${p.text}\n\n`);
      else yield* out(sys, (fileList(sys, p, arch) ?? []).map((l) => `${l}\n`).join(""));
    }
    return status;
  }
  // --search: an absolute pattern matches whole paths; anything else is looked for inside them.
  if (args.length === 0) {
    yield* err(sys, `dpkg-query: error: --search needs at least one file name pattern argument\n${QUERY_HINT}`);
    return 2;
  }
  const lists = pkgs.filter(installed).map((p) => ({ name: nonambiguousName(p), files: fileList(sys, p, arch) ?? [] }));
  let status = 0;
  for (const pattern of args) {
    const glob = /[*?[]/.test(pattern);
    const match = (path: string) =>
      pattern.startsWith("/") ? (glob ? fnmatch(pattern, path) : path === pattern.replace(/(.)\/+$/, "$1")) : glob ? fnmatch(`*${pattern}*`, path) : path.includes(pattern);
    const owners = new Map<string, string[]>();
    for (const l of lists) {
      for (const f of l.files) {
        if (f === "/." || !match(f)) continue;
        const o = owners.get(f) ?? [];
        o.push(l.name);
        owners.set(f, o);
      }
    }
    if (owners.size === 0) {
      yield* err(sys, `dpkg-query: no path found matching pattern ${pattern}\n`);
      status = 1;
      continue;
    }
    yield* out(sys, [...owners].map(([f, o]) => `${o.join(", ")}: ${f}\n`).join(""));
  }
  return status;
}

const ACTIONS: Record<string, string> = {
  "-l": "list",
  "--list": "list",
  "-W": "show",
  "--show": "show",
  "-s": "status",
  "--status": "status",
  "-L": "listfiles",
  "--listfiles": "listfiles",
  "-S": "search",
  "--search": "search",
};

export const dpkgQuery: ProgramDef = {
  name: "dpkg-query",
  *main(sys) {
    const args = sys.argv.slice(1);
    let action: string | undefined;
    let format: string | undefined;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--version") {
        yield* out(sys, versionText(sys, "dpkg-query"));
        return 0;
      }
      if (ACTIONS[a]) action = ACTIONS[a];
      else if (a.startsWith("--showformat=")) format = a.slice(13);
      else if (a.startsWith("-f") || a === "--showformat") {
        // dpkg's option parser takes "-fVALUE" and "-f=VALUE" alike
        format = a.length > 2 && a !== "--showformat" ? a.slice(2).replace(/^=/, "") : args[++i];
        if (format === undefined) {
          yield* err(sys, `dpkg-query: error: option --showformat requires a value\n${QUERY_HINT}`);
          return 2;
        }
      } else if (a === "--") operands.push(...args.slice(i + 1).splice(0));
      else if (a.startsWith("-") && a !== "-") {
        yield* err(sys, `dpkg-query: error: unknown option ${a}\n${QUERY_HINT}`);
        return 2;
      } else operands.push(a);
      if (a === "--") break;
    }
    if (!action) {
      yield* err(sys, `dpkg-query: error: need an action option\n${QUERY_HINT}`);
      return 2;
    }
    return yield* dpkgQueryAction(sys, action, operands, format);
  },
};
