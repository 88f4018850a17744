// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell scripts, "${x}" is shell syntax
/**
 * nginx: the official image's 7 layers on debian:bookworm-slim (8 on alpine), with nginx's own
 * default configuration and pages (nginx is BSD-2-Clause). The entrypoint scripts are our own
 * short versions that do what docker-nginx's do.
 */
import { Build, type ImageRecipe } from "../image";
import { type Layer, perArch } from "../layer";
import { type Arch, epochOf, Tree } from "../tree";
import { ALPINE_GROUP, ALPINE_PASSWD, alpine } from "./alpine";
import { archNames, lines } from "./common";
import { DEBIAN_GROUP, DEBIAN_PASSWD, debian } from "./debian";

export const NGINX_VERSION = "1.27.5";
const CREATED = "2025-04-16T18:52:36Z";
const ALPINE_CREATED = "2025-04-16T19:13:05Z";

export const NGINX_CONF = lines(
  "",
  "user  nginx;",
  "worker_processes  auto;",
  "",
  "error_log  /var/log/nginx/error.log notice;",
  "pid        /run/nginx.pid;",
  "",
  "",
  "events {",
  "    worker_connections  1024;",
  "}",
  "",
  "",
  "http {",
  "    include       /etc/nginx/mime.types;",
  "    default_type  application/octet-stream;",
  "",
  "    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '",
  "                      '$status $body_bytes_sent \"$http_referer\" '",
  '                      \'"$http_user_agent" "$http_x_forwarded_for"\';',
  "",
  "    access_log  /var/log/nginx/access.log  main;",
  "",
  "    sendfile        on;",
  "    #tcp_nopush     on;",
  "",
  "    keepalive_timeout  65;",
  "",
  "    #gzip  on;",
  "",
  "    include /etc/nginx/conf.d/*.conf;",
  "}",
);

export const NGINX_DEFAULT_CONF = lines(
  "server {",
  "    listen       80;",
  "    server_name  localhost;",
  "",
  "    #access_log  /var/log/nginx/host.access.log  main;",
  "",
  "    location / {",
  "        root   /usr/share/nginx/html;",
  "        index  index.html index.htm;",
  "    }",
  "",
  "    #error_page  404              /404.html;",
  "",
  "    # redirect server error pages to the static page /50x.html",
  "    #",
  "    error_page   500 502 503 504  /50x.html;",
  "    location = /50x.html {",
  "        root   /usr/share/nginx/html;",
  "    }",
  "",
  "    # proxy the PHP scripts to Apache listening on 127.0.0.1:80",
  "    #",
  "    #location ~ \\.php$ {",
  "    #    proxy_pass   http://127.0.0.1;",
  "    #}",
  "",
  "    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000",
  "    #",
  "    #location ~ \\.php$ {",
  "    #    root           html;",
  "    #    fastcgi_pass   127.0.0.1:9000;",
  "    #    fastcgi_index  index.php;",
  "    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;",
  "    #    include        fastcgi_params;",
  "    #}",
  "",
  "    # deny access to .htaccess files, if Apache's document root",
  "    # concurs with nginx's one",
  "    #",
  "    #location ~ /\\.ht {",
  "    #    deny  all;",
  "    #}",
  "}",
  "",
);

const PAGE_STYLE = [
  "<style>",
  "html { color-scheme: light dark; }",
  "body { width: 35em; margin: 0 auto;",
  "font-family: Tahoma, Verdana, Arial, sans-serif; }",
  "</style>",
];

export const NGINX_INDEX_HTML = lines(
  "<!DOCTYPE html>",
  "<html>",
  "<head>",
  "<title>Welcome to nginx!</title>",
  ...PAGE_STYLE,
  "</head>",
  "<body>",
  "<h1>Welcome to nginx!</h1>",
  "<p>If you see this page, the nginx web server is successfully installed and",
  "working. Further configuration is required.</p>",
  "",
  "<p>For online documentation and support please refer to",
  '<a href="http://nginx.org/">nginx.org</a>.<br/>',
  "Commercial support is available at",
  '<a href="http://nginx.com/">nginx.com</a>.</p>',
  "",
  "<p><em>Thank you for using nginx.</em></p>",
  "</body>",
  "</html>",
);

