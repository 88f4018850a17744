/**
 * netstat: busybox 1.35. Reads /proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix} of the caller's network
 * namespace as busybox does; -r prints the routing table as route does. The busybox inside images is
 * Debian's build (no -W, no -p); the host's netstat is busybox with its default features (-W, -p).
 * The /proc table readers here are shared with ss.
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out } from "../lib/io";
import { runningAsBusybox } from "./lib/ifaces";
import { displayRoutes } from "./route";
import { USAGE } from "./usage";

export interface Endpoint {
  ip: string;
  port: number;
  v6: boolean;
}

/** One line of /proc/net/{tcp,udp,raw}[6]. */
export interface InetSocket {
  local: Endpoint;
  remote: Endpoint;
  /** Kernel TCP state number (10 = LISTEN, 7 = CLOSE). */
  state: number;
  txq: number;
  rxq: number;
  uid: number;
  inode: number;
}

function hexToIpv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [0, 8, 16, 24].map((s) => (n >>> s) & 255).join(".");
}

/** The kernel prints an IPv6 address as four host-order (little-endian) 32-bit words. */
function hexToIpv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255)
    return `::ffff:${bytes.slice(12).join(".")}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
  // Longest run of zero groups (at least two) becomes "::", as inet_ntop writes it.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

function endpoint(field: string): Endpoint {
  const [addr, port] = field.split(":");
  const v6 = addr.length > 8;
  return { ip: v6 ? hexToIpv6(addr) : hexToIpv4(addr), port: Number.parseInt(port, 16), v6 };
}

/** The sockets of one /proc/net table, or null when the kernel has no such file. */
export function readInetTable(sys: Sys, path: string): InetSocket[] | null {
  let text: string;
  try {
    text = sys.readFile(path);
  } catch (e) {
    if (asErrno(e).code === "ENOENT") return null;
    throw e;
  }
  const rows: InetSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [txq, rxq] = f[4].split(":").map((h) => Number.parseInt(h, 16));
    rows.push({ local: endpoint(f[1]), remote: endpoint(f[2]), state: Number.parseInt(f[3], 16), txq, rxq, uid: Number(f[7]), inode: Number(f[9]) });
  }
  return rows;
}

export interface SocketUser {
  pid: number;
  fd: number;
  /** argv[0] as /proc/PID/cmdline has it. */
  argv0: string;
  /** The name in /proc/PID/stat. */
  comm: string;
}

/** Who holds each socket inode open: every /proc/PID/fd link "socket:[N]", in /proc's order. */
export function socketUsers(sys: Sys): Map<number, SocketUser[]> {
  const users = new Map<number, SocketUser[]>();
  for (const name of sys.readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      const argv0 = sys.readFile(`/proc/${pid}/cmdline`).split("\x00")[0];
      const stat = sys.readFile(`/proc/${pid}/stat`);
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      for (const fd of sys.readdir(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(sys.readlink(`/proc/${pid}/fd/${fd}`));
        if (!m) continue;
        const list = users.get(Number(m[1])) ?? [];
        list.push({ pid, fd: Number(fd), argv0, comm });
        users.set(Number(m[1]), list);
      }
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }
  return users;
}

function readOptional(sys: Sys, path: string): string {
  try {
    return sys.readFile(path);
  } catch (e) {
    asErrno(e);
    return "";
  }
}

/** getservbyport(): the first /etc/services name of PORT/PROTO. */
export function serviceName(sys: Sys, port: number, proto: string): string | undefined {
  for (const line of readOptional(sys, "/etc/services").split("\n")) {
    const f = line.replace(/#.*/, "").trim().split(/\s+/);
    if (f.length >= 2 && f[1] === `${port}/${proto}`) return f[0];
  }
  return undefined;
}

/** gethostbyaddr() as far as files go: the first name /etc/hosts gives the address. */
export function hostByAddr(sys: Sys, ip: string): string | undefined {
  for (const line of readOptional(sys, "/etc/hosts").split("\n")) {
    const f = line.replace(/#.*/, "").trim().split(/\s+/);
    if (f.length >= 2 && f[0] === ip) return f[1];
  }
  return undefined;
}

const TCP_STATES = ["", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"];

/** Debian's busybox lacks FEATURE_NETSTAT_WIDE and _PRG; the defconfig build has both. */
const USAGE_FULL = `${USAGE.netstat.replace("[-en]", "[-enWp]")}\n\t-W\tWide display\n\t-p\tShow PID/program name for sockets`;

const CONNECTED = 1;
const LISTENING = 2;

export const netstat: ProgramDef = {
  name: "netstat",
  rss: 600 * 1024,
  *main(sys) {
    const debianBuild = runningAsBusybox(sys);
    const usage = debianBuild ? USAGE.netstat : USAGE_FULL;
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: debianBuild ? "laentuwxr" : "laentuwxrWp" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, usage, e.message);
      throw e;
    }
    const f = opts.flags;
    const numeric = !!f.n;
    if (f.r) {
      yield* out(sys, displayRoutes(sys, numeric, !f.e));
      return 0;
    }
    let which = f.l ? LISTENING : CONNECTED;
    if (f.a) which = LISTENING | CONNECTED;
    const any = f.t || f.u || f.w || f.x;
    const want = (p: string) => !any || !!f[p];
    const width = f.W ? 51 : 23;
    const showPrg = !!f.p;
    const users = showPrg ? socketUsers(sys) : new Map<number, SocketUser[]>();
    const scope =
      which === (LISTENING | CONNECTED) ? "(servers and established)" : which & LISTENING ? "(only servers)" : "(w/o servers)";
    const banner = showPrg ? "PID/Program name    " : "";
    let text = "";
    const addr = (e: Endpoint, proto: string) => {
      let host: string | undefined;
      if (!numeric && !e.v6 && e.ip !== "0.0.0.0") host = hostByAddr(sys, e.ip);
      const port = e.port === 0 ? "*" : ((numeric ? undefined : serviceName(sys, e.port, proto)) ?? String(e.port));
      return `${host ?? e.ip}:${port}`;
    };
    const table = (path: string, proto: "tcp" | "udp" | "raw") => {
      // A table the kernel lacks has no sockets (Linux always has them, header only when empty).
      for (const s of readInetTable(sys, path) ?? []) {
        const isNull = s.remote.ip === "0.0.0.0" || s.remote.ip === "::";
        const connected = proto === "tcp" ? s.remote.port !== 0 : !isNull;
        if (!(which & (connected ? CONNECTED : LISTENING))) continue;
        const state =
          proto === "tcp" ? (TCP_STATES[s.state] ?? "") : proto === "udp" ? (s.state === 1 ? "ESTABLISHED" : s.state === 7 ? "" : "UNKNOWN") : String(s.state);
        const prg = showPrg ? (users.get(s.inode)?.[0] ? progLabel(users.get(s.inode)![0]) : "-").slice(0, 20) : "";
        text += `${proto}   ${String(s.rxq).padStart(6)} ${String(s.txq).padStart(6)} ${addr(s.local, proto).padEnd(width)} ${addr(s.remote, proto).padEnd(width)} ${state.padEnd(12)}${prg}\n`;
      }
    };
    if (want("t") || want("u") || want("w")) {
      text += `Active Internet connections ${scope}\nProto Recv-Q Send-Q ${"Local Address".padEnd(width)} ${"Foreign Address".padEnd(width)} State       ${banner}\n`;
    }
    if (want("t")) {
      table("/proc/net/tcp", "tcp");
      table("/proc/net/tcp6", "tcp");
    }
    if (want("u")) {
      table("/proc/net/udp", "udp");
      table("/proc/net/udp6", "udp");
    }
    if (want("w")) {
      table("/proc/net/raw", "raw");
      table("/proc/net/raw6", "raw");
    }
    if (want("x")) {
      text += `Active UNIX domain sockets ${scope}\nProto RefCnt Flags       Type       State         I-Node ${banner}Path\n`;
      text += unixRows(sys, which, showPrg ? users : null);
    }
    yield* out(sys, text);
    return 0;
  },
};

/** busybox labels a socket "PID/basename of argv[0]", cut to 19 characters. */
function progLabel(u: SocketUser): string {
  return `${u.pid}/${u.argv0.slice(u.argv0.lastIndexOf("/") + 1)}`.slice(0, 19);
}

const UNIX_TYPES: Record<number, string> = { 1: "STREAM", 2: "DGRAM", 3: "RAW", 4: "RDM", 5: "SEQPACKET" };
const UNIX_STATES = ["FREE", "", "CONNECTING", "CONNECTED", "DISCONNECTING"];
const SO_ACCEPTCON = 1 << 16;

function unixRows(sys: Sys, which: number, users: Map<number, SocketUser[]> | null): string {
  let text = "";
  const lines = readOptional(sys, "/proc/net/unix").split("\n").slice(1);
  for (const line of lines) {
    const m = /^\s*\S+: (\S+) (\S+) (\S+) (\S+) (\S+)\s+(\d+)\s?(.*)$/.exec(line);
    if (!m) continue;
    const [refcnt, proto, flags, type, state] = m.slice(1, 6).map((h) => Number.parseInt(h, 16));
    const inode = Number(m[6]);
    const listening = state === 1 && (flags & SO_ACCEPTCON) !== 0;
    if (which !== (LISTENING | CONNECTED) && !(which & (listening ? LISTENING : CONNECTED))) continue;
    let st = UNIX_STATES[state] ?? "UNKNOWN";
    if (state === 1 && flags & SO_ACCEPTCON) st = "LISTENING";
    const fl = `[ ${flags & SO_ACCEPTCON ? "ACC " : ""}${flags & (1 << 17) ? "W " : ""}${flags & (1 << 18) ? "N " : ""}]`;
    const prg = users ? (users.get(inode)?.[0] ? progLabel(users.get(inode)![0]) : "-").padEnd(20) : "";
    text += `${(proto === 0 ? "unix" : "??").padEnd(5)} ${String(refcnt).padEnd(6)} ${fl.padEnd(11)} ${(UNIX_TYPES[type] ?? "UNKNOWN").padEnd(10)} ${st.padEnd(13)} ${String(inode).padStart(6)} ${prg}${m[7]}\n`;
  }
  return text;
}
