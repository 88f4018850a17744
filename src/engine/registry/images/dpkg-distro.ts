/**
 * Root filesystems of dpkg-based distributions (Debian, Ubuntu) from package tables: merged /usr,
 * every package's files (binaries carry `prog`), the dpkg database (status, info/*.list), debconf
 * and apt state. "slim" drops docs, man pages and translations as the -slim / minimized images do.
 */
import { utf8Encode } from "../../../kernel/bytes";
import { type Arch, Tree } from "../tree";
import { archNames, lines } from "./common";
import { DEBIAN_MAINTAINERS } from "./debian-data";

export interface DpkgDistro {
  /** Package table lines, see BOOKWORM_PACKAGES. */
  packages: string;
  /**
   * Package name → file groups, see BOOKWORM_FILES. A group under bin/, sbin/, lib/ or lib64/ holds
   * files the package's archive ships there: merged /usr stores them in usr/ all the same.
   */
  files: Record<string, string>;
  /**
   * The dpkg lists keep those groups' paths as shipped (/bin/ps): Debian 12, whose `dpkg -S
   * /usr/bin/ps` finds nothing. Otherwise they name where the files are.
   */
  unmergedPaths?: boolean;
  /** Maintainer for packages whose table entry names none (Ubuntu uses one for all). */
  maintainers: string[];
  /** Text files with real content, path → content (override sized stand-ins). */
  text: Record<string, string>;
  passwd: string;
  group: string;
  /** apt sources file path and content. */
  aptSources: [string, string];
  slim: boolean;
}

interface Pkg {
  name: string;
  version: string;
  priority: string;
  section: string;
  installedSize: number;
  maintainer: string;
  flags: string;
  source: string;
  summary: string;
}

export function parsePackages(table: string, maintainers: string[] = DEBIAN_MAINTAINERS): Pkg[] {
  return table
    .trim()
    .split("\n")
    .map((line) => {
      const bar = line.indexOf("|");
      const [name, version, priority, section, size, m, flags, source] = line.slice(0, bar).split(" ");
      return {
        name,
        version,
        priority,
        section,
        installedSize: Number(size),
        maintainer: maintainers[Number(m)] ?? maintainers[0],
        flags: flags === "-" ? "" : flags,
        source: source === "-" ? "" : source,
        summary: line.slice(bar + 1),
      };
    });
}

const isBinDir = (dir: string) => /(^|\/)s?bin$/.test(dir);
/** Top-level directories that merged /usr makes links into usr/. */
const MERGED_DIR = /^(bin|sbin|lib|lib64)(\/|$)/;
/**
 * Packages whose tools have their own flavour, not busybox's: GNU's core tools (src/programs/gnu)
 * and procps-ng's process tools (src/programs/proctools/procps).
 */
const FLAVOURED: Record<string, "gnu" | "procps"> = {
  coreutils: "gnu",
  grep: "gnu",
  sed: "gnu",
  findutils: "gnu",
  hostname: "gnu",
  procps: "procps",
};

/** The upstream release in a Debian version: "1:9.4-2ubuntu2" -> "9.4", "3.23+nmu1" -> "3.23". */
const upstreamVersion = (version: string) => version.replace(/^\d+:/, "").replace(/-[^-]*$/, "").replace(/\+.*$/, "");

/**
 * What the kernel runs for a binary: its name, minus Debian's alternative-provider suffixes; a
 * flavoured package's binaries name their flavour too, "gnu:PACKAGE:VERSION:NAME" (src/programs/gnu),
 * "procps:PACKAGE:VERSION:NAME".
 */
const progName = (name: string, pkg: Pkg) => {
  const base = name.replace(/\.debianutils$/, "");
  const flavour = FLAVOURED[pkg.name];
  return flavour ? `${flavour}:${pkg.name}:${upstreamVersion(pkg.version)}:${base}` : base;
};

function dropWhenSlim(path: string): boolean {
  if (path.startsWith("usr/share/doc/")) return !path.endsWith("/copyright") && path.split("/").length > 4;
  return /^usr\/share\/(man|locale|info|lintian|linda|groff)\//.test(path);
}

/** The package's dpkg status paragraph. */
function statusEntry(p: Pkg, debArch: string): string {
  const f: string[] = [`Package: ${p.name}`];
  if (p.flags.includes("E")) f.push("Essential: yes");
  f.push("Status: install ok installed", `Priority: ${p.priority}`, `Section: ${p.section}`);
  f.push(`Installed-Size: ${p.installedSize}`, `Maintainer: ${p.maintainer}`);
  f.push(`Architecture: ${p.flags.includes("a") ? "all" : debArch}`);
  const ma = p.flags.includes("S")
    ? "same"
    : p.flags.includes("F")
      ? "foreign"
      : p.flags.includes("A")
        ? "allowed"
        : "";
  if (ma) f.push(`Multi-Arch: ${ma}`);
  if (p.source) f.push(`Source: ${p.source}`);
  f.push(`Version: ${p.version}`, `Description: ${p.summary}`);
  return `${f.join("\n")}\n`;
}