const NGINX_50X_HTML = lines(
  "<!DOCTYPE html>",
  "<html>",
  "<head>",
  "<title>Error</title>",
  ...PAGE_STYLE,
  "</head>",
  "<body>",
  "<h1>An error occurred.</h1>",
  "<p>Sorry, the page you are looking for is currently unavailable.<br/>",
  "Please try again later.</p>",
  "<p>If you are the system administrator of this resource then you should check",
  "the error log for details.</p>",
  "<p><em>Faithfully yours, nginx.</em></p>",
  "</body>",
  "</html>",
);

/** Our own entrypoint: runs /docker-entrypoint.d/* when starting nginx, then execs the command. */
export const NGINX_ENTRYPOINT = lines(
  "#!/bin/sh",
  "# vim:sw=4:ts=4:et",
  "",
  "set -e",
  "",
  "entrypoint_log() {",
  '    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then',
  '        echo "$@"',
  "    fi",
  "}",
  "",
  'if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then',
  '    if find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then',
  '        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"',
  "",
  '        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"',
  '        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do',
  '            case "$f" in',
  "                *.envsh)",
  '                    if [ -x "$f" ]; then',
  '                        entrypoint_log "$0: Sourcing $f";',
  '                        . "$f"',
  "                    else",
  '                        entrypoint_log "$0: Ignoring $f, not executable";',
  "                    fi",
  "                    ;;",
  "                *.sh)",
  '                    if [ -x "$f" ]; then',
  '                        entrypoint_log "$0: Launching $f";',
  '                        "$f"',
  "                    else",
  '                        entrypoint_log "$0: Ignoring $f, not executable";',
  "                    fi",
  "                    ;;",
  '                *) entrypoint_log "$0: Ignoring $f";;',
  "            esac",
  "        done",
  "",
  '        entrypoint_log "$0: Configuration complete; ready for start up"',
  "    else",
  '        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"',
  "    fi",
  "fi",
  "",
  'exec "$@"',
);

const LISTEN_IPV6 = lines(
  "#!/bin/sh",
  "# Adds 'listen [::]:80;' to the default server when the kernel has IPv6.",
  "set -e",
  'ME=$(basename "$0")',
  "DEFAULT_CONF_FILE=etc/nginx/conf.d/default.conf",
  "",
  'if [ ! -f "/proc/net/if_inet6" ]; then',
  '    echo "$ME: info: ipv6 not available"',
  "    exit 0",
  "fi",
  'if [ ! -f "/$DEFAULT_CONF_FILE" ]; then',
  '    echo "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"',
  "    exit 0",
  "fi",
  "if ! touch /$DEFAULT_CONF_FILE 2>/dev/null; then",
  '    echo "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"',
  "    exit 0",
  "fi",
  "sed -i -E 's,listen       80;,listen       80;\\n    listen  [::]:80;,' /\"$DEFAULT_CONF_FILE\"",
  'echo "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"',
  "exit 0",
);

const LOCAL_RESOLVERS = lines(
  "#!/bin/sh",
  "# Exports NGINX_LOCAL_RESOLVERS from /etc/resolv.conf when asked to.",
  "set -eu",
  "",
  '[ "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ] || return 0',
  "",
  'NGINX_LOCAL_RESOLVERS=$(awk \'BEGIN{ORS=" "} $1=="nameserver" {print $2}\' /etc/resolv.conf)',
  "export NGINX_LOCAL_RESOLVERS",
);

