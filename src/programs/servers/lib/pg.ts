/**
 * What the PostgreSQL programs share (postgres, initdb, pg_ctl, psql): version strings, the server
 * log line format, the data directory layout, and the small SQL dialect the sandbox's server runs.
 * Client and server talk over TCP 5432 in JSON lines (one request or reply per line); the Unix
 * socket file is a marker that psql follows to the server's loopback port.
 */
import type { Sys } from "../../../kernel/api";

export const PG_SOCKET_DIR = "/var/run/postgresql";
export const PG_PORT = 5432;
export const PG_SOCKET = `${PG_SOCKET_DIR}/.s.PGSQL.${PG_PORT}`;

/** "17.4-1.pgdg120+2" from the image's PG_VERSION, else the newest we ship. */
export function pgPackageVersion(sys: Sys): string {
  return sys.env.PG_VERSION ?? "17.4-1.pgdg120+2";
}

/** "17.4" */
export function pgVersion(sys: Sys): string {
  return pgPackageVersion(sys).replace(/-.*$/, "");
}

/** What `SELECT version()` and the startup log say. */
export function pgVersionString(sys: Sys): string {
  const machine = sys.uname().machine;
  const triplet = machine === "aarch64" ? "aarch64-unknown-linux-gnu" : `${machine}-pc-linux-gnu`;
  return `PostgreSQL ${pgVersion(sys)} (Debian ${pgPackageVersion(sys)}) on ${triplet}, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "2026-01-15 09:00:02.031 UTC", log_line_prefix '%m [%p] '. */
export function pgTime(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} UTC`;
}

export function pgLogLine(sys: Sys, level: string, msg: string, pid = sys.getpid()): string {
  return `${pgTime(sys.now())} [${pid}] ${level}:  ${msg}\n`;
}

// ---- data -------------------------------------------------------------------------------------

export type Value = string | number | boolean | null;

export interface Column {
  name: string;
  type: string;
}

export interface Table {
  columns: Column[];
  rows: Value[][];
  /** Next value of a serial column. */
  serial: number;
}

export interface Store {
  databases: string[];
  tables: Record<string, Record<string, Table>>;
}

/** Where the server keeps user tables (one relation file standing for the cluster's heap files). */
export const storeFile = (pgdata: string) => `${pgdata}/base/5/16384`;

export function loadStore(sys: Sys, pgdata: string): Store {
  try {
    return JSON.parse(sys.readFile(storeFile(pgdata))) as Store;
  } catch {
    return { databases: ["postgres", "template0", "template1"], tables: {} };
  }
}

export function saveStore(sys: Sys, pgdata: string, s: Store): void {
  sys.writeFile(storeFile(pgdata), JSON.stringify(s), { mode: 0o600 });
}

// ---- results and their rendering (psql's aligned format) ---------------------------------------

export interface ResultSet {
  columns: Column[];
  rows: Value[][];
}

export type Reply =
  | { kind: "rows"; set: ResultSet }
  | { kind: "command"; tag: string }
  | { kind: "error"; message: string; position?: number };

const NUMERIC = new Set(["integer", "bigint", "smallint", "numeric", "serial", "int", "int4", "int8", "real", "double precision"]);

export function cell(v: Value): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "t" : "f";
  return String(v);
}

/** psql's default aligned table: centered headers, numbers right-aligned, "(N rows)" footer. */
export function alignedTable(set: ResultSet, title?: string): string {
  const cols = set.columns;
  const cells = set.rows.map((r) => r.map((v) => cell(v).split("\n")));
  const width = cols.map((c, i) => Math.max(c.name.length, ...cells.map((r) => Math.max(...r[i].map((l) => l.length)))));
  const last = cols.length - 1;
  const lines: string[] = [];
  const total = width.reduce((n, w) => n + w + 3, -1);
  if (title) {
    const left = Math.max(0, Math.floor((total - title.length) / 2));
    lines.push(`${" ".repeat(left)}${title}`);
  }
  lines.push(
    cols
      .map((c, i) => {
        const room = width[i] - c.name.length;
        return ` ${" ".repeat(Math.floor(room / 2))}${c.name}${" ".repeat(Math.ceil(room / 2))} `;
      })
      .join("|"),
  );
  lines.push(width.map((w) => "-".repeat(w + 2)).join("+"));
  for (const row of cells) {
    const height = Math.max(...row.map((c) => c.length));
    for (let l = 0; l < height; l++) {
      let line = "";
      for (let i = 0; i <= last; i++) {
        const text = row[i][l] ?? "";
        const more = l < row[i].length - 1;
        const right = NUMERIC.has(cols[i].type);
        const body = right ? text.padStart(width[i]) : i === last && !more ? text : text.padEnd(width[i]);
        line += `${i === 0 ? "" : "|"} ${body}${i === last ? (more ? "+" : "") : more ? "+" : " "}`;
      }
      lines.push(line);
    }
  }
  const n = set.rows.length;
  lines.push(`(${n} ${n === 1 ? "row" : "rows"})`);
  return `${lines.join("\n")}\n\n`;
}
