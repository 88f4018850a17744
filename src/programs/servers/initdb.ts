/**
 * initdb: creates a database cluster in -D / $PGDATA as PostgreSQL 17's initdb reports it (locale
 * en_US.utf8, trust for local connections with its warning), with the superuser of -U and the
 * password of --pwfile.
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { pgTime, pgVersion, saveStore } from "./lib/pg";

const HBA =
  [
    "# PostgreSQL Client Authentication Configuration File",
    "# ===================================================",
    "#",
    "# Refer to the \"Client Authentication\" section in the PostgreSQL",
    "# documentation for a complete description of this file.",
    "",
    "# CAUTION: Configuring the system for local \"trust\" authentication",
    "# allows any local user to connect as any PostgreSQL user, including",
    "# the database superuser.  If you do not trust all your local users,",
    "# use another authentication method.",
    "",
    "",
    "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
    "",
    '# "local" is for Unix domain socket connections only',
    "local   all             all                                     trust",
    "# IPv4 local connections:",
    "host    all             all             127.0.0.1/32            trust",
    "# IPv6 local connections:",
    "host    all             all             ::1/128                 trust",
    "# Allow replication connections from localhost, by a user with the",
    "# replication privilege.",
    "local   replication     all                                     trust",
    "host    replication     all             127.0.0.1/32            trust",
    "host    replication     all             ::1/128                 trust",
    "",
  ].join("\n");

function mkdirs(sys: Sys, base: string, dirs: string[]) {
  for (const d of dirs) sys.mkdir(`${base}/${d}`, 0o700);
}

export const initdb: ProgramDef = {
  name: "initdb",
  *main(sys) {
    let user = "";
    let pwfile = "";
    let pgdata = sys.env.PGDATA ?? "";
    const args = sys.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const value = (long: string, short: string) =>
        a.startsWith(`${long}=`) ? a.slice(long.length + 1) : a === short || a === long ? (args[++i] ?? "") : null;
      const u = value("--username", "-U");
      const pw = value("--pwfile", "--pwfile");
      const d = value("--pgdata", "-D");
      if (u !== null) user = u;
      else if (pw !== null) pwfile = pw;
      else if (d !== null) pgdata = d;
      else if (!a.startsWith("-")) pgdata = a;
    }
    if (sys.geteuid() === 0) {
      yield* err(sys, 'initdb: error: cannot be run as root\ninitdb: hint: Please log in (using, e.g., "su") as the (unprivileged) user that will own the server process.\n');
      return 1;
    }
    if (!pgdata) {
      yield* err(sys, "initdb: error: no data directory specified\ninitdb: hint: You must identify the directory where the data for this database system will reside.  Do this with either the invocation option -D or the environment variable PGDATA.\n");
      return 1;
    }
    const me = sys.readFile("/etc/passwd").split("\n").find((l) => Number(l.split(":")[2]) === sys.geteuid())?.split(":")[0] ?? String(sys.geteuid());
    user ||= me;
    let password: string | null = null;
    if (pwfile) {
      try {
        password = sys.readFile(pwfile).split("\n")[0];
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        yield* err(sys, `initdb: error: could not open file "${pwfile}" for reading: ${e.message}\n`);
        return 1;
      }
    }
    let exists = true;
    try {
      if (sys.readdir(pgdata).some((n) => n !== "." && n !== "..")) {
        yield* err(sys, `initdb: error: directory "${pgdata}" exists but is not empty\ninitdb: hint: If you want to create a new database system, either remove or empty the directory "${pgdata}" or run initdb with an argument other than "${pgdata}".\n`);
        return 1;
      }
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      exists = false;
    }
    yield* out(
      sys,
      `The files belonging to this database system will be owned by user "${me}".\nThis user must also own the server process.\n\nThe database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\nThe default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n`,
    );
    try {
      if (exists) sys.chmod(pgdata, 0o700);
      else sys.mkdir(pgdata, 0o700);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* out(sys, `${exists ? "fixing permissions on existing directory" : "creating directory"} ${pgdata} ... `);
      yield* err(sys, `initdb: error: could not ${exists ? "change permissions of" : "create"} directory "${pgdata}": ${e.message}\n`);
      return 1;
    }
    yield* out(sys, `${exists ? "fixing permissions on existing directory" : "creating directory"} ${pgdata} ... ok\n`);
    mkdirs(sys, pgdata, ["base", "base/1", "base/4", "base/5", "global", "pg_commit_ts", "pg_dynshmem", "pg_logical", "pg_multixact", "pg_notify", "pg_replslot", "pg_serial", "pg_snapshots", "pg_stat", "pg_stat_tmp", "pg_subtrans", "pg_tblspc", "pg_twophase", "pg_wal", "pg_xact"]);
    yield* out(sys, "creating subdirectories ... ok\nselecting dynamic shared memory implementation ... posix\n");
    yield* out(sys, 'selecting default "max_connections" ... 100\nselecting default "shared_buffers" ... 128MB\n');
    yield* out(sys, `selecting default time zone ... ${sys.env.TZ || "Etc/UTC"}\n`);
    const major = pgVersion(sys).split(".")[0];
    sys.writeFile(`${pgdata}/PG_VERSION`, `${major}\n`, { mode: 0o600 });
    sys.writeFile(
      `${pgdata}/postgresql.conf`,
      "# -----------------------------\n# PostgreSQL configuration file\n# -----------------------------\n\nlisten_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\ndynamic_shared_memory_type = posix\nmax_wal_size = 1GB\nmin_wal_size = 80MB\nlog_timezone = 'Etc/UTC'\ndatestyle = 'iso, mdy'\ntimezone = 'Etc/UTC'\nlc_messages = 'en_US.utf8'\nlc_monetary = 'en_US.utf8'\nlc_numeric = 'en_US.utf8'\nlc_time = 'en_US.utf8'\ndefault_text_search_config = 'pg_catalog.english'\n",
      { mode: 0o600 },
    );
    sys.writeFile(`${pgdata}/postgresql.auto.conf`, "# Do not edit this file manually!\n# It will be overwritten by the ALTER SYSTEM command.\n", { mode: 0o600 });
    sys.writeFile(`${pgdata}/pg_hba.conf`, HBA, { mode: 0o600 });
    sys.writeFile(`${pgdata}/pg_ident.conf`, "# PostgreSQL User Name Maps\n# =========================\n\n# MAPNAME       SYSTEM-USERNAME         PG-USERNAME\n", { mode: 0o600 });
    yield* out(sys, "creating configuration files ... ok\nrunning bootstrap script ... ok\n");
    sys.writeFile(`${pgdata}/global/1260`, JSON.stringify({ [user]: password }), { mode: 0o600 });
    sys.writeFile(`${pgdata}/global/pg_control`, `${pgTime(sys.now()).replace(/\.\d+ /, " ")}\n`, { mode: 0o600 });
    saveStore(sys, pgdata, { databases: ["postgres", "template0", "template1"], tables: {} });
    yield* out(sys, "performing post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n");
    yield* err(
      sys,
      'initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n',
    );
    yield* out(sys, `\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${pgdata} -l logfile start\n\n`);
    return 0;
  },
};
