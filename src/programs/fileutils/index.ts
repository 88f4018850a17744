/** The busybox file utilities, for the program registry. */
import type { ProgramDef } from "../../kernel/api";
import { basename } from "./basename";
import { cat } from "./cat";
import { chmod } from "./chmod";
import { chgrp, chown } from "./chown";
import { cp } from "./cp";
import { dd } from "./dd";
import { df } from "./df";
import { dirname } from "./dirname";
import { du } from "./du";
import { find } from "./find";
import { ln } from "./ln";
import { ls } from "./ls";
import { mkdir } from "./mkdir";
import { mkfifo, mknod } from "./mknod";
import { mktemp } from "./mktemp";
import { mv } from "./mv";
import { pwd } from "./pwd";
import { readlink } from "./readlink";
import { realpath } from "./realpath";
import { rm } from "./rm";
import { rmdir } from "./rmdir";
import { stat } from "./stat";
import { sync } from "./sync";
import { touch } from "./touch";
import { truncate } from "./truncate";
import { which } from "./which";

export const fileutilsPrograms: ProgramDef[] = [
  ls,
  cat,
  mkdir,
  rmdir,
  rm,
  mv,
  cp,
  ln,
  touch,
  stat,
  find,
  readlink,
  realpath,
  basename,
  dirname,
  du,
  df,
  pwd,
  which,
  mktemp,
  chmod,
  chown,
  chgrp,
  dd,
  truncate,
  sync,
  mkfifo,
  mknod,
];
