/** The host's root filesystem: a small Debian 12 (bookworm) tree, with our programs installed. */
import { utf8Encode } from "./bytes";
import type { FileEntry } from "./fs/entries";

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
student:x:1000:1000:Student,,,:/home/student:/bin/sh
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:student
floppy:x:25:student
tape:x:26:
sudo:x:27:student
audio:x:29:student
dip:x:30:student
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:student
sasl:x:45:
plugdev:x:46:student
staff:x:50:
games:x:60:
users:x:100:student
nogroup:x:65534:
student:x:1000:
`;

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const PROFILE = `# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH
`;

/** Debian's /etc/motd. */
export const DEBIAN_MOTD = `
The programs included with the Debian GNU/Linux system are free software;
the exact distribution terms for each program are described in the
individual files in /usr/share/doc/*/copyright.

Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent
permitted by applicable law.
`;

export function hostTree(binaries: Record<string, string>, mtime: number, hostname: string): FileEntry[] {
  const d = (path: string, mode = 0o755, uid = 0, gid = 0): FileEntry => ({ path, type: "dir", mode, uid, gid, mtime });
  const f = (path: string, content: string, mode = 0o644, uid = 0, gid = 0): FileEntry => ({
    path,
    type: "file",
    mode,
    uid,
    gid,
    mtime,
    content: utf8Encode(content),
  });
  const l = (path: string, target: string): FileEntry => ({ path, type: "symlink", mode: 0o777, uid: 0, gid: 0, mtime, target });
  const entries: FileEntry[] = [
    d(""),
    l("bin", "usr/bin"),
    l("sbin", "usr/sbin"),
    l("lib", "usr/lib"),
    l("lib64", "usr/lib64"),
    d("boot"),
    d("dev"),
    d("etc"),
    d("home"),
    d("home/student", 0o755, 1000, 1000),
    d("media"),
    d("mnt"),
    d("opt"),
    d("proc", 0o555),
    d("root", 0o700),
    d("run"),
    d("srv"),
    d("sys", 0o555),
    d("tmp", 0o1777),
    d("usr"),
    d("usr/bin"),
    d("usr/sbin"),
    d("usr/lib"),
    d("usr/lib64"),
    d("usr/lib/systemd"),
    d("usr/local"),
    d("usr/local/bin"),
    d("usr/local/sbin"),
    d("usr/local/lib"),
    d("usr/local/share"),
    d("usr/share"),
    d("usr/share/doc"),
    d("var"),
    d("var/cache"),
    d("var/lib"),
    d("var/local", 0o2775, 0, 50),
    d("var/lock"),
    d("var/log"),
    d("var/mail", 0o2775, 0, 8),
    d("var/opt"),
    d("var/spool"),
    d("var/tmp", 0o1777),
    f("etc/hostname", `${hostname}\n`),
    f("etc/hosts", `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`),
    f("etc/passwd", PASSWD),
    f("etc/group", GROUP),
    f("etc/shadow", "root:*:20000:0:99999:7:::\n", 0o640, 0, 42),
    f("usr/lib/os-release", OS_RELEASE),
    l("etc/os-release", "../usr/lib/os-release"),
    f("etc/debian_version", "12.9\n"),
    f("etc/issue", "Debian GNU/Linux 12 \\n \\l\n\n"),
    f("etc/motd", DEBIAN_MOTD),
    f("etc/profile", PROFILE),
    f("etc/shells", "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n"),
    f("etc/resolv.conf", "nameserver 10.0.2.3\n"),
    f("etc/fstab", "# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n/dev/sda1       /               ext4    errors=remount-ro 0       1\n"),
    l("etc/mtab", "../proc/self/mounts"),
    f("etc/nsswitch.conf", "passwd:         files\ngroup:          files\nshadow:         files\nhosts:          files dns\n"),
    f("root/.profile", '# ~/.profile: executed by Bourne-compatible login shells.\nmesg n 2> /dev/null || true\n'),
    f("root/.shrc", "# ~/.shrc: read by interactive shells ($ENV).\nPS1='\\u@\\h:\\w\\$ '\n"),
    f("usr/lib/systemd/systemd", "", 0o755),
    l("usr/sbin/init", "../lib/systemd/systemd"),
  ];
  const seen = new Set(entries.map((e) => e.path));
  for (const [path, prog] of Object.entries(binaries).sort()) {
    const rel = path.replace(/^\/+/, "");
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!seen.has(dir)) {
        seen.add(dir);
        entries.push(d(dir));
      }
    }
    entries.push({ path: rel, type: "file", mode: 0o755, uid: 0, gid: 0, mtime, prog, size: 140_000 });
  }
  const systemd = entries.find((e) => e.path === "usr/lib/systemd/systemd")!;
  Object.assign(systemd, { prog: "init", size: 92_000, content: undefined });
  return entries;
}
