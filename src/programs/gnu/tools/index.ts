/** The GNU tools that have their own implementation here rather than the shared busybox-like one. */
import type { ProgramDef } from "../../../kernel/api";
import { gnuCat } from "./cat";
import { gnuChmod } from "./chmod";
import { gnuDf } from "./df";
import { gnuDirnameProgram } from "./dirname";
import { gnuDu } from "./du";
import { gnuLn } from "./ln";
import { gnuMv } from "./mv";
import { gnuNproc } from "./nproc";
import { gnuReadlink } from "./readlink";
import { gnuTouch } from "./touch";

export const GNU_OWN: Record<string, ProgramDef> = {
  cat: gnuCat,
  chmod: gnuChmod,
  df: gnuDf,
  dirname: gnuDirnameProgram,
  du: gnuDu,
  ln: gnuLn,
  mv: gnuMv,
  nproc: gnuNproc,
  readlink: gnuReadlink,
  touch: gnuTouch,
};
