import { describe, expect, it } from "vitest";
import { Errno, spawn } from "../../src/kernel";
import { HOST_ENV, newHost } from "../helpers/host";

describe("spawning from outside", () => {
  it("fails with the exec error and leaves no process behind", () => {
    const k = newHost();
    const before = JSON.stringify(Object.keys(k.w.procs));
    let code = "";
    try {
      spawn(k, { argv: ["/no/such/program"], env: HOST_ENV });
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      code = e.code;
    }
    expect(code).toBe("ENOENT");
    expect(JSON.stringify(Object.keys(k.w.procs))).toBe(before);
    expect(k.w.cgroups["user.slice/user-0.slice/session-1.scope"].pidsCurrent).toBe(0);
  });
});
