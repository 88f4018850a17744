/**
 * Runs recorded busybox cases (cases/*.json) on a booted simulated host and compares stdout, stderr,
 * exit code and the checked files byte for byte. Each case runs in its own fresh directory.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { ProgramDef } from "../../../src/kernel/api";
import { newHost, run } from "../../helpers/host";
import type { RecordedCase } from "./cases";

export function loadCases(path: string): RecordedCase[] {
  return JSON.parse(readFileSync(path, "utf8"));
}

export function caseTitle(c: RecordedCase): string {
  const words = c.argv.map((a) => (/^[\w./=-]+$/.test(a) ? a : JSON.stringify(a)));
  return words.join(" ") + (c.stdin !== undefined ? ` <<< ${JSON.stringify(c.stdin).slice(0, 40)}` : "");
}

/** Test-only programs: put a case's files in place, and read one back (exit 1 if missing). */
let pendingFiles: Record<string, string> = {};
const placeFiles: ProgramDef = {
  name: "test-place-files",
  // biome-ignore lint/correctness/useYield: only synchronous calls
  *main(sys) {
    for (const [name, data] of Object.entries(pendingFiles)) {
      const path = `${sys.getcwd()}/${name}`;
      const parts = path.split("/").filter(Boolean);
      let dir = "";
      for (const p of name.endsWith("/") ? parts : parts.slice(0, -1)) {
        dir += `/${p}`;
        try {
          sys.mkdir(dir, 0o755);
        } catch {
          // exists
        }
      }
      if (!name.endsWith("/")) sys.writeFile(path, data, { mode: 0o644 });
    }
    return 0;
  },
};
const readBack: ProgramDef = {
  name: "test-read-file",
  *main(sys) {
    try {
      yield* sys.write(1, sys.readFile(sys.argv[1]));
      return 0;
    } catch {
      return 1;
    }
  },
};

export interface HostCaseOptions {
  /** Environment to use when a case does not give its own. */
  env?: Record<string, string>;
}

export function runRecordedCases(
  path: string,
  _programs?: ProgramDef[],
  hostOpts: HostCaseOptions = {},
): void {
  const k = newHost({ extra: [placeFiles, readBack] });
  const seen = new Map<string, number>();
  let n = 0;
  for (const c of loadCases(path)) {
    let title = caseTitle(c);
    const count = (seen.get(title) ?? 0) + 1;
    seen.set(title, count);
    if (count > 1) title += ` #${count}`;
    const dir = `/tmp/case${++n}`;
    it(title, () => {
      pendingFiles = { ...(c.files ?? {}), ".keep": "" };
      run(k, ["mkdir", "-p", dir]);
      const placed = run(k, ["test-place-files"], { cwd: dir });
      expect({ ...placed, crashes: k.crashes.map((c) => String(c.error)) }).toMatchObject({
        code: 0,
        crashes: [],
      });
      const r = run(k, c.argv, { cwd: dir, stdin: c.stdin, env: c.env ?? hostOpts.env });
      const after: Record<string, string | null> = {};
      for (const name of c.check ?? []) {
        const back = run(k, ["test-read-file", `${dir}/${name}`]);
        after[name] = back.code === 0 ? back.stdout : null;
      }
      expect({
        stdout: r.stdout,
        stderr: r.stderr,
        code: r.code,
        after,
        crashes: k.crashes.map((x) => String(x.error)),
      }).toEqual({
        crashes: [],
        stdout: c.stdout,
        stderr: c.stderr,
        code: c.code,
        after: c.after ?? {},
      });
    });
  }
}
