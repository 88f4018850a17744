/**
 * Debian 12 "bookworm" as debuerreotype builds the docker image (minbase + apt): each package's
 * dpkg status fields, and its files. File names and sizes are those of the real amd64 packages;
 * for bulky data (perl modules, zoneinfo, docs) a few real files per directory stand for the rest
 * with the directory's total size. MAN and MO lines give man-page bytes and translation domains.
 * Generated from the Debian bookworm archive metadata (dpkg -L, dpkg-query) on a bookworm host.
 */

export const DEBIAN_MAINTAINERS: string[] = [
  "APT Development Team <deity@lists.debian.org>",
  "Santiago Vila <sanvila@debian.org>",
  "Colin Watson <cjwatson@debian.org>",
  "Matthias Klose <doko@debian.org>",
  "util-linux packagers <util-linux@packages.debian.org>",
  "Michael Stone <mstone@debian.org>",
  "Andrej Shadura <andrewsh@debian.org>",
  "Debconf Developers <debconf-devel@lists.alioth.debian.org>",
  "Debian Release Team <packages@release.debian.org>",
  "Clint Adams <clint@debian.org>",
  "Dpkg Developers <debian-dpkg@lists.debian.org>",
  "Theodore Y. Ts'o <tytso@mit.edu>",
  "Andreas Metzler <ametzler@debian.org>",
  "Debian GCC Maintainers <debian-gcc@lists.debian.org>",
  "Debian GnuPG Maintainers <pkg-gnupg-maint@lists.alioth.debian.org>",
  "Anibal Monsalve Salazar <anibal@debian.org>",
  "Milan Kupcevic <milan@debian.org>",
  "Michael Meskes <meskes@debian.org>",
  "Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>",
  "Guillem Jover <guillem@debian.org>",
  "Laurent Bigonville <bigon@debian.org>",
  "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
  "H\u00e5vard F. Aasen <havard.f.aasen@pfft.no>",
  "Christian Kastner <ckk@debian.org>",
  "Marco d'Itri <md@linux.it>",
  "Bastian Germann <bage@debian.org>",
  "Debian Install System Team <debian-boot@lists.debian.org>",
  "Debian GnuTLS Maintainers <pkg-gnutls-maint@lists.alioth.debian.org>",
  "Debian Science Team <debian-science-maintainers@lists.alioth.debian.org>",
  "Magnus Holmgren <holmgren@debian.org>",
  "Debian Libidn team <help-libidn@gnu.org>",
  "Nobuhiro Iwamatsu <iwamatsu@debian.org>",
  "Sebastian Andrzej Siewior <sebastian@breakpoint.cc>",
  "Sam Hartman <hartmans@debian.org>",
  "Matthew Vernon <matthew@debian.org>",
  "Kees Cook <kees@debian.org>",
  "Debian SELinux maintainers <selinux-devel@lists.alioth.debian.org>",
  "Craig Small <csmall@debian.org>",
  "J\u00f6rg Frings-F\u00fcrst <debian@jff.email>",
  "Josue Ortega <josue@debian.org>",
  "RPM packaging team <team+pkg-rpm@tracker.debian.org>",
  "Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>",
  "Boyuan Yang <byang@debian.org>",
  "Niko Tyni <ntyni@debian.org>",
  "Debian sysvinit maintainers <debian-init-diversity@chiark.greenend.org.uk>",
  "Janos Lenart <ocsi@debian.org>",
  "Mark Brown <broonie@debian.org>",
];

