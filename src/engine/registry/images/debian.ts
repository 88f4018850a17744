// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell scripts, "${x}" is shell syntax
/**
 * debian: bookworm (12) and trixie (13), full and -slim, each one layer as debuerreotype makes
 * it. nginx, httpd, redis, postgres and the -slim language images build on the slim layer; the
 * buildpack-deps based node and python build on the full one, as on Docker Hub.
 */
import { Build, type ImageRecipe } from "../image";
import { type Layer, perArch } from "../layer";
import { type Arch, epochOf } from "../tree";
import { lines } from "./common";
import { BOOKWORM_FILES, BOOKWORM_PACKAGES, DEBIAN_MAINTAINERS } from "./debian-data";
import { type DpkgDistro, dpkgTree } from "./dpkg-distro";
import { DEBIAN_DOTFILES } from "./dotfiles";

export const DEBIAN_PASSWD = lines(
  "root:x:0:0:root:/root:/bin/bash",
  ..."daemon:1:1:daemon:/usr/sbin bin:2:2:bin:/bin sys:3:3:sys:/dev games:5:60:games:/usr/games man:6:12:man:/var/cache/man lp:7:7:lp:/var/spool/lpd mail:8:8:mail:/var/mail news:9:9:news:/var/spool/news uucp:10:10:uucp:/var/spool/uucp proxy:13:13:proxy:/bin www-data:33:33:www-data:/var/www backup:34:34:backup:/var/backups list:38:38:Mailing_List_Manager:/var/list irc:39:39:ircd:/run/ircd _apt:42:65534::/nonexistent nobody:65534:65534:nobody:/nonexistent"
    .split(" ")
    .map((u) => {
      const [name, uid, gid, gecos, home] = u.split(":");
      return `${name}:x:${uid}:${gid}:${gecos.replaceAll("_", " ")}:${home}:/usr/sbin/nologin`;
    }),
).replace(
  "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\n",
  (m) => `${m}sync:x:4:65534:sync:/bin:/bin/sync\n`,
);

export const DEBIAN_GROUP = lines(
  ..."root:0 daemon:1 bin:2 sys:3 adm:4 tty:5 disk:6 lp:7 mail:8 news:9 uucp:10 man:12 proxy:13 kmem:15 dialout:20 fax:21 voice:22 cdrom:24 floppy:25 tape:26 sudo:27 audio:29 dip:30 www-data:33 backup:34 operator:37 list:38 irc:39 src:40 shadow:42 utmp:43 video:44 sasl:45 plugdev:46 staff:50 games:60 users:100 nogroup:65534"
    .split(" ")
    .map((g) => `${g.split(":")[0]}:x:${g.split(":")[1]}:`),
);

export const BASH_BASHRC = lines(
  "# System-wide .bashrc file for interactive bash(1) shells.",
  "",
  "# If not running interactively, don't do anything",
  '[ -z "$PS1" ] && return',
  "",
  "# check the window size after each command and, if necessary,",
  "# update the values of LINES and COLUMNS.",
  "shopt -s checkwinsize",
  "",
  "# set a fancy prompt (non-color, overwrite the one in /etc/profile)",
  "PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '",
);

export const ETC_PROFILE = lines(
  "# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))",
  "# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).",
  "",
  'if [ "$(id -u)" -eq 0 ]; then',
  '  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
  "else",
  '  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"',
  "fi",
  "export PATH",
  "",
  'if [ "${PS1-}" ]; then',
  '  if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then',
  "    if [ -f /etc/bash.bashrc ]; then",
  "      . /etc/bash.bashrc",
  "    fi",
  "  else",
  '    if [ "$(id -u)" -eq 0 ]; then',
  "      PS1='# '",
  "    else",
  "      PS1='$ '",
  "    fi",
  "  fi",
  "fi",
  "",
  "if [ -d /etc/profile.d ]; then",
  "  for i in $(run-parts --list --regex '^[a-zA-Z0-9_][a-zA-Z0-9._-]*\\.sh$' /etc/profile.d); do",
  "    if [ -r $i ]; then",
  "      . $i",
  "    fi",
  "  done",
  "  unset i",
  "fi",
);

