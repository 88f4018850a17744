// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell scripts, "${x}" is shell syntax
/**
 * alpine: the minirootfs as one layer: busybox (applet symlinks to /bin/busybox), musl, apk-tools,
 * OpenSSL, CA bundle, and the apk database listing every installed file, built per release.
 */
import { Build, type ImageRecipe } from "../image";
import { type Layer, perArch } from "../layer";
import { type Arch, epochOf, Tree } from "../tree";
import { BUSYBOX_APPLETS } from "./busybox-applets";
import { archNames, base64, lines, pseudoHash } from "./common";

interface AlpineRelease {
  version: string;
  created: string;
  /** name → version of each installed package. */
  pkgs: Record<string, string>;
  busyboxSize: number;
  libcryptoSize: number;
}

const BASE = "alpine-baselayout alpine-baselayout-data alpine-keys alpine-release apk-tools busybox";
const NAMES = `${BASE} busybox-binsh ca-certificates-bundle libcrypto3 libssl3 musl musl-utils scanelf ssl_client zlib`;
const versions = (v: string) => Object.fromEntries(NAMES.split(" ").map((n, i) => [n, v.split(" ")[i]]));

export const ALPINE_RELEASES: Record<string, AlpineRelease> = {
  "3.21": {
    version: "3.21.3",
    created: "2025-02-14T03:28:36Z",
    pkgs: versions(
      "3.6.8-r1 3.6.8-r1 2.5-r0 3.21.3-r0 2.14.6-r3 1.37.0-r12 1.37.0-r12 20241121-r1 3.3.3-r0 3.3.3-r0 1.2.5-r9 1.2.5-r9 1.3.8-r1 1.37.0-r12 1.3.1-r2",
    ),
    busyboxSize: 808712,
    libcryptoSize: 4539192,
  },
  "3.20": {
    version: "3.20.6",
    created: "2025-02-14T03:28:36Z",
    pkgs: versions(
      "3.6.5-r0 3.6.5-r0 2.4-r1 3.20.6-r0 2.14.4-r1 1.36.1-r30 1.36.1-r30 20241121-r1 3.3.3-r0 3.3.3-r0 1.2.5-r1 1.2.5-r1 1.3.7-r2 1.36.1-r30 1.3.1-r1",
    ),
    busyboxSize: 804072,
    libcryptoSize: 4505700,
  },
};

const INFO: Record<string, [desc: string, url: string, license: string, origin?: string]> = {
  "alpine-baselayout": [
    "Alpine base dir structure and init scripts",
    "https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout",
    "GPL-2.0-only",
  ],
  "alpine-baselayout-data": [
    "Alpine base dir structure and init scripts",
    "https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout",
    "GPL-2.0-only",
    "alpine-baselayout",
  ],
  "alpine-keys": ["Public keys for Alpine Linux packages", "https://alpinelinux.org", "MIT"],
  "alpine-release": ["Alpine release data", "https://alpinelinux.org", "MIT", "alpine-base"],
  "apk-tools": [
    "Alpine Package Keeper - package manager for alpine",
    "https://gitlab.alpinelinux.org/alpine/apk-tools",
    "GPL-2.0-only",
  ],
  busybox: ["Size optimized toolbox of many common UNIX utilities", "https://busybox.net/", "GPL-2.0-only"],
  "busybox-binsh": ["busybox ash /bin/sh", "https://busybox.net/", "GPL-2.0-only", "busybox"],
  "ca-certificates-bundle": [
    "Pre generated bundle of Mozilla certificates",
    "https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/",
    "MPL-2.0 AND MIT",
    "ca-certificates",
  ],
  libcrypto3: ["Crypto library from openssl", "https://www.openssl.org/", "Apache-2.0", "openssl"],
  libssl3: ["SSL shared libraries", "https://www.openssl.org/", "Apache-2.0", "openssl"],
  musl: ["the musl c library (libc) implementation", "https://musl.libc.org/", "MIT"],
  "musl-utils": [
    "the musl c library (libc) implementation",
    "https://musl.libc.org/",
    "MIT AND BSD-2-Clause AND GPL-2.0-or-later",
    "musl",
  ],
  scanelf: [
    "Scan ELF binaries for stuff",
    "https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities",
    "GPL-2.0-only",
    "pax-utils",
  ],
  ssl_client: ["EXternal ssl_client for busybox wget", "https://busybox.net/", "GPL-2.0-only", "busybox"],
  zlib: ["A compression/decompression Library", "https://zlib.net/", "Zlib"],
};