/** "name version priority section installedKiB maintainerIndex flags source|summary"; flags: E essential, S/F/A multi-arch same/foreign/allowed, a arch all. */
export const BOOKWORM_PACKAGES = `
apt 2.6.1 required admin 4232 0 - -|commandline package manager
base-files 12.4+deb12u11 required admin 341 1 EF -|Debian base system miscellaneous files
base-passwd 3.6.1 required admin 247 2 EF -|Debian base system master password and group files
bash 5.2.15-2+b8 required shells 7164 3 EF bash (5.2.15-2)|GNU Bourne Again SHell
bsdutils 1:2.38.1-5+deb12u3 required utils 355 4 EF util-linux (2.38.1-5+deb12u3)|basic utilities from 4.4BSD-Lite
coreutils 9.1-1 required utils 18062 5 EF -|GNU core utilities
dash 0.5.12-2 required shells 191 6 EF -|POSIX-compliant shell
debconf 1.5.82 required admin 491 7 Fa -|Debian configuration management system
debian-archive-keyring 2023.3+deb12u2 important misc 293 8 Fa -|GnuPG archive keys of the Debian archive
debianutils 5.7-0.5~deb12u1 required utils 243 9 EF -|Miscellaneous utilities specific to Debian
diffutils 1:3.8-4 required utils 1598 1 E -|File comparison utilities
dpkg 1.21.22 required admin 6409 10 EF -|Debian package management system
e2fsprogs 1.47.0-2 required admin 1496 11 F -|ext2/ext3/ext4 file system utilities
findutils 4.9.0-4 required utils 1746 12 EF -|utilities for finding files--find, xargs
gcc-12-base 12.2.0-14+deb12u1 optional libs 100 13 S gcc-12|GCC, the GNU Compiler Collection (base package)
gpgv 2.2.40-1.1+deb12u2 important utils 918 14 F gnupg2|GNU privacy guard - signature verification tool
grep 3.8-5 required utils 1245 15 EF -|GNU grep, egrep and fgrep
gzip 1.12-1 required utils 252 16 E -|GNU compression utilities
hostname 3.23+nmu1 required admin 46 17 E -|utility to set/show the host name or domain name
init-system-helpers 1.65.2 required admin 140 18 EFa -|helper tools for all init systems
libacl1 2.3.1-3 optional libs 73 19 S acl|access control list - shared library
libapt-pkg6.0 2.6.1 optional libs 3297 0 S apt|package management runtime library
libattr1 1:2.5.1-4 optional libs 59 19 S attr|extended attribute handling - shared library
libaudit-common 1:3.0.9-1 optional libs 22 20 Fa audit|Dynamic library for security auditing - common files
libaudit1 1:3.0.9-1 optional libs 150 20 S audit|Dynamic library for security auditing
libblkid1 2.38.1-5+deb12u3 optional libs 398 4 S util-linux|block device ID library
libbz2-1.0 1.0.8-5+b1 optional libs 106 15 S bzip2 (1.0.8-5)|high-quality block-sorting file compressor library - runtime
libc-bin 2.36-9+deb12u14 required libs 2042 21 EF glibc|GNU C Library: Binaries
libc6 2.36-9+deb12u14 optional libs 13001 21 S glibc|GNU C Library: Shared libraries
libcap-ng0 0.8.3-1+b3 optional libs 65 22 S libcap-ng (0.8.3-1)|alternate POSIX capabilities library
libcap2 1:2.66-4+deb12u2+b2 optional libs 95 23 S libcap2 (1:2.66-4+deb12u2)|POSIX 1003.1e capabilities (library)
libcom-err2 1.47.0-2 optional libs 54 11 S e2fsprogs|common error description library
libcrypt1 1:4.4.33-2 optional libs 233 24 S libxcrypt|libcrypt shared library
libdb5.3 5.3.28+dfsg2-1 optional libs 1833 25 S db5.3|Berkeley v5.3 Database Libraries [runtime]
libdebconfclient0 0.270 optional libs 37 26 S cdebconf|Debian Configuration Management System (C-implementation library)
libext2fs2 1.47.0-2 optional libs 534 11 S e2fsprogs|ext2/ext3/ext4 file system libraries
libffi8 3.4.4-1 optional libs 68 13 S libffi|Foreign Function Interface library runtime
libgcc-s1 12.2.0-14+deb12u1 optional libs 140 13 S gcc-12|GCC support library
libgcrypt20 1.10.1-3 optional libs 1592 27 S -|LGPL Crypto library - runtime library
libgmp10 2:6.2.1+dfsg1-1.1 optional libs 855 28 S gmp|Multiprecision arithmetic library
libgnutls30 3.7.9-2+deb12u6 optional libs 3390 27 S gnutls28|GNU TLS library - main runtime library
libgpg-error0 1.46-1 optional libs 192 14 S libgpg-error|GnuPG development runtime library
libhogweed6 3.8.1-2 optional libs 463 29 S nettle|low level cryptographic library (public-key cryptos)
libidn2-0 2.3.3-1+b1 optional libs 439 30 S libidn2 (2.3.3-1)|Internationalized domain names (IDNA2008/TR46) library
liblz4-1 1.9.4-1 optional libs 169 31 S lz4|Fast LZ compression algorithm library - runtime
liblzma5 5.4.1-1 optional libs 333 32 S xz-utils|XZ-format compression library
libmd0 1.0.4-2 optional libs 79 19 S libmd|message digest functions from BSD systems - shared library
libmount1 2.38.1-5+deb12u3 optional libs 454 4 S util-linux|device mounting library
libnettle8 3.8.1-2 optional libs 520 29 S nettle|low level cryptographic library (symmetric and one-way cryptos)
libp11-kit0 0.24.1-2 optional libs 1408 27 S p11-kit|library for loading and coordinating access to PKCS#11 modules - runtime
libpam-modules 1.5.2-6+deb12u1 required admin 1031 33 S pam|Pluggable Authentication Modules for PAM
libpam-modules-bin 1.5.2-6+deb12u1 required admin 227 33 F pam|Pluggable Authentication Modules for PAM - helper binaries
libpam-runtime 1.5.2-6+deb12u1 required admin 876 33 Fa pam|Runtime support for the PAM library
libpam0g 1.5.2-6+deb12u1 optional libs 215 33 S pam|Pluggable Authentication Modules library
libpcre2-8-0 10.42-1 optional libs 685 34 S pcre2|New Perl Compatible Regular Expression Library- 8 bit runtime files
libseccomp2 2.5.4-1+deb12u1 optional libs 148 35 S libseccomp|high level interface to Linux seccomp filter
libselinux1 3.4-1+b6 optional libs 199 36 S libselinux (3.4-1)|SELinux runtime shared libraries
libsemanage-common 3.4-1 optional libs 37 36 Fa libsemanage|Common files for SELinux policy management libraries
libsemanage2 3.4-1+b5 optional libs 297 36 S libsemanage (3.4-1)|SELinux policy management library
libsepol2 3.4-2.1 optional libs 775 36 S libsepol|SELinux library for manipulating binary security policies
libsmartcols1 2.38.1-5+deb12u3 optional libs 289 4 S util-linux|smart column output alignment library
libss2 1.47.0-2 optional libs 70 11 S e2fsprogs|command-line interface parsing library
libstdc++6 12.2.0-14+deb12u1 optional libs 2686 13 S gcc-12|GNU Standard C++ Library v3
libsystemd0 252.39-1~deb12u2 optional libs 909 18 S systemd|systemd utility library
libtasn1-6 4.19.0-2+deb12u1 optional libs 116 27 S -|Manage ASN.1 structures (runtime)
libtinfo6 6.4-4 optional libs 541 37 S ncurses|shared low-level terminfo library for terminal handling
libudev1 252.39-1~deb12u2 optional libs 240 18 S systemd|libudev shared library
libunistring2 1.0-2 optional libs 1807 38 S libunistring|Unicode string library for C
libuuid1 2.38.1-5+deb12u3 optional libs 79 4 S util-linux|Universally Unique ID library
libxxhash0 0.8.1-1 optional libs 99 39 S xxhash|shared library for xxhash
libzstd1 1.5.4+dfsg2-5 optional libs 785 40 S libzstd|fast lossless compression algorithm
login 1:4.13+dfsg1-1+deb12u1 required admin 2550 41 EF shadow|system login tools
logsave 1.47.0-2 optional admin 49 11 F e2fsprogs|save the output of a command in a log file
mawk 1.3.4.20200120-3.1 required interpreters 263 42 F -|Pattern scanning and text processing language
mount 2.38.1-5+deb12u3 required admin 393 4 F util-linux|tools for mounting and manipulating filesystems
ncurses-base 6.4-4 required misc 379 37 EFa ncurses|basic terminal type definitions
ncurses-bin 6.4-4 required utils 636 37 EF ncurses|terminal-related programs and man pages
passwd 1:4.13+dfsg1-1+deb12u1 required admin 2827 41 F shadow|change and administer password and group data
perl-base 5.36.0-7+deb12u4 required perl 7643 43 E perl|minimal Perl system
sed 4.9-1 required utils 987 9 EF -|GNU stream editor for filtering/transforming text
sysvinit-utils 3.06-4 required admin 100 44 EF sysvinit|System-V-like utilities
tar 1.34+dfsg-1.2+deb12u1 required utils 3144 45 EF -|GNU version of the tar archiving utility
tzdata 2025b-0+deb12u2 required localization 2565 21 Fa -|time zone and daylight-saving time data
usr-is-merged 37~deb12u1 optional oldlibs 13 24 Fa usrmerge|Transitional package to assert a merged-/usr system
util-linux 2.38.1-5+deb12u3 required utils 4978 4 EF -|miscellaneous system utilities
util-linux-extra 2.38.1-5+deb12u3 standard utils 366 4 F util-linux|interactive login tools
zlib1g 1:1.2.13.dfsg-1 optional libs 168 46 S zlib|compression library - runtime
`;

