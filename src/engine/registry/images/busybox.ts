/**
 * busybox: one layer, the static binary plus one symlink per applet in /bin, and the passwd and
 * group files of the official image. The tree is the one /work/shared/tools/real-docker.sh builds
 * for the reality tests (Debian's busybox-static 1.35.0), so `ls -la` inside matches real Docker.
 */
import { Build, type ImageRecipe } from "../image";
import { perArch } from "../layer";
import { type Arch, epochOf, Tree } from "../tree";
import { busyboxApplets } from "./busybox-applets";
import { lines } from "./common";

const CREATED = "2024-09-26T21:31:42Z";

/** Byte size of Debian's busybox-static 1:1.35.0-4+deb12u1 /bin/busybox per architecture. */
const BUSYBOX_SIZE: Record<Arch, number> = { amd64: 1982256, arm64: 1873200 };

export const BUSYBOX_PASSWD = lines(
  "root:x:0:0:root:/root:/bin/sh",
  "daemon:x:1:1:daemon:/usr/sbin:/bin/false",
  "bin:x:2:2:bin:/bin:/bin/false",
  "sys:x:3:3:sys:/dev:/bin/false",
  "sync:x:4:100:sync:/bin:/bin/sync",
  "mail:x:8:8:mail:/var/spool/mail:/bin/false",
  "www-data:x:33:33:www-data:/var/www:/bin/false",
  "operator:x:37:37:Operator:/var:/bin/false",
  "nobody:x:65534:65534:nobody:/home:/bin/false",
);

export const BUSYBOX_GROUP = lines(
  ..."root:0 daemon:1 bin:2 sys:3 adm:4 tty:5 disk:6 lp:7 mail:8 kmem:9 wheel:10:root cdrom:11 dialout:18 floppy:19 video:28 audio:29 tape:32 www-data:33 operator:37 utmp:43 plugdev:46 staff:50 lock:54 netdev:82 users:100 nogroup:65534"
    .split(" ")
    .map((g) => {
      const [name, gid, members = ""] = g.split(":");
      return `${name}:x:${gid}:${members}`;
    }),
);

export const busyboxLayer = perArch<Arch>("busybox", (arch) => {
  const t = new Tree(epochOf(CREATED))
    .dirs("dev etc home proc root sys usr/sbin var/spool/mail var/www bin")
    .dir("tmp", 0o1777)
    .file("etc/passwd", BUSYBOX_PASSWD)
    .file("etc/group", BUSYBOX_GROUP)
    .bin("bin/busybox", "busybox", BUSYBOX_SIZE[arch]);
  for (const applet of busyboxApplets()) if (applet !== "busybox") t.link(`bin/${applet}`, "busybox");
  return t.entries();
});

export function busybox(arch: Arch): ImageRecipe {
  return Build.scratch(arch, CREATED).add(`busybox.tar.xz /`, busyboxLayer(arch)).cmd(["sh"]).done();
}
