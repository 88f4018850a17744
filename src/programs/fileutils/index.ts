/** The busybox file utilities, for the program registry. */
import type { ProgramDef } from "../../kernel/api";
import { cat } from "./cat";
import { cp } from "./cp";
import { ls } from "./ls";
import { mkdir } from "./mkdir";
import { mv } from "./mv";
import { rm } from "./rm";
import { rmdir } from "./rmdir";

export const fileutilsPrograms: ProgramDef[] = [ls, cat, mkdir, rmdir, rm, mv, cp];