const ENVSUBST = lines(
  "#!/bin/sh",
  "# Renders /etc/nginx/templates/*.template into /etc/nginx/conf.d with envsubst.",
  "set -e",
  'ME=$(basename "$0")',
  "template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}",
  "suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}",
  "output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}",
  "",
  '[ -d "$template_dir" ] || exit 0',
  'if [ ! -w "$output_dir" ]; then',
  '    echo "$ME: ERROR: $template_dir exists, but $output_dir is not writable"',
  "    exit 0",
  "fi",
  "defined_envs=$(printf '${%s} ' $(env | cut -d= -f1))",
  'find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do',
  '    relative_path="${template#"$template_dir/"}"',
  '    output_path="$output_dir/${relative_path%"$suffix"}"',
  '    echo "$ME: Running envsubst on $template to $output_path"',
  '    envsubst "$defined_envs" < "$template" > "$output_path"',
  "done",
);

const TUNE_WORKERS = lines(
  "#!/bin/sh",
  "# With NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE set, sets worker_processes to the CPUs",
  "# this container may use (cgroup cpu.max), instead of every CPU of the host.",
  "set -eu",
  'ME=$(basename "$0")',
  "",
  '[ "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0',
  "",
  "ncpu=$(getconf _NPROCESSORS_ONLN)",
  "if [ -r /sys/fs/cgroup/cpu.max ]; then",
  "    read -r quota period < /sys/fs/cgroup/cpu.max",
  '    if [ "$quota" != "max" ]; then',
  "        ncpu=$(( (quota + period - 1) / period ))",
  "    fi",
  "fi",
  "",
  "sed -i.bak -r 's/^(worker_processes)(.*)$/# Commented out by '\"$ME\"' on '\"$(date)\"'\\n#\\1\\2\\n\\1 '\"$ncpu\"';/' /etc/nginx/nginx.conf",
);

/** /etc/nginx and the web root, shared by the Debian and Alpine packages. */
function nginxFiles(t: Tree, modulesDir: string): void {
  t.file("etc/nginx/nginx.conf", NGINX_CONF).file("etc/nginx/conf.d/default.conf", NGINX_DEFAULT_CONF);
  t.blobs(
    "etc/nginx",
    "mime.types:5349 fastcgi_params:1007 scgi_params:636 uwsgi_params:664 koi-utf:2837 koi-win:2223 win-utf:3610",
  );
  t.link("etc/nginx/modules", modulesDir);
  t.file("usr/share/nginx/html/index.html", NGINX_INDEX_HTML).file(
    "usr/share/nginx/html/50x.html",
    NGINX_50X_HTML,
  );
  t.dir("var/cache/nginx")
    .link("var/log/nginx/access.log", "/dev/stdout")
    .link("var/log/nginx/error.log", "/dev/stderr");
}