export const ALPINE_PASSWD = lines(
  "root:x:0:0:root:/root:/bin/sh",
  "bin:x:1:1:bin:/bin:/sbin/nologin",
  "daemon:x:2:2:daemon:/sbin:/sbin/nologin",
  "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin",
  "sync:x:5:0:sync:/sbin:/bin/sync",
  "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown",
  "halt:x:7:0:halt:/sbin:/sbin/halt",
  "mail:x:8:12:mail:/var/mail:/sbin/nologin",
  "news:x:9:13:news:/usr/lib/news:/sbin/nologin",
  "uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin",
  "cron:x:16:16:cron:/var/spool/cron:/sbin/nologin",
  "ftp:x:21:21::/var/lib/ftp:/sbin/nologin",
  "sshd:x:22:22:sshd:/dev/null:/sbin/nologin",
  "games:x:35:35:games:/usr/games:/sbin/nologin",
  "ntp:x:123:123:NTP:/var/empty:/sbin/nologin",
  "guest:x:405:100:guest:/dev/null:/sbin/nologin",
  "nobody:x:65534:65534:nobody:/:/sbin/nologin",
);

export const ALPINE_GROUP = lines(
  ..."root:0:root bin:1:root,bin,daemon daemon:2:root,bin,daemon sys:3:root,bin,adm adm:4:root,adm,daemon tty:5 disk:6:root,adm lp:7:lp kmem:9 wheel:10:root floppy:11:root mail:12:mail news:13:news uucp:14:uucp cron:16:cron console:17 audio:18 cdrom:19 dialout:20:root ftp:21 sshd:22 input:23 tape:26:root video:27:root netdev:28 kvm:34:kvm games:35 shadow:42 www-data:82 users:100:games ntp:123 abuild:300 utmp:406 ping:999 nogroup:65533 nobody:65534"
    .split(" ")
    .map((g) => {
      const [name, gid, members = ""] = g.split(":");
      return `${name}:x:${gid}:${members}`;
    }),
);

const shadowOf = (passwd: string) =>
  passwd
    .trim()
    .split("\n")
    .map((l) => `${l.split(":")[0]}:${l.startsWith("root:") ? "*" : "!"}::0:::::`)
    .join("\n")
    .concat("\n");

const PROFILE = lines(
  "# /etc/profile",
  "",
  "# Set our default path (/usr/sbin:/sbin:/bin included for non-Alpine chroots)",
  'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
  "export PAGER=less",
  "umask 022",
  "",
  "# use nicer PS1 for bash and busybox ash",
  'if [ -n "$BASH_VERSION" -o "$BB_ASH_VERSION" ]; then',
  "\tPS1='\\h:\\w\\$ '",
  "# use nicer PS1 for zsh",
  'elif [ -n "$ZSH_VERSION" ]; then',
  "\tPS1='%m:%~%# '",
  "# set up fallback default PS1",
  "else",
  '\t: "${HOSTNAME:=$(hostname)}"',
  "\tPS1='${HOSTNAME%%.*}:$PWD'",
  '\t[ "$(id -u)" -eq 0 ] && PS1="${PS1}# " || PS1="${PS1}\\$ "',
  "fi",
  "",
  "for script in /etc/profile.d/*.sh ; do",
  '\tif [ -r "$script" ] ; then',
  '\t\t. "$script"',
  "\tfi",
  "done",
  "unset script",
);

