/** Programs that never end by themselves: yes, tail -f, seq with a zero step. */
import { describe, expect, it } from "vitest";
import { seq } from "../../../src/programs/textutils/seq";
import { tail } from "../../../src/programs/textutils/tail";
import { yes } from "../../../src/programs/textutils/yes";
import { runFake } from "./fake-sys";

describe("yes", () => {
  it("repeats its words, yielding CPU between writes", () => {
    const r = runFake(yes.main, ["yes", "a", "b"], { stopAfterWaits: 3 });
    expect(r.code).toBe(-1);
    expect(r.stdout.length).toBeGreaterThan(8000);
    expect(
      r.stdout
        .split("\n")
        .slice(0, -1)
        .every((l) => l === "a b"),
    ).toBe(true);
  });
  it("says y by default", () => {
    const r = runFake(yes.main, ["yes"], { stopAfterWaits: 1 });
    expect(r.stdout.slice(0, 6)).toBe("y\ny\ny\n");
  });
});

describe("tail -f", () => {
  it("prints what is appended to a growing file after each sleep", () => {
    const r = runFake(tail.main, ["tail", "-n", "2", "-f", "log"], {
      files: { log: "one\ntwo\nthree\n" },
      onSleep: (append, n) => {
        if (n === 1) append("log", "four\n");
        if (n === 3) append("log", "five\nsix");
      },
      stopAfterWaits: 5,
    });
    expect(r).toMatchObject({ stdout: "two\nthree\nfour\nfive\nsix", stderr: "", code: -1 });
  });
  it("puts a header before data from another file than the last one printed", () => {
    const r = runFake(tail.main, ["tail", "-f", "a", "b"], {
      files: { a: "a1\n", b: "b1\n" },
      onSleep: (append, n) => {
        if (n === 1) append("a", "a2\n");
        if (n === 2) append("a", "a3\n");
        if (n === 3) append("b", "b2\n");
      },
      stopAfterWaits: 5,
    });
    expect(r.stdout).toBe("==> a <==\na1\n\n==> b <==\nb1\n\n==> a <==\na2\na3\n\n==> b <==\nb2\n");
  });
});

describe("seq with a zero step", () => {
  it("goes on forever but yields", () => {
    const r = runFake(seq.main, ["seq", "1", "0", "2"], { stopAfterWaits: 2 });
    expect(r.code).toBe(-1);
    expect(r.stdout.startsWith("1\n1\n1\n")).toBe(true);
  });
});
