/**
 * Fills in the expected results of GNU cases by running the real GNU tools (Debian 12: coreutils 9.1,
 * grep 3.8, sed 4.9, findutils 4.9.0) in the C locale, as a Debian container runs them:
 *   npx tsx test/programs/gnu/record-gnu.ts test/programs/gnu/cases/ls.json ...
 * Each case gets a fresh temporary directory; PATH is /usr/bin:/bin.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CaseFile, FIXED_TIME, type FsEntry, type Run } from "../fileutils/cases";

process.umask(0o022);

function build(dir: string, tree: FsEntry[]): void {
  for (const e of tree) {
    const p = join(dir, e.path);
    const type = e.type ?? (e.path.endsWith("/") ? "dir" : "file");
    if (type === "dir") mkdirSync(p, { recursive: true });
    else if (type === "symlink") symlinkSync(e.target ?? "", p);
    else if (type === "fifo") spawnSync("mkfifo", [p]);
    else writeFileSync(p, Buffer.from(e.content ?? "", "latin1"));
    if (type !== "symlink") chmodSync(p, e.mode ?? (type === "dir" ? 0o755 : 0o644));
  }
  // Times last, deepest first, so that creating children does not touch their parents again.
  for (const e of [...tree].reverse()) {
    const p = join(dir, e.path);
    const t = e.mtime ?? FIXED_TIME;
    if (e.type === "symlink") lutimesSync(p, t, t);
    else utimesSync(p, t, t);
  }
  utimesSync(dir, FIXED_TIME, FIXED_TIME);
}

function sortLines(text: string): string {
  const lines = text.split("\n");
  const last = lines.pop() as string;
  return [...lines.sort(), last].join("\n");
}

function runOne(dir: string, r: Run): void {
  const argv = r.sh !== undefined ? ["sh", "-c", r.sh] : (r.argv as string[]);
  const res = spawnSync(argv[0], argv.slice(1), {
    cwd: dir,
    input: Buffer.from(r.stdin ?? "", "latin1"),
    env: { PATH: "/usr/bin:/bin", HOME: "/root", ...r.env },
    argv0: argv[0],
    timeout: 10_000,
  });
  const norm = (b: Buffer) => b.toString("latin1").split(dir).join("$DIR");
  r.stdout = r.sortLines ? sortLines(norm(res.stdout)) : norm(res.stdout);
  r.stderr = norm(res.stderr);
  r.code = res.status ?? 128;
}

for (const file of process.argv.slice(2)) {
  const data: CaseFile = JSON.parse(readFileSync(file, "latin1"));
  for (const c of data.cases) {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "gnu-case-")));
    chmodSync(dir, 0o755);
    build(dir, [...data.tree, ...(c.tree ?? [])]);
    runOne(dir, c);
    for (const check of c.checks ?? []) runOne(dir, check);
    rmSync(dir, { recursive: true, force: true });
  }
  const json = JSON.stringify(data, null, 1).replace(/[\u007f-\u00ff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  writeFileSync(file, `${json}\n`);
  console.log(`${file}: ${data.cases.length} cases recorded`);
}