export interface DebianRelease {
  number: string;
  codename: string;
  /** Full point release, as /etc/debian_version says. */
  point: string;
  created: string;
  packages: string;
  /** Trixie's binaries are a little larger; stand-in sizes scale by this. */
  growth: number;
  /** Its packages list /bin, /sbin and /lib paths as their archives hold them (trixie moved them to /usr). */
  unmergedPaths: boolean;
}

/** Trixie's package versions where they differ from bookworm's table (same layout otherwise). */
const TRIXIE_VERSIONS: Record<string, string> = {
  apt: "3.0.3",
  "base-files": "13.8+deb13u1",
  "base-passwd": "3.6.7",
  bash: "5.2.37-2+b5",
  coreutils: "9.7-3",
  dash: "0.5.12-12",
  debconf: "1.5.91",
  "debian-archive-keyring": "2025.1",
  debianutils: "5.23.2",
  diffutils: "1:3.10-4",
  dpkg: "1.22.21",
  findutils: "4.10.0-3",
  grep: "3.11-4",
  gzip: "1.13-1",
  hostname: "3.25",
  "libc-bin": "2.41-12",
  libc6: "2.41-12",
  login: "1:4.16.0-2+really2.41-2",
  mawk: "1.3.4.20250131-1",
  mount: "2.41-5",
  "ncurses-base": "6.5+20250216-2",
  "ncurses-bin": "6.5+20250216-2",
  passwd: "1:4.17.4-2",
  "perl-base": "5.40.1-6",
  sed: "4.9-2",
  tar: "1.35+dfsg-3.1",
  tzdata: "2025b-4+deb13u1",
  "util-linux": "2.41-5",
  "libapt-pkg6.0": "3.0.3",
  "gcc-12-base": "14.2.0-19",
  "libstdc++6": "14.2.0-19",
  "libgcc-s1": "14.2.0-19",
  libsystemd0: "257.8-1~deb13u2",
  libudev1: "257.8-1~deb13u2",
  zlib1g: "1:1.3.dfsg+really1.3.1-1+b1",
};

const RENAMES: Record<string, string> = {
  "libapt-pkg6.0": "libapt-pkg7.0",
  "gcc-12-base": "gcc-14-base",
  libgnutls30: "libgnutls30t64",
  libhogweed6: "libhogweed6t64",
  libnettle8: "libnettle8t64",
  libunistring2: "libunistring5",
  libdb5: "libdb5.3t64",
};

function trixiePackages(): string {
  return BOOKWORM_PACKAGES.trim()
    .split("\n")
    .map((line) => {
      const f = line.split(" ");
      const name = f[0];
      if (TRIXIE_VERSIONS[name]) f[1] = TRIXIE_VERSIONS[name];
      if (RENAMES[name]) f[0] = RENAMES[name];
      return f.join(" ");
    })
    .join("\n");
}

export const DEBIAN_RELEASES: Record<string, DebianRelease> = {
  bookworm: {
    number: "12",
    codename: "bookworm",
    point: "12.11",
    created: "2025-08-11T00:00:00Z",
    packages: BOOKWORM_PACKAGES,
    growth: 1,
    unmergedPaths: true,
  },
  trixie: {
    number: "13",
    codename: "trixie",
    point: "13.1",
    created: "2025-09-08T00:00:00Z",
    packages: trixiePackages(),
    growth: 1.11,
    unmergedPaths: false,
  },
};

