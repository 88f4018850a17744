import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Gen, ProgramDef, Sys } from "../../src/kernel";
import { newHost, run } from "../helpers/host";

const busy: ProgramDef = {
  name: "busy",
  *main(sys: Sys): Gen<number> {
    sys.mkdir("/tmp/d");
    sys.writeFile("/tmp/d/rand", sys.random(16));
    const kid = sys.fork(function* (c) {
      yield* c.sleep(1500);
      yield* c.cpu(20_000);
      return 9;
    });
    const r = yield* sys.wait(kid);
    yield* sys.write(1, `kid ${r?.code} at ${sys.uptime()}\n`);
    return 0;
  },
};

describe("the world", () => {
  it("survives a JSON round trip unchanged", () => {
    const k = newHost({ extra: [busy] });
    run(k, ["busy"]);
    const json = JSON.stringify(k.world);
    expect(JSON.parse(json)).toEqual(k.world);
    expect(JSON.stringify(JSON.parse(json))).toBe(json);
  });

  it("is the same, byte for byte, after the same script (deterministic)", () => {
    const a = newHost({ extra: [busy] });
    const b = newHost({ extra: [busy] });
    expect(run(a, ["busy"])).toEqual(run(b, ["busy"]));
    expect(JSON.stringify(a.world)).toBe(JSON.stringify(b.world));
  });

  it("differs with another seed only where randomness is used", () => {
    const a = newHost({ extra: [busy], seed: 1 });
    const b = newHost({ extra: [busy], seed: 2 });
    run(a, ["busy"]);
    run(b, ["busy"]);
    expect(a.world.clock).toEqual(b.world.clock);
    expect(JSON.stringify(a.world.rng)).not.toBe(JSON.stringify(b.world.rng));
  });
});

/**
 * The kernel and engine run identically in Node and the browser: nothing impure may creep in.
 * DOM, timers and Node globals are caught by the compiler (tsconfig.kernel.json has neither the DOM
 * lib nor Node types); this scan catches what the ES library itself offers.
 */
describe("purity guard", () => {
  const FORBIDDEN = [
    /from ["'](react|react-dom|@xterm\/[^"']+|node:[^"']+|fs|path|crypto)["']/,
    /Date\.now\(/,
    /new Date\(\)/,
    /Math\.random\(/,
  ];
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
    });
  it("src/kernel and src/engine import nothing impure", () => {
    const offenders = ["src/kernel", "src/engine"]
      .flatMap(files)
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ f, i: i + 1, line }))
          .filter(({ line }) => !line.trim().startsWith("//") && !line.trim().startsWith("*") && FORBIDDEN.some((re) => re.test(line))),
      )
      .map(({ f, i, line }) => `${f}:${i}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
});
