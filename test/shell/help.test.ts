/**
 * The help builtin: bash 5.2.15's (outputs recorded from the real bash of Debian 12 with `bash -c`,
 * test/shell/fixtures/bash-help.json), dash without one, busybox ash's list of builtins and applets.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { loadBashHelp } from "../../src/shell/builtins/help";
import { newHost, run, sh } from "../helpers/host";
import { shellPrograms } from "../../src/shell";

interface Case {
  script: string;
  stdout: string;
  stderr: string;
  code: number;
}

const CASES: Case[] = JSON.parse(readFileSync(new URL("./fixtures/bash-help.json", import.meta.url), "utf8"));

let k: Kernel;

beforeAll(async () => {
  await loadBashHelp();
  k = bootSandboxHost();
});

describe("bash's help", () => {
  for (const c of CASES) {
    it(c.script, () => {
      expect(run(k, ["bash", "-c", c.script])).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});

describe("help in the other shells", () => {
  it("dash has none", () => {
    expect(run(k, ["dash", "-c", "help"])).toEqual({ stdout: "", stderr: "dash: 1: help: not found\n", code: 127 });
  });

  it("busybox ash lists its builtins, then every applet, in lines cut after 60 columns", () => {
    // Recorded with Debian's busybox-static 1.35, the reference image's busybox: `busybox sh -c help`.
    const expected = readFileSync(new URL("./fixtures/busybox-help.txt", import.meta.url), "latin1");
    expect(sh(newHost({ extra: shellPrograms }), "help")).toEqual({ stdout: expected, stderr: "", code: 0 });
  });
});
