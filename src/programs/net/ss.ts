/**
 * ss: iproute2 6.1. Lists the TCP and UDP sockets of the network namespace from /proc/net/{tcp,udp}[6]
 * (ss's fallback when it cannot ask netlink), laid out with ss's column renderer: columns as wide
 * as their widest field, and on a terminal the spare width spread between them.
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { err, out } from "../lib/io";
import { type Endpoint, type InetSocket, readInetTable, serviceName, socketUsers } from "./netstat";

const USAGE = "Usage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n   -h, --help          this message\n   -V, --version       output version information\n   -n, --numeric       don't resolve service names\n   -r, --resolve       resolve host names\n   -a, --all           display all sockets\n   -l, --listening     display listening sockets\n   -o, --options       show timer information\n   -e, --extended      show detailed socket information\n   -m, --memory        show socket memory usage\n   -p, --processes     show process using socket\n   -T, --threads       show thread using socket\n   -i, --info          show internal TCP information\n       --tipcinfo      show internal tipc socket information\n   -s, --summary       show socket usage summary\n       --tos           show tos and priority information\n       --cgroup        show cgroup information\n   -b, --bpf           show bpf filter socket information\n   -E, --events        continually display sockets as they are destroyed\n   -Z, --context       display task SELinux security contexts\n   -z, --contexts      display task and socket SELinux security contexts\n   -N, --net           switch to the specified network namespace name\n\n   -4, --ipv4          display only IP version 4 sockets\n   -6, --ipv6          display only IP version 6 sockets\n   -0, --packet        display PACKET sockets\n   -t, --tcp           display only TCP sockets\n   -M, --mptcp         display only MPTCP sockets\n   -S, --sctp          display only SCTP sockets\n   -u, --udp           display only UDP sockets\n   -d, --dccp          display only DCCP sockets\n   -w, --raw           display only RAW sockets\n   -x, --unix          display only Unix domain sockets\n       --tipc          display only TIPC sockets\n       --vsock         display only vsock sockets\n       --xdp           display only XDP sockets\n   -f, --family=FAMILY display sockets of type FAMILY\n       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}\n\n   -K, --kill          forcibly close sockets, display what was closed\n   -H, --no-header     Suppress header line\n   -O, --oneline       socket's data printed on a single line\n       --inet-sockopt  show various inet socket options\n\n   -A, --query=QUERY, --socket=QUERY\n       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]\n\n   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n   -F, --filter=FILE   read filter information from FILE\n       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n             bucket := {syn-recv|time-wait}\n                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n";

const OPTIONS = "tulnpaxw46Hr";

enum Align {
  Left,
  Right,
}

interface Column {
  align: Align;
  header: string;
  ldelim: string;
  disabled: boolean;
  maxLen: number;
  width: number;
}

const STATE_NAMES = ["UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING"];
const LISTEN = 10;
const CLOSE = 7;
const TIME_WAIT = 6;
const SYN_RECV = 3;

function newColumns(): Column[] {
  const col = (align: Align, header: string, ldelim: string): Column => ({ align, header, ldelim, disabled: false, maxLen: 0, width: 0 });
  return [
    col(Align.Left, "Netid", ""),
    col(Align.Left, "State", " "),
    col(Align.Left, "Recv-Q", " "),
    col(Align.Left, "Send-Q", " "),
    col(Align.Right, "Local Address:", " "),
    col(Align.Left, "Port", ""),
    col(Align.Right, "Peer Address:", " "),
    col(Align.Left, "Port", ""),
    col(Align.Left, "Process", ""),
    col(Align.Left, "", ""),
  ];
}

/** render_calc_width(): widths from contents; on a terminal, spare room shared out line by line. */
function calcWidths(columns: Column[], screenWidth: number | null) {
  let first = true;
  for (const c of columns) {
    if (c.disabled) continue;
    c.width = !first && c.maxLen ? c.maxLen + c.ldelim.length : c.maxLen;
    if (screenWidth !== null) c.width = Math.min(c.width, screenWidth);
    if (c.width) first = false;
  }
  if (screenWidth === null) return;
  let len = 0;
  let lineCols = 0;
  let eol = -1;
  for (let c = 0; c < columns.length; c++) {
    if (!columns[c].width) continue;
    lineCols++;
    len += columns[c].width;
    const last = !columns.slice(c + 1).some((t) => t.width);
    if (!last && len < screenWidth) continue;
    if (len !== screenWidth) {
      if (len > screenWidth) {
        len -= columns[c].width;
        c--;
        lineCols--;
      }
      const pad = screenWidth - len;
      const spacing = Math.trunc(pad / lineCols);
      let rem = pad % lineCols;
      for (let t = c; t > eol; t--) {
        if (!columns[t].width) continue;
        columns[t].width += spacing;
        if (rem) {
          columns[t].width++;
          rem--;
        }
      }
    }
    eol = c;
    len = 0;
    lineCols = 0;
  }
}

