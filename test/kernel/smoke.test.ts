import { describe, expect, it } from "vitest";
import type { ProgramDef } from "../../src/kernel";
import { newHost, run } from "../helpers/host";

const hello: ProgramDef = {
  name: "hello",
  *main(sys) {
    yield* sys.write(1, `hello ${sys.argv.slice(1).join(" ")} pid=${sys.getpid()}\n`);
    return 3;
  },
};

describe("kernel smoke", () => {
  it("runs a program and captures stdout and the exit code", () => {
    const k = newHost({ extra: [hello] });
    const r = run(k, ["hello", "world"]);
    expect(r).toEqual({ stdout: "hello world pid=2\n", stderr: "", code: 3 });
  });
});
