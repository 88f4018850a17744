/**
 * GNU ls on a terminal: columns fill the window of standard output (TIOCGWINSZ), which wins over
 * $COLUMNS. Expected screens recorded from the real coreutils 9.1 ls under `script` with
 * `stty cols 50` and `stty cols 34` (the terminal turns "\n" into "\r\n").
 */
import { describe, expect, it } from "vitest";
import { exitStatus, openTty, run as runKernel, spawn } from "../../../src/kernel";
import { HOST_ENV, sh } from "../../helpers/host";
import { newGnuHost } from "./gnu-host";

const NAMES = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon";

function lsOnTerminal(argv: string[], cols: number, env: Record<string, string> = {}): string {
  const k = newGnuHost();
  const made = sh(k, `mkdir /tmp/lt && cd /tmp/lt && touch ${NAMES} && ln -s alpha la && mkdir dd && ln -s dd ld`);
  expect(made).toMatchObject({ code: 0, stderr: "" });
  let screen = "";
  const tty = openTty(k, (b) => {
    screen += b;
  }, 24, cols);
  const pid = spawn(k, { argv, path: "/usr/bin/ls", env: { ...HOST_ENV, ...env }, cwd: "/tmp/lt", tty });
  runKernel(k, { until: () => exitStatus(k, pid) !== undefined });
  expect(exitStatus(k, pid)?.code).toBe(0);
  return screen;
}

describe("GNU ls on a terminal", () => {
  it("fills 50 columns, ignoring COLUMNS=30", () => {
    expect(lsOnTerminal(["ls"], 50, { COLUMNS: "30" })).toBe(
      "alpha  epsilon\tkappa\tmu\t rho\tupsilon\r\n" +
        "beta   eta\tla\tnu\t sigma\txi\r\n" +
        "dd     gamma\tlambda\tomicron  tau\tzeta\r\n" +
        "delta  iota\tld\tpi\t theta\r\n",
    );
  });

  it("lists across 34 columns with -x", () => {
    expect(lsOnTerminal(["ls", "-x"], 34)).toBe(
      "alpha\t beta\tdd\t delta\r\n" +
        "epsilon  eta\tgamma\t iota\r\n" +
        "kappa\t la\tlambda\t ld\r\n" +
        "mu\t nu\tomicron  pi\r\n" +
        "rho\t sigma\ttau\t theta\r\n" +
        "upsilon  xi\tzeta\r\n",
    );
  });
});
