// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell scripts, "${x}" is shell syntax
/**
 * node and python: the full variants build on buildpack-deps:bookworm (debian:bookworm plus
 * curl, scm and build-essential layers, shared by both), -slim on debian:bookworm-slim and
 * -alpine on alpine, as on Docker Hub.
 */
import { Build, type ImageRecipe } from "../image";
import { type Layer, perArch } from "../layer";
import { type Arch, epochOf, Tree } from "../tree";
import { ALPINE_GROUP, ALPINE_PASSWD, alpine } from "./alpine";
import { archNames, lines } from "./common";
import { DEBIAN_GROUP, DEBIAN_PASSWD, debian } from "./debian";
import { SKEL_BASH_LOGOUT, SKEL_BASHRC, SKEL_PROFILE } from "./dotfiles";

function layer(key: string, created: string, fill: (t: Tree, T: string) => Tree): (arch: Arch) => Layer {
  return perArch<Arch>(key, (arch) => {
    const a = archNames(arch);
    return fill(new Tree(epochOf(created), a.scale), a.triplet).entries();
  });
}

// ---- buildpack-deps:bookworm ------------------------------------------------------------------

const BP_CREATED = "2025-02-04T01:32:12Z";
const bpCurl = layer("buildpack-deps:bookworm-curl", BP_CREATED, (t, T) =>
  t
    .progs("usr/bin", "curl:285680 wget:510392 gpg:1158312 sq:9184432")
    .fillTo(
      24_100_000,
      `usr/lib/${T}/libcurl.so.4.8.0:6 usr/lib/${T}/libssl.so.3:7 usr/lib/${T}/libcrypto.so.3:46 usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt:1 etc/ssl/certs/ca-certificates.crt:2 usr/lib/${T}/libgnutls.so.30.34.3:20 var/lib/dpkg/status:3`,
    ),
);
const bpScm = layer("buildpack-deps:bookworm-scm", BP_CREATED, (t, T) =>
  t
    .progs("usr/bin", "git:4105520 ssh:1014352 hg:1220:python3 svn:277200 ps:154440 top:133832 free:84104")
    .fillTo(
      64_400_000,
      `usr/lib/git-core/git-remote-http:9 usr/share/perl/5.36.0/strict.pm:18 usr/lib/${T}/libperl.so.5.36.0:4 usr/lib/python3/dist-packages/mercurial/__init__.py:30 usr/lib/${T}/libsvn_subr-1.so.1.0.0:2 usr/lib/${T}/libpython3.11.so.1.0:8 usr/lib/python3.11/os.py:28`,
    ),
);
const bpFull = layer("buildpack-deps:bookworm", BP_CREATED, (t, T) =>
  t
    .progs(
      "usr/bin",
      "gcc-12:1297696:gcc g++-12:1310088:g++ make:255880 cpp-12:1297704:cpp ar:55312 as:728928 ld.bfd:1985864:ld pkg-config:51288 autoconf:14955:sh patch:174432 file:31336",
    )
    .progs("usr/bin", "gcc>gcc-12 g++>g++-12 cc>/etc/alternatives/cc c++>/etc/alternatives/c++ ld>ld.bfd")
    .fillTo(
      703_000_000,
      `usr/lib/gcc/${T}/12/cc1:32 usr/lib/gcc/${T}/12/cc1plus:35 usr/lib/${T}/libicudata.so.72.1:31 usr/lib/${T}/libLLVM-14.so.1:90 usr/include/${T}/bits/stdio.h:40 usr/lib/${T}/libmagickcore-6.q16.so.6.0.0:8 usr/lib/${T}/libgtk-3.so.0:10 usr/lib/${T}/libstdc++.a:6 usr/lib/${T}/libc.a:6 usr/share/doc/libboost1.74-dev/copyright:1 usr/lib/${T}/libmysqlclient.a:7 usr/lib/${T}/libpq.a:1 usr/lib/${T}/libxml2.a:3 usr/share/mime/packages/freedesktop.org.xml:3 usr/lib/${T}/libgcrypt.a:2 usr/lib/${T}/libsqlite3.a:2`,
    ),
);