const MOTD = lines(
  "Welcome to Alpine!",
  "",
  "The Alpine Wiki contains a large amount of how-to guides and general",
  "information about administrating Alpine systems.",
  "See <https://wiki.alpinelinux.org/>.",
  "",
  "You can setup the system with the command: setup-alpine",
  "",
  "You may change this message by editing /etc/motd.",
  "",
);

const KEYS: Record<Arch, string> = {
  amd64: "4a6a0840 5243ef4b 5261cecb 6165ee59",
  arm64: "58199dcc 616ae350",
};

function apkDatabase(
  rel: AlpineRelease,
  arch: Arch,
  t: Tree,
  owned: Map<string, string[]>,
  buildTime: number,
): string {
  const m = archNames(arch).machine;
  const out: string[] = [];
  for (const name of NAMES.split(" ")) {
    const [desc, url, license, origin = name] = INFO[name];
    const ver = rel.pkgs[name];
    const paths = owned.get(name) ?? [];
    const entries = t.entries().filter((e) => paths.includes(e.path));
    const installed = entries.reduce(
      (n, e) => n + (e.type === "file" ? Math.ceil((e.size ?? e.content?.length ?? 0) / 4096) * 4096 : 0),
      0,
    );
    const checksum = (s: string) => `Q1${base64(pseudoHash(s, 20))}`;
    out.push(
      `C:${checksum(`${name}-${ver}-${m}`)}`,
      `P:${name}`,
      `V:${ver}`,
      `A:${m}`,
      `S:${Math.round(installed * 0.45) + 1200}`,
      `I:${installed || 4096}`,
      `T:${desc}`,
      `U:${url}`,
      `L:${license}`,
      `o:${origin}`,
      "m:Natanael Copa <ncopa@alpinelinux.org>",
      `t:${buildTime}`,
      `c:${pseudoHash(`${origin}-${ver}`, 20)
        .split("")
        .map((c) => c.charCodeAt(0).toString(16).padStart(2, "0"))
        .join("")}`,
    );
    let dir = "";
    for (const e of entries) {
      if (e.type === "dir") {
        out.push(`F:${e.path}`);
        dir = e.path;
        if (e.mode !== 0o755) out.push(`M:0:0:${e.mode.toString(8)}`);
        continue;
      }
      const parent = e.path.slice(0, Math.max(0, e.path.lastIndexOf("/")));
      if (parent !== dir) {
        out.push(`F:${parent}`);
        dir = parent;
      }
      out.push(`R:${e.path.slice(parent.length + 1)}`);
      if (e.mode !== 0o644 && e.type === "file") out.push(`a:0:0:${e.mode.toString(8)}`);
      out.push(`Z:${checksum(`${e.path}:${e.size ?? e.content ?? e.target}`)}`);
    }
    out.push("");
  }
  return lines(...out);
}

