/**
 * ubuntu: 24.04 noble and 22.04 jammy, minimized (no docs, man pages, translations), one layer,
 * built by Launchpad with the classic builder (Docker schema2 manifests, "#(nop)" history).
 * The package layout reuses bookworm's files with Ubuntu's package names and versions.
 */
import { Build, type ImageRecipe } from "../image";
import { type Layer, perArch } from "../layer";
import { type Arch, epochOf } from "../tree";
import { lines } from "./common";
import { BASH_BASHRC, DEBIAN_GROUP, DEBIAN_PASSWD, ETC_PROFILE } from "./debian";
import { BOOKWORM_FILES, BOOKWORM_PACKAGES } from "./debian-data";
import { dpkgTree } from "./dpkg-distro";
import { DEBIAN_DOTFILES } from "./dotfiles";

interface UbuntuRelease {
  version: string;
  point: string;
  codename: string;
  nickname: string;
  created: string;
  debianVersion: string;
  growth: number;
  versions: Record<string, string>;
}

const v = (s: string) => Object.fromEntries(s.split(" ").map((p) => p.split("=")));

export const UBUNTU_RELEASES: Record<string, UbuntuRelease> = {
  noble: {
    version: "24.04",
    point: "24.04.2",
    codename: "noble",
    nickname: "Noble Numbat",
    created: "2025-04-08T10:07:09.565306462Z",
    debianVersion: "trixie/sid",
    growth: 1.062,
    versions: v(
      "apt=2.7.14build2 base-files=13ubuntu10.2 base-passwd=3.6.3build1 bash=5.2.21-2ubuntu4 bsdutils=1:2.39.3-9ubuntu6.2 coreutils=9.4-3ubuntu6 dash=0.5.12-6ubuntu5 debconf=1.5.86ubuntu1 debianutils=5.17build1 diffutils=1:3.10-1build1 dpkg=1.22.6ubuntu6.1 e2fsprogs=1.47.0-2.4~exp1ubuntu4.1 findutils=4.9.0-5build1 gcc-12-base=14-20240412-0ubuntu1 gpgv=2.4.4-2ubuntu17.2 grep=3.11-4build1 gzip=1.12-1ubuntu3 hostname=3.23+nmu2ubuntu2 libc-bin=2.39-0ubuntu8.4 libc6=2.39-0ubuntu8.4 libgcc-s1=14-20240412-0ubuntu1 libstdc++6=14-20240412-0ubuntu1 login=1:4.13+dfsg1-4ubuntu3.2 mawk=1.3.4.20240123-1build1 mount=2.39.3-9ubuntu6.2 ncurses-base=6.4+20240113-1ubuntu2 ncurses-bin=6.4+20240113-1ubuntu2 passwd=1:4.13+dfsg1-4ubuntu3.2 perl-base=5.38.2-3.2build2.1 sed=4.9-2build1 sysvinit-utils=3.08-6ubuntu3 tar=1.35+dfsg-3build1 tzdata=2025b-0ubuntu0.24.04 util-linux=2.39.3-9ubuntu6.2 zlib1g=1:1.3.dfsg-3.1ubuntu2.1 libapt-pkg6.0=2.7.14build2 libsystemd0=255.4-1ubuntu8.6 libudev1=255.4-1ubuntu8.6",
    ),
  },
  jammy: {
    version: "22.04",
    point: "22.04.5",
    codename: "jammy",
    nickname: "Jammy Jellyfish",
    created: "2025-04-08T10:07:04.227423311Z",
    debianVersion: "bookworm/sid",
    growth: 1.0286,
    versions: v(
      "apt=2.4.13 base-files=12ubuntu4.7 base-passwd=3.5.52build1 bash=5.1-6ubuntu1.1 bsdutils=1:2.37.2-4ubuntu3.4 coreutils=8.32-4.1ubuntu1.2 dash=0.5.11+git20210903+057cd650a4ed-3build1 debconf=1.5.79ubuntu1 debianutils=5.5-1ubuntu2 diffutils=1:3.8-0ubuntu2 dpkg=1.21.1ubuntu2.3 e2fsprogs=1.46.5-2ubuntu1.2 findutils=4.8.0-1ubuntu3 gcc-12-base=12.3.0-1ubuntu1~22.04 gpgv=2.2.27-3ubuntu2.1 grep=3.7-1build1 gzip=1.10-4ubuntu4.1 hostname=3.23ubuntu2 libc-bin=2.35-0ubuntu3.9 libc6=2.35-0ubuntu3.9 libgcc-s1=12.3.0-1ubuntu1~22.04 libstdc++6=12.3.0-1ubuntu1~22.04 login=1:4.8.1-2ubuntu2.2 mawk=1.3.4.20200120-3 mount=2.37.2-4ubuntu3.4 ncurses-base=6.3-2ubuntu0.1 ncurses-bin=6.3-2ubuntu0.1 passwd=1:4.8.1-2ubuntu2.2 perl-base=5.34.0-3ubuntu1.4 sed=4.8-1ubuntu2 sysvinit-utils=3.01-1ubuntu1 tar=1.34+dfsg-1ubuntu0.1.22.04.2 tzdata=2025b-0ubuntu0.22.04 util-linux=2.37.2-4ubuntu3.4 zlib1g=1:1.2.11.dfsg-2ubuntu9.2 libapt-pkg6.0=2.4.13 libsystemd0=249.11-0ubuntu3.15 libudev1=249.11-0ubuntu3.15",
    ),
  },
};

