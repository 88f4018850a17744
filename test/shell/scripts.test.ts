/**
 * Scripts read from a file (`sh /tmp/s.sh a1 a2`) and from a pipe on stdin (`sh < script`), against
 * busybox ash 1.35's output (fixtures/busybox-sh-script.json). Error messages carry "line N:" the
 * way ash counts lines; stdin is read in blocks, so `read`/`cat` in the script see no input.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// The host helper first: it loads the program registry, which loads the shell.
import { newHost, run } from "../helpers/host";
import { shellPrograms } from "../../src/shell";

interface Recorded {
  mode: "file" | "stdin";
  script: string;
  stdout: string;
  stderr: string;
  code: number;
}

const cases: Recorded[] = JSON.parse(
  readFileSync(new URL("./fixtures/busybox-sh-script.json", import.meta.url), "utf8"),
);

describe("sh with a script file or a script on stdin", () => {
  for (const c of cases) {
    it(`${c.mode}: ${c.script}`, () => {
      const k = newHost({ extra: shellPrograms });
      run(k, ["/bin/sh", "-c", "cat > /tmp/s.sh"], { stdin: c.script });
      const r =
        c.mode === "file"
          ? run(k, ["/bin/sh", "/tmp/s.sh", "a1", "a2"], { cwd: "/tmp" })
          : run(k, ["/bin/sh"], { stdin: c.script, cwd: "/tmp" });
      expect(r).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});