const nginxDebianLayer = perArch<Arch>("nginx:1.27-install", (arch) => {
  const { triplet: T } = archNames(arch);
  const t = new Tree(epochOf(CREATED), archNames(arch).scale);
  t.file("etc/passwd", `${DEBIAN_PASSWD}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n`);
  t.file("etc/group", `${DEBIAN_GROUP}nginx:x:101:\n`);
  nginxFiles(t, "/usr/lib/nginx/modules");
  t.progs("usr/sbin", "nginx:1524792 nginx-debug:1660336:nginx");
  t.progs("usr/bin", "curl:285680 envsubst:35440 openssl:1019592");
  t.blobs(
    "usr/lib/nginx/modules",
    "ngx_http_geoip_module.so:31800 ngx_http_image_filter_module.so:31808 ngx_http_js_module.so:1745928 ngx_http_xslt_filter_module.so:40080 ngx_stream_geoip_module.so:23512 ngx_stream_js_module.so:1716896",
  );
  t.dir("var/cache/nginx").dirs("var/log/nginx");
  return t
    .fillTo(
      115_900_000,
      `usr/lib/${T}/libcrypto.so.3:46 usr/lib/${T}/libssl.so.3:7 usr/lib/${T}/libcurl.so.4.8.0:7 usr/lib/${T}/libxml2.so.2.9.14:20 usr/lib/${T}/libgd.so.3.0.11:4 usr/lib/${T}/libtiff.so.6.0.0:6 usr/lib/${T}/libX11.so.6.4.0:13 usr/lib/${T}/libicudata.so.72.1:310 usr/lib/${T}/libicuuc.so.72.1:21 usr/lib/${T}/libicui18n.so.72.1:32 usr/lib/${T}/libperl.so.5.36.0:38 usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:7 usr/lib/${T}/libgnutls.so.30.34.3:20 usr/lib/${T}/libldap-2.5.so.0.1.8:4 usr/share/X11/locale/compose.dir:1 var/lib/dpkg/info/nginx.list:1 var/cache/debconf/templates.dat:15 var/lib/dpkg/status:3 usr/lib/${T}/libwebp.so.7.1.5:5 usr/lib/${T}/libjpeg.so.62.3.0:4 usr/lib/${T}/libfreetype.so.6.18.3:8 usr/lib/${T}/libxslt.so.1.1.35:2 usr/lib/${T}/libexslt.so.0.8.20:1`,
    )
    .entries();
});

/** One COPY layer holding a single script. */
const scriptLayer = (key: string, path: string, text: string, created: string) =>
  perArch<Arch>(key, () => new Tree(epochOf(created)).file(path, text, 0o775).entries());

const ENTRY_FILES: [string, string, string][] = [
  ["docker-entrypoint.sh", "/", NGINX_ENTRYPOINT],
  ["10-listen-on-ipv6-by-default.sh", "/docker-entrypoint.d", LISTEN_IPV6],
  ["15-local-resolvers.envsh", "/docker-entrypoint.d", LOCAL_RESOLVERS],
  ["20-envsubst-on-templates.sh", "/docker-entrypoint.d", ENVSUBST],
  ["30-tune-worker-processes.sh", "/docker-entrypoint.d", TUNE_WORKERS],
];

function scriptLayers(flavor: string, created: string): ((arch: Arch) => Layer)[] {
  return ENTRY_FILES.map(([name, dir, text]) =>
    scriptLayer(`nginx:${flavor}:${name}`, `${dir === "/" ? "" : `${dir.slice(1)}/`}${name}`, text, created),
  );
}
const debianScripts = scriptLayers("debian", CREATED);
const alpineScripts = scriptLayers("alpine", ALPINE_CREATED);

function nginxConfig(b: Build, scripts: ((arch: Arch) => Layer)[], arch: Arch): Build {
  ENTRY_FILES.forEach(([name, dir], i) => {
    b.copy(`${name} ${dir}`, scripts[i](arch));
  });
  return b
    .entrypoint(["/docker-entrypoint.sh"])
    .expose("80/tcp")
    .stopsignal("SIGQUIT")
    .cmd(["nginx", "-g", "daemon off;"]);
}

function nginxEnv(b: Build, release: string): Build {
  return b
    .label("maintainer", "NGINX Docker Maintainers <docker-maint@nginx.com>")
    .env("NGINX_VERSION", NGINX_VERSION)
    .env("NJS_VERSION", "0.8.10")
    .env("NJS_RELEASE", release)
    .env("PKG_RELEASE", release)
    .env("DYNPKG_RELEASE", release);
}

export function nginx(arch: Arch): ImageRecipe {
  const b = nginxEnv(Build.from(debian("bookworm", true, arch), CREATED), "1~bookworm");
  b.run(
    'set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl     && apt-get remove --purge --auto-remove -y && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d',
    nginxDebianLayer(arch),
  );
  return nginxConfig(b, debianScripts, arch).done();
}

