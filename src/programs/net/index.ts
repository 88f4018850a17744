import type { ProgramDef } from "../../kernel/api";
import { bridge } from "./bridge";
import { brctl } from "./brctl";
import { curl } from "./curl";
import { ifconfig } from "./ifconfig";
import { ip } from "./ip";
import { iptables } from "./iptables";
import { netstat } from "./netstat";
import { nslookup } from "./nslookup";
import { ping } from "./ping";
import { route } from "./route";
import { ss } from "./ss";
import { wget } from "./wget";

export const netPrograms: ProgramDef[] = [curl, ip, iptables, nslookup, ping, wget, bridge, brctl, ifconfig, netstat, route, ss];