function buildpackDeps(arch: Arch): ImageRecipe {
  const apt = (pkgs: string) =>
    `set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\t${pkgs} \t; \trm -rf /var/lib/apt/lists/*`;
  return Build.from(debian("bookworm", false, arch), BP_CREATED)
    .run(apt("ca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget"), bpCurl(arch))
    .run(apt("git \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps"), bpScm(arch))
    .run(
      apt(
        "autoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibssl-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev",
      ),
      bpFull(arch),
    )
    .done();
}

// ---- node -------------------------------------------------------------------------------------

interface NodeRelease {
  version: string;
  yarn: string;
  created: string;
  /** Bytes of the node install layer (debian) and of the alpine one. */
  size: number;
  alpineSize: number;
}

export const NODE_RELEASES: Record<string, NodeRelease> = {
  "22": {
    version: "22.14.0",
    yarn: "1.22.22",
    created: "2025-02-11T21:52:47Z",
    size: 193_200_000,
    alpineSize: 144_700_000,
  },
  "20": {
    version: "20.18.3",
    yarn: "1.22.22",
    created: "2025-02-11T21:52:12Z",
    size: 184_300_000,
    alpineSize: 129_200_000,
  },
};

/** docker-library/node's docker-entrypoint.sh (MIT). */
export const NODE_ENTRYPOINT = lines(
  "#!/bin/sh",
  "set -e",
  "",
  '# Run command with node if the first argument contains a "-" or is not a system command. The last',
  '# part inside the "{}" is a workaround for the following bug in ash/dash:',
  "# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264",
  'if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then',
  '  set -- node "$@"',
  "fi",
  "",
  'exec "$@"',
);

function nodeInstall(t: Tree, r: NodeRelease, total: number, T: string): Tree {
  t.progs(
    "usr/local/bin",
    "node:118442360 npm>../lib/node_modules/npm/bin/npm-cli.js npx>../lib/node_modules/npm/bin/npx-cli.js corepack>../lib/node_modules/corepack/dist/corepack.js nodejs>node",
  );
  t.file("usr/local/lib/node_modules/npm/package.json", `{\n  "name": "npm",\n  "version": "10.9.2"\n}\n`);
  t.file(
    "usr/local/lib/node_modules/npm/bin/npm-cli.js",
    lines("#!/usr/bin/env node", "require('../lib/cli.js')(process)"),
    0o755,
  );
  t.file(
    "usr/local/lib/node_modules/npm/bin/npx-cli.js",
    lines("#!/usr/bin/env node", "require('../lib/cli.js')(process)"),
    0o755,
  );
  t.file(
    "usr/local/lib/node_modules/corepack/dist/corepack.js",
    lines("#!/usr/bin/env node", "require('./lib/corepack.cjs').runMain(process.argv.slice(2));"),
    0o755,
  );
  t.blob(`usr/local/include/node/node.h`, 61000).blob("usr/local/share/doc/node/gdbinit", 4500);
  void r;
  return t.fillTo(
    total,
    `usr/local/lib/node_modules/npm/lib/npm.js:40 usr/local/lib/node_modules/npm/node_modules/node-gyp/gyp/gyp_main.py:25 usr/local/lib/node_modules/corepack/dist/lib/corepack.cjs:10 usr/local/include/node/v8.h:8 usr/local/share/man/man1/node.1:1 ${T ? `usr/lib/${T}/libatomic.so.1.2.0:1` : "usr/lib/libstdc++.so.6.0.33:4"}`,
  );
}

