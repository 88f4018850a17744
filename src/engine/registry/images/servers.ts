// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell scripts, "${x}" is shell syntax
/**
 * httpd, redis, postgres and registry:2, shaped like their official images: the same base
 * layers (debian:bookworm-slim, alpine), the same layer count, config and history. Scripts are
 * our own short versions unless noted.
 */
import { Build, type ImageRecipe } from "../image";
import { type Layer, perArch } from "../layer";
import { type Arch, epochOf, Tree } from "../tree";
import { ALPINE_GROUP, ALPINE_PASSWD, alpine } from "./alpine";
import { archNames, lines } from "./common";
import { DEBIAN_GROUP, DEBIAN_PASSWD, debian } from "./debian";

/** A layer built by `fill` (given the tree and the arch triplet), cached per arch. */
function layer(key: string, created: string, fill: (t: Tree, T: string) => Tree): (arch: Arch) => Layer {
  return perArch<Arch>(key, (arch) => {
    const a = archNames(arch);
    return fill(new Tree(epochOf(created), a.scale), a.triplet).entries();
  });
}

// ---- httpd:2.4 -------------------------------------------------------------------------------

const HTTPD_CREATED = "2025-01-23T17:49:04Z";
const PREFIX = "usr/local/apache2";

/** docker-library/httpd's httpd-foreground (MIT). */
export const HTTPD_FOREGROUND = lines(
  "#!/bin/sh",
  "set -e",
  "",
  "# Apache gets grumpy about PID files pre-existing",
  "rm -f /usr/local/apache2/logs/httpd.pid",
  "",
  'exec httpd -DFOREGROUND "$@"',
);

export const HTTPD_INDEX_HTML = "<html><body><h1>It works!</h1></body></html>\n";

const httpdPrefix = layer("httpd:prefix", HTTPD_CREATED, (t) => t.dir(PREFIX, 0o755, 33, 33));
const httpdDeps = layer("httpd:deps", HTTPD_CREATED, (t, T) =>
  t.fillTo(
    12_300_000,
    `usr/lib/${T}/libapr-1.so.0.7.2:2 usr/lib/${T}/libaprutil-1.so.0.6.3:2 usr/lib/${T}/libcurl.so.4.8.0:6 usr/lib/${T}/libxml2.so.2.9.14:20 usr/lib/${T}/libnghttp2.so.14.24.1:2 usr/lib/${T}/liblua5.2.so.0.0.0:2 usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt:1 etc/ssl/certs/ca-certificates.crt:2 var/lib/dpkg/status:2`,
  ),
);
const httpdBuild = layer("httpd:build", HTTPD_CREATED, (t, T) => {
  t.progs(
    `${PREFIX}/bin`,
    "httpd:798616 ab:121344 htpasswd:39784 htdigest:23112 htdbm:39968 logresolve:14616 rotatelogs:31240 checkgid:14568 fcgistarter:14680 httxt2dbm:14656 htcacheclean:56856",
  );
  t.file(
    `${PREFIX}/bin/apachectl`,
    lines(
      "#!/bin/sh",
      "# Controls the httpd daemon: start, stop, restart, graceful, configtest.",
      'HTTPD="/usr/local/apache2/bin/httpd"',
      'exec $HTTPD -k "$@"',
    ),
    0o755,
  );
  t.file(`${PREFIX}/htdocs/index.html`, HTTPD_INDEX_HTML);
  t.blobs(`${PREFIX}/conf`, "httpd.conf:20848 magic:13077 mime.types:60847");
  t.blobs(
    `${PREFIX}/conf/extra`,
    "httpd-default.conf:2942 httpd-ssl.conf:13449 httpd-vhosts.conf:1526 proxy-html.conf:3213",
  );
  t.dirs(`${PREFIX}/logs ${PREFIX}/cgi-bin ${PREFIX}/error ${PREFIX}/icons ${PREFIX}/include`);
  return t.fillTo(
    59_700_000,
    `${PREFIX}/modules/mod_ssl.so:5 ${PREFIX}/modules/mod_proxy.so:3 ${PREFIX}/modules/mod_lua.so:3 ${PREFIX}/modules/mod_rewrite.so:2 ${PREFIX}/modules/mod_http2.so:4 ${PREFIX}/manual/index.html:2 ${PREFIX}/icons/apache_pb.png:1 usr/lib/${T}/libssl.so.3:7 usr/lib/${T}/libcrypto.so.3:46 usr/lib/${T}/libperl.so.5.36.0:38 usr/share/perl/5.36.0/strict.pm:240 usr/lib/${T}/libbrotlienc.so.1.0.9:8`,
  );
});
const httpdForeground = layer("httpd:foreground", HTTPD_CREATED, (t) =>
  t.file("usr/local/bin/httpd-foreground", HTTPD_FOREGROUND, 0o755),
);

