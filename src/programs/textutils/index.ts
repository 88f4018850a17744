import type { ProgramDef } from "../../kernel/api";
import { awk, mawk } from "./awk";
import { base64 } from "./base64";
import { md5sum } from "./checksum";
import { sha256sum } from "./checksum";
import { cut } from "./cut";
import { echo } from "./echo";
import { grep } from "./grep";
import { egrep } from "./grep";
import { fgrep } from "./grep";
import { head } from "./head";
import { hexdump } from "./hexdump";
import { nl } from "./nl";
import { od } from "./od";
import { printf } from "./printf";
import { rev } from "./rev";
import { sed } from "./sed";
import { seq } from "./seq";
import { sort } from "./sort";
import { tac } from "./tac";
import { tail } from "./tail";
import { tee } from "./tee";
import { tr } from "./tr";
import { uniq } from "./uniq";
import { wc } from "./wc";
import { xargs } from "./xargs";
import { yes } from "./yes";

export const textutilsPrograms: ProgramDef[] = [
  awk,
  mawk,
  base64,
  md5sum,
  sha256sum,
  cut,
  echo,
  grep,
  egrep,
  fgrep,
  head,
  hexdump,
  nl,
  od,
  printf,
  rev,
  sed,
  seq,
  sort,
  tac,
  tail,
  tee,
  tr,
  uniq,
  wc,
  xargs,
  yes,
];
