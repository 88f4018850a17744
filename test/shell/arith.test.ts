/** $((...)) evaluation; expected values are what busybox ash 1.35 printed for the same expressions. */
import { describe, expect, it } from "vitest";
import { ArithError, evalArith } from "../../src/shell/arith";

function evaluate(expr: string): { value: string; y?: string } | string {
  const vars = new Map<string, string>([
    ["x", "5"],
    ["e", "x+1"],
    ["s", "abc"],
    ["n", "-3"],
  ]);
  const v = { get: (k: string) => vars.get(k), set: (k: string, val: string) => void vars.set(k, val) };
  try {
    const value = evalArith(expr, v).toString();
    return vars.has("y") ? { value, y: vars.get("y") } : { value };
  } catch (e) {
    if (e instanceof ArithError) return e.message;
    throw e;
  }
}

describe("arithmetic as busybox ash evaluates it", () => {
  const cases: [string, ReturnType<typeof evaluate>][] = [
    ["1+2*3", { value: "7" }],
    ["-2**2", { value: "4" }],
    ["2**3**2", { value: "512" }],
    ["-7/2", { value: "-3" }],
    ["-7%3", { value: "-1" }],
    ["~0", { value: "-1" }],
    ["e*2", { value: "12" }],
    ["s", { value: "0" }],
    ["n*2", { value: "-6" }],
    ["y+=x", { value: "5", y: "5" }],
    ["x++ + x", { value: "11" }],
    ["010", { value: "8" }],
    ["2#101", { value: "5" }],
    ["16#ff", { value: "255" }],
    ["08", "arithmetic syntax error"],
    ["1/0", "divide by zero"],
    ["0&&1/0", "divide by zero"],
    ["0 && (y=1)", { value: "0", y: "1" }],
    ["0 ? (y=1) : 2", { value: "2", y: "1" }],
    ["9223372036854775807+1", { value: "-9223372036854775808" }],
    [" ", { value: "0" }],
    ["y=x=2", { value: "2", y: "2" }],
    ["3 -", "arithmetic syntax error"],
    ["1 ? 2", "malformed ?: operator"],
    ["2**-1", "exponent less than 0"],
    ["5 & 3 | 8 ^ 1", { value: "9" }],
    ["3 > 2 > 1", { value: "0" }],
    ["1e3", "arithmetic syntax error"],
    ["1 2", "arithmetic syntax error"],
  ];
  for (const [expr, expected] of cases) it(expr, () => expect(evaluate(expr)).toEqual(expected));
});
