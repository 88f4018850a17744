/**
 * Scripts run with `sh -c` on the simulated host, against what the real busybox 1.35 ash printed
 * for them (fixtures/busybox-sh-c.json: recorded with `busybox sh -c SCRIPT`, argv[0] "/bin/sh",
 * cwd an empty directory, HOME=/root).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// The host helper first: it loads the program registry, which loads the shell.
import { newHost, sh } from "../helpers/host";
import { shellPrograms } from "../../src/shell";

interface Recorded {
  script: string;
  stdout: string;
  stderr: string;
  code: number;
}

const cases: Recorded[] = JSON.parse(
  readFileSync(new URL("./fixtures/busybox-sh-c.json", import.meta.url), "utf8"),
);

describe("sh -c matches busybox ash", () => {
  for (const c of cases) {
    it(c.script, () => {
      // a fresh machine per script: no state leaks between cases
      const k = newHost({ extra: shellPrograms });
      const r = sh(k, c.script, { cwd: "/tmp" });
      expect(r).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});
