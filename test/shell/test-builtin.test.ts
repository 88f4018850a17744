/**
 * The test builtin against busybox 1.35 ash (fixtures/busybox-test-builtin.json: recorded with
 * `busybox sh -c 'test "$@"' sh ARGS...` in a directory holding f15 ("1\n2\n"), empty and d/).
 * The same grammar serves the test program (test/programs/sysutils/cases/test-grammar.json).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newHost, run, sh } from "../helpers/host";

interface Recorded {
  args: string[];
  stdout: string;
  stderr: string;
  code: number;
}

const cases: Recorded[] = JSON.parse(
  readFileSync(new URL("./fixtures/busybox-test-builtin.json", import.meta.url), "utf8"),
);

describe("test builtin matches busybox ash", () => {
  const k = newHost();
  sh(k, "mkdir -p /w/d && printf '1\\n2\\n' > /w/f15 && : > /w/empty");
  for (const c of cases) {
    it(JSON.stringify(c.args), () => {
      const r = run(k, ["/bin/sh", "-c", 'test "$@"', "sh", ...c.args], { cwd: "/w" });
      expect(r).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});
