import { describe, expect, it } from "vitest";
import {
  bytesSize,
  fromHumanSize,
  GiB,
  humanSize,
  KB,
  KiB,
  MB,
  MiB,
  PB,
  PiB,
  ramInBytes,
  TB,
  TiB,
} from "../../src/cli/units";
import { goAtoi, parseGoBool, parseGoFloat, parseGoInt, parseGoUint } from "../../src/cli/strconv";

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) => (r.ok ? r.value : r.error);

// Vectors from docker/go-units size_test.go, and error texts observed on the real docker 28.2.2
// client (`docker run -m VALUE ...`).
describe("go-units sizes", () => {
  it("HumanSize", () => {
    expect(humanSize(1000)).toBe("1kB");
    expect(humanSize(1024)).toBe("1.024kB");
    expect(humanSize(1000000)).toBe("1MB");
    expect(humanSize(1048576)).toBe("1.049MB");
    expect(humanSize(2 * MB)).toBe("2MB");
    expect(humanSize(3.42 * 1e9)).toBe("3.42GB");
    expect(humanSize(5.372 * TB)).toBe("5.372TB");
    expect(humanSize(2.22 * PB)).toBe("2.22PB");
    expect(humanSize(10000000000000 * PB)).toBe("1e+04YB");
    expect(humanSize(0)).toBe("0B");
    expect(humanSize(4261248)).toBe("4.261MB");
    expect(humanSize(1982464)).toBe("1.982MB");
  });

  it("BytesSize", () => {
    expect(bytesSize(1024)).toBe("1KiB");
    expect(bytesSize(1024 * 1024)).toBe("1MiB");
    expect(bytesSize(2 * MiB)).toBe("2MiB");
    expect(bytesSize(3.42 * GiB)).toBe("3.42GiB");
    expect(bytesSize(5.372 * TiB)).toBe("5.372TiB");
    expect(bytesSize(2.22 * PiB)).toBe("2.22PiB");
    expect(bytesSize(KiB * KiB * KiB * KiB * KiB * PiB)).toBe("1.049e+06YiB");
  });

  it("FromHumanSize", () => {
    const ok: [string, number][] = [
      ["32", 32],
      ["32b", 32],
      ["32B", 32],
      ["32k", 32 * KB],
      ["32K", 32 * KB],
      ["32kb", 32 * KB],
      ["32Kb", 32 * KB],
      ["32Mb", 32 * MB],
      ["32Gb", 32 * 1e9],
      ["32Tb", 32 * TB],
      ["32Pb", 32 * PB],
      ["32.5kB", 32500],
      ["32.5 kB", 32500],
      ["32.5 B", 32],
      ["0.3 K", 300],
      [".3kB", 300],
    ];
    for (const [s, n] of ok) expect(value(fromHumanSize(s)), s).toBe(n);
    for (const s of ["", "hello", "-32", " 32 ", "32m b", "32bm"]) expect(fromHumanSize(s).ok, s).toBe(false);
  });

  it("RAMInBytes", () => {
    const ok: [string, number][] = [
      ["32", 32],
      ["32b", 32],
      ["32k", 32 * KiB],
      ["32Kib", 32 * KiB],
      ["32KIB", 32 * KiB],
      ["32Mb", 32 * MiB],
      ["32Gb", 32 * GiB],
      ["32Tb", 32 * TiB],
      ["32Pb", 32 * PiB],
      ["32PB", 32 * PiB],
      ["32P", 32 * PiB],
      ["32.3", 32],
      ["32.3 mb", Math.trunc(32.3 * MiB)],
      ["0.3MB", Math.trunc(0.3 * MiB)],
      ["512m", 536870912],
      ["1g", GiB],
      ["1e3", 1000],
      ["+5m", 5 * MiB],
      ["1_000", 1000],
      ["32 ", 32],
      ["5 g", 5 * GiB],
    ];
    for (const [s, n] of ok) expect(value(ramInBytes(s)), s).toBe(n);
  });

  it("gives the real client's error texts", () => {
    const errors: [string, string][] = [
      ["abc", "invalid size: 'abc'"],
      ["32bm", "invalid suffix: 'bm'"],
      ["32m b", 'strconv.ParseFloat: parsing "32m": invalid syntax'],
      [" 32 ", 'strconv.ParseFloat: parsing " 32": invalid syntax'],
      ["-32", "invalid size: '-32'"],
      ["1.2.3", 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
      ["32x", "invalid suffix: 'x'"],
      ["", "invalid size: ''"],
      ["0x10", 'strconv.ParseFloat: parsing "0x10": invalid syntax'],
      ["k", "invalid size: 'k'"],
      ["1kibb", "invalid suffix: 'kibb'"],
      ["1KIBB", "invalid suffix: 'KIBB'"],
      ["1xB", "invalid suffix: 'xb'"],
      ["inf", "invalid size: 'inf'"],
      ["NaN", "invalid size: 'NaN'"],
    ];
    for (const [s, e] of errors) expect(value(ramInBytes(s)), s).toBe(e);
  });
});

describe("strconv", () => {
  it("parses like Go and reports Go's errors", () => {
    expect(value(parseGoInt("x"))).toBe('strconv.ParseInt: parsing "x": invalid syntax');
    expect(value(parseGoInt("99999999999999999999"))).toBe(
      'strconv.ParseInt: parsing "99999999999999999999": value out of range',
    );
    expect(value(parseGoInt("0x10"))).toBe(16n);
    expect(value(parseGoInt("-010"))).toBe(-8n);
    expect(value(parseGoInt("1_0"))).toBe(10n);
    expect(value(parseGoInt("1.5"))).toBe('strconv.ParseInt: parsing "1.5": invalid syntax');
    expect(value(parseGoInt("-9223372036854775808"))).toBe(-9223372036854775808n);
    expect(value(parseGoUint("70000", 16))).toBe('strconv.ParseUint: parsing "70000": value out of range');
    expect(value(parseGoUint("-1", 16))).toBe('strconv.ParseUint: parsing "-1": invalid syntax');
    expect(value(parseGoBool("maybe"))).toBe('strconv.ParseBool: parsing "maybe": invalid syntax');
    expect(value(parseGoBool("T"))).toBe(true);
    expect(value(parseGoFloat("1e400"))).toBe('strconv.ParseFloat: parsing "1e400": value out of range');
    expect(value(parseGoFloat("0x1p4"))).toBe(16);
    expect(value(parseGoFloat("-Inf"))).toBe(-Infinity);
    expect(value(goAtoi("12a"))).toBe('strconv.Atoi: parsing "12a": invalid syntax');
  });
});
