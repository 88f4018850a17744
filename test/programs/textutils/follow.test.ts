/** tail -f on a growing file, stopped by timeout, on a booted host. */
import { expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { grow } from "../sysutils/helpers";

it("tail -f prints lines appended while it runs", () => {
  const k = newHost({ extra: [grow] });
  expect(run(k, ["test-grow", "/tmp/log", "0", "true"]).stdout).toBe("[exit 0]\n");
  // The log now holds line 1..3; follow it while three more lines arrive.
  expect(
    run(k, ["test-grow", "/tmp/log", "1.5", "timeout", "6", "tail", "-n", "2", "-f", "/tmp/log"]),
  ).toEqual({
    stdout: "line 2\nline 3\nline 1\nline 2\nline 3\n[signal TERM]\n",
    stderr: "",
    code: 0,
  });
});
