/**
 * The host's root filesystem: Debian 12 (bookworm) as the debian image has it (the same package
 * table, files and GNU-flavoured binaries, src/engine/registry/images/debian*.ts) plus what a
 * machine with docker.io installed adds (debian-host-data.ts), its dpkg database covering both,
 * and the machine's own files: hostname, hosts, fstab, the student's account.
 */
import type { FileEntry } from "../kernel/fs/entries";
import { DEBIAN_MOTD } from "../kernel/hostfs";
import { DEBIAN_GROUP, DEBIAN_PASSWD, DEBIAN_RELEASES, debianDistro } from "../engine/registry/images/debian";
import { BOOKWORM_FILES, DEBIAN_MAINTAINERS } from "../engine/registry/images/debian-data";
import { dpkgTree } from "../engine/registry/images/dpkg-distro";
import { lines } from "../engine/registry/images/common";
import { epochOf } from "../engine/registry/tree";
import { HOST_FILES, HOST_MAINTAINERS, HOST_PACKAGES } from "./debian-host-data";

/** The host packages' table with maintainer numbers moved past the image's maintainers. */
function hostPackageLines(): string {
  return HOST_PACKAGES.trim()
    .split("\n")
    .map((line) => {
      const f = line.split(" ");
      f[5] = String(DEBIAN_MAINTAINERS.length + Number(f[5]));
      return f.join(" ");
    })
    .join("\n");
}

/** The student's account, as the installer makes the first user. */
const STUDENT = lines("student:x:1000:1000:Student,,,:/home/student:/bin/bash");

/** Groups the installer gives the first user, with the student in them. */
const STUDENT_GROUPS = new Set(["cdrom", "floppy", "sudo", "audio", "dip", "video", "plugdev", "users"]);

function hostGroups(): string {
  const base = DEBIAN_GROUP.trim()
    .split("\n")
    .map((g) => (STUDENT_GROUPS.has(g.split(":")[0]) ? `${g}student` : g));
  return lines(...base, "student:x:1000:");
}

export function debianHostTree(hostname: string, bootEpoch: number): FileEntry[] {
  const release = DEBIAN_RELEASES.bookworm;
  const image = debianDistro(release, false);
  const distro = {
    ...image,
    packages: `${release.packages.trim()}\n${hostPackageLines()}`,
    files: { ...BOOKWORM_FILES, ...HOST_FILES },
    maintainers: [...DEBIAN_MAINTAINERS, ...HOST_MAINTAINERS],
    passwd: DEBIAN_PASSWD + STUDENT,
    group: hostGroups(),
    text: {
      ...image.text,
      "etc/hostname": `${hostname}\n`,
      "etc/hosts": `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
      "etc/motd": DEBIAN_MOTD,
      "etc/resolv.conf": "nameserver 10.0.2.3\n",
      "etc/fstab": "# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n/dev/sda1       /               ext4    errors=remount-ro 0       1\n",
    },
  };
  const t = dpkgTree(distro, "amd64", epochOf(release.created));
  // The machine's own state, dated from its boot.
  for (const path of ["etc/hostname", "etc/hosts", "etc/resolv.conf"]) {
    const e = t.get(path);
    if (e) e.mtime = bootEpoch;
  }
  t.dir("home/student", 0o755, 1000, 1000);
  for (const f of [".bashrc", ".profile", ".bash_logout"]) {
    const skel = t.get(`etc/skel/${f}`);
    if (skel?.content !== undefined) t.file(`home/student/${f}`, skel.content, 0o644, 1000, 1000);
  }
  t.link("etc/mtab", "../proc/self/mounts");
  // iptables' alternatives: the nf_tables flavour, as Debian 12 selects it.
  for (const name of ["iptables", "iptables-restore", "iptables-save", "ip6tables", "ip6tables-restore", "ip6tables-save"]) {
    t.link(`etc/alternatives/${name}`, `/usr/sbin/${name.replace(/^(ip6?tables)/, "$1-nft")}`);
    t.link(`usr/sbin/${name}`, `/etc/alternatives/${name}`);
  }
  // PID 1's binary (systemd's files beyond its commands are not listed in the host data).
  t.bin("usr/lib/systemd/systemd", "init", 92_544);
  t.link("usr/sbin/init", "../lib/systemd/systemd");
  t.dir("var/lib/systemd");
  // mke2fs makes it at the root of every ext4 filesystem.
  t.dir("lost+found", 0o700);
  return t.entries();
}
