/** true and false: exit 0 and 1, whatever the arguments. */
import type { ProgramDef } from "../../kernel/api";

export const trueProgram: ProgramDef = {
  name: "true",
  // biome-ignore lint/correctness/useYield: exits at once
  *main() {
    return 0;
  },
};

export const falseProgram: ProgramDef = {
  name: "false",
  // biome-ignore lint/correctness/useYield: exits at once
  *main() {
    return 1;
  },
};
