import type { ProgramDef } from "../../kernel/api";
import { hello } from "./hello";
import { httpd } from "./httpd";
import { nginx } from "./nginx";
import { python3 } from "./python";

export const serverPrograms: ProgramDef[] = [hello, httpd, nginx, python3];
