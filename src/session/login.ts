/**
 * What a login on the host leaves behind, as pam_systemd, logind and login(1) write it on Debian
 * 12: the logind session file /run/systemd/sessions/N (what uptime, top and w count on a systemd
 * host) and the USER_PROCESS record in /run/utmp and /var/log/wtmp (what who and w list). Logging
 * out removes the session and turns the record into a DEAD_PROCESS one.
 */
import type { Kernel } from "../kernel";
import { appendFile, exists, hostWalker, mkdirp, readFile, removeTree, writeFile } from "../engine/hostfs";

const UTMP_SIZE = 384;
const BOOT_TIME = 2;
const USER_PROCESS = 7;
const DEAD_PROCESS = 8;

export interface Login {
  session: number;
  pid: number;
  /** The terminal's name under /dev, "pts/0". */
  tty: string;
  user: string;
  uid: number;
}

function le32(n: number): string {
  return String.fromCharCode(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
}

/** A struct utmp (x86-64 glibc layout) as a byte string. */
function utmpRecord(type: number, pid: number, line: string, id: string, user: string, epochUsec: number): string {
  const field = (s: string, size: number) => s.slice(0, size).padEnd(size, "\0");
  const rec =
    String.fromCharCode(type, 0, 0, 0) +
    le32(pid) +
    field(line, 32) +
    field(id, 4) +
    field(user, 32) +
    field("", 256) +
    le32(0) + // ut_exit
    le32(0) + // ut_session
    le32(Math.floor(epochUsec / 1e6)) +
    le32(epochUsec % 1e6) +
    "\0".repeat(16 + 20); // ut_addr_v6, unused
  return rec;
}

const nowEpochUsec = (k: Kernel) => k.w.clock.bootEpochUsec + k.w.clock.nowUsec;

/** Boot-time state systemd leaves: /run/systemd/system (booted with systemd), utmp's boot record. */
export function markSystemdBoot(k: Kernel): void {
  mkdirp(k, "/run/systemd/system");
  mkdirp(k, "/run/systemd/sessions");
  const boot = utmpRecord(BOOT_TIME, 0, "~", "~~", "reboot", k.w.clock.bootEpochUsec);
  writeFile(k, "/run/utmp", boot, 0o664);
  if (exists(k, "/var/log/wtmp")) appendFile(k, "/var/log/wtmp", boot);
}

/**
 * Registers a login on a terminal: a logind session numbered after `previous` (logind never reuses
 * a number while it runs) and the others present, and the terminal's utmp entry.
 */
export function registerLogin(k: Kernel, login: Omit<Login, "session">, previous = 0): Login {
  const taken = exists(k, "/run/systemd/sessions") ? sessionNumbers(k) : [];
  const session = Math.max(previous, ...taken) + 1;
  const now = nowEpochUsec(k);
  writeFile(
    k,
    `/run/systemd/sessions/${session}`,
    [
      "# This is private data. Do not parse.",
      `UID=${login.uid}`,
      `USER=${login.user}`,
      "ACTIVE=1",
      "IS_DISPLAY=0",
      "STATE=active",
      "REMOTE=0",
      "TYPE=tty",
      "ORIGINAL_TYPE=tty",
      "CLASS=user",
      `SCOPE=session-${session}.scope`,
      `FIFO=/run/systemd/sessions/${session}.ref`,
      `TTY=${login.tty}`,
      "SERVICE=login",
      `LEADER=${login.pid}`,
      `AUDIT=${session}`,
      `REALTIME=${now}`,
      `MONOTONIC=${k.w.clock.nowUsec}`,
      "",
    ].join("\n"),
  );
  const rec = utmpRecord(USER_PROCESS, login.pid, login.tty, login.tty.replace(/^pts\//, "ts/"), login.user, now);
  writeUtmpEntry(k, login.tty, rec);
  if (exists(k, "/var/log/wtmp")) appendFile(k, "/var/log/wtmp", rec);
  return { ...login, session };
}

/** The login's shell ended: logind drops the session; the terminal's utmp entry becomes dead. */
export function endLogin(k: Kernel, login: Login): void {
  removeTree(k, `/run/systemd/sessions/${login.session}`);
  const rec = utmpRecord(DEAD_PROCESS, login.pid, login.tty, login.tty.replace(/^pts\//, "ts/"), "", nowEpochUsec(k));
  writeUtmpEntry(k, login.tty, rec);
  if (exists(k, "/var/log/wtmp")) appendFile(k, "/var/log/wtmp", rec);
}

function sessionNumbers(k: Kernel): number[] {
  const out: number[] = [];
  const dir = k.vfs.walk(hostWalker(k), "/run/systemd/sessions", true);
  for (const e of k.vfs.readdir(dir)) if (/^\d+$/.test(e.name)) out.push(Number(e.name));
  return out;
}

/** pututline: the entry for the same line is replaced, else the record is appended. */
function writeUtmpEntry(k: Kernel, line: string, rec: string): void {
  let data = exists(k, "/run/utmp") ? readFile(k, "/run/utmp") : "";
  for (let off = 0; off + UTMP_SIZE <= data.length; off += UTMP_SIZE) {
    const type = data.charCodeAt(off);
    const recLine = data.slice(off + 8, off + 40).replace(/\0.*$/s, "");
    if ((type === USER_PROCESS || type === DEAD_PROCESS) && recLine === line) {
      data = data.slice(0, off) + rec + data.slice(off + UTMP_SIZE);
      writeFile(k, "/run/utmp", data, 0o664);
      return;
    }
  }
  writeFile(k, "/run/utmp", data + rec, 0o664);
}
