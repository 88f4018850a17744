/**
 * Runs recorded busybox cases (cases/*.json) against our programs and compares stdout, stderr, exit
 * code and the checked files byte for byte.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { ProgramDef } from "../../../src/kernel/api";
import type { RecordedCase } from "./cases";
import { runFake } from "./fake-sys";

export function loadCases(path: string): RecordedCase[] {
  return JSON.parse(readFileSync(path, "utf8"));
}

export function caseTitle(c: RecordedCase): string {
  const words = c.argv.map((a) => (/^[\w./=-]+$/.test(a) ? a : JSON.stringify(a)));
  return words.join(" ") + (c.stdin !== undefined ? ` <<< ${JSON.stringify(c.stdin).slice(0, 40)}` : "");
}

export function runRecordedCases(path: string, programs: ProgramDef[]): void {
  const byName = new Map(programs.map((p) => [p.name, p]));
  const seen = new Map<string, number>();
  for (const c of loadCases(path)) {
    let title = caseTitle(c);
    const n = (seen.get(title) ?? 0) + 1;
    seen.set(title, n);
    if (n > 1) title += ` #${n}`;
    it(title, () => {
      const prog = byName.get(c.argv[0]);
      if (!prog) throw new Error(`no program ${c.argv[0]}`);
      const r = runFake(prog.main, c.argv, { stdin: c.stdin, files: c.files, env: c.env });
      const after: Record<string, string | null> = {};
      for (const name of c.check ?? []) {
        const node = r.files.get(`/w/${name}`);
        after[name] = node ? node.data : null;
      }
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code, after }).toEqual({
        stdout: c.stdout,
        stderr: c.stderr,
        code: c.code,
        after: c.after ?? {},
      });
    });
  }
}
