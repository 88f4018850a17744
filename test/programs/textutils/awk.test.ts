/** awk in both flavours, against cases recorded from the real busybox 1.35 awk and mawk 1.3.4 (awk-cases/record-awk.py). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { runRecordedCases } from "./run-cases";

describe("awk", () => runRecordedCases(join(__dirname, "awk-cases", "awk.json")));

describe("busybox awk's math", () => {
  it("is missing from Debian's build and present in Alpine's (CONFIG_FEATURE_AWK_LIBM)", () => {
    const k = newHost();
    const program = "BEGIN{print 2^10, sqrt(16), int(exp(1) * 1000)}";
    expect(run(k, ["awk", program])).toMatchObject({
      stdout: "",
      stderr: "awk: cmd. line:1: Math support is not compiled in\n",
      code: 1,
    });
    expect(run(k, ["sh", "-c", "echo 3.22.0 > /etc/alpine-release"]).code).toBe(0);
    expect(run(k, ["awk", program])).toMatchObject({ stdout: "1024 4 2718\n", stderr: "", code: 0 });
  });
});
