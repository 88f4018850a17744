/**
 * bash's type and command -V show a function's definition as print_cmd.c lays it out (recorded
 * from the real bash 5.2.15 of Debian 12: fixtures/bash-type-function.json).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { bootSandboxHost } from "../../src/session/host";
import { run } from "../helpers/host";

const recorded: { script: string; stdout: string } = JSON.parse(
  readFileSync(new URL("./fixtures/bash-type-function.json", import.meta.url), "utf8"),
);

it("prints each function's body: one command a line, if/elif/for/while/case/groups/subshells spread out", () => {
  expect(run(bootSandboxHost(), ["bash", "-c", recorded.script])).toEqual({ stdout: recorded.stdout, stderr: "", code: 0 });
});

it("dash only says it is a function", () => {
  expect(run(bootSandboxHost(), ["dash", "-c", "f() { echo hi; }; type f"])).toEqual({ stdout: "f is a function\n", stderr: "", code: 0 });
});
