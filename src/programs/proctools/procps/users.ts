/**
 * The user count of uptime and top (libproc2's count_users): on a systemd-booted host
 * (/run/systemd/system exists) sd_get_sessions(), the logind sessions under /run/systemd/sessions;
 * otherwise the USER_PROCESS records of /var/run/utmp with a user name. A terminal login counts
 * once it is registered in one of them.
 */
import type { Sys } from "../../../kernel/api";

/** struct utmp on x86-64: 384 bytes, ut_type first, ut_user (32 bytes) at offset 44. */
const UTMP_SIZE = 384;
const USER_PROCESS = 7;

export function countUsers(sys: Sys): number {
  let systemd = false;
  try {
    systemd = sys.stat("/run/systemd/system").type === "dir";
  } catch {
    systemd = false;
  }
  if (systemd) {
    try {
      // sd_get_sessions lists the session files; logind's ".ref" files are not sessions.
      return sys.readdir("/run/systemd/sessions").filter((n) => !n.includes(".")).length;
    } catch {
      return 0;
    }
  }
  let data = "";
  try {
    data = sys.readFile("/var/run/utmp");
  } catch {
    return 0;
  }
  let users = 0;
  for (let off = 0; off + UTMP_SIZE <= data.length; off += UTMP_SIZE) {
    const type = data.charCodeAt(off) | (data.charCodeAt(off + 1) << 8);
    if (type === USER_PROCESS && data.charCodeAt(off + 44) !== 0) users++;
  }
  return users;
}
