/** `--version` of the GNU tools Debian and Ubuntu images carry, from the package's version. */
import type { GnuTool } from "./flavour";

/** Copyright year of each upstream release the images ship. */
const RELEASE_YEAR: Record<string, number> = {
  "coreutils 9.1": 2022,
  "coreutils 9.4": 2023,
  "coreutils 9.7": 2025,
  "grep 3.7": 2021,
  "grep 3.8": 2022,
  "grep 3.11": 2023,
  "sed 4.8": 2020,
  "sed 4.9": 2022,
  "findutils 4.8.0": 2021,
  "findutils 4.9.0": 2022,
  "findutils 4.10.0": 2024,
};

/** "Written by" of each coreutils program (coreutils' AUTHORS, as --version prints them). */
const COREUTILS_AUTHORS: Record<string, string> = {
  cat: "Torbjorn Granlund and Richard M. Stallman.",
  chgrp: "David MacKenzie and Jim Meyering.",
  chmod: "David MacKenzie and Jim Meyering.",
  chown: "David MacKenzie and Jim Meyering.",
  chroot: "Roland McGrath.",
  cp: "Torbjorn Granlund, David MacKenzie, and Jim Meyering.",
  date: "David MacKenzie.",
  dd: "Paul Rubin, David MacKenzie, and Stuart Kemp.",
  df: "Torbjorn Granlund, David MacKenzie, and Paul Eggert.",
  echo: "Brian Fox and Chet Ramey.",
  false: "Jim Meyering.",
  ln: "Mike Parker and David MacKenzie.",
  ls: "Richard M. Stallman and David MacKenzie.",
  mkdir: "David MacKenzie.",
  mknod: "David MacKenzie.",
  mktemp: "Jim Meyering and Eric Blake.",
  mv: "Mike Parker, David MacKenzie, and Jim Meyering.",
  pwd: "Jim Meyering.",
  readlink: "Dmitry V. Levin.",
  rm: "Paul Rubin, David MacKenzie, Richard M. Stallman,\nand Jim Meyering.",
  rmdir: "David MacKenzie.",
  sleep: "Jim Meyering and Paul Eggert.",
  sync: "Jim Meyering and Giuseppe Scrivano.",
  touch: "Paul Rubin, Arnold Robbins, Jim Kingdon,\nDavid MacKenzie, and Randy Smith.",
  true: "Jim Meyering.",
  uname: "David MacKenzie.",
  base64: "Simon Josefsson.",
  basename: "David MacKenzie.",
  cut: "David M. Ihnat, David MacKenzie, and Jim Meyering.",
  dirname: "David MacKenzie and Jim Meyering.",
  du: "Torbjorn Granlund, David MacKenzie, Paul Eggert,\nand Jim Meyering.",
  env: "Richard Mlynarik, David MacKenzie, and Assaf Gordon.",
  head: "David MacKenzie and Jim Meyering.",
  id: "Arnold Robbins and David MacKenzie.",
  md5sum: "Ulrich Drepper, Scott Miller, and David Madore.",
  mkfifo: "David MacKenzie.",
  nl: "Scott Bartram and David MacKenzie.",
  nproc: "Giuseppe Scrivano.",
  od: "Jim Meyering.",
  printenv: "David MacKenzie and Richard Mlynarik.",
  printf: "David MacKenzie.",
  realpath: "Padraig Brady.",
  seq: "Ulrich Drepper.",
  sha256sum: "Ulrich Drepper, Scott Miller, and David Madore.",
  sort: "Mike Haertel and Paul Eggert.",
  stat: "Michael Meskes.",
  tac: "Jay Lepreau and David MacKenzie.",
  tail: "Paul Rubin, David MacKenzie, Ian Lance Taylor,\nand Jim Meyering.",
  tee: "Mike Parker, Richard M. Stallman, and David MacKenzie.",
  timeout: "Padraig Brady.",
  tr: "Jim Meyering.",
  truncate: "Padraig Brady.",
  tty: "David MacKenzie.",
  uniq: "Richard M. Stallman and David MacKenzie.",
  wc: "Paul Rubin and David MacKenzie.",
  whoami: "Richard Mlynarik.",
  yes: "David MacKenzie.",
  "[": "Kevin Braunsdorf and Matthew Bradburn.",
  test: "Kevin Braunsdorf and Matthew Bradburn.",
};

const LICENSE =
  "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n";

/** What `TOOL --version` prints on stdout. */
export function versionText(t: GnuTool): string {
  if (t.pkg === "hostname") return `hostname ${t.version}\n`;
  const year = RELEASE_YEAR[`${t.pkg} ${t.version}`] ?? 2022;
  const copyright = `Copyright (C) ${year} Free Software Foundation, Inc.\n${LICENSE}`;
  if (t.pkg === "grep")
    return `${t.name} (GNU grep) ${t.version}\n${copyright}\nWritten by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.\n`;
  if (t.pkg === "sed")
    return `sed (GNU sed) ${t.version}\nPackaged by Debian\n${copyright}\nWritten by Jay Fenlason, Tom Lord, Ken Pizzini,\nPaolo Bonzini, Jim Meyering, and Assaf Gordon.\n\nThis sed program was built with SELinux support.\nSELinux is disabled on this system.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n`;
  if (t.pkg === "findutils") {
    const features = t.name === "find" ? "Features enabled: D_TYPE O_NOFOLLOW(enabled) LEAF_OPTIMISATION FTS(FTS_CWDFD) CBO(level=2) \n" : "";
    return `${t.name} (GNU findutils) ${t.version}\n${copyright}\nWritten by Eric B. Decker, James Youngman, and Kevin Dalley.\n${features}`;
  }
  const authors = COREUTILS_AUTHORS[t.name];
  return `${t.name} (GNU coreutils) ${t.version}\n${copyright}${authors ? `\nWritten by ${authors}\n` : ""}`;
}
