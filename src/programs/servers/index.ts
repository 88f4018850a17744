import type { ProgramDef } from "../../kernel/api";
import { hello } from "./hello";
import { httpd } from "./httpd";
import { nginx } from "./nginx";
import { node } from "./node";
import { python3 } from "./python";
import { redisCli, redisServer } from "./redis";
import { registry } from "./registry";

export const serverPrograms: ProgramDef[] = [hello, httpd, nginx, node, python3, redisCli, redisServer, registry];
