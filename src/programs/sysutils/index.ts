import type { ProgramDef } from "../../kernel/api";
import { date } from "./date";
import { env } from "./env";
import { hostname } from "./hostname";
import { id } from "./id";
import { whoami } from "./id";
import { nproc } from "./nproc";
import { printenv } from "./printenv";
import { setpriv } from "./setpriv";
import { sleep } from "./sleep";
import { usleep } from "./sleep";
import { clear } from "./term";
import { reset } from "./term";
import { tty } from "./term";
import { test } from "./test";
import { bracket } from "./test";
import { doubleBracket } from "./test";
import { timeout } from "./timeout";
import { trueProgram } from "./truefalse";
import { falseProgram } from "./truefalse";
import { uname } from "./uname";
import { uptime } from "./uptime";
import { busyboxW, who } from "./who";
import { last } from "./last";

export const sysutilsPrograms: ProgramDef[] = [
  setpriv,
  date,
  env,
  hostname,
  id,
  whoami,
  nproc,
  printenv,
  sleep,
  usleep,
  clear,
  reset,
  tty,
  test,
  bracket,
  doubleBracket,
  timeout,
  trueProgram,
  falseProgram,
  uname,
  uptime,
  who,
  busyboxW,
  last,
];
