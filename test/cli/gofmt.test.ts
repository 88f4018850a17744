// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: the literals docker was run with
import { describe, expect, it } from "vitest";
import { formatFloat } from "../../src/cli/gofloat";
import { sprint, sprintf, sprintln } from "../../src/cli/gofmt";
import { GoFloat } from "../../src/cli/template/values";
import { toBytes as b } from "../../src/cli/utf8";

const F = (x: number) => new GoFloat(x);

// Expected outputs were recorded from the real docker 28.2.2 client (Go 1.24 fmt) with
// `docker context inspect default -f '{{printf FORMAT ARGS...}}'`; floats are the template's
// float literals (GoFloat), other numbers its int literals.
const cases: [string, unknown[], string][] = [
  ["%5.2f|%q|%x", [F(3.14159), 'a"b', 255], ' 3.14|"a\\"b"|ff'],
  [
    "%d %5d %-5d| %05d %+d % d %x %X %o %b %#x %#o",
    [42, 42, 42, 42, 42, 42, 255, 255, 8, 5, 255, 8],
    "42    42 42   | 00042 +42  42 ff FF 10 101 0xff 010",
  ],
  ["%d %05d %+05d", [-42, -42, 42], "-42 -0042 +0042"],
  [
    "%s|%10s|%-10s|%.2s|%q|%x|% x|%X",
    ["hello", "hi", "hi", "hello", "tab\there", "hi", "hi", "hi"],
    'hello|        hi|hi        |he|"tab\\there"|6869|68 69|6869',
  ],
  [
    "%e %E %.3e %g %G",
    [F(1234.5678), F(1234.5678), F(1234.5678), F(1234.5678), F(0.000012345)],
    "1.234568e+03 1.234568E+03 1.235e+03 1234.5678 1.2345E-05",
  ],
  ["%f %.0f %.1f %.2f %.3f", [F(2.5), F(2.5), F(0.25), F(1.005), F(1.0005)], "2.500000 2 0.2 1.00 1.000"],
  ["%.0f %.0f %.0f %.0f", [F(0.5), F(1.5), F(2.5), F(3.5)], "0 2 2 4"],
  [
    "%g %g %g %g %g %g",
    [F(100000), F(1000000), F(1e21), F(1e-5), F(0.0001), F(123456789)],
    "100000 1e+06 1e+21 1e-05 0.0001 1.23456789e+08",
  ],
  ["%v %v %v", [F(1e6), F(1.5e-7), F(3)], "1e+06 1.5e-07 3"],
  ["%.3g %.10g %.1g %.0g", [F(1234.5678), F(1234.5678), F(0.15), F(7)], "1.23e+03 1234.5678 0.1 7"],
  [
    "%8.3f|%-8.3f|%08.3f|%+.2f|% .2f",
    [F(3.14159), F(3.14159), F(-3.14159), F(2), F(2)],
    "   3.142|3.142   |-003.142|+2.00| 2.00",
  ],
  ["%d", ["str"], "%!d(string=str)"],
  ["%s", [42], "%!s(int=42)"],
  ["%d", [], "%!d(MISSING)"],
  ["%d %d", [1], "1 %!d(MISSING)"],
  ["hi", [1, "x"], "hi%!(EXTRA int=1, string=x)"],
  ["%", [], "%!(NOVERB)"],
  ["%!", [], "%!!(MISSING)"],
  ["%z", [3], "%!z(int=3)"],
  ["%5s", [3], "%!s(int=    3)"],
  ["%v|%d|%s", [null, null, null], "<nil>|%!d(<nil>)|%!s(<nil>)"],
  ["%T %T %T %T %T", [1, F(1.5), "s", true, null], "int float64 string bool <nil>"],
  ["%c%c %q %U", [65, 0x4e16, 65, 0x1f600], b("A世 'A' U+1F600")],
  ["%*d|%-*d|%.*f", [5, 42, 5, 42, 2, F(3.14159)], "   42|42   |3.14"],
  ["%[2]d %[1]d", [1, 2], "2 1"],
  ["%[3]d", [1, 2], "%!d(BADINDEX)"],
  ["%q", [b("é\x01\u2028")], b('"é\\x01\\u2028"')],
  ["%+q %#q %#q", [b("é"), "abc", "a`b"], '"\\u00e9" `abc` "a`b"'],
  ["%x %X", [-255, -255], "-ff -FF"],
  ["%6.2f%%", [F(99.5)], " 99.50%"],
  ["%.2s|%.0s|%5.1s|", [b("日本語"), "abc", "xyz"], b("日本||    x|")],
  ["%#v %#v %+v", ["s", 3, "x"], '"s" 3 x'],
  ["%e %g %f", [F(0), F(0), F(0)], "0.000000e+00 0 0.000000"],
  ["%#g %#.3g %#e %#.0f", [F(1), F(2), F(3), F(4)], "1.00000 2.00 3.000000e+00 4."],
  ["%010.3f|%-010d|%010s", [F(-1.5), 7, "ab"], "-00001.500|7         |00000000ab"],
  ["%.3d|%.0d|%5.0d|%08.3d", [7, 0, 0, 7], "007||     |     007"],
  ["%v %v", [F(1e20), F(1e21)], "1e+20 1e+21"],
  ["%v %v %.2g", [F(0.1), F(100), F(1e-10)], "0.1 100 1e-10"],
];

describe("sprintf matches Go's fmt", () => {
  it.each(cases)("%s", (format, args, expected) => {
    expect(sprintf(format, ...args)).toBe(expected);
  });
});

describe("sprint / sprintln", () => {
  it("spaces operands as Go does", () => {
    expect(sprint(1, 2, "a", "b", 3, null, true)).toBe("1 2ab3 <nil> true");
    expect(sprintln(1, "a", 2)).toBe("1 a 2\n");
    expect(sprint()).toBe("");
    expect(sprintln()).toBe("\n");
  });
});

describe("composite values", () => {
  it("prints slices, maps (sorted) and nil elements like Go", () => {
    expect(sprintf("%v", ["a", 1, null])).toBe("[a 1 <nil>]");
    expect(sprintf("%q", ["a", "b"])).toBe('["a" "b"]');
    expect(sprintf("%v", { b: 2, a: { x: true } })).toBe("map[a:map[x:true] b:2]");
    expect(sprintf("%d", ["a"])).toBe("[%!d(string=a)]");
    expect(sprintf("%T %T", [], {})).toBe("[]interface {} map[string]interface {}");
  });
});

describe("formatFloat", () => {
  it("rounds the exact binary value, halves to even", () => {
    expect(formatFloat(0.125, "f", 2)).toBe("0.12");
    expect(formatFloat(0.375, "f", 2)).toBe("0.38");
    expect(formatFloat(1.005, "f", 2)).toBe("1.00"); // 1.00499999999999989...
    expect(formatFloat(-0.0004, "f", 2)).toBe("-0.00");
    expect(formatFloat(9.9999, "f", 2)).toBe("10.00");
    expect(formatFloat(5e-324, "e", -1)).toBe("5e-324");
    expect(formatFloat(1.7976931348623157e308, "g", -1)).toBe("1.7976931348623157e+308");
    expect(formatFloat(Number.NaN, "g", -1)).toBe("NaN");
    expect(formatFloat(-Infinity, "f", 2)).toBe("-Inf");
  });
});
