import type { ProgramDef } from "../../kernel/api";
import { echo } from "./echo";
import { printf } from "./printf";

export const textutilsPrograms: ProgramDef[] = [echo, printf];