const nodeLayers = (key: string, r: NodeRelease, alpineBase: boolean) => ({
  install: layer(`node:${key}:install`, r.created, (t, T) => {
    if (alpineBase) {
      t.file("etc/passwd", `${ALPINE_PASSWD}node:x:1000:1000::/home/node:/bin/sh\n`).file(
        "etc/group",
        `${ALPINE_GROUP}node:x:1000:node\n`,
      );
      t.dir("home/node", 0o2755, 1000, 1000);
      return nodeInstall(t, r, r.alpineSize, "");
    }
    return nodeInstall(t, r, r.size, T);
  }),
  user: layer(`node:${key}:user`, r.created, (t) =>
    t
      .file("etc/passwd", `${DEBIAN_PASSWD}node:x:1000:1000::/home/node:/bin/bash\n`)
      .file("etc/group", `${DEBIAN_GROUP}node:x:1000:\n`)
      .file("etc/shadow", "", 0o640, 0, 42)
      .dir("home/node", 0o755, 1000, 1000)
      .file("home/node/.bash_logout", SKEL_BASH_LOGOUT, 0o644, 1000, 1000)
      .file("home/node/.bashrc", SKEL_BASHRC, 0o644, 1000, 1000)
      .file("home/node/.profile", SKEL_PROFILE, 0o644, 1000, 1000),
  ),
  yarn: layer(`node:${key}:yarn`, r.created, (t) =>
    t
      .link("usr/local/bin/yarn", "/opt/yarn-v1.22.22/bin/yarn")
      .link("usr/local/bin/yarnpkg", "/opt/yarn-v1.22.22/bin/yarnpkg")
      .file(
        "opt/yarn-v1.22.22/bin/yarn",
        lines("#!/bin/sh", 'exec node "$(dirname "$0")/yarn.js" "$@"'),
        0o755,
      )
      .file("opt/yarn-v1.22.22/bin/yarnpkg", lines("#!/bin/sh", 'exec "$(dirname "$0")/yarn" "$@"'), 0o755)
      .fillTo(5_300_000, "opt/yarn-v1.22.22/lib/cli.js:1"),
  ),
  entry: layer(`node:${key}:entrypoint`, r.created, (t) =>
    t.file("usr/local/bin/docker-entrypoint.sh", NODE_ENTRYPOINT, 0o755),
  ),
});

const nodeCache = new Map<string, ReturnType<typeof nodeLayers>>();

export function node(major: string, variant: "" | "alpine", arch: Arch): ImageRecipe {
  const r = NODE_RELEASES[major];
  const key = `${major}${variant ? `-${variant}` : ""}`;
  let L = nodeCache.get(key);
  if (!L) nodeCache.set(key, (L = nodeLayers(key, r, variant === "alpine")));
  const base = variant === "alpine" ? alpine("3.21", arch) : buildpackDeps(arch);
  const b = Build.from(base, r.created);
  if (variant !== "alpine")
    b.run(
      "groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node",
      L.user(arch),
    );
  b.env("NODE_VERSION", r.version);
  return b
    .run(
      'ARCH= && dpkgArch="$(dpkg --print-architecture)"     && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz"     && tar -xJf "node-v$NODE_VERSION-linux-$ARCH.tar.xz" -C /usr/local --strip-components=1 --no-same-owner     && ln -s /usr/local/bin/node /usr/local/bin/nodejs     && node --version     && npm --version',
      L.install(arch),
    )
    .env("YARN_VERSION", r.yarn)
    .run(
      'set -ex   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && yarn --version',
      L.yarn(arch),
    )
    .copy("docker-entrypoint.sh /usr/local/bin/", L.entry(arch))
    .entrypoint(["docker-entrypoint.sh"])
    .cmd(["node"])
    .done();
}

// ---- python -----------------------------------------------------------------------------------

interface PythonRelease {
  version: string;
  created: string;
  sha256: string;
  size: number;
  slimSize: number;
}

export const PYTHON_RELEASES: Record<string, PythonRelease> = {
  "3.13": {
    version: "3.13.2",
    created: "2025-02-04T23:36:27Z",
    sha256: "d984bcc57cd67caab26f7def42e523b1c015bbc5dc07836cf4f0b63fa159eb56",
    size: 80_400_000,
    slimSize: 37_600_000,
  },
  "3.12": {
    version: "3.12.9",
    created: "2025-02-04T23:33:57Z",
    sha256: "7220835d9f90b37c006e9842a8dff4580aaca4318674f947302b8d28f3f81112",
    size: 78_900_000,
    slimSize: 36_200_000,
  },
};

