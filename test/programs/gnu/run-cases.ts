/**
 * Runs cases recorded from the real GNU tools (cases/*.json) on a booted simulated host: builds each case's tree
 * with system calls in a fresh directory, runs the command and its checks, and compares stdout,
 * stderr and exit codes with what the real GNU tools printed.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { ProgramDef } from "../../../src/kernel/api";
import { S_IFIFO } from "../../../src/kernel/api";
import type { Kernel } from "../../../src/kernel";
import { run } from "../../helpers/host";
import { newGnuHost } from "./gnu-host";
import { type CaseFile, FIXED_TIME, type FsEntry, type Run } from "../fileutils/cases";

let pendingTree: FsEntry[] = [];
/** Test-only program: builds the pending tree in its working directory. */
const buildTree: ProgramDef = {
  name: "test-build-tree",
  *main(sys) {
    for (const e of pendingTree) {
      const type = e.type ?? (e.path.endsWith("/") ? "dir" : "file");
      const p = e.path.replace(/\/$/, "");
      if (type === "dir") sys.mkdir(p, 0o755);
      else if (type === "symlink") sys.symlink(e.target ?? "", p);
      else if (type === "fifo") sys.mknod(p, S_IFIFO | 0o644);
      else sys.writeFile(p, e.content ?? "", { mode: 0o644 });
      if (type !== "symlink") sys.chmod(p, e.mode ?? (type === "dir" ? 0o755 : 0o644));
    }
    for (const e of [...pendingTree].reverse()) {
      const t = e.mtime ?? FIXED_TIME;
      sys.utimes(e.path.replace(/\/$/, ""), t, t, { nofollow: e.type === "symlink" });
    }
    sys.utimes(".", FIXED_TIME, FIXED_TIME);
    yield* sys.write(1, "");
    return 0;
  },
};

/** Lines in byte order, the unterminated tail (if any) kept last. */
export function sortLines(text: string): string {
  const lines = text.split("\n");
  const last = lines.pop() as string;
  return [...lines.sort(), last].join("\n");
}

function title(r: Run): string {
  if (r.sh !== undefined) return `sh -c ${JSON.stringify(r.sh)}`;
  return (r.argv ?? []).map((a) => (/^[\w./=+,:%-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}

function runIn(k: Kernel, dir: string, r: Run) {
  const argv = r.sh !== undefined ? ["sh", "-c", r.sh] : (r.argv as string[]);
  const res = run(k, argv, { cwd: dir, stdin: r.stdin, env: r.env });
  const norm = (s: string) => s.split(dir).join("$DIR");
  const stdout = norm(res.stdout);
  return { stdout: r.sortLines ? sortLines(stdout) : stdout, stderr: norm(res.stderr), code: res.code };
}

export function runCaseFile(path: string): void {
  const data: CaseFile = JSON.parse(readFileSync(path, "latin1"));
  const k = newGnuHost([buildTree]);
  const seen = new Map<string, number>();
  data.cases.forEach((c, n) => {
    let name = title(c);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count > 1) name += ` #${count}`;
    it(name, () => {
      const dir = `/tmp/case${n + 1}`;
      pendingTree = [...data.tree, ...(c.tree ?? [])];
      expect(run(k, ["mkdir", dir]).code).toBe(0);
      const built = run(k, ["test-build-tree"], { cwd: dir });
      expect({ ...built, crashes: k.crashes.map(String) }).toMatchObject({ code: 0, stderr: "", crashes: [] });
      const results = [runIn(k, dir, c), ...(c.checks ?? []).map((check) => runIn(k, dir, check))];
      const expected = [c, ...(c.checks ?? [])].map((r) => ({ stdout: r.stdout, stderr: r.stderr, code: r.code }));
      expect({ results, crashes: k.crashes.map(String) }).toEqual({ results: expected, crashes: [] });
    });
  });
}
