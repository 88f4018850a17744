/** Process, mount and namespace tools, for the program registry. */
import type { ProgramDef } from "../../kernel/api";
import { chroot } from "./chroot";
import { findmnt } from "./findmnt";
import { free } from "./free";
import { kill, killall } from "./kill";
import { lsns } from "./lsns";
import { mount } from "./mount";
import { nsenter } from "./nsenter";
import { pgrep, pkill } from "./pgrep";
import { pidof } from "./pidof";
import { ps } from "./ps";
import { setsid } from "./setsid";
import { top } from "./top";
import { umount } from "./umount";
import { unshare } from "./unshare";
import { watch } from "./watch";

export const proctoolsPrograms: ProgramDef[] = [
  ps, kill, killall, pidof, pgrep, pkill, top, free, mount, umount, chroot, unshare, nsenter, lsns, findmnt, setsid, watch,
];