/** render(): every row has a field for each enabled column, the last one included. */
function render(columns: Column[], rows: string[][], screenWidth: number | null): string {
  for (const row of rows)
    row.forEach((text, i) => {
      if (text.length > columns[i].maxLen) columns[i].maxLen = text.length;
    });
  calcWidths(columns, screenWidth);
  let text = "";
  for (const row of rows) {
    let started = false;
    for (let i = 0; i < columns.length; i++) {
      const f = columns[i];
      if (f.disabled) continue;
      let printed = 0;
      if (started) {
        text += f.ldelim;
        printed = f.ldelim.length;
      }
      started = true;
      const field = row[i];
      if (f.width && f.align === Align.Right) {
        const s = f.width - field.length - printed;
        if (s > 0) {
          text += " ".repeat(s);
          printed += s;
        }
      }
      text += field;
      printed += field.length;
      if (f.width && f.align === Align.Left && f.width - printed > 0) text += " ".repeat(f.width - printed);
    }
    text += "\n";
  }
  return text;
}

function ephemeralRange(sys: Sys): [number, number] {
  try {
    const [lo, hi] = sys.readFile("/proc/sys/net/ipv4/ip_local_port_range").trim().split(/\s+/).map(Number);
    if (Number.isFinite(lo) && Number.isFinite(hi)) return [lo, hi];
  } catch {
    // no such file: ss assumes the old default range
  }
  return [1024, 4999];
}

export const ss: ProgramDef = {
  name: "ss",
  rss: 900 * 1024,
  *main(sys) {
    const flags = new Set<string>();
    for (const a of sys.argv.slice(1)) {
      if (a === "-h" || a === "--help") {
        yield* out(sys, USAGE);
        return 0;
      }
      if (!a.startsWith("-") || a === "-") {
        yield* err(sys, `ss: filter "${a}" is not supported here\n`);
        return 255;
      }
      for (const c of a.slice(1)) {
        if (!OPTIONS.includes(c)) {
          yield* err(sys, `ss: invalid option -- '${c}'\n${USAGE}`);
          return 255;
        }
        flags.add(c);
      }
    }
    const numeric = flags.has("n");
    const protos = ["t", "u", "x", "w"].filter((p) => flags.has(p));
    const dbs = protos.length === 0 ? ["t", "u", "x", "w"] : protos;
    const columns = newColumns();
    // One kind of socket needs no Netid column (unix sockets are three kinds: u_str, u_dgr, u_seq).
    columns[0].disabled = dbs.length === 1 && dbs[0] !== "x";
    const wantState = (st: number) => {
      if (flags.has("a")) return true;
      if (flags.has("l")) return st === LISTEN || st === CLOSE;
      return st !== LISTEN && st !== CLOSE && st !== TIME_WAIT && st !== SYN_RECV;
    };
    const families = flags.has("4") && !flags.has("6") ? [""] : flags.has("6") && !flags.has("4") ? ["6"] : ["", "6"];
    const [ephLo, ephHi] = ephemeralRange(sys);
    const users = flags.has("p") ? socketUsers(sys) : null;
    const addr = (e: Endpoint) => (e.v6 ? (e.ip === "::" ? "*" : `[${e.ip}]`) : e.ip);
    const port = (p: number, proto: string) => {
      if (p === 0) return "*";
      if (numeric || (p >= ephLo && p <= ephHi)) return String(p);
      return serviceName(sys, p, proto) ?? String(p);
    };
    const rows: string[][] = [];
    if (!flags.has("H")) rows.push(columns.map((c, i) => (i === columns.length - 1 ? "" : c.header)));
    const add = (s: InetSocket, netid: string) => {
      if (!wantState(s.state)) return;
      const owners = users?.get(s.inode) ?? [];
      const process = owners.length ? ` users:(${[...owners].reverse().map((u) => `("${u.comm}",pid=${u.pid},fd=${u.fd})`).join(",")})` : "";
      rows.push([netid, STATE_NAMES[s.state] ?? "UNKNOWN", String(s.rxq).padEnd(6), String(s.txq).padEnd(6), `${addr(s.local)}:`, port(s.local.port, netid), `${addr(s.remote)}:`, port(s.remote.port, netid), process, ""]);
    };
    for (const [db, proto] of [["t", "tcp"], ["u", "udp"]] as const) {
      if (!dbs.includes(db)) continue;
      // A table the kernel lacks has no sockets (Linux always has them, header only when empty).
      for (const fam of families) for (const s of readInetTable(sys, `/proc/net/${proto}${fam}`) ?? []) add(s, proto);
    }
    const screenWidth = sys.isatty(1) ? sys.winsize(1).cols || null : null;
    yield* out(sys, render(columns, rows, screenWidth));
    return 0;
  },
};