/** Per package, "|"-separated groups: "dir/ name:size name>target name:size!mode ...", "MAN bytes", "MO domain bytes langs...". $T is the multiarch triplet. */
export const BOOKWORM_FILES: Record<string, string> = {
  apt: "etc/apt/apt.conf.d/ 01autoremove:399|etc/cron.daily/ apt-compat:1478!755|etc/logrotate.d/ apt:173|usr/bin/ apt:18752 apt-cache:88456 apt-cdrom:22920 apt-config:26944 apt-get:51592 apt-key:27972 apt-mark:59784|usr/lib/$T/ libapt-private.so.0.0.0:497904 libapt-private.so.0.0>libapt-private.so.0.0.0|usr/share/doc/apt/ changelog.gz:15973 copyright:7668|usr/lib/apt/methods/ cdrom:161183!755 copy:133702!755 file:142862!755 ftp:326266!755 gpgv:252786!755 https>http|usr/lib/apt/ apt-helper:40160!755 apt.systemd.daily:16609!755|usr/share/doc/apt/examples/ apt.conf:449 configure-index:26733 preferences:168 sources.list:708|usr/lib/apt/solvers/ dump:23246!755|usr/lib/dpkg/methods/apt/ desc.apt:576 install:2910!755 names:39 setup:7888!755 update:1263!755|MAN 615339|MO apt 1468257 ar ast bg bs ca cs cy da de dz el es eu fi fr gl hu it ja km ko ku lt mr nb ne nl nn pl pt pt_BR ro ru sk sl sv th tl tr uk vi zh_CN zh_TW",
  "base-files":
    "etc/ debian_version:6 host.conf:9 issue:27 issue.net:20 os-release>../usr/lib/os-release|etc/dpkg/origins/ debian:83|etc/update-motd.d/ 10-uname:23!755|usr/share/doc/base-files/ changelog.gz:18211 copyright:1208 README:4680 README.FHS:1153 FAQ>README|usr/share/common-licenses/ Apache-2.0:58032 Artistic:31223 BSD:7658 CC0-1.0:36010 GFDL-1.2:104394 GFDL>GFDL-1.3|usr/share/base-files/ dot.bashrc:1239 dot.profile:349 dot.profile.md5sums:156 info.dir:1695 motd:621|usr/share/lintian/overrides/ base-files:995|usr/lib/ os-release:267",
  "base-passwd":
    "usr/sbin/ update-passwd:39416|usr/share/doc/base-passwd/ changelog.gz:12259 copyright:798 README:3951 users-and-groups.html:19984 users-and-groups.txt.gz:5837|usr/share/base-passwd/ group.master:434 passwd.master:839|usr/share/doc-base/ base-passwd.users-and-groups:423|usr/share/lintian/overrides/ base-passwd:31|MAN 11607",
  bash: "usr/bin/ bashbug:6865 clear_console:14488|bin/ bash:1265648 rbash>bash|etc/ bash.bashrc:1994|etc/skel/ .bash_logout:220 .bashrc:3526 .profile:807|usr/share/doc/bash/ changelog.Debian.gz:1366 changelog.gz:126824 copyright:9764 CHANGES.gz:134954 COMPAT.gz:10832 INTRO.gz:3108 NEWS.gz:37338 POSIX.gz:4606|usr/share/menu/ bash:194|usr/share/lintian/overrides/ bash:156|usr/share/debianutils/shells.d/ bash:21|MAN 100132|MO bash 5474201 af bg ca cs da de el en@boldquot en@quot eo es et fi fr ga gl hr hu id it ja ko lt nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW",
  bsdutils:
    "usr/bin/ logger:56216 renice:14648 script:71992 scriptlive:55608 scriptreplay:47416 wall:39224|usr/share/doc/bsdutils/ changelog.Debian.gz:7945 changelog.gz:113 copyright:23237|usr/share/bash-completion/completions/ logger:1746 renice:881 script:1193 scriptlive:857 scriptreplay:1031|usr/share/lintian/overrides/ bsdutils:51|MAN 15658",
  coreutils:
    "usr/bin/ [:68496 arch:43888 b2sum:60400 base32:48016 base64:48016 basename:43856 basenc:56208 chcon:68720 cksum:142384 comm:48048 csplit:122032 cut:48112 dircolors:52144 dirname:39760 du:175440 env:48536 expand:43952 expr:117808 factor:85200 fmt:48016 fold:43920 groups:43920 head:48080 hostid:39760 id:48144 install:159544 join:56304 link:39760 logname:39760 md5sum:52176 mkfifo:68784 nice:43888 nl:113776 nohup:43920 nproc:43920 numfmt:68624 od:80912 paste:43920 pathchk:43888 pinky:48176 pr:81008 printenv:35664 printf:64432 ptx:138480 realpath:52144 runcon:43984 seq:60336 sha1sum:56272 sha224sum:60368 sha256sum:60368 sha384sum:64464 sha512sum:64464 shred:64656 shuf:60400 sort:118456 split:60984 stat:97488 stdbuf:60336 sum:52184 tac:113712 tail:76944 tee:43984 test:60304 timeout:48632 tr:56208 truncate:43920 tsort:56208 tty:35696 unexpand:43952 uniq:48080 unlink:39760 users:39824 wc:52280 who:60432 whoami:39792 yes:39760 md5sum.textutils>md5sum|bin/ cat:44016 chgrp:68656 chmod:64496 chown:72752 cp:151152 date:121904 dd:89240 df:102200 dir:151344 echo:43856 false:35664 ln:72824 ls:151344 mkdir:97552 mknod:72912 mktemp:43952 mv:142968 pwd:43952 readlink:52112 rm:72752 rmdir:56240 sleep:43888 stty:85008 sync:39824 touch:109616 true:35664 uname:43888 vdir:151344|usr/sbin/ chroot:48112|usr/share/doc/coreutils/ changelog.Debian.gz:15293 changelog.gz:101079 copyright:5552 AUTHORS:4763 NEWS.Debian.gz:989 NEWS.gz:93999 README.Debian:561 README.gz:6196|usr/share/info/ coreutils.info.gz:241534|usr/libexec/coreutils/ libstdbuf.so:14480!755|usr/share/locale/af/LC_TIME/ coreutils.mo>../LC_MESSAGES/coreutils.mo|usr/share/locale/be/LC_TIME/ coreutils.mo>../LC_MESSAGES/coreutils.mo|MAN 135306|MO coreutils 10479266 af be bg ca cs da de el eo es et eu fi fr ga gl hr hu ia id it ja kk ko lg lt ms nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW",
  dash: "bin/ dash:125640 sh>dash|usr/share/doc/dash/ changelog.Debian.gz:1967 changelog.gz:7388 copyright:3878 NEWS.Debian.gz:304 README.Debian.diet:580 README.source:3224|usr/share/menu/ dash:108|usr/share/lintian/overrides/ dash:106|usr/share/debianutils/shells.d/ dash:10|MAN 21643",
  debconf:
    "etc/apt/apt.conf.d/ 70debconf:182|etc/ debconf.conf:2969|usr/bin/ debconf:2859 debconf-apt-progress:11541 debconf-communicate:608 debconf-copydb:1719 debconf-escape:647 debconf-set-selections:2995 debconf-show:1827|usr/sbin/ dpkg-preconfigure:3925 dpkg-reconfigure:4485|usr/share/doc/debconf/ changelog.gz:1978 copyright:2764|usr/share/perl5/Debconf/ AutoSelect.pm:4913 Base.pm:1258 ConfModule.pm:39702 Config.pm:18041 Db.pm:3031|usr/share/perl5/Debconf/FrontEnd/ Dialog.pm:18609 Editor.pm:5143 Gnome.pm:17856 Kde.pm:4953 Noninteractive.pm:1743|usr/share/perl5/Debconf/DbDriver/ Backup.pm:7298 Cache.pm:21498 Copy.pm:4232 Debug.pm:4232 DirTree.pm:8866|usr/share/debconf/ confmodule:3597 confmodule.sh:3820 debconf.conf:550 fix_db.pl:2663!755 frontend:3314!755|usr/share/perl5/Debconf/Element/Teletype/ Boolean.pm:3295 Error.pm:468 Multiselect.pm:6188 Note.pm:1110 Password.pm:1733|MAN 17677",
  "debian-archive-keyring":
    "etc/apt/trusted.gpg.d/ debian-archive-bookworm-automatic.asc:11861 debian-archive-bookworm-security-automatic.asc:11873 debian-archive-bookworm-stable.asc:461 debian-archive-bullseye-automatic.asc:11861 debian-archive-bullseye-security-automatic.asc:11873 debian-archive-bullseye-stable.asc:3403 debian-archive-trixie-automatic.asc:11861 debian-archive-trixie-security-automatic.asc:11873 debian-archive-trixie-stable.asc:1384|usr/share/doc/debian-archive-keyring/ changelog.gz:936 copyright:1243 README:1091|usr/share/keyrings/ debian-archive-bookworm-automatic.gpg:45726 debian-archive-bookworm-security-automatic.gpg:45773 debian-archive-bookworm-stable.gpg:1471 debian-archive-bullseye-automatic.gpg:45726 debian-archive-bullseye-security-automatic.gpg:45773",
  debianutils:
    "usr/bin/ ischroot:14664 savelog:10487 which.debianutils:946|bin/ run-parts:27560 tempfile:14520|usr/sbin/ add-shell:1053 remove-shell:1111 update-shells:3984|sbin/ installkernel:2659|usr/share/doc/debianutils/ changelog.Debian.gz:17992 changelog.gz:467 copyright:9055 README.shells.gz:369|usr/share/debianutils/ shells:42|MAN 58590",
  diffutils:
    "usr/bin/ cmp:52176 diff:155216 diff3:68752 sdiff:56400|usr/share/doc/diffutils/ changelog.Debian.gz:1026 changelog.gz:29371 copyright:16112 NEWS.gz:6903|usr/share/info/ diffutils.info.gz:61188|MAN 6547|MO diffutils 1079961 bg ca cs da de el eo es fi fr ga gl he hr hu id it ja lv ms nb nl pl pt pt_BR ro ru sr sv tr uk vi zh_CN zh_TW",
  dpkg: "etc/alternatives/ README:100|etc/cron.daily/ dpkg:123!755|etc/dpkg/ dpkg.cfg:446|etc/logrotate.d/ alternatives:120 dpkg:112|usr/sbin/ dpkg-fsys-usrunmess:17401|sbin/ start-stop-daemon:44464|usr/bin/ dpkg:318096 dpkg-deb:170512 dpkg-divert:158264 dpkg-maintscript-helper:21206 dpkg-query:162384 dpkg-realpath:4186 dpkg-split:129520 dpkg-statoverride:63824 dpkg-trigger:88560 update-alternatives:59712|usr/share/doc/dpkg/ changelog.gz:231679 copyright:7943 AUTHORS:1372 README.api:1619 README.bug-usertags.gz:1989 README.feature-removal-schedule.gz:2339 THANKS.gz:4653|usr/share/dpkg/ abitable:378 cputable:2248 ostable:2205 tupletable:2349|usr/share/polkit-1/actions/ org.dpkg.pkexec.update-alternatives.policy:4204|usr/libexec/dpkg/ dpkg-db-backup:2684!755|usr/share/dpkg/sh/ dpkg-error.sh:2270|MAN 460009|MO dpkg 4338083 ast bs ca cs da de dz el eo es et eu fr gl hu id it ja km ko ku lt mr nb ne nl nn oc pa pl pt pt_BR ro ru sk sv th tl tr vi zh_CN zh_TW",
  e2fsprogs:
    "etc/cron.d/ e2scrub_all:201|etc/ e2scrub.conf:685 mke2fs.conf:782|usr/sbin/ e2freefrag:14648 e4crypt:26936 e4defrag:30960 filefrag:18696 mklost+found:14576|sbin/ badblocks:35072 debugfs:239440 dumpe2fs:31040 e2fsck:356624 e2image:55760 e2scrub:7294 e2scrub_all:5394 e2undo:22840 mke2fs:141904 resize2fs:63800 tune2fs:117264 e2label>tune2fs e2mmpstatus>dumpe2fs fsck.ext2>e2fsck fsck.ext3>e2fsck fsck.ext4>e2fsck mkfs.ext2>mke2fs mkfs.ext3>mke2fs mkfs.ext4>mke2fs|usr/bin/ chattr:14584 lsattr:14584|usr/share/doc/e2fsprogs/ changelog.Debian.gz:8782 copyright:15209 NEWS.gz:131158 README:719|usr/lib/$T/e2fsprogs/ e2scrub_all_cron:1978!755 e2scrub_fail:822!755|lib/systemd/system/ e2scrub@.service:438 e2scrub_all.service:297 e2scrub_all.timer:251 e2scrub_fail@.service:245 e2scrub_reap.service:553|lib/udev/rules.d/ 96-e2scrub.rules:171|usr/share/lintian/overrides/ e2fsprogs:66|MAN 77752",
  findutils:
    "usr/bin/ find:224848 xargs:72136|usr/share/doc/findutils/ changelog.Debian.gz:1478 changelog.gz:181105 copyright:24782 NEWS.Debian.gz:1328 NEWS.gz:31596 README.gz:2432 TODO:2860|usr/share/info/ find-maint.info.gz:24671 find.info-1.gz:92320 find.info-2.gz:1920 find.info.gz:2526|usr/share/doc-base/ findutils.findutils:323|MAN 29919|MO findutils 973964 be bg ca cs da de el eo es et fi fr ga gl hr hu id it ja ko lg lt ms nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW",
  "gcc-12-base":
    "usr/share/doc/gcc-12-base/ changelog.Debian.gz:19732 copyright:68194 README.Debian.amd64.gz:3128 TODO.Debian:2212",
  gpgv: "usr/bin/ gpgv:474112|usr/share/doc/gpgv/ changelog.Debian.gz:3082 changelog.gz:436225 copyright:10555 NEWS.Debian.gz:860|MAN 2517",
  grep: "usr/bin/ rgrep:30|bin/ egrep:41 fgrep:41 grep:203152|usr/share/doc/grep/ changelog.Debian.gz:1314 changelog.gz:156182 copyright:1807 AUTHORS:3217 NEWS.Debian.gz:1502 NEWS.gz:20420 README:2753 THANKS.gz:3657|usr/share/info/ grep.info.gz:34717|MAN 11154|MO grep 693979 af be bg ca cs da de el eo es et eu fi fr ga gl he hr hu id it ja ka ko ky lt nb nl pa pl pt pt_BR ro ru sk sl sr sv ta th tr uk vi zh_CN zh_TW",
  gzip: "bin/ gunzip:2346 gzexe:6447 gzip:98136 uncompress:2346 zcat:1984 zcmp:1678 zdiff:6460 zegrep:29 zfgrep:29 zforce:2081 zgrep:8103 zless:2206 zmore:1842 znew:4577|usr/share/doc/gzip/ changelog.Debian.gz:9078 changelog.gz:36418 copyright:2895 NEWS.gz:9450 README.gz:2775 TODO:3467|usr/share/info/ gzip.info.gz:15726|MAN 11952",
  hostname:
    "bin/ hostname:22680 dnsdomainname>hostname domainname>hostname nisdomainname>hostname ypdomainname>hostname|usr/share/doc/hostname/ changelog.gz:624 copyright:1273|MAN 2767",
  "init-system-helpers":
    "usr/bin/ deb-systemd-helper:24358 deb-systemd-invoke:6241|usr/sbin/ invoke-rc.d:16517 service:9099 update-rc.d:17742|usr/share/doc/init-system-helpers/ changelog.gz:14012 copyright:3133 README.invoke-rc.d.gz:2365 README.policy-rc.d.gz:1835|usr/share/bug/init-system-helpers/ control:24|MAN 10261",
  libacl1:
    "usr/lib/$T/ libacl.so.1.1.2301:38832 libacl.so.1>libacl.so.1.1.2301|usr/share/doc/libacl1/ changelog.Debian.gz:7507 changelog.gz:8296 copyright:2048|usr/share/lintian/overrides/ libacl1:87",
  "libapt-pkg6.0":
    "usr/lib/$T/ libapt-pkg.so.6.0.0:2067760 libapt-pkg.so.6.0>libapt-pkg.so.6.0.0|usr/share/doc/libapt-pkg6.0/ changelog.gz:15974 copyright:7668 NEWS.Debian.gz:4846|MO libapt-pkg6.0 1027153 ar ast bg bs ca cs cy da de dz el es eu fi fr gl hu it ja km ko ku lt mr nb ne nl nn pl pt pt_BR ro ru sk sl sv th tl tr uk vi zh_CN zh_TW",
  libattr1:
    "etc/ xattr.conf:681|usr/lib/$T/ libattr.so.1.1.2501:26544 libattr.so.1>libattr.so.1.1.2501|usr/share/doc/libattr1/ changelog.Debian.gz:7712 changelog.gz:5039 copyright:1947|usr/share/lintian/overrides/ libattr1:88",
  "libaudit-common":
    "etc/ libaudit.conf:191|usr/share/doc/libaudit-common/ changelog.Debian.gz:2467 changelog.gz:5040 copyright:1596|MAN 553",
  libaudit1:
    "lib/$T/ libaudit.so.1.0.0:128952 libaudit.so.1>libaudit.so.1.0.0|usr/share/doc/libaudit1/ changelog.Debian.gz:2464 changelog.gz:5040 copyright:1596",
  libblkid1:
    "usr/lib/$T/ libblkid.so.1.1.0:355328 libblkid.so.1>libblkid.so.1.1.0|usr/share/doc/libblkid1/ changelog.Debian.gz:7943 changelog.gz:113 copyright:23237|usr/share/lintian/overrides/ libblkid1:105",
  "libbz2-1.0":
    "lib/$T/ libbz2.so.1.0.4:74688 libbz2.so.1>libbz2.so.1.0.4 libbz2.so.1.0>libbz2.so.1.0.4|usr/share/doc/libbz2-1.0/ changelog.Debian.gz:10422 changelog.gz:5624 copyright:2228 changelog.Debian.amd64.gz:240",
  "libc-bin":
    "etc/ bindresvport.blacklist:367 gai.conf:2584 ld.so.conf:34|etc/default/ nss:1756|etc/ld.so.conf.d/ libc.conf:44|usr/sbin/ iconvconfig:31584 zic:60136|sbin/ ldconfig:982880|usr/bin/ getconf:27136 getent:36320 iconv:64648 ldd:5407 locale:47272 localedef:298912 pldd:23232 tzselect:15352 zdump:23064 ld.so>/lib64/ld-linux-x86-64.so.2|usr/share/doc/libc-bin/ changelog.Debian.gz:28754 changelog.gz:153 copyright:25467|usr/lib/locale/C.utf8/ LC_ADDRESS:128 LC_COLLATE:1421 LC_CTYPE:357419 LC_IDENTIFICATION:260 LC_MEASUREMENT:23|usr/share/lintian/overrides/ libc-bin:720|usr/share/libc-bin/ nsswitch.conf:494|usr/lib/locale/C.utf8/LC_MESSAGES/ SYS_LC_MESSAGES:48|MAN 3511",
  libc6:
    "etc/ld.so.conf.d/ $T.conf:100|lib/$T/ ld-linux-x86-64.so.2:215000!755 libBrokenLocale.so.1:14640 libanl.so.1:14480 libc.so.6:1926232!755 libc_malloc_debug.so.0:50200 libdl.so.2:14480 libm.so.6:911904 libmemusage.so:18880 libmvec.so.1:1019408 libnsl.so.1:93248 libnss_compat.so.2:39896 libnss_dns.so.2:14400 libnss_files.so.2:14400 libnss_hesiod.so.2:27136 libpcprofile.so:14592 libpthread.so.0:14480 libresolv.so.2:60328 librt.so.1:14640 libthread_db.so.1:35752 libutil.so.1:14480|usr/share/doc/libc6/ changelog.Debian.gz:28751 changelog.gz:153 copyright:25467 NEWS.Debian.gz:2386 NEWS.gz:125214 README.Debian.gz:2648 README.hesiod.gz:2357|lib64/ ld-linux-x86-64.so.2>/lib/$T/ld-linux-x86-64.so.2|usr/lib/$T/gconv/ ANSI_X3.110.so:538830 ARMSCII-8.so:374566 ASMO_449.so:374566 BIG5.so:1935073 BIG5HKSCS.so:4809691|usr/lib/$T/gconv/gconv-modules.d/ gconv-modules-extra.conf:53974|usr/share/lintian/overrides/ libc6:477",
  "libcap-ng0":
    "lib/$T/ libcap-ng.so.0.0.0:30704 libdrop_ambient.so.0.0.0:14256 libcap-ng.so.0>libcap-ng.so.0.0.0 libdrop_ambient.so.0>libdrop_ambient.so.0.0.0|usr/share/doc/libcap-ng0/ changelog.Debian.gz:1572 changelog.gz:2489 copyright:2035 changelog.Debian.amd64.gz:229",
  libcap2:
    "lib/$T/ libcap.so.2.66:47288 libpsx.so.2.66:22592 libcap.so.2>libcap.so.2.66 libpsx.so.2>libpsx.so.2.66|usr/share/doc/libcap2/ changelog.Debian.gz:2513 changelog.gz:240 copyright:4631 changelog.Debian.amd64.gz:246",
  "libcom-err2":
    "lib/$T/ libcom_err.so.2.1:18344 libcom_err.so.2>libcom_err.so.2.1|usr/share/doc/libcom-err2/ changelog.Debian.gz:8786 copyright:15209",
  libcrypt1:
    "lib/$T/ libcrypt.so.1.1.0:206776 libcrypt.so.1>libcrypt.so.1.1.0|usr/share/doc/libcrypt1/ changelog.Debian.gz:2173 changelog.gz:9959 copyright:6010",
  "libdb5.3":
    "usr/lib/$T/ libdb-5.3.so:1843792|usr/share/doc/libdb5.3/ changelog.Debian.gz:676 copyright:17177 build_signature_amd64.txt:9|usr/share/lintian/overrides/ libdb5.3:75",
  libdebconfclient0:
    "usr/lib/$T/ libdebconfclient.so.0.0.0:14376 libdebconfclient.so.0>libdebconfclient.so.0.0.0|usr/share/doc/libdebconfclient0/ changelog.gz:3850 copyright:5856",
  libext2fs2:
    "lib/$T/ libe2p.so.2.3:45008 libext2fs.so.2.4:438608 libe2p.so.2>libe2p.so.2.3 libext2fs.so.2>libext2fs.so.2.4|usr/share/doc/libext2fs2/ changelog.Debian.gz:8783 copyright:15209",
  libffi8:
    "usr/lib/$T/ libffi.so.8.1.2:43480 libffi.so.8>libffi.so.8.1.2|usr/share/doc/libffi8/ changelog.Debian.gz:1258 copyright:10165",
  "libgcc-s1":
    "lib/$T/ libgcc_s.so.1:125312|usr/share/lintian/overrides/ libgcc-s1:45|usr/share/doc/ libgcc-s1>gcc-12-base",
  libgcrypt20:
    "usr/lib/$T/ libgcrypt.so.20.4.1:1332480 libgcrypt.so.20>libgcrypt.so.20.4.1|usr/share/doc/libgcrypt20/ changelog.Debian.gz:3751 changelog.gz:209598 copyright:24896 AUTHORS.gz:4050 NEWS.gz:15414 README.gz:4240 THANKS.gz:3618|usr/share/libgcrypt20/ clean-up-unmanaged-libraries:5493!755",
  libgmp10:
    "usr/lib/$T/ libgmp.so.10.4.1:529216 libgmp.so.10>libgmp.so.10.4.1|usr/share/doc/libgmp10/ changelog.Debian.gz:14571 changelog.gz:313047 copyright:4153 README.Debian:334",
  libgnutls30:
    "usr/lib/$T/ libgnutls.so.30.34.3:2205432 libgnutls.so.30>libgnutls.so.30.34.3|usr/share/doc/libgnutls30/ changelog.Debian.gz:8017 changelog.gz:360714 copyright:51588 AUTHORS.gz:4235 NEWS.Debian.gz:1328 NEWS.gz:109520 README.md.gz:2986 THANKS.gz:3765|MO gnutls30 596113 cs de eo es fi fr it ka ms nl pl pt_BR ro sr sv uk vi zh_CN",
  "libgpg-error0":
    "lib/$T/ libgpg-error.so.0.33.1:157768 libgpg-error.so.0>libgpg-error.so.0.33.1|usr/share/doc/libgpg-error0/ changelog.Debian.gz:1753 changelog.gz:9612 copyright:4903 README.gz:2694",
  libhogweed6:
    "usr/lib/$T/ libhogweed.so.6.6:292856 libhogweed.so.6>libhogweed.so.6.6|usr/share/doc/libhogweed6/ changelog.Debian.gz:7172 changelog.gz:122690 copyright:24923",
  "libidn2-0":
    "usr/lib/$T/ libidn2.so.0.3.8:198776 libidn2.so.0>libidn2.so.0.3.8|usr/share/doc/libidn2-0/ changelog.Debian.gz:4162 changelog.gz:19114 copyright:5348 AUTHORS:212 NEWS.gz:4983 README.md.gz:1748 changelog.Debian.amd64.gz:237|usr/share/lintian/overrides/ libidn2-0:87|MO libidn2 129822 cs da de eo es fi fr fur hr hu id it ja ka nl pl pt_BR ro ru sr sv uk vi zh_CN",
  "liblz4-1":
    "usr/lib/$T/ liblz4.so.1.9.4:149952 liblz4.so.1>liblz4.so.1.9.4|usr/share/doc/liblz4-1/ changelog.Debian.gz:2799 copyright:3275",
  liblzma5:
    "lib/$T/ liblzma.so.5.4.1:190456 liblzma.so.5>liblzma.so.5.4.1|usr/share/doc/liblzma5/ changelog.Debian.gz:1444 changelog.gz:88441 copyright:15465 AUTHORS:1402 NEWS.gz:19047 THANKS:3205",
  libmd0:
    "usr/lib/$T/ libmd.so.0.0.5:47312 libmd.so.0>libmd.so.0.0.5|usr/share/doc/libmd0/ changelog.Debian.gz:1166 changelog.gz:7670 copyright:8018",
  libmount1:
    "usr/lib/$T/ libmount.so.1.1.0:404096 libmount.so.1>libmount.so.1.1.0|usr/share/doc/libmount1/ changelog.Debian.gz:7943 changelog.gz:113 copyright:23237|usr/share/lintian/overrides/ libmount1:105",
  libnettle8:
    "usr/lib/$T/ libnettle.so.8.6:317544 libnettle.so.8>libnettle.so.8.6|usr/share/doc/libnettle8/ changelog.Debian.gz:7172 changelog.gz:122690 copyright:24923 NEWS.gz:21230 README:2437",
  "libp11-kit0":
    "usr/lib/$T/ libp11-kit.so.0.3.0:1261376 libp11-kit.so.0>libp11-kit.so.0.3.0|usr/share/doc/libp11-kit0/ changelog.Debian.gz:1884 changelog.gz:149305 copyright:8646|usr/share/doc/libp11-kit0/examples/ pkcs11.conf.example:390",
  "libpam-modules":
    "etc/security/ access.conf:4564 faillock.conf:2234 group.conf:3635 limits.conf:2752 namespace.conf:1637 namespace.init:1016!755 pam_env.conf:2971 sepermit.conf:418 time.conf:2179|usr/share/doc/libpam-modules/ changelog.Debian.gz:4733 changelog.gz:31073 copyright:9477 NEWS.Debian.gz:1604|lib/$T/security/ pam_access.so:184914 pam_debug.so:144624 pam_deny.so:140852 pam_echo.so:143822 pam_env.so:184914|usr/share/doc/libpam-modules/examples/ upperLOWER.c:3669|usr/share/lintian/overrides/ libpam-modules:957|usr/share/pam-configs/ mkhomedir:154|MAN 92484",
  "libpam-modules-bin":
    "usr/sbin/ faillock:14584 pam_timestamp_check:14584|sbin/ mkhomedir_helper:22800 pam_namespace_helper:467 pwhistory_helper:18680 unix_chkpwd:39160!2755 unix_update:39160|usr/share/doc/libpam-modules-bin/ changelog.Debian.gz:4734 changelog.gz:31073 copyright:9477 NEWS.Debian.gz:1604|usr/lib/systemd/system/ pam_namespace.service:327|usr/share/lintian/overrides/ libpam-modules-bin:122|MAN 6787",
  "libpam-runtime":
    "etc/ pam.conf:552|etc/pam.d/ other:520|usr/sbin/ pam-auth-update:21288 pam_getenv:2890|usr/share/doc/libpam-runtime/ changelog.Debian.gz:4733 changelog.gz:31073 copyright:9477 NEWS.Debian.gz:1604|usr/share/pam/ common-account:1952 common-account.md5sums:177 common-auth:1984 common-auth.md5sums:264 common-password:2649|usr/share/lintian/overrides/ libpam-runtime:771|usr/share/pam-configs/ unix:672|MAN 11133|MO Linux-PAM 519229 af am ar as az be bg bn bn_IN bs ca cs cy da de de_CH el eo es et eu fa fi fr ga gl gu he hi hr hu ia id is it ja ka kk km kn ko kw_GB ky lt lv mk ml mn mr ms my nb ne nl nn or pa pl pt pt_BR ro ru si sk sl sq sr sr@latin sv ta te tg th tr uk ur vi yo zh_CN zh_HK zh_TW zu",
  libpam0g:
    "lib/$T/ libpam.so.0.85.1:67584 libpam_misc.so.0.82.1:14432 libpamc.so.0.82.1:18504 libpam.so.0>libpam.so.0.85.1 libpam_misc.so.0>libpam_misc.so.0.82.1 libpamc.so.0>libpamc.so.0.82.1|usr/share/doc/libpam0g/ changelog.Debian.gz:4734 changelog.gz:31073 copyright:9477 Debian-PAM-MiniPolicy.gz:2500 NEWS.Debian.gz:1604 README:1821 README.Debian:552 TODO.Debian:365|usr/share/lintian/overrides/ libpam0g:570",
  "libpcre2-8-0":
    "usr/lib/$T/ libpcre2-8.so.0.11.2:629384 libpcre2-8.so.0>libpcre2-8.so.0.11.2|usr/share/doc/libpcre2-8-0/ changelog.Debian.gz:1292 changelog.gz:47006 copyright:6626 README.Debian:458",
  libseccomp2:
    "usr/lib/$T/ libseccomp.so.2.5.4:129312 libseccomp.so.2>libseccomp.so.2.5.4|usr/share/doc/libseccomp2/ changelog.Debian.gz:1904 changelog.gz:3492 copyright:1429",
  libselinux1:
    "lib/$T/ libselinux.so.1:174312|usr/share/doc/libselinux1/ changelog.Debian.gz:1632 copyright:3131 changelog.Debian.amd64.gz:237",
  "libsemanage-common":
    "etc/selinux/ semanage.conf:2065|usr/share/doc/libsemanage-common/ changelog.Debian.gz:13297 copyright:1830|MAN 4948",
  libsemanage2:
    "usr/lib/$T/ libsemanage.so.2:270424|usr/share/doc/libsemanage2/ changelog.Debian.gz:1474 copyright:1830 changelog.Debian.amd64.gz:229",
  libsepol2:
    "lib/$T/ libsepol.so.2:764192|usr/share/doc/libsepol2/ changelog.Debian.gz:1350 copyright:3750",
  libsmartcols1:
    "usr/lib/$T/ libsmartcols.so.1.1.0:239744 libsmartcols.so.1>libsmartcols.so.1.1.0|usr/share/doc/libsmartcols1/ changelog.Debian.gz:7943 changelog.gz:113 copyright:23237|usr/share/lintian/overrides/ libsmartcols1:113",
  libss2:
    "lib/$T/ libss.so.2.0:34736 libss.so.2>libss.so.2.0|usr/share/doc/libss2/ changelog.Debian.gz:8783 copyright:15209",
  "libstdc++6":
    "usr/lib/$T/ libstdc++.so.6.0.30:2190440 libstdc++.so.6>libstdc++.so.6.0.30|usr/share/gcc/python/libstdcxx/v6/ __init__.py:1161 printers.py:87875 xmethods.py:28188|usr/share/gdb/auto-load/usr/lib/$T/ libstdc++.so.6.0.30-gdb.py:2387|usr/share/gcc/python/libstdcxx/ __init__.py:1|usr/share/doc/ libstdc++6>gcc-12-base",
  libsystemd0:
    "usr/lib/$T/ libsystemd.so.0.35.0:844736 libsystemd.so.0>libsystemd.so.0.35.0|usr/share/doc/libsystemd0/ changelog.Debian.gz:28804 copyright:12776 NEWS.Debian.gz:2441",
  "libtasn1-6":
    "usr/lib/$T/ libtasn1.so.6.6.3:83968 libtasn1.so.6>libtasn1.so.6.6.3|usr/share/doc/libtasn1-6/ changelog.Debian.gz:1823 changelog.gz:8570 copyright:3451 AUTHORS:456 README.md:2735 THANKS:1269",
  libtinfo6:
    "usr/lib/$T/ libtic.so.6.4:71840 libtic.so.6>libtic.so.6.4|lib/$T/ libtinfo.so.6.4:204088 libtinfo.so.6>libtinfo.so.6.4|usr/share/doc/libtinfo6/ changelog.Debian.gz:4249 changelog.gz:238533 copyright:4670",
  libudev1:
    "usr/lib/$T/ libudev.so.1.7.5:182544 libudev.so.1>libudev.so.1.7.5|usr/share/doc/libudev1/ changelog.Debian.gz:28807 copyright:12776 NEWS.Debian.gz:2441",
  libunistring2:
    "usr/lib/$T/ libunistring.so.2.2.0:1792040 libunistring.so.2>libunistring.so.2.2.0|usr/share/doc/libunistring2/ changelog.Debian.gz:2895 changelog.gz:12427 copyright:6068",
  libuuid1:
    "usr/lib/$T/ libuuid.so.1.3.0:34872 libuuid.so.1>libuuid.so.1.3.0|usr/share/doc/libuuid1/ changelog.Debian.gz:7944 changelog.gz:113 copyright:23237",
  libxxhash0:
    "usr/lib/$T/ libxxhash.so.0.8.1:80008 libxxhash.so.0>libxxhash.so.0.8.1|usr/share/doc/libxxhash0/ changelog.Debian.gz:1328 changelog.gz:2039 copyright:2579",
  libzstd1:
    "usr/lib/$T/ libzstd.so.1.5.4:763816 libzstd.so.1>libzstd.so.1.5.4|usr/share/doc/libzstd1/ changelog.Debian.gz:4380 changelog.gz:16421 copyright:5389",
  login:
    "usr/bin/ faillog:23072 lastlog:32512 newgrp:48896!4755 sg>newgrp|bin/ login:53024|etc/ login.defs:12569|etc/pam.d/ login:4126|usr/sbin/ nologin:14568|usr/share/doc/login/ changelog.Debian.gz:3678 changelog.gz:148367 copyright:7044 NEWS.Debian.gz:1006|usr/share/lintian/overrides/ login:59|MAN 142844|MO shadow 1893235 bs ca cs da de dz el es eu fi fr gl he hu id it ja ka kk km ko nb ne nl nn pl pt pt_BR ro ru sk sq sv tl tr uk vi zh_CN zh_TW",
  logsave: "sbin/ logsave:14424|usr/share/doc/logsave/ changelog.Debian.gz:8782 copyright:15209|MAN 823",
  mawk: "usr/bin/ mawk:158376|usr/share/doc/mawk/ changelog.Debian.gz:5584 changelog.gz:12908 copyright:22591 ACKNOWLEDGMENT:1520 README:3394|usr/share/doc/mawk/examples/ ct_length.awk:1406!755 decl.awk:10520!755 deps.awk:4513!755 eatc.awk:1700!755 gdecl.awk:9646!755|MAN 15716",
  mount:
    "bin/ mount:59704!4755 umount:35128!4755|sbin/ losetup:117168 swapoff:22840 swapon:51512|usr/share/doc/mount/ changelog.Debian.gz:7943 changelog.gz:113 copyright:23237 mount.txt:521|usr/share/bash-completion/completions/ losetup:1738 mount:2112 swapoff:743 swapon:2007 umount:1710|usr/share/doc/mount/examples/ filesystems:41 fstab:829 mount.fstab:1670|usr/share/lintian/overrides/ mount:93|MAN 43244",
  "ncurses-base":
    "etc/terminfo/ README:212|usr/share/doc/ncurses-base/ changelog.Debian.gz:4249 changelog.gz:238533 copyright:4670|lib/terminfo/x/ xterm:8426 xterm-256color:8602 xterm-color:3410 xterm-mono:3274 xterm-r5:2860 xterm-debian>xterm|lib/terminfo/s/ screen:4089 screen-256color:4446 screen-256color-bce:4476 screen-bce:4120 screen-s:4176|lib/terminfo/r/ rxvt:2987 rxvt-basic:2907 rxvt-unicode:3656 rxvt-unicode-256color:3694 rxvt-m>rxvt-basic|lib/terminfo/t/ tmux:4623 tmux-256color:4830|lib/terminfo/m/ mach:925 mach-bold:975 mach-color:1622 mach-gnu:1564 mach-gnu-color:1952",
  "ncurses-bin":
    "usr/bin/ clear:14584 infocmp:63808 tabs:18672 tic:92512 toe:22768 tput:26896 tset:30968 captoinfo>tic infotocap>tic reset>tset|usr/share/doc/ncurses-bin/ changelog.Debian.gz:4250 changelog.gz:238533 copyright:4670|MAN 105256",
  passwd:
    "etc/default/ useradd:1117|etc/pam.d/ chfn:384 chpasswd:92 chsh:581 newusers:92 passwd:92|usr/sbin/ chgpasswd:67880 chpasswd:63856 cppw:61880 groupadd:101416 groupdel:88936 groupmems:67920 groupmod:101384 grpck:67888 grpconv:59536 grpunconv:59536 newusers:105392 pwck:59656 pwconv:55432 pwunconv:55472 useradd:159536 userdel:113608 usermod:147056 vipw:74384 cpgr>cppw vigr>vipw|sbin/ shadowconfig:2273|usr/bin/ chage:80376!2755 chfn:62672!4755 chsh:52880!4755 expiry:31184!2755 gpasswd:88496!4755 passwd:68248!4755|usr/share/doc/passwd/ changelog.Debian.gz:3678 changelog.gz:148367 copyright:7044 NEWS.Debian.gz:1006 README.Debian:2075 TODO.Debian:1020|usr/share/doc/passwd/examples/ passwd.expire.cron:1816|usr/share/lintian/overrides/ passwd:360|usr/lib/tmpfiles.d/ passwd.conf:239|MAN 534332",
  "perl-base":
    "usr/bin/ perl:3808560 perl5.36.0:3808560|usr/share/doc/perl-base/ changelog.Debian.gz:4701 changelog.gz:1264 copyright:109772|usr/lib/$T/perl-base/unicore/To/ Age.pl:847390 Bc.pl:347309 Bmg.pl:214520 Bpb.pl:81951 Bpt.pl:65127|usr/lib/$T/perl-base/auto/re/ re.so:1072881|usr/lib/$T/perl-base/ AutoLoader.pm:25440 Carp.pm:117756 Config.pm:14910 Config_git.pl:1896 Config_heavy.pl:258648|usr/lib/$T/perl-base/unicore/lib/In/ 10_0.pl:47135 11_0.pl:47842 12_0.pl:48688 12_1.pl:48618 13_0.pl:49348|usr/lib/$T/perl-base/File/ Basename.pm:8834 Glob.pm:2506 Path.pm:33723 Spec.pm:904 Temp.pm:138627|MAN 7297",
  sed: "bin/ sed:126424|usr/share/doc/sed/ changelog.Debian.gz:484 changelog.gz:43857 copyright:8618 AUTHORS:1427 BUGS.gz:12141 NEWS.gz:46460 README:3281 THANKS.gz:9421|usr/share/info/ sed.info.gz:56008|usr/share/doc/sed/examples/ dc.sed:8758|MAN 4113|MO sed 565990 af ast bg ca cs da de el eo es et eu fi fr ga gl he hr hu id it ja ka ko nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW",
  "sysvinit-utils":
    "sbin/ fstab-decode:14576 killall5:26944|usr/share/doc/sysvinit-utils/ changelog.Debian.gz:5944 copyright:4689|bin/ pidof>/sbin/killall5|lib/lsb/ init-functions:11329|lib/init/ init-d-script:6774!755 vars.sh:1212|lib/lsb/init-functions.d/ 00-verbose:658|MAN 6307",
  tar: "bin/ tar:531984|usr/sbin/ rmt-tar:60432 tarcat:936|usr/share/doc/tar/ changelog.Debian.gz:856 changelog.gz:156356 copyright:3798 AUTHORS:601 NEWS.gz:22939 README.Debian:849 THANKS.gz:10637 changelog.1.gz:63284|etc/ rmt>/usr/sbin/rmt|usr/lib/mime/packages/ tar:321|MAN 16294|MO tar 2226611 bg ca cs da de el eo es et eu fi fr ga gl hr hu id it ja ko ky ms nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW",
  tzdata:
    "usr/share/doc/tzdata/ changelog.Debian.gz:6152 changelog.gz:79118 copyright:375|usr/share/zoneinfo/right/America/ Adak:106325 Anchorage:106906 Anguilla:28933 Antigua:30343 Araguaina:58779 Atka>Adak|usr/share/zoneinfo/ CET:74253 CST6CDT:81913 EET:67658 EST:4042 EST5EDT:81913 Cuba>America/Havana|usr/share/zoneinfo/America/ Adak:98392 Anchorage:99018 Anguilla:6180 Antigua:7600 Araguaina:36917 Atka>Adak|usr/share/zoneinfo/right/Europe/ Amsterdam:61591 Andorra:38504 Astrakhan:33563 Athens:48743 Belgrade:42022 Belfast>London|usr/share/zoneinfo/Europe/ Amsterdam:58173 Andorra:34824 Astrakhan:23289 Athens:45219 Belgrade:38382 Belfast>London",
  "usr-is-merged": "usr/share/doc/usr-is-merged/ changelog.gz:2434 copyright:987",
  "util-linux":
    "usr/bin/ addpart:31040 choom:55616 chrt:67904 delpart:31040 fallocate:35136 flock:35216 getopt:35136 hardlink:51600 ionice:35136 ipcmk:35200 ipcrm:35136 ipcs:76096 last:51520 lscpu:129344 lsipc:100672 lslocks:72400 lslogins:96576 lsmem:67904 lsns:84288 mcookie:35200 mesg:18744 namei:35136 nsenter:35368 partx:121152 prlimit:39760 rename.ul:22840 resizepart:72000 rev:14648 setarch:27216 setpriv:80192 setsid:14648 setterm:47424 taskset:63808 uclampset:63808 unshare:84520 utmpdump:31032 whereis:31504 i386>setarch lastb>last linux32>setarch linux64>setarch x86_64>setarch|bin/ dmesg:88656 findmnt:85600 lsblk:207168 more:59712 mountpoint:18744 su:72000!4755 wdctl:72024|etc/pam.d/ runuser:143 runuser-l:138 su:2259 su-l:137|usr/sbin/ chmem:67904 ldattach:35136 readprofile:35168 rtcwake:47424|sbin/ agetty:69112 blkdiscard:35136 blkid:125280 blkzone:80192 blockdev:80192 chcpu:47416 ctrlaltdel:39224 findfs:14648 fsck:55664 fsck.cramfs:43384 fsck.minix:125272 fsfreeze:14648 fstrim:76096 isosize:31040 mkfs:14648 mkfs.bfs:35136 mkfs.cramfs:43256 mkfs.minix:112968 mkswap:117056 pivot_root:14648 runuser:72000 sulogin:55616 swaplabel:18744 switch_root:18744 wipefs:47424 zramctl:117168 getty>agetty|usr/share/doc/util-linux/ changelog.Debian.gz:7943 changelog.gz:113 copyright:23237 00-about-docs.txt:944 AUTHORS.gz:59204 PAM-configuration.txt:2436 README.Debian:1746 blkid.txt:11832|usr/share/doc/util-linux/releases/ v2.13-ReleaseNotes.gz:61994 v2.14-ReleaseNotes.gz:54125 v2.15-ReleaseNotes.gz:80087 v2.16-ReleaseNotes.gz:24882 v2.17-ReleaseNotes.gz:54652|usr/share/bash-completion/completions/ addpart:6276 blkdiscard:8895 blkid:27892 blkzone:13148 blockdev:9855 lastb>last|usr/share/doc/util-linux/examples/ getopt-example.bash:1595 getopt-example.tcsh:2257|lib/systemd/system/ fstrim.service:477 fstrim.timer:270|MAN 171375",
  "util-linux-extra":
    "etc/default/ hwclock:81|etc/init.d/ hwclock.sh:1748!755|sbin/ hwclock:88512|usr/bin/ fincore:35184 lsfd:123192 lsirq:35312|usr/share/doc/util-linux-extra/ changelog.Debian.gz:7944 changelog.gz:113 copyright:23237|usr/share/bash-completion/completions/ fincore:916 hwclock:1162 lsirq:816|usr/lib/udev/ hwclock-set:252!755|usr/lib/udev/rules.d/ 85-hwclock.rules:208|MAN 20476",
  zlib1g:
    "lib/$T/ libz.so.1.2.13:121280 libz.so.1>libz.so.1.2.13|usr/share/doc/zlib1g/ changelog.Debian.gz:1044 changelog.gz:29091 copyright:2927",
};