const MAINTAINER = "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>";

function packagesFor(r: UbuntuRelease): string {
  const renames: Record<string, string> =
    r.codename === "noble"
      ? {
          "debian-archive-keyring": "ubuntu-keyring",
          "gcc-12-base": "gcc-14-base",
          "libapt-pkg6.0": "libapt-pkg6.0t64",
        }
      : { "debian-archive-keyring": "ubuntu-keyring" };
  return BOOKWORM_PACKAGES.trim()
    .split("\n")
    .filter((l) => !l.startsWith("usr-is-merged ") || r.codename === "noble")
    .map((line) => {
      const f = line.split(" ");
      if (r.versions[f[0]]) f[1] = r.versions[f[0]];
      else if (f[0] === "debian-archive-keyring")
        f[1] = r.codename === "noble" ? "2023.11.28.1" : "2021.03.26";
      else f[1] = f[1].replace(/\+deb12u\d+|\+b\d+$/g, "").concat(r.codename === "noble" ? "build1" : "");
      if (renames[f[0]]) f[0] = renames[f[0]];
      f[5] = "0";
      return f.join(" ");
    })
    .join("\n");
}

function osRelease(r: UbuntuRelease): string {
  return lines(
    `PRETTY_NAME="Ubuntu ${r.point} LTS"`,
    'NAME="Ubuntu"',
    `VERSION_ID="${r.version}"`,
    `VERSION="${r.point} LTS (${r.nickname})"`,
    `VERSION_CODENAME=${r.codename}`,
    "ID=ubuntu",
    "ID_LIKE=debian",
    'HOME_URL="https://www.ubuntu.com/"',
    'SUPPORT_URL="https://help.ubuntu.com/"',
    'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
    'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
    `UBUNTU_CODENAME=${r.codename}`,
    ...(r.codename === "noble" ? ["LOGO=ubuntu-logo"] : []),
  );
}

function aptSources(r: UbuntuRelease): [string, string] {
  const c = r.codename;
  if (c === "noble") {
    const src = (uri: string, suites: string) => [
      "Types: deb",
      `URIs: ${uri}`,
      `Suites: ${suites}`,
      "Components: main universe restricted multiverse",
      "Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg",
    ];
    return [
      "etc/apt/sources.list.d/ubuntu.sources",
      lines(
        ...src("http://archive.ubuntu.com/ubuntu/", `${c} ${c}-updates ${c}-backports`),
        "",
        ...src("http://security.ubuntu.com/ubuntu/", `${c}-security`),
      ),
    ];
  }
  const deb = (suite: string, comps: string, host = "archive") =>
    `deb http://${host}.ubuntu.com/ubuntu/ ${suite} ${comps}`;
  return [
    "etc/apt/sources.list",
    lines(
      "# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to",
      "# newer versions of the distribution.",
      deb(c, "main restricted"),
      deb(`${c}-updates`, "main restricted"),
      deb(c, "universe"),
      deb(`${c}-updates`, "universe"),
      deb(c, "multiverse"),
      deb(`${c}-updates`, "multiverse"),
      deb(`${c}-backports`, "main restricted universe multiverse"),
      deb(`${c}-security`, "main restricted", "security"),
      deb(`${c}-security`, "universe", "security"),
      deb(`${c}-security`, "multiverse", "security"),
    ),
  ];
}

const layers = new Map<string, (arch: Arch) => Layer>();