export function dpkgTree(d: DpkgDistro, arch: Arch, mtime: number, growth = 1): Tree {
  const a = archNames(arch);
  const debArch = arch;
  const t = new Tree(mtime, a.scale * growth);
  const sub = (s: string) =>
    s.replaceAll("$T", a.triplet).replace(arch === "arm64" ? /ld-linux-x86-64\.so\.2/g : /$^/, a.ldso);

  t.dirs(
    "boot dev etc home media mnt opt run srv usr/games usr/include usr/src var/backups var/cache var/lib/misc",
  );
  t.dirs(
    "usr/local/bin usr/local/etc usr/local/games usr/local/include usr/local/lib usr/local/sbin usr/local/share",
  );
  t.dirs("usr/local/src var/log var/opt var/spool");
  t.dirs("proc sys", 0o555).dir("root", 0o700).dirs("tmp var/tmp", 0o1777).dir("run/lock", 0o1777);
  t.dir("var/local", 0o2775, 0, 50).dir("var/mail", 0o2775, 0, 8);
  t.link("bin", "usr/bin").link("sbin", "usr/sbin").link("lib", "usr/lib");
  if (arch === "amd64") t.link("lib64", "usr/lib64");
  t.link("var/lock", "/run/lock").link("var/run", "/run");
  t.link("usr/local/man", "share/man");

  const owned = new Map<string, string[]>();
  /** Stored path → the path its package's list names (see unmergedPaths). */
  const listedAs = new Map<string, string>();
  const packages = parsePackages(d.packages, d.maintainers);
  for (const p of packages) {
    const before = new Set(t.paths());
    const bins: string[] = [];
    for (const group of (d.files[p.name] ?? "").split("|")) {
      if (!group) continue;
      const [head, ...rest] = group.split(" ");
      if (head === "MAN") {
        if (d.slim) continue;
        const pages = bins.length ? bins : [`usr/sbin/${p.name}`];
        const each = Math.round(Number(rest[0]) / pages.length);
        for (const b of pages) {
          const sec = b.startsWith("usr/sbin/") ? 8 : 1;
          t.blob(`usr/share/man/man${sec}/${b.slice(b.lastIndexOf("/") + 1)}.${sec}.gz`, each);
        }
        continue;
      }
      if (head === "MO") {
        if (d.slim) continue;
        const [domain, bytes, ...langs] = rest;
        const each = Math.round(Number(bytes) / langs.length);
        for (const l of langs) t.blob(`usr/share/locale/${l}/LC_MESSAGES/${domain}.mo`, each);
        continue;
      }
      const shippedDir = sub(head.slice(0, -1));
      const merged = MERGED_DIR.test(shippedDir);
      const dir = merged ? `usr/${shippedDir}` : shippedDir;
      const exec = isBinDir(dir);
      for (const tok of rest) {
        if (!tok) continue;
        const base = sub(tok.replace(/[:>!].*/, ""));
        const path = `${dir}/${base}`;
        if (merged && d.unmergedPaths) listedAs.set(path, `${shippedDir}/${base}`);
        if (d.slim && dropWhenSlim(path)) continue;
        const arrow = tok.indexOf(">");
        if (arrow > 0) {
          t.link(path, sub(tok.slice(arrow + 1)));
          continue;
        }
        const [name, rest2] = tok.split(":");
        const [size, mode] = rest2.split("!");
        const perm = mode ? parseInt(mode, 8) : exec ? 0o755 : 0o644;
        const text = d.text[path];
        if (text !== undefined) t.file(path, text, perm);
        else if (exec) {
          t.bin(path, progName(name, p), Number(size), perm);
          bins.push(path);
        } else t.blob(path, Number(size), perm);
      }
    }
    owned.set(p.name, withoutShippedOnlyDirs(t, t.paths().filter((x) => !before.has(x)), listedAs));
  }

  // Accounts come from base-passwd's templates, written by its postinst (not in its file list).
  t.file("etc/passwd", d.passwd).file("etc/group", d.group);
  t.file("etc/shadow", shadowFrom(d.passwd), 0o640, 0, 42).file(
    "etc/gshadow",
    gshadowFrom(d.group),
    0o640,
    0,
    42,
  );
  for (const [path, text] of Object.entries(d.text)) if (!t.has(path)) t.file(path, text);
  t.file(d.aptSources[0], d.aptSources[1]);

  // Alternatives that maintainer scripts set up.
  const alt = (name: string, link: string, target: string) => {
    t.link(`etc/alternatives/${name}`, target).link(link, `/etc/alternatives/${name}`);
    t.file(`var/lib/dpkg/alternatives/${name}`, lines("auto", `/${link}`, "", target, "5", ""));
  };
  if (t.has("usr/bin/mawk")) alt("awk", "usr/bin/awk", "/usr/bin/mawk");
  if (t.has("usr/bin/more")) alt("pager", "usr/bin/pager", "/usr/bin/more");
  if (t.has("usr/bin/which.debianutils")) alt("which", "usr/bin/which", "/usr/bin/which.debianutils");

  // The dpkg database.
  t.file("var/lib/dpkg/status", utf8Encode(packages.map((p) => statusEntry(p, debArch)).join("\n")));
  t.file("var/lib/dpkg/status-old", "")
    .file("var/lib/dpkg/available", "")
    .file("var/lib/dpkg/lock", "", 0o640);
  t.file("var/lib/dpkg/diversions", "")
    .file("var/lib/dpkg/statoverride", "")
    .file("var/lib/dpkg/cmethopt", "dselect\n");
  t.file("var/lib/dpkg/arch", `${debArch}\n`).dirs(
    "var/lib/dpkg/updates var/lib/dpkg/parts var/lib/dpkg/triggers",
  );
  for (const p of packages) {
    const key = p.flags.includes("S") ? `${p.name}:${debArch}` : p.name;
    const paths = owned.get(p.name) ?? [];
    // A package's list follows its archive, as dpkg-deb builds it: every directory (parents
    // first) and file in name order, then the symbolic links in name order.
    const listed = new Set<string>();
    const links: string[] = [];
    for (const path of paths) {
      const x = listedAs.get(path) ?? path;
      const parts = x.split("/");
      if (t.get(path)?.type === "symlink") {
        links.push(x);
        parts.pop();
      }
      for (let i = 1; i <= parts.length; i++) listed.add(parts.slice(0, i).join("/"));
    }
    const names = [...[...listed].sort(), ...links.sort()];
    t.file(`var/lib/dpkg/info/${key}.list`, lines("/.", ...names.map((x) => `/${x}`)));
    const files = paths.filter((x) => t.get(x)?.type === "file" && !x.startsWith("etc/"));
    if (files.length) t.blob(`var/lib/dpkg/info/${key}.md5sums`, files.length * 48);
  }
  t.blob("var/cache/debconf/templates.dat", 1484136).blob("var/cache/debconf/config.dat", 14231);
  t.blob("var/cache/debconf/passwords.dat", 0, 0o600);
  t.dirs("var/cache/apt/archives var/lib/apt/lists var/lib/apt/mirrors").dir(
    "var/lib/apt/lists/partial",
    0o700,
    42,
  );
  t.dir("var/cache/apt/archives/partial", 0o700, 42).file("var/lib/apt/extended_states", "");
  t.file("var/log/lastlog", "", 0o664, 0, 43)
    .file("var/log/faillog", "")
    .file("var/log/wtmp", "", 0o664, 0, 43);
  t.file("var/log/btmp", "", 0o660, 0, 43).dir("var/log/apt");
  return t;
}

/**
 * A package's new paths without the usr/ directories made only to hold files it lists under /bin,
 * /sbin or /lib: its list names those directories there (usr/lib/systemd/system as /lib/systemd/system).
 */
function withoutShippedOnlyDirs(t: Tree, made: string[], listedAs: Map<string, string>): string[] {
  const shipped = made.filter((x) => listedAs.has(x));
  if (shipped.length === 0) return made;
  const stored = made.filter((x) => t.get(x)?.type !== "dir" && !listedAs.has(x));
  const holds = (dir: string, xs: string[]) => xs.some((x) => x.startsWith(`${dir}/`));
  return made.filter((x) => t.get(x)?.type !== "dir" || !holds(x, shipped) || holds(x, stored));
}

function shadowFrom(passwd: string): string {
  return lines(
    ...passwd
      .trim()
      .split("\n")
      .map((l) => `${l.split(":")[0]}:*:20000:0:99999:7:::`),
  );
}

function gshadowFrom(group: string): string {
  return lines(
    ...group
      .trim()
      .split("\n")
      .map((l) => {
        const [name, , , members] = l.split(":");
        return `${name}:*::${members}`;
      }),
  );
}
