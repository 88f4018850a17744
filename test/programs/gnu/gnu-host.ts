/**
 * A simulated host whose core tools are the GNU flavour (as in a Debian 12 container: coreutils 9.1,
 * grep 3.8, sed 4.9, findutils 4.9.0, hostname 3.23), for running cases recorded from the real tools.
 */
import type { Kernel } from "../../../src/kernel";
import type { ProgramDef } from "../../../src/kernel/api";
import { gnuProgram } from "../../../src/programs/gnu/program";
import { programs } from "../../../src/programs/registry";
import { newHost } from "../../helpers/host";

const PACKAGES: Record<string, string> = {
  coreutils: "9.1 cat chgrp chmod chown cp date dd df echo false ln ls mkdir mknod mktemp mv pwd readlink rm rmdir sleep sync touch true uname base64 basename cut dirname du env head id md5sum mkfifo nl nproc od printenv printf realpath seq sha256sum sort stat tac tail tee timeout tr truncate tty uniq wc whoami yes",
  grep: "3.8 grep",
  sed: "4.9 sed",
  findutils: "4.9.0 find xargs",
  hostname: "3.23 hostname",
};

/** The GNU programs, each under its bare name (so /usr/bin/ls runs GNU ls). */
export function gnuPrograms(): ProgramDef[] {
  const list: ProgramDef[] = [];
  for (const [pkg, spec] of Object.entries(PACKAGES)) {
    const [version, ...names] = spec.split(" ");
    for (const name of names) {
      const p = gnuProgram(`gnu:${pkg}:${version}:${name}`, (n) => programs.get(n));
      if (p) list.push({ ...p, name });
    }
  }
  return list;
}

export function newGnuHost(extra: ProgramDef[] = []): Kernel {
  return newHost({ extra: [...gnuPrograms(), ...extra] });
}