function alpineTree(rel: AlpineRelease, arch: Arch): Tree {
  const mtime = epochOf(rel.created);
  const { machine: m } = archNames(arch);
  const minor = rel.version.split(".").slice(0, 2).join(".");
  const t = new Tree(mtime, archNames(arch).scale);
  const owned = new Map<string, string[]>();
  const own = (pkg: string, add: () => void) => {
    const before = new Set(t.paths());
    add();
    owned.set(pkg, [...(owned.get(pkg) ?? []), ...t.paths().filter((p) => !before.has(p))]);
  };
  const ld = `ld-musl-${m}.so.1`;

  own("alpine-baselayout", () => {
    t.dirs(
      "dev etc/apk etc/conf.d etc/crontabs etc/init.d etc/modprobe.d etc/modules-load.d etc/network/if-down.d",
    );
    t.dirs(
      "etc/network/if-post-down.d etc/network/if-pre-up.d etc/network/if-up.d etc/opt etc/periodic/15min",
    );
    t.dirs(
      "etc/periodic/daily etc/periodic/hourly etc/periodic/monthly etc/periodic/weekly etc/profile.d etc/sysctl.d",
    );
    t.dirs(
      "home lib/firmware lib/mdev lib/modules-load.d lib/sysctl.d media/cdrom media/floppy media/usb mnt opt run sbin srv",
    );
    t.dirs(
      "usr/bin usr/lib/modules-load.d usr/local/bin usr/local/lib usr/local/share usr/sbin usr/share/man usr/share/misc",
    );
    t.dirs("var/cache/misc var/lib/misc var/local var/log var/mail var/opt var/spool/cron");
    t.dirs("proc sys", 0o555).dir("root", 0o700).dirs("tmp var/tmp", 0o1777).dir("var/empty", 0o555);
    t.link("etc/mtab", "../proc/self/mounts").link("var/lock", "../run/lock").link("var/run", "../run");
    t.link("var/spool/mail", "../mail").link("var/spool/cron/crontabs", "../../../etc/crontabs");
    t.file(
      "etc/crontabs/root",
      lines(
        "# do daily/weekly/monthly maintenance",
        "# min\thour\tday\tmonth\tweekday\tcommand",
        "*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min",
        "0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly",
        "0\t2\t*\t*\t*\trun-parts /etc/periodic/daily",
        "0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly",
        "0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly",
        "",
      ),
      0o600,
    );
    t.file("etc/profile", PROFILE).file("etc/motd", MOTD).file("etc/hostname", "localhost\n");
    t.file(
      "etc/profile.d/20locale.sh",
      lines(
        "export CHARSET=${CHARSET:-UTF-8}",
        "export LANG=${LANG:-C.UTF-8}",
        "export LC_COLLATE=${LC_COLLATE:-C}",
      ),
    );
    t.file(
      "etc/profile.d/README",
      lines(
        "This directory should contain shell scripts configuring system-wide",
        "environment on users' shells.",
        "",
        "Files with the .sh extension found in this directory will be evaluated",
        "by Bourne-compatible shells (e.g. ash, bash, zsh) when started as a",
        "login shell.",
      ),
    );
    t.file(
      "etc/profile.d/color_prompt.sh.disabled",
      lines(
        "# Setup a red prompt for root and a green one for users.",
        "# rename this file to color_prompt.sh to actually enable it",
        'NORMAL="\\[\\e[0m\\]"',
        'RED="\\[\\e[1;31m\\]"',
        'GREEN="\\[\\e[1;32m\\]"',
        'if [ "$USER" = root ]; then',
        '\tPS1="$RED\\h [$NORMAL\\w$RED]# $NORMAL"',
        "else",
        '\tPS1="$GREEN\\h [$NORMAL\\w$GREEN]\\$ $NORMAL"',
        "fi",
      ),
    );
    t.file(
      "etc/modprobe.d/blacklist.conf",
      lines(
        "# Blacklist some modules by default",
        "blacklist evbug",
        "blacklist eth1394",
        "blacklist pcspkr",
      ),
    );
    t.file("etc/modules", lines("af_packet", "ipv6"));
    t.file("etc/sysctl.conf", lines("# content of this file will override /etc/sysctl.d/*"));
    t.file(
      "lib/sysctl.d/00-alpine.conf",
      lines("net.ipv4.ip_forward = 0", "net.ipv4.tcp_syncookies = 1", "kernel.panic = 120"),
    );
    t.file(
      "etc/fstab",
      lines(
        "/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0",
        "/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0",
      ),
    );
    t.file(
      "etc/inittab",
      lines(
        "# /etc/inittab",
        "",
        "::sysinit:/sbin/openrc sysinit",
        "::sysinit:/sbin/openrc boot",
        "::wait:/sbin/openrc default",
        "",
        "# Stuff to do for the 3-finger salute",
        "::ctrlaltdel:/sbin/reboot",
        "",
        "# Stuff to do before rebooting",
        "::shutdown:/sbin/openrc shutdown",
      ),
    );
  });
  own("alpine-baselayout-data", () => {
    t.file("etc/passwd", ALPINE_PASSWD).file("etc/group", ALPINE_GROUP);
    t.file("etc/shadow", shadowOf(ALPINE_PASSWD), 0o640, 0, 42);
    t.file("etc/shells", lines("# valid login shells", "/bin/sh", "/bin/ash"));
    t.file(
      "etc/nsswitch.conf",
      lines(
        "# musl itself does not support NSS, however some third-party DNS",
        "# implementations use the nsswitch.conf file to determine what",
        "# policy to follow.",
        "# Editing this file is not recommended.",
        "hosts: files dns",
      ),
    );
    t.blob("etc/services", 12813).blob("etc/protocols", 3164);
  });
  own("alpine-keys", () => {
    const all =
      "4a6a0840 5243ef4b 524d27bb 5261cecb 58199dcc 58cbb476 58e4f17d 5e69ca50 60ac2099 6165ee59 61666e3f 616a9724 616abc23 616ac3bc 616adfeb 616ae350 616db30d 66ba20fe 66ba20ff";
    const key = (k: string) => `alpine-devel@lists.alpinelinux.org-${k}.rsa.pub`;
    const keySize = (k: string) => (k.startsWith("6") ? 800 : 451);
    for (const k of KEYS[arch].split(" ")) {
      t.blob(`etc/apk/keys/${key(k)}`, keySize(k));
      t.link(`usr/share/apk/keys/${m}/${key(k)}`, `../${key(k)}`);
    }
    for (const k of all.split(" ")) t.blob(`usr/share/apk/keys/${key(k)}`, keySize(k));
  });
  own("alpine-release", () => {
    t.file("etc/alpine-release", `${rel.version}\n`);
    t.file("etc/issue", lines(`Welcome to Alpine Linux ${minor}`, "Kernel \\r on an \\m (\\l)", ""));
    t.file(
      "usr/lib/os-release",
      lines(
        'NAME="Alpine Linux"',
        "ID=alpine",
        `VERSION_ID=${rel.version}`,
        `PRETTY_NAME="Alpine Linux v${minor}"`,
        'HOME_URL="https://alpinelinux.org/"',
        'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
      ),
    );
    t.link("etc/os-release", "../usr/lib/os-release");
    t.file("etc/secfixes.d/alpine", lines("secfixes:", "  3.12.6-r0:", "    - CVE-2021-28831"));
  });
  own("apk-tools", () => {
    t.bin("sbin/apk", "apk", 67648).blob("lib/libapk.so.2.14.0", 218280, 0o755);
    t.dirs("etc/apk/protected_paths.d lib/apk/exec var/cache/apk");
  });
  own("busybox", () => {
    t.bin("bin/busybox", "busybox", rel.busyboxSize);
    t.dirs("etc/busybox-paths.d etc/logrotate.d etc/network/if-up.d etc/udhcpc usr/share/udhcpc");
    t.file(
      "etc/securetty",
      lines("console", "tty1", "tty2", "tty3", "tty4", "tty5", "tty6", "ttyS0", "ttyAMA0", "hvc0"),
    );
    t.file("etc/udhcpc/udhcpc.conf", lines("# udhcpc configuration", "#RESOLV_CONF=no", "#NO_DNS=eth1"));
    t.file(
      "etc/logrotate.d/acpid",
      lines(
        "/var/log/acpid.log {",
        "\tmissingok",
        "\tnotifempty",
        "\tsharedscripts",
        "\tpostrotate",
        "\t\t/etc/init.d/acpid --ifstarted restart || true",
        "\tendscript",
        "}",
      ),
    );
    t.blob("usr/share/udhcpc/default.script", 3127, 0o755);
  });
  own("busybox-binsh", () => t.link("bin/sh", "/bin/busybox"));
  own("ca-certificates-bundle", () => {
    t.blob("etc/ssl/certs/ca-certificates.crt", 219342).link("etc/ssl/cert.pem", "certs/ca-certificates.crt");
  });
  own("libcrypto3", () => {
    t.blob("usr/lib/libcrypto.so.3", rel.libcryptoSize, 0o755).link(
      "lib/libcrypto.so.3",
      "../usr/lib/libcrypto.so.3",
    );
    t.blobs(
      "usr/lib/engines-3",
      "afalg.so:13960 capi.so:14112 loader_attic.so:26832 padlock.so:14048",
      0o755,
    );
    t.blob("usr/lib/ossl-modules/legacy.so", 116048, 0o755);
    t.blobs(
      "etc/ssl",
      "ct_log_list.cnf:412 ct_log_list.cnf.dist:412 openssl.cnf:12411 openssl.cnf.dist:12411",
    );
    t.blobs("etc/ssl/misc", "CA.pl:8062 tsget.pl:6743 tsget>tsget.pl", 0o755);
    t.dirs("etc/ssl/certs etc/ssl/private");
  });
  own("libssl3", () =>
    t.blob("usr/lib/libssl.so.3", 723752, 0o755).link("lib/libssl.so.3", "../usr/lib/libssl.so.3"),
  );
  own("musl", () => t.blob(`lib/${ld}`, 659432, 0o755).link(`lib/libc.musl-${m}.so.1`, ld));
  own("musl-utils", () => {
    t.progs("usr/bin", `getconf:38992 getent:51552 iconv:22736 ldd>/lib/${ld}`);
    t.file(
      "sbin/ldconfig",
      lines("#!/bin/sh", "scanelf -qLRB /lib /usr/lib /usr/local/lib", "exit 0"),
      0o755,
    );
  });
  own("scanelf", () => t.bin("usr/bin/scanelf", "scanelf", 71440));
  own("ssl_client", () => t.bin("usr/bin/ssl_client", "ssl_client", 14184));
  own("zlib", () =>
    t.blob("usr/lib/libz.so.1.3.1", 100704, 0o755).link("usr/lib/libz.so.1", "libz.so.1.3.1"),
  );

  // Applet links are made by busybox's install trigger, so no package owns them.
  for (const [dir, names] of Object.entries(BUSYBOX_APPLETS)) {
    if (!dir) continue;
    for (const n of names.split(" "))
      if (n !== "busybox" && !t.has(`${dir}/${n}`) && n !== "sh") t.link(`${dir}/${n}`, "/bin/busybox");
  }
  t.file(
    "etc/busybox-paths.d/busybox",
    lines(
      ...t
        .entries()
        .filter((e) => e.target === "/bin/busybox")
        .map((e) => `/${e.path}`),
    ),
  );
  t.file("etc/apk/arch", `${m}\n`);
  t.file(
    "etc/apk/repositories",
    lines(
      `https://dl-cdn.alpinelinux.org/alpine/v${minor}/main`,
      `https://dl-cdn.alpinelinux.org/alpine/v${minor}/community`,
    ),
  );
  t.file(
    "etc/apk/world",
    lines("alpine-baselayout", "alpine-keys", "alpine-release", "apk-tools", "busybox", "musl-utils"),
  );
  t.file("lib/apk/db/installed", apkDatabase(rel, arch, t, owned, mtime - 86400));
  t.file("lib/apk/db/lock", "", 0o600).file(
    "lib/apk/db/triggers",
    lines(`${"Q1"}${base64(pseudoHash("busybox-trigger", 20))} /bin /usr/bin /sbin /usr/sbin /lib/modules/*`),
  );
  t.blob("lib/apk/db/scripts.tar", 15360);
  return t;
}

/** The minirootfs layer of each release; nginx:alpine, redis:alpine, registry build on it. */
export const alpineLayer: Record<string, (arch: Arch) => Layer> = Object.fromEntries(
  Object.entries(ALPINE_RELEASES).map(([key, rel]) => [
    key,
    perArch<Arch>(`alpine:${rel.version}`, (arch) => alpineTree(rel, arch).entries()),
  ]),
);

export function alpine(release: string, arch: Arch): ImageRecipe {
  const rel = ALPINE_RELEASES[release];
  return Build.scratch(arch, rel.created)
    .add(`alpine-minirootfs-${rel.version}-${archNames(arch).machine}.tar.gz /`, alpineLayer[release](arch))
    .cmd(["/bin/sh"])
    .done();
}