export function ubuntuLayer(codename: string): (arch: Arch) => Layer {
  let l = layers.get(codename);
  if (!l) {
    const r = UBUNTU_RELEASES[codename];
    const noble = codename === "noble";
    const passwd = noble
      ? `${DEBIAN_PASSWD}ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`
      : DEBIAN_PASSWD;
    l = perArch<Arch>(`ubuntu:${codename}`, (arch) => {
      const t = dpkgTree(
        {
          packages: packagesFor(r),
          files: BOOKWORM_FILES,
          maintainers: [MAINTAINER],
          slim: true,
          passwd,
          group: noble ? `${DEBIAN_GROUP}ubuntu:x:1000:\n` : DEBIAN_GROUP,
          aptSources: aptSources(r),
          text: {
            "usr/lib/os-release": osRelease(r),
            "etc/debian_version": `${r.debianVersion}\n`,
            "etc/issue": `Ubuntu ${r.point} LTS \\n \\l\n\n`,
            "etc/issue.net": `Ubuntu ${r.point} LTS\n`,
            "etc/lsb-release": lines(
              "DISTRIB_ID=Ubuntu",
              `DISTRIB_RELEASE=${r.version}`,
              `DISTRIB_CODENAME=${r.codename}`,
              `DISTRIB_DESCRIPTION="Ubuntu ${r.point} LTS"`,
            ),
            "etc/bash.bashrc": BASH_BASHRC,
            "etc/profile": ETC_PROFILE,
            "etc/hostname": "",
            // Ubuntu's base-files gives root a longer, skel-like .bashrc (xterm title in the
            // prompt, ls colors); Debian's short one stands for it until ls takes --color=auto.
            ...DEBIAN_DOTFILES,
          },
        },
        arch,
        epochOf(r.created),
        r.growth,
      );
      t.remove("usr/share/keyrings/debian-archive-keyring.gpg").remove("etc/apt/trusted.gpg.d");
      t.blob("usr/share/keyrings/ubuntu-archive-keyring.gpg", 2736).blob(
        "etc/apt/trusted.gpg.d/ubuntu-keyring-2018-archive.gpg",
        2794,
      );
      const unminimize = noble ? "usr/bin/unminimize" : "usr/local/sbin/unminimize";
      t.file(
        unminimize,
        lines(
          "#!/bin/sh",
          "",
          "set -e",
          "",
          'echo "This system has been minimized by removing packages and content that are"',
          'echo "not required on a system that users do not log into."',
        ),
        0o755,
      );
      t.file(
        "etc/dpkg/dpkg.cfg.d/excludes",
        lines(
          "# Drop all man pages",
          "path-exclude=/usr/share/man/*",
          "",
          "# Drop all translations",
          "path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo",
          "",
          "# Drop all documentation ...",
          "path-exclude=/usr/share/doc/*",
          "",
          "# ... except copyright files ...",
          "path-include=/usr/share/doc/*/copyright",
        ),
      );
      if (noble) {
        t.dirs("bin.usr-is-merged lib.usr-is-merged sbin.usr-is-merged").dir(
          "home/ubuntu",
          0o750,
          1000,
          1000,
        );
        for (const f of [".bash_logout", ".bashrc", ".profile"]) {
          const skel = t.get(`etc/skel/${f}`);
          if (skel?.content !== undefined) t.file(`home/ubuntu/${f}`, skel.content, 0o644, 1000, 1000);
        }
      }
      return t.entries();
    });
    layers.set(codename, l);
  }
  return l;
}

export function ubuntu(codename: string, arch: Arch): ImageRecipe {
  const r = UBUNTU_RELEASES[codename];
  const layer = ubuntuLayer(codename)(arch);
  const nop = (s: string) => `/bin/sh -c #(nop)  ${s}`;
  return Build.scratch(arch, r.created, "classic")
    .raw(nop("ARG RELEASE"))
    .raw(nop("ARG LAUNCHPAD_BUILD_ARCH"))
    .raw(nop("LABEL org.opencontainers.image.ref.name=ubuntu"))
    .raw(nop(`LABEL org.opencontainers.image.version=${r.version}`))
    .raw(`/bin/sh -c #(nop) ADD file:${layer.meta().diffID.slice(7)} in / `, layer)
    .raw(nop('CMD ["/bin/bash"]'))
    .withConfig((c) => {
      c.Labels = {
        "org.opencontainers.image.ref.name": "ubuntu",
        "org.opencontainers.image.version": r.version,
      };
      c.Cmd = ["/bin/bash"];
    })
    .done();
}
