/**
 * postgres: the entrypoint's refusal without a password, first start (initdb, temporary server,
 * restart), psql over the socket and from another container, stop and restart with the data kept.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags/help";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { run, terminal } from "../helpers/host";
import { docker } from "./helpers";

const VERSION = "PostgreSQL 17.4 (Debian 17.4-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit";
/** Log lines without their timestamps, which follow the clock. */
const untimed = (s: string) =>
  s
    .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC /gm, "")
    .replace(/shut down at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/g, "shut down at T")
    .replace(/\[(?!1\])\d+\]/g, "[P]")
    .replace(/PID \d+/g, "PID P");

describe("postgres", () => {
  let k: Kernel;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    expect(docker(k, "pull", "-q", "postgres").code).toBe(0);
  });

  it("refuses to initialize a database without a superuser password", () => {
    expect(docker(k, "run", "--rm", "postgres")).toEqual({
      stdout: "",
      stderr:
        "Error: Database is uninitialized and superuser password is not specified.\n" +
        "       You must specify POSTGRES_PASSWORD to a non-empty value for the\n" +
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n' +
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n' +
        "       connections without a password. This is *not* recommended.\n\n" +
        '       See PostgreSQL documentation about "trust":\n' +
        "       https://www.postgresql.org/docs/current/auth-trust.html\n",
      code: 1,
    });
  });

  it("initializes, restarts into the real server and logs it all", () => {
    expect(docker(k, "run", "-d", "--name", "db", "-e", "POSTGRES_PASSWORD=secret", "postgres").code).toBe(0);
    run(k, ["sleep", "3"]);
    const logs = docker(k, "logs", "db");
    expect(logs.stdout).toBe(
      [
        'The files belonging to this database system will be owned by user "postgres".',
        "This user must also own the server process.",
        "",
        'The database cluster will be initialized with locale "en_US.utf8".',
        'The default database encoding has accordingly been set to "UTF8".',
        'The default text search configuration will be set to "english".',
        "",
        "Data page checksums are disabled.",
        "",
        "fixing permissions on existing directory /var/lib/postgresql/data ... ok",
        "creating subdirectories ... ok",
        "selecting dynamic shared memory implementation ... posix",
        'selecting default "max_connections" ... 100',
        'selecting default "shared_buffers" ... 128MB',
        "selecting default time zone ... Etc/UTC",
        "creating configuration files ... ok",
        "running bootstrap script ... ok",
        "performing post-bootstrap initialization ... ok",
        "syncing data to disk ... ok",
        "",
        "",
        "Success. You can now start the database server using:",
        "",
        "    pg_ctl -D /var/lib/postgresql/data -l logfile start",
        "",
        "waiting for server to start.... done",
        "server started",
        "",
        "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*",
        "",
        "waiting for server to shut down.... done",
        "server stopped",
        "",
        "PostgreSQL init process complete; ready for start up.",
        "",
        "",
      ].join("\n"),
    );
    expect(untimed(logs.stderr)).toBe(
      [
        'initdb: warning: enabling "trust" authentication for local connections',
        "initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.",
        `[P] LOG:  starting ${VERSION}`,
        '[P] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
        "[P] LOG:  database system was shut down at T",
        "[P] LOG:  database system is ready to accept connections",
        "[P] LOG:  received fast shutdown request",
        "[P] LOG:  aborting any active transactions",
        '[P] LOG:  background worker "logical replication launcher" (PID P) exited with exit code 1',
        "[P] LOG:  shutting down",
        "[P] LOG:  checkpoint starting: shutdown immediate",
        "[P] LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.002 s, sync=0.001 s, total=0.004 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/1908980, redo lsn=0/1908980",
        "[P] LOG:  database system is shut down",
        `[1] LOG:  starting ${VERSION}`,
        '[1] LOG:  listening on IPv4 address "0.0.0.0", port 5432',
        '[1] LOG:  listening on IPv6 address "::", port 5432',
        '[1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
        "[P] LOG:  database system was shut down at T",
        "[1] LOG:  database system is ready to accept connections",
        "",
      ].join("\n"),
    );
    // docker top: seven 20-wide columns, then CMD (the daemon splits ps's lines on blanks: no trailing space).
    expect(docker(k, "top", "db").stdout.split("\n").slice(1).map((l) => l.slice(140))).toEqual([
      "postgres",
      "postgres: checkpointer",
      "postgres: background writer",
      "postgres: walwriter",
      "postgres: autovacuum launcher",
      "postgres: logical replication launcher",
      "",
    ]);
  });

  it("answers psql over the Unix socket", () => {
    const psql = (sql: string) => docker(k, "exec", "db", "psql", "-U", "postgres", "-c", sql);
    const dashes = "-".repeat(VERSION.length + 2);
    const centered = `${" ".repeat(Math.floor((VERSION.length - 7) / 2) + 1)}version${" ".repeat(Math.ceil((VERSION.length - 7) / 2) + 1)}`;
    expect(psql("select version();")).toEqual({ stdout: `${centered}\n${dashes}\n ${VERSION}\n(1 row)\n\n`, stderr: "", code: 0 });
    expect(psql("create table users (id serial, name text);").stdout).toBe("CREATE TABLE\n");
    expect(psql("insert into users (name) values ('ann'), ('bob');").stdout).toBe("INSERT 0 2\n");
    expect(psql("select * from users;").stdout).toBe(" id | name \n----+------\n  1 | ann\n  2 | bob\n(2 rows)\n\n");
    expect(psql("\\dt").stdout).toBe("         List of relations\n Schema | Name  | Type  |  Owner   \n--------+-------+-------+----------\n public | users | table | postgres\n(1 row)\n\n");
    expect(psql("select * from nope;")).toEqual({ stdout: "", stderr: 'ERROR:  relation "nope" does not exist\nLINE 1: select * from nope;\n                      ^\n', code: 1 });
    expect(psql("\\l").stdout).toBe(
      [
        "                                                    List of databases",
        "   Name    |  Owner   | Encoding | Locale Provider |  Collate   |   Ctype    | Locale | ICU Rules |   Access privileges   ",
        "-----------+----------+----------+-----------------+------------+------------+--------+-----------+-----------------------",
        " postgres  | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |        |           | ",
        " template0 | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |        |           | =c/postgres          +",
        "           |          |          |                 |            |            |        |           | postgres=CTc/postgres",
        " template1 | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |        |           | =c/postgres          +",
        "           |          |          |                 |            |            |        |           | postgres=CTc/postgres",
        "(3 rows)",
        "",
        "",
      ].join("\n"),
    );
  });

  it("runs an interactive psql session", () => {
    const t = terminal(k, ["/usr/bin/docker", "exec", "-it", "db", "psql", "-U", "postgres"]);
    for (const line of ["select 2*21;", "\\conninfo", "\\q"]) t.type(`${line}\n`);
    expect(t.output().replace(/\r\n/g, "\n")).toBe(
      'psql (17.4 (Debian 17.4-1.pgdg120+2))\nType "help" for help.\n\npostgres=# select 2*21;\n ?column? \n----------\n       42\n(1 row)\n\n' +
        'postgres=# \\conninfo\nYou are connected to database "postgres" as user "postgres" via socket in "/var/run/postgresql" at port "5432".\npostgres=# \\q\n',
    );
  });

  it("takes password connections from other containers", () => {
    const ip = docker(k, "inspect", "-f", "{{.NetworkSettings.IPAddress}}", "db").stdout.trim();
    expect(docker(k, "run", "--rm", "-e", "PGPASSWORD=secret", "postgres", "psql", "-h", ip, "-U", "postgres", "-c", "select 1").stdout).toBe(" ?column? \n----------\n        1\n(1 row)\n\n");
    expect(docker(k, "run", "--rm", "-e", "PGPASSWORD=wrong", "postgres", "psql", "-h", ip, "-U", "postgres", "-c", "select 1")).toEqual({
      stdout: "",
      stderr: `psql: error: connection to server at "${ip}" (${ip}), port 5432 failed: FATAL:  password authentication failed for user "postgres"\n`,
      code: 2,
    });
    expect(docker(k, "run", "--rm", "postgres", "psql")).toEqual({
      stdout: "",
      stderr: 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n',
      code: 2,
    });
  });

  it("stops on SIGINT and keeps its data across a restart", () => {
    expect(docker(k, "stop", "db").stdout).toBe("db\n");
    expect(untimed(docker(k, "logs", "--tail", "2", "db").stderr)).toMatch(/LOG: {2}checkpoint complete: .*\n\[1\] LOG: {2}database system is shut down\n$/);
    expect(docker(k, "start", "db").code).toBe(0);
    run(k, ["sleep", "2"]);
    expect(docker(k, "logs", "--tail", "9", "db").stdout).toBe("\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n");
    expect(docker(k, "exec", "db", "psql", "-U", "postgres", "-c", "select name from users").stdout).toBe(" name \n------\n ann\n bob\n(2 rows)\n\n");
  });
});
