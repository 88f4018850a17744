/**
 * bash's arrays in the images' bash, against what GNU bash 5.2.15 (Debian 12) printed for the same
 * scripts (fixtures/bash-arrays.json: `bash -c SCRIPT` in a directory holding f1 f2 f3, with
 * PATH=/usr/bin:/bin and HOME=/root): indexed and associative arrays, their expansions, declare,
 * local, read -a, unset, BASH_REMATCH and the error messages. busybox ash has none of it and must
 * refuse the syntax as it does (fixtures/busybox-no-arrays.json, recorded with busybox 1.35 as /bin/sh).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newHost, run } from "../helpers/host";
import { shellPrograms } from "../../src/shell";
import { AssocArray } from "../../src/shell/arrays";

interface Recorded {
  script: string;
  stdout: string;
  stderr: string;
  code: number;
}

const load = (name: string): Recorded[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

function runIn(shell: string, script: string) {
  const k = newHost({ extra: shellPrograms });
  run(k, ["/bin/sh", "-c", "mkdir -p /w && cd /w && touch f1 f2 f3"]);
  return run(k, [shell, "-c", script], { cwd: "/w", env: { HOME: "/root", PATH: "/usr/bin:/bin" } });
}

describe("bash arrays match bash 5.2", () => {
  for (const c of load("bash-arrays.json")) {
    it(c.script, () => {
      expect(runIn("bash", c.script)).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});

describe("busybox ash refuses array syntax as busybox does", () => {
  for (const c of load("busybox-no-arrays.json")) {
    it(c.script, () => {
      expect(runIn("/bin/sh", c.script)).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});

describe("associative array order", () => {
  it("lists keys bucket by bucket (bash's FNV-1 hash, 1024 buckets), newest first within one", () => {
    // Keys and order as bash 5.2 printed "${!m[@]}" after inserting them in this order.
    const m = new AssocArray();
    for (const k of ["one", "two", "three"]) m.set(k, "v");
    expect(m.keys()).toEqual(["two", "three", "one"]);
    const letters = new AssocArray();
    for (const k of "abcdefghij") letters.set(k, k);
    expect(letters.keys()).toEqual([..."jihgfedcba"]);
    letters.set("e", "again");
    expect(letters.keys()).toEqual([..."jihgfedcba"]);
  });
});
