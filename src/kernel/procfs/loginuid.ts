/**
 * The audit login uid and session id of a process (/proc/PID/loginuid, /proc/PID/sessionid), as
 * pam_loginuid sets them at login: unset ((u32)-1) for everything not started by a login, such as
 * daemons and containers; inherited on fork.
 */
import { capable } from "../caps";
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { Process } from "../world";

const UNSET = 4294967295;

export const loginuidOf = (p: Process): string => String(p.loginuid ?? UNSET);
export const sessionidOf = (p: Process): string => String(p.sessionid ?? UNSET);

/**
 * audit_set_loginuid(): a valid uid starts a new audit session (the next number of a counter kept
 * since boot); (u32)-1 unsets both. Changing a uid already set takes CAP_AUDIT_CONTROL.
 */
export function setLoginuid(k: Kernel, p: Process, uid: number): void {
  if (p.loginuid !== undefined && !capable(p, "AUDIT_CONTROL")) throw new Errno("EPERM");
  if (uid === UNSET) {
    p.loginuid = undefined;
    p.sessionid = undefined;
    return;
  }
  p.loginuid = uid;
  p.sessionid = k.w.next.auditSession = (k.w.next.auditSession ?? 0) + 1;
}

/** proc_loginuid_write(): only the process itself may write; the number as kstrtou32 reads it. */
export function writeLoginuid(k: Kernel, p: Process, data: string): void {
  if (k.current !== p.pid) throw new Errno("EPERM");
  const m = /^\+?(\d+)\n?$/.exec(data);
  if (!m) throw new Errno("EINVAL");
  const uid = Number(m[1]);
  if (uid > UNSET) throw new Errno("ERANGE");
  setLoginuid(k, p, uid);
}
