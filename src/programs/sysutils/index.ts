import type { ProgramDef } from "../../kernel/api";

export const sysutilsPrograms: ProgramDef[] = [];
