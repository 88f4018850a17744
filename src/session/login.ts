/**
 * What a login on the host leaves behind, as pam_systemd, logind and login(1) write it on Debian
 * 12: the logind session file /run/systemd/sessions/N (what uptime, top and w count on a systemd
 * host) and the USER_PROCESS record in /run/utmp and /var/log/wtmp (what who and w list). Logging
 * out removes the session and turns the record into a DEAD_PROCESS one.
 */
import type { Kernel } from "../kernel";
import { appendFile, exists, hostWalker, mkdirp, readFile, removeTree, writeFile } from "../engine/hostfs";
import { setLoginuid } from "../kernel/procfs/loginuid";

const UTMP_SIZE = 384;
const RUN_LVL = 1;
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
function utmpRecord(type: number, pid: number, line: string, id: string, user: string, epochUsec: number, host = ""): string {
  const field = (s: string, size: number) => s.slice(0, size).padEnd(size, "\0");
  const rec =
    String.fromCharCode(type, 0, 0, 0) +
    le32(pid) +
    field(line, 32) +
    field(id, 4) +
    field(user, 32) +
    field(host, 256) +
    le32(0) + // ut_exit
    le32(0) + // ut_session
    le32(Math.floor(epochUsec / 1e6)) +
    le32(epochUsec % 1e6) +
    "\0".repeat(16 + 20); // ut_addr_v6, unused
  return rec;
}

const nowEpochUsec = (k: Kernel) => k.w.clock.bootEpochUsec + k.w.clock.nowUsec;

/**
 * Boot-time state systemd leaves: /run/systemd/system (booted with systemd) and what
 * systemd-update-utmp writes to utmp and wtmp: the boot record, then the run-level record once
 * graphical.target (Debian's default target, run level 5) is reached; both carry the kernel
 * release as their host.
 */
export function markSystemdBoot(k: Kernel): void {
  mkdirp(k, "/run/systemd/system");
  mkdirp(k, "/run/systemd/sessions");
  const release = k.w.config.kernelRelease;
  const boot = utmpRecord(BOOT_TIME, 0, "~", "~~", "reboot", k.w.clock.bootEpochUsec, release);
  // ut_pid holds the new level in its low byte and the previous one (none: 0) above it.
  const runlevel = utmpRecord(RUN_LVL, "5".charCodeAt(0), "~", "~~", "runlevel", nowEpochUsec(k), release);
  writeFile(k, "/run/utmp", boot + runlevel, 0o664);
  if (exists(k, "/var/log/wtmp")) appendFile(k, "/var/log/wtmp", boot + runlevel);
}

/**
 * Registers a login on a terminal: pam_loginuid sets the shell's login uid, which starts a new
 * audit session; logind names its session after that number (past `previous` and the others
 * present: logind never reuses one while it runs); login(1) writes the terminal's utmp entry.
 */
export function registerLogin(k: Kernel, login: Omit<Login, "session">, previous = 0): Login {
  const taken = exists(k, "/run/systemd/sessions") ? sessionNumbers(k) : [];
  const session = k.transact(() => {
    k.w.next.auditSession = Math.max(k.w.next.auditSession ?? 0, previous, ...taken);
    const shell = k.w.procs[login.pid];
    setLoginuid(k, shell, login.uid);
    return shell.sessionid!;
  });
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