function osRelease(r: DebianRelease): string {
  return lines(
    `PRETTY_NAME="Debian GNU/Linux ${r.number} (${r.codename})"`,
    'NAME="Debian GNU/Linux"',
    `VERSION_ID="${r.number}"`,
    `VERSION="${r.number} (${r.codename})"`,
    `VERSION_CODENAME=${r.codename}`,
    ...(r.codename === "bookworm" ? [] : [`DEBIAN_VERSION_FULL=${r.point}`]),
    "ID=debian",
    'HOME_URL="https://www.debian.org/"',
    'SUPPORT_URL="https://www.debian.org/support"',
    'BUG_REPORT_URL="https://bugs.debian.org/"',
  );
}

/** The dpkg distribution of a release: the image builds on it, and the simulated host (src/session). */
export function debianDistro(r: DebianRelease, slim: boolean): DpkgDistro {
  const snapshot = r.created.replace(/[-:]/g, "");
  const source = (suite: string, archive: string) => [
    "Types: deb",
    `# http://snapshot.debian.org/archive/${archive}/${snapshot}`,
    `URIs: http://deb.debian.org/${archive}`,
    `Suites: ${suite}`,
    "Components: main",
    "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg",
  ];
  return {
    packages: r.packages,
    files: BOOKWORM_FILES,
    unmergedPaths: r.unmergedPaths,
    maintainers: DEBIAN_MAINTAINERS,
    slim,
    passwd: DEBIAN_PASSWD,
    group: DEBIAN_GROUP,
    aptSources: [
      "etc/apt/sources.list.d/debian.sources",
      lines(
        ...source(`${r.codename} ${r.codename}-updates`, "debian"),
        "",
        ...source(`${r.codename}-security`, "debian-security"),
      ),
    ],
    text: {
      "usr/lib/os-release": osRelease(r),
      "etc/debian_version": `${r.point}\n`,
      "etc/issue": `Debian GNU/Linux ${r.number} \\n \\l\n\n`,
      "etc/issue.net": `Debian GNU/Linux ${r.number}\n`,
      "etc/hostname": "",
      "etc/bash.bashrc": BASH_BASHRC,
      "etc/profile": ETC_PROFILE,
      ...DEBIAN_DOTFILES,
      "etc/shells": lines(
        "# /etc/shells: valid login shells",
        "/bin/sh",
        "/usr/bin/sh",
        "/bin/bash",
        "/usr/bin/bash",
        "/bin/rbash",
        "/usr/bin/rbash",
        "/usr/bin/dash",
      ),
      "etc/host.conf": "multi on\n",
      "etc/nsswitch.conf": lines(
        "# /etc/nsswitch.conf",
        "#",
        "# Example configuration of GNU Name Service Switch functionality.",
        "",
        "passwd:         files",
        "group:          files",
        "shadow:         files",
        "gshadow:        files",
        "",
        "hosts:          files dns",
        "networks:       files",
        "",
        "protocols:      db files",
        "services:       db files",
        "ethers:         db files",
        "rpc:            db files",
        "",
        "netgroup:       nis",
      ),
    },
  };
}

const debianLayers = new Map<string, (arch: Arch) => Layer>();

/** The one layer of debian:<codename>[-slim]. */
export function debianLayer(codename: string, slim: boolean): (arch: Arch) => Layer {
  const key = `debian:${codename}${slim ? "-slim" : ""}`;
  let l = debianLayers.get(key);
  if (!l) {
    const r = DEBIAN_RELEASES[codename];
    l = perArch<Arch>(key, (arch) => {
      const t = dpkgTree(debianDistro(r, slim), arch, epochOf(r.created), r.growth);
      return t.entries();
    });
    debianLayers.set(key, l);
  }
  return l;
}

export function debian(codename: string, slim: boolean, arch: Arch): ImageRecipe {
  const r = DEBIAN_RELEASES[codename];
  const epoch = epochOf(r.created);
  return Build.scratch(arch, r.created)
    .raw(
      `# debian.sh --arch '${arch}' out/ '${codename}' '@${epoch}'`,
      debianLayer(codename, slim)(arch),
      "debuerreotype 0.15",
    )
    .withConfig((c) => {
      c.Cmd = ["bash"];
    })
    .done();
}
