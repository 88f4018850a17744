/** The shell's programs: `sh` (busybox ash; the same code answers to "ash"). */
import type { ProgramDef } from "../kernel/api";
import { shMain } from "./main";

export const shellPrograms: ProgramDef[] = [
  { name: "sh", main: (sys) => shMain(sys), rss: 1_200_000 },
  { name: "ash", main: (sys) => shMain(sys), rss: 1_200_000 },
];
