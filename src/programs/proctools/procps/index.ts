/**
 * procps-ng's flavour: binaries named "procps:PACKAGE:VERSION:NAME" (the host's procps package) run
 * procps's own ps, free and uptime; its other tools run the shared implementation of NAME.
 */
import type { ProgramDef } from "../../../kernel/api";
import { procpsFree } from "./free";
import { procpsKill } from "./kill";
import { procpsPs } from "./ps";
import { procpsTop } from "./top";
import { procpsUptime } from "./uptime";
import { procpsW } from "./w";
import { procpsWatch } from "./watch";

const OWN: Record<string, ProgramDef> = { ps: procpsPs, free: procpsFree, uptime: procpsUptime, kill: procpsKill, top: procpsTop, w: procpsW, watch: procpsWatch };

export function procpsProgram(prog: string, base: (name: string) => ProgramDef | undefined): ProgramDef | undefined {
  const m = /^procps:[^:]+:[^:]+:(.+)$/.exec(prog);
  if (!m) return undefined;
  return OWN[m[1]] ?? base(m[1]);
}
