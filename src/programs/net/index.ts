import type { ProgramDef } from "../../kernel/api";
import { curl } from "./curl";
import { ip } from "./ip";
import { iptables } from "./iptables";
import { nslookup } from "./nslookup";
import { ping } from "./ping";
import { wget } from "./wget";

export const netPrograms: ProgramDef[] = [curl, ip, iptables, nslookup, ping, wget];