export function httpd(arch: Arch): ImageRecipe {
  return Build.from(debian("bookworm", true, arch), HTTPD_CREATED)
    .env("HTTPD_PREFIX", "/usr/local/apache2")
    .env("PATH", "/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    .run('mkdir -p "$HTTPD_PREFIX"     && chown www-data:www-data "$HTTPD_PREFIX"', httpdPrefix(arch))
    .workdir("/usr/local/apache2")
    .run(
      "set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         libaprutil1-ldap         libldap-common     ;     rm -rf /var/lib/apt/lists/*",
      httpdDeps(arch),
    )
    .env("HTTPD_VERSION", "2.4.63")
    .env("HTTPD_SHA256", "88fc236ab99b2864b248de7d49a008ec2afd7551e64dce8b95f58f32f94c46ab")
    .env("HTTPD_PATCHES", "")
    .run(
      'set -eux;         savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends         bzip2         dpkg-dev         gcc         libapr1-dev         libaprutil1-dev         libbrotli-dev         libcurl4-openssl-dev         libjansson-dev         liblua5.2-dev         libnghttp2-dev         libpcre2-dev         libssl-dev         libxml2-dev         make         wget         zlib1g-dev     ;     rm -r /var/lib/apt/lists/*;         ./configure --prefix="$HTTPD_PREFIX" --enable-mods-shared=reallyall --enable-mpms-shared=all;     make -j "$(nproc)";     make install;         httpd -v',
      httpdBuild(arch),
    )
    .stopsignal("SIGWINCH")
    .copy("httpd-foreground /usr/local/bin/", httpdForeground(arch))
    .expose("80/tcp")
    .cmd(["httpd-foreground"])
    .done();
}

// ---- redis ------------------------------------------------------------------------------------

const REDIS_CREATED = "2025-01-06T17:48:02Z";
const REDIS_VERSION = "7.4.2";

/** Our own entrypoint: drops root to the redis user for redis-server, like the official one. */
export const REDIS_ENTRYPOINT = lines(
  "#!/bin/sh",
  "set -e",
  "",
  "# first arg is `-f` or `--some-option`, or a .conf file: run redis-server with them",
  'if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then',
  '\tset -- redis-server "$@"',
  "fi",
  "",
  "# allow the container to be started with `--user`",
  "if [ \"$1\" = 'redis-server' -a \"$(id -u)\" = '0' ]; then",
  "\tfind . \\! -user redis -exec chown redis '{}' +",
  '\texec setpriv --reuid=redis --regid=redis --clear-groups -- "$0" "$@"',
  "fi",
  "",
  "# default umask of 0022 makes redis files world-readable; 0077 does not",
  'um="$(umask)"',
  "if [ \"$um\" = '0022' ]; then",
  "\tumask 0077",
  "fi",
  "",
  'exec "$@"',
);

function redisBinaries(t: Tree): Tree {
  return t
    .progs("usr/local/bin", "redis-server:16003160 redis-cli:8251960 redis-benchmark:7766224")
    .progs(
      "usr/local/bin",
      "redis-check-aof>redis-server redis-check-rdb>redis-server redis-sentinel>redis-server",
    );
}

const redisUser = layer("redis:user", REDIS_CREATED, (t) =>
  t
    .file("etc/passwd", `${DEBIAN_PASSWD}redis:x:999:999::/home/redis:/bin/sh\n`)
    .file("etc/group", `${DEBIAN_GROUP}redis:x:999:\n`)
    .dir("home/redis", 0o755, 999, 999),
);
const redisTz = layer("redis:tzdata", REDIS_CREATED, (t) =>
  t.fillTo(1_400_000, "usr/share/zoneinfo/Etc/UTC:1 var/lib/dpkg/status:2 var/lib/dpkg/info/tzdata.list:1"),
);
const redisBuild = layer("redis:build", REDIS_CREATED, (t, T) =>
  redisBinaries(t).fillTo(
    39_600_000,
    `usr/lib/${T}/libssl.so.3:1 usr/lib/${T}/libcrypto.so.3:6 etc/ssl/certs/ca-certificates.crt:1`,
  ),
);
const redisData = layer("redis:data", REDIS_CREATED, (t) => t.dir("data", 0o755, 999, 999));
const redisEntry = layer("redis:entrypoint", REDIS_CREATED, (t) =>
  t.file("usr/local/bin/docker-entrypoint.sh", REDIS_ENTRYPOINT, 0o755),
);

function redisTail(b: Build, data: Layer, entry: Layer): ImageRecipe {
  return b
    .run("mkdir /data && chown redis:redis /data", data)
    .volume("/data")
    .workdir("/data")
    .copy("docker-entrypoint.sh /usr/local/bin/", entry)
    .entrypoint(["docker-entrypoint.sh"])
    .expose("6379/tcp")
    .cmd(["redis-server"])
    .done();
}

export function redis(arch: Arch): ImageRecipe {
  const b = Build.from(debian("bookworm", true, arch), REDIS_CREATED)
    .run("set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis", redisUser(arch))
    .run(
      "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\ttzdata \t; \trm -rf /var/lib/apt/lists/*",
      redisTz(arch),
    )
    .env("REDIS_DOWNLOAD_URL", `http://download.redis.io/releases/redis-${REDIS_VERSION}.tar.gz`)
    .env("REDIS_DOWNLOAD_SHA", "4ddebbf09061cbb589011786febdb34f29767dd7f89dbe712d2b68e808af6a1f")
    .run(
      'set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\twget \t\tdpkg-dev \t\tgcc \t\tlibc6-dev \t\tlibssl-dev \t\tmake \t; \t\twget -O redis.tar.gz "$REDIS_DOWNLOAD_URL"; \techo "$REDIS_DOWNLOAD_SHA *redis.tar.gz" | sha256sum -c -; \tmake -C /usr/src/redis -j "$(nproc)" all; \tmake -C /usr/src/redis install; \t\tredis-cli --version; \tredis-server --version',
      redisBuild(arch),
    );
  return redisTail(b, redisData(arch), redisEntry(arch));
}

const redisAlpineUser = layer("redis:alpine-user", REDIS_CREATED, (t) =>
  t
    .file("etc/passwd", `${ALPINE_PASSWD}redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n`)
    .file("etc/group", `${ALPINE_GROUP}redis:x:1000:redis\n`)
    .file("etc/shadow", "", 0o640, 0, 42)
    .dir("home/redis", 0o2755, 999, 1000),
);
const redisAlpineDeps = layer("redis:alpine-deps", REDIS_CREATED, (t) =>
  t.progs("bin", "setpriv:39456").fillTo(1_100_000, "usr/share/zoneinfo/Etc/UTC:1 lib/apk/db/installed:1"),
);
const redisAlpineBuild = layer("redis:alpine-build", REDIS_CREATED, (t) =>
  redisBinaries(t).fillTo(32_400_000, "usr/lib/libssl.so.3:1"),
);

export function redisAlpine(arch: Arch): ImageRecipe {
  const b = Build.from(alpine("3.21", arch), REDIS_CREATED)
    .run("addgroup -S -g 1000 redis && adduser -S -G redis -u 999 redis", redisAlpineUser(arch))
    .run("apk add --no-cache \t\t'su-exec>=0.2' \t\ttzdata \t\tsetpriv", redisAlpineDeps(arch))
    .env("REDIS_DOWNLOAD_URL", `http://download.redis.io/releases/redis-${REDIS_VERSION}.tar.gz`)
    .env("REDIS_DOWNLOAD_SHA", "4ddebbf09061cbb589011786febdb34f29767dd7f89dbe712d2b68e808af6a1f")
    .run(
      'set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tcoreutils \t\tdpkg-dev dpkg \t\tgcc \t\tlinux-headers \t\tmake \t\tmusl-dev \t\topenssl-dev \t; \tmake -C /usr/src/redis -j "$(nproc)" all; \tmake -C /usr/src/redis install; \tapk del --no-network .build-deps; \t\tredis-cli --version; \tredis-server --version',
      redisAlpineBuild(arch),
    );
  return redisTail(b, redisData(arch), redisEntry(arch));
}

// ---- postgres ---------------------------------------------------------------------------------

interface PgRelease {
  major: string;
  version: string;
  created: string;
  size: number;
}

export const POSTGRES_RELEASES: Record<string, PgRelease> = {
  "17": { major: "17", version: "17.4-1.pgdg120+2", created: "2025-02-20T23:03:39Z", size: 338_800_000 },
  "16": { major: "16", version: "16.8-1.pgdg120+1", created: "2025-02-20T23:04:10Z", size: 333_000_000 },
};

/**
 * Our own shorter entrypoint, following docker-library/postgres's steps and messages (MIT): refuse
 * an uninitialized cluster without a password, initdb, a temporary socket-only server for
 * POSTGRES_DB and /docker-entrypoint-initdb.d, then exec postgres as the postgres user.
 */
export const POSTGRES_ENTRYPOINT = lines(
  "#!/usr/bin/env bash",
  "set -e",
  "",
  'if [ "${1#-}" != "$1" ]; then',
  '\tset -- postgres "$@"',
  "fi",
  "",
  "if [ \"$1\" = 'postgres' ] && [ \"$(id -u)\" = '0' ]; then",
  '\tmkdir -p "$PGDATA"',
  '\tchown postgres "$PGDATA"',
  '\tchmod 00700 "$PGDATA"',
  "\tmkdir -p /var/run/postgresql",
  "\tchown postgres /var/run/postgresql",
  "\tchmod 03775 /var/run/postgresql",
  '\texec gosu postgres "$0" "$@"',
  "fi",
  "",
  "if [ \"$1\" = 'postgres' ]; then",
  '\tif [ -s "$PGDATA/PG_VERSION" ]; then',
  "\t\tcat <<-'EOM'",
  "",
  "\t\t\tPostgreSQL Database directory appears to contain a database; Skipping initialization",
  "",
  "\t\tEOM",
  "\telse",
  "\t\tif [ -z \"$POSTGRES_PASSWORD\" ] && [ 'trust' != \"$POSTGRES_HOST_AUTH_METHOD\" ]; then",
  "\t\t\tcat >&2 <<-'EOE'",
  "\t\t\t\tError: Database is uninitialized and superuser password is not specified.",
  "\t\t\t\t       You must specify POSTGRES_PASSWORD to a non-empty value for the",
  '\t\t\t\t       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
  "",
  '\t\t\t\t       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
  "\t\t\t\t       connections without a password. This is *not* recommended.",
  "",
  '\t\t\t\t       See PostgreSQL documentation about "trust":',
  "\t\t\t\t       https://www.postgresql.org/docs/current/auth-trust.html",
  "\t\t\tEOE",
  "\t\t\texit 1",
  "\t\tfi",
  "\t\tif [ 'trust' = \"$POSTGRES_HOST_AUTH_METHOD\" ]; then",
  "\t\t\tcat >&2 <<-'EOWARN'",
  "\t\t\t\t********************************************************************************",
  '\t\t\t\tWARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow',
  "\t\t\t\t         anyone with access to the Postgres port to access your database without",
  "\t\t\t\t         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL",
  '\t\t\t\t         documentation about "trust":',
  "\t\t\t\t         https://www.postgresql.org/docs/current/auth-trust.html",
  "\t\t\t\t         In Docker's default configuration, this is effectively any other",
  "\t\t\t\t         container on the same system.",
  "",
  "\t\t\t\t         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace",
  '\t\t\t\t         it with "-e POSTGRES_PASSWORD=password" instead to set a password in',
  '\t\t\t\t         "docker run".',
  "\t\t\t\t********************************************************************************",
  "\t\t\tEOWARN",
  "\t\tfi",
  '\t\tprintf \'%s\\n\' "$POSTGRES_PASSWORD" > /tmp/pwfile',
  '\t\tinitdb --username="${POSTGRES_USER:-postgres}" --pwfile=/tmp/pwfile $POSTGRES_INITDB_ARGS',
  "\t\trm -f /tmp/pwfile",
  '\t\tprintf \'\\nhost all all all %s\\n\' "${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >> "$PGDATA/pg_hba.conf"',
  "\t\tpg_ctl -D \"$PGDATA\" -o \"-c listen_addresses='' -p 5432\" -w start",
  '\t\tdb="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"',
  '\t\tif [ "$db" != postgres ]; then',
  '\t\t\tpsql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --no-password --no-psqlrc --dbname postgres -c "CREATE DATABASE $db ;"',
  "\t\tfi",
  "\t\tprintf '\\n'",
  "\t\tfor f in /docker-entrypoint-initdb.d/*; do",
  '\t\t\tcase "$f" in',
  "\t\t\t\t*.sh) printf '%s: running %s\\n' \"$0\" \"$f\"; . \"$f\" ;;",
  "\t\t\t\t*.sql) printf '%s: running %s\\n' \"$0\" \"$f\"; psql -v ON_ERROR_STOP=1 --username \"${POSTGRES_USER:-postgres}\" --no-password --no-psqlrc --dbname \"$db\" -f \"$f\"; printf '\\n' ;;",
  "\t\t\t\t*) printf '%s: ignoring %s\\n' \"$0\" \"$f\" ;;",
  "\t\t\tesac",
  "\t\t\tprintf '\\n'",
  "\t\tdone",
  '\t\tpg_ctl -D "$PGDATA" -m fast -w stop',
  "\t\tcat <<-'EOM'",
  "",
  "\t\t\tPostgreSQL init process complete; ready for start up.",
  "",
  "\t\tEOM",
  "\tfi",
  "fi",
  "",
  'exec "$@"',
);

const pgLayers = (r: PgRelease) => {
  const k = `postgres:${r.major}`;
  return {
    user: layer(`${k}:user`, r.created, (t) =>
      t
        .file("etc/passwd", `${DEBIAN_PASSWD}postgres:x:999:999::/var/lib/postgresql:/bin/bash\n`)
        .file("etc/group", `${DEBIAN_GROUP}postgres:x:999:\n`)
        .dir("var/lib/postgresql", 0o755, 999, 999),
    ),
    gosu: layer(`${k}:gosu`, r.created, (t) => t.progs("usr/local/bin", "gosu:2318496")),
    initdbDir: layer(`${k}:initdb.d`, r.created, (t) => t.dir("docker-entrypoint-initdb.d")),
    locales: layer(`${k}:locales`, r.created, (t, T) =>
      t.fillTo(
        24_500_000,
        `usr/lib/locale/locale-archive:30 usr/share/i18n/charmaps/UTF-8.gz:1 usr/share/i18n/locales/en_US:1 usr/lib/${T}/gconv/gconv-modules.cache:1`,
      ),
    ),
    nss: layer(`${k}:nss`, r.created, (t, T) =>
      t.fillTo(1_500_000, `usr/lib/${T}/libnss_wrapper.so:1 usr/bin/xz:1 usr/lib/${T}/liblzma.so.5.4.1:1`),
    ),
    keys: layer(`${k}:keys`, r.created, (t) => t.blob("usr/local/share/keyrings/postgres.gpg.asc", 4812)),
    server: layer(`${k}:server`, r.created, (t, T) => {
      const bin = `usr/lib/postgresql/${r.major}/bin`;
      t.progs(
        bin,
        "postgres:9757536 initdb:161112 pg_ctl:67032 psql:723352 pg_dump:456472 pg_restore:219224 pg_dumpall:134480 createdb:64568 dropdb:64568 pg_isready:64568 pg_basebackup:178144 pg_upgrade:171112 vacuumdb:72760",
      );
      t.progs(
        "usr/bin",
        "psql>../share/postgresql-common/pg_wrapper pg_dump>../share/postgresql-common/pg_wrapper",
      );
      // postgresql-common's pg_wrapper (Perl) runs the named tool of the cluster's version.
      t.file(
        "usr/share/postgresql-common/pg_wrapper",
        lines("#!/bin/sh", `exec /usr/lib/postgresql/${r.major}/bin/"$(basename "$0")" "$@"`),
        0o755,
      );
      t.blob("usr/share/postgresql/postgresql.conf.sample", 30716);
      t.dir("var/run/postgresql", 0o3777, 999, 999);
      return t.fillTo(
        r.size,
        `usr/lib/postgresql/${r.major}/lib/llvmjit.so:4 usr/lib/${T}/libLLVM-14.so.1:95 usr/lib/${T}/libicudata.so.72.1:31 usr/lib/${T}/libicui18n.so.72.1:3 usr/lib/${T}/libicuuc.so.72.1:2 usr/share/postgresql/${r.major}/timezonesets/Default:1 usr/lib/${T}/libperl.so.5.36.0:4 usr/lib/${T}/libpq.so.5.17:1 usr/share/perl/5.36.0/strict.pm:20 usr/lib/${T}/libz3.so.4:16 usr/lib/${T}/libstdc++.so.6.0.30:2 usr/lib/${T}/libxml2.so.2.9.14:2`,
      );
    }),
    sample: layer(`${k}:sample`, r.created, (t) =>
      t.blob(`usr/share/postgresql/${r.major}/postgresql.conf.sample`, 30720),
    ),
    runDir: layer(`${k}:run`, r.created, (t) => t.dir("var/run/postgresql", 0o3777, 999, 999)),
    data: layer(`${k}:data`, r.created, (t) => t.dir("var/lib/postgresql/data", 0o1777, 999, 999)),
    scripts: layer(`${k}:scripts`, r.created, (t) =>
      t
        .file("usr/local/bin/docker-entrypoint.sh", POSTGRES_ENTRYPOINT, 0o755)
        .file(
          "usr/local/bin/docker-ensure-initdb.sh",
          lines(
            "#!/usr/bin/env bash",
            "set -Eeuo pipefail",
            "# Initializes $PGDATA if needed, without starting the server.",
            "source /usr/local/bin/docker-entrypoint.sh",
            "docker_setup_env",
          ),
          0o755,
        ),
    ),
    enforce: layer(`${k}:enforce`, r.created, (t) =>
      t.link("usr/local/bin/docker-enforce-initdb.sh", "docker-ensure-initdb.sh"),
    ),
  };
};

const pgCache = new Map<string, ReturnType<typeof pgLayers>>();

export function postgres(major: string, arch: Arch): ImageRecipe {
  const r = POSTGRES_RELEASES[major];
  let L = pgCache.get(major);
  if (!L) pgCache.set(major, (L = pgLayers(r)));
  return Build.from(debian("bookworm", true, arch), r.created)
    .run(
      "set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \tmkdir -p /var/lib/postgresql; \tchown -R postgres:postgres /var/lib/postgresql",
      L.user(arch),
    )
    .run(
      "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgnupg \t\tless \t; \trm -rf /var/lib/apt/lists/*",
      L.nss(arch),
    )
    .env("GOSU_VERSION", "1.17")
    .run(
      'set -eux; \tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates wget; \twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true',
      L.gosu(arch),
    )
    .run(
      "set -eux; \tif [ -f /etc/dpkg/dpkg.cfg.d/docker ]; then \t\tgrep -q '/usr/share/locale' /etc/dpkg/dpkg.cfg.d/docker; \t\tsed -ri '/\\/usr\\/share\\/locale/d' /etc/dpkg/dpkg.cfg.d/docker; \tfi; \tapt-get update; apt-get install -y --no-install-recommends locales; rm -rf /var/lib/apt/lists/*; \techo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; \tlocale-gen; \tlocale -a | grep 'en_US.utf8'",
      L.locales(arch),
    )
    .env("LANG", "en_US.utf8")
    .run("mkdir /docker-entrypoint-initdb.d", L.initdbDir(arch))
    .run(
      'set -ex; \tkey=\'B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8\'; \texport GNUPGHOME="$(mktemp -d)"; \tmkdir -p /usr/local/share/keyrings/; \tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"; \tgpg --batch --export --armor "$key" > /usr/local/share/keyrings/postgres.gpg.asc',
      L.keys(arch),
    )
    .env("PG_MAJOR", r.major)
    .env(
      "PATH",
      `$PATH:/usr/lib/postgresql/${r.major}/bin`.replace(
        "$PATH",
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      ),
    )
    .env("PG_VERSION", r.version)
    .run(
      'set -ex; \t\texport PYTHONDONTWRITEBYTECODE=1; \t\tdpkgArch="$(dpkg --print-architecture)"; \taptRepo="[ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main $PG_MAJOR"; \tapt-get update; \tapt-get install -y --no-install-recommends "postgresql-$PG_MAJOR=$PG_VERSION"; \trm -rf /var/lib/apt/lists/*; \tpostgres --version',
      L.server(arch),
    )
    .run(
      'set -eux; \tdpkg-divert --add --rename --divert "/usr/share/postgresql/postgresql.conf.sample.dpkg" "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample"; \tcp -v /usr/share/postgresql/postgresql.conf.sample.dpkg /usr/share/postgresql/postgresql.conf.sample; \tln -sv ../postgresql.conf.sample "/usr/share/postgresql/$PG_MAJOR/"; \tsed -ri "s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = \'*\'!" /usr/share/postgresql/postgresql.conf.sample',
      L.sample(arch),
    )
    .run(
      "install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql",
      L.runDir(arch),
    )
    .env("PGDATA", "/var/lib/postgresql/data")
    .run(
      'install --verbose --directory --owner postgres --group postgres --mode 1777 "$PGDATA"',
      L.data(arch),
    )
    .volume("/var/lib/postgresql/data")
    .copy("docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/", L.scripts(arch))
    .run("ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh", L.enforce(arch))
    .entrypoint(["docker-entrypoint.sh"])
    .stopsignal("SIGINT")
    .expose("5432/tcp")
    .cmd(["postgres"])
    .done();
}

// ---- registry:2 -------------------------------------------------------------------------------

const REGISTRY_CREATED = "2024-12-17T21:51:27Z";

/** distribution's cmd/registry/config-example.yml (Apache-2.0). */
export const REGISTRY_CONFIG = lines(
  "version: 0.1",
  "log:",
  "  fields:",
  "    service: registry",
  "storage:",
  "  cache:",
  "    blobdescriptor: inmemory",
  "  filesystem:",
  "    rootdirectory: /var/lib/registry",
  "http:",
  "  addr: :5000",
  "  headers:",
  "    X-Content-Type-Options: [nosniff]",
  "health:",
  "  storagedriver:",
  "    enabled: true",
  "    interval: 10s",
  "    threshold: 3",
);

/** Our own entrypoint: a bare config path or "serve"/"garbage-collect" goes to the registry binary. */
const REGISTRY_ENTRYPOINT = lines(
  "#!/bin/sh",
  "",
  "set -e",
  "",
  'case "$1" in',
  '    *.yaml|*.yml) set -- registry serve "$@" ;;',
  '    serve|garbage-collect|help|-*) set -- registry "$@" ;;',
  "esac",
  "",
  'exec "$@"',
);

const registryCerts = layer("registry:certs", REGISTRY_CREATED, (t) =>
  t
    .blob("etc/ssl/certs/ca-certificates.crt", 219342)
    .fillTo(
      700_000,
      "usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt:1 lib/apk/db/installed:1 usr/bin/c_rehash:1",
    ),
);
const registryBinary = layer("registry:binary", REGISTRY_CREATED, (t) =>
  t.bin("bin/registry", "registry", 16_863_416),
);
const registryConfig = layer("registry:config", REGISTRY_CREATED, (t) =>
  t.file("etc/docker/registry/config.yml", REGISTRY_CONFIG),
);
const registryEntry = layer("registry:entrypoint", REGISTRY_CREATED, (t) =>
  t.file("entrypoint.sh", REGISTRY_ENTRYPOINT, 0o755),
);

export function registry(arch: Arch): ImageRecipe {
  return Build.from(alpine("3.21", arch), REGISTRY_CREATED)
    .run("apk add --no-cache ca-certificates", registryCerts(arch))
    .copy("./registry/registry /bin/registry", registryBinary(arch))
    .copy("./registry/config-example.yml /etc/docker/registry/config.yml", registryConfig(arch))
    .volume("/var/lib/registry")
    .expose("5000/tcp")
    .copy("docker-entrypoint.sh /entrypoint.sh", registryEntry(arch))
    .entrypoint(["/entrypoint.sh"])
    .cmd(["/etc/docker/registry/config.yml"])
    .done();
}