const nginxAlpineLayer = perArch<Arch>("nginx:1.27-alpine-install", (arch) => {
  const t = new Tree(epochOf(ALPINE_CREATED), archNames(arch).scale);
  t.file("etc/passwd", `${ALPINE_PASSWD}nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n`);
  t.file("etc/group", ALPINE_GROUP.replace("www-data:x:82:\n", "www-data:x:82:\nnginx:x:101:nginx\n"));
  nginxFiles(t, "/usr/lib/nginx/modules");
  t.progs("usr/sbin", "nginx:1358616 nginx-debug:1469832:nginx").progs(
    "usr/bin",
    "envsubst:38832 curl:251312",
  );
  t.dir("docker-entrypoint.d");
  return t
    .fillTo(
      9_400_000,
      "usr/lib/libcurl.so.4.8.0:3 usr/lib/libpcre2-8.so.0.13.0:6 usr/lib/libintl.so.8.4.1:1 usr/lib/libbrotlidec.so.1.1.0:1 usr/lib/libnghttp2.so.14.28.3:2 usr/lib/libidn2.so.0.4.0:2 lib/apk/db/installed:1",
    )
    .entries();
});

const njsAlpineLayer = perArch<Arch>("nginx:1.27-alpine-njs", (arch) => {
  const t = new Tree(epochOf(ALPINE_CREATED), archNames(arch).scale);
  t.blobs(
    "usr/lib/nginx/modules",
    "ngx_http_js_module.so:1745928 ngx_stream_js_module.so:1716896 ngx_http_xslt_filter_module.so:40080 ngx_http_image_filter_module.so:31808 ngx_http_geoip_module.so:31800",
  );
  t.bin("usr/bin/njs", "njs", 1560000);
  return t
    .fillTo(
      30_700_000,
      "usr/lib/libxml2.so.2.13.4:12 usr/lib/libgd.so.3.0.11:4 usr/lib/libtiff.so.6.0.2:6 usr/lib/libX11.so.6.4.0:13 usr/lib/libicudata.so.74.2:30 usr/lib/libavif.so.16.1.1:2 usr/lib/libaom.so.3.11.0:40 usr/lib/libdav1d.so.7.0.0:16 usr/lib/libxslt.so.1.1.39:2 lib/apk/db/installed:2",
    )
    .entries();
});

export function nginxAlpine(arch: Arch): ImageRecipe {
  const b = nginxEnv(Build.from(alpine("3.21", arch), ALPINE_CREATED), "1");
  b.run(
    'set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="nginx=${NGINX_VERSION}-r${PKG_RELEASE}"     && apk add --no-cache --virtual .checksum-deps openssl     && apk add -X "https://nginx.org/packages/mainline/alpine/v$(egrep -o \'^[0-9]+\\.[0-9]+\' /etc/alpine-release)/main" --no-cache $nginxPackages     && apk add --no-cache tzdata     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d',
    nginxAlpineLayer(arch),
  );
  nginxConfig(b, alpineScripts, arch);
  return b
    .env("NJS_VERSION", "0.8.10")
    .env("NJS_RELEASE", "1")
    .run(
      'set -x     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="nginx=${NGINX_VERSION}-r${PKG_RELEASE} nginx-module-xslt=${NGINX_VERSION}-r${DYNPKG_RELEASE} nginx-module-geoip=${NGINX_VERSION}-r${DYNPKG_RELEASE} nginx-module-image-filter=${NGINX_VERSION}-r${DYNPKG_RELEASE} nginx-module-njs=${NGINX_VERSION}.${NJS_VERSION}-r${NJS_RELEASE}"     && apk add --no-cache --virtual .checksum-deps openssl     && apk add -X "https://nginx.org/packages/mainline/alpine/v$(egrep -o \'^[0-9]+\\.[0-9]+\' /etc/alpine-release)/main" --no-cache $nginxPackages     && apk add --no-cache curl ca-certificates',
      njsAlpineLayer(arch),
    )
    .done();
}