const pythonLayers = (key: string, r: PythonRelease, slim: boolean) => {
  const minor = r.version.split(".").slice(0, 2).join(".");
  return {
    deps: layer(`python:${key}:deps`, r.created, (t, T) =>
      t.fillTo(
        slim ? 9_400_000 : 22_300_000,
        `usr/lib/${T}/libtk8.6.so:3 usr/lib/${T}/libtcl8.6.so:3 usr/share/tcltk/tcl8.6/init.tcl:2 usr/lib/${T}/libssl.so.3:3 usr/lib/${T}/libsqlite3.so.0.8.6:3 usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt:1 var/lib/dpkg/status:1`,
      ),
    ),
    build: layer(`python:${key}:build`, r.created, (t, T) => {
      t.progs(
        "usr/local/bin",
        `python${minor}:17536:python3 pip${minor}:232:pip pip3:232:pip python${minor}-config:3102:sh pydoc${minor}:87:python3 idle${minor}:85:python3 2to3-${minor}:102:python3`,
      );
      t.file(
        `usr/local/lib/python${minor}/os.py`,
        lines('r"""OS routines for NT or Posix depending on what system we\'re on."""'),
      );
      return t.fillTo(
        slim ? r.slimSize : r.size,
        `usr/local/lib/libpython${minor}.so.1.0:30 usr/local/lib/python${minor}/site-packages/pip/__init__.py:60 usr/local/lib/python${minor}/test/__init__.py:120 usr/local/lib/python${minor}/lib-dynload/_ssl.cpython-${minor.replace(".", "")}-${T}.so:12 usr/local/lib/python${minor}/config-${minor}-${T}/libpython${minor}.a:40 usr/local/lib/python${minor}/encodings/__init__.py:10 usr/local/lib/python${minor}/tkinter/__init__.py:8`,
      );
    }),
    links: layer(`python:${key}:links`, r.created, (t) =>
      t.progs(
        "usr/local/bin",
        `idle>idle3 pip>pip3 pydoc>pydoc3 python>python3 python-config>python3-config idle3>idle${minor} pydoc3>pydoc${minor} python3>python${minor} python3-config>python${minor}-config`,
      ),
    ),
  };
};

const pythonCache = new Map<string, ReturnType<typeof pythonLayers>>();

export function python(minor: string, slim: boolean, arch: Arch): ImageRecipe {
  const r = PYTHON_RELEASES[minor];
  const key = `${minor}${slim ? "-slim" : ""}`;
  let L = pythonCache.get(key);
  if (!L) pythonCache.set(key, (L = pythonLayers(key, r, slim)));
  const base = slim ? debian("bookworm", true, arch) : buildpackDeps(arch);
  return Build.from(base, r.created)
    .env("PATH", "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    .env("LANG", "C.UTF-8")
    .run(
      slim
        ? "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/*"
        : "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibbluetooth-dev \t\ttk-dev \t\tuuid-dev \t; \trm -rf /var/lib/apt/lists/*",
      L.deps(arch),
    )
    .env(
      "GPG_KEY",
      minor === "3.12"
        ? "7169605F62C751356D054A26A821E680E5FA6305"
        : "7169605F62C751356D054A26A821E680E5FA6305",
    )
    .env("PYTHON_VERSION", r.version)
    .env("PYTHON_SHA256", r.sha256)
    .run(
      'set -eux; \t\twget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \techo "$PYTHON_SHA256 *python.tar.xz" | sha256sum -c -; \tmkdir -p /usr/src/python; \ttar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; \t./configure --enable-loadable-sqlite-extensions --enable-optimizations --enable-option-checking=fatal --enable-shared --with-lto --with-ensurepip; \tmake -j "$nproc"; \tmake install; \tldconfig; \tpython3 --version; \tpip3 --version',
      L.build(arch),
    )
    .run(
      'set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\t[ -s "/usr/local/bin/$src" ]; \t\t[ ! -e "/usr/local/bin/$dst" ]; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone',
      L.links(arch),
    )
    .cmd(["python3"])
    .done();
}
