/** The shell's programs: `sh` (busybox ash; the same code answers to "ash", "dash" and "bash"). */
import type { ProgramDef } from "../kernel/api";
import { shMain } from "./main";

export const shellPrograms: ProgramDef[] = [
  { name: "sh", main: (sys) => shMain(sys), rss: 1_200_000 },
  { name: "ash", main: (sys) => shMain(sys), rss: 1_200_000 },
  // Debian-based images run their scripts with dash and bash. Both are served by this ash-compatible
  // shell, speaking their dialect where a user notices: messages, startup files, bash's variables,
  // shopt and [[ ]]. Arrays are not there.
  { name: "dash", main: (sys) => shMain(sys, "dash"), rss: 1_000_000 },
  { name: "bash", main: (sys) => shMain(sys, "bash"), rss: 3_500_000 },
];
