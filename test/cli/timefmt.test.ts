import { describe, expect, it } from "vitest";
import {
  containerStatus,
  formatDuration,
  formatGoTime,
  formatRFC3339Nano,
  GO_ZERO_TIME_UNIX,
  HOUR,
  humanDuration,
  MINUTE,
  parseDuration,
  SECOND,
} from "../../src/cli/timefmt";

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) => (r.ok ? r.value : r.error);
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe("humanDuration (go-units duration_test.go)", () => {
  const cases: [number, string][] = [
    [450 * 1e6, "Less than a second"],
    [SECOND, "1 second"],
    [45 * SECOND, "45 seconds"],
    [59 * SECOND, "59 seconds"],
    [60 * SECOND, "About a minute"],
    [3 * MINUTE, "3 minutes"],
    [35 * MINUTE + 40 * SECOND, "35 minutes"],
    [59 * MINUTE, "59 minutes"],
    [HOUR, "About an hour"],
    [HOUR + 29 * MINUTE, "About an hour"],
    [HOUR + 31 * MINUTE, "2 hours"],
    [3 * HOUR + 29 * MINUTE, "3 hours"],
    [3 * HOUR + 31 * MINUTE, "4 hours"],
    [24 * HOUR, "24 hours"],
    [DAY + 12 * HOUR, "36 hours"],
    [2 * DAY, "2 days"],
    [7 * DAY, "7 days"],
    [13 * DAY + 5 * HOUR, "13 days"],
    [2 * WEEK, "2 weeks"],
    [2 * WEEK + 4 * DAY, "2 weeks"],
    [4 * WEEK + 3 * DAY, "4 weeks"],
    [MONTH, "4 weeks"],
    [MONTH + 2 * WEEK, "6 weeks"],
    [2 * MONTH, "2 months"],
    [5 * MONTH + 2 * WEEK, "5 months"],
    [13 * MONTH, "13 months"],
    [24 * MONTH, "24 months"],
    [24 * MONTH + 2 * WEEK, "2 years"],
    [3 * YEAR + 2 * MONTH, "3 years"],
    [-5 * SECOND, "Less than a second"],
  ];
  it.each(cases)("%d ns -> %s", (ns, text) => expect(humanDuration(ns)).toBe(text));
});

describe("containerStatus (moby State.String)", () => {
  const now = 1_700_000_000 * SECOND;
  const base = { running: false, exitCode: 0, startedAt: 0, finishedAt: 0 };
  it("composes docker ps STATUS texts", () => {
    expect(containerStatus(base, now)).toBe("Created");
    expect(containerStatus({ ...base, running: true, startedAt: now - 5 * MINUTE }, now)).toBe(
      "Up 5 minutes",
    );
    expect(containerStatus({ ...base, running: true, startedAt: now - 500 * 1e6 }, now)).toBe(
      "Up Less than a second",
    );
    expect(containerStatus({ ...base, running: true, paused: true, startedAt: now - 2 * SECOND }, now)).toBe(
      "Up 2 seconds (Paused)",
    );
    expect(
      containerStatus({ ...base, running: true, health: "healthy", startedAt: now - 3 * MINUTE }, now),
    ).toBe("Up 3 minutes (healthy)");
    expect(
      containerStatus({ ...base, running: true, health: "starting", startedAt: now - 3 * SECOND }, now),
    ).toBe("Up 3 seconds (health: starting)");
    expect(
      containerStatus({ ...base, exitCode: 137, startedAt: now - HOUR, finishedAt: now - 2 * MINUTE }, now),
    ).toBe("Exited (137) 2 minutes ago");
    expect(
      containerStatus(
        { ...base, running: true, restarting: true, exitCode: 1, startedAt: 1, finishedAt: now - 1 },
        now,
      ),
    ).toBe("Restarting (1) Less than a second ago");
    expect(containerStatus({ ...base, dead: true, startedAt: 1 }, now)).toBe("Dead");
  });
});

describe("Go time.Duration", () => {
  // Go's time_test.go durationTests.
  const strings: [string, number][] = [
    ["0s", 0],
    ["1ns", 1],
    ["1.1\xc2\xb5s", 1100],
    ["2.2ms", 2200 * 1000],
    ["3.3s", 3300 * 1e6],
    ["4m5s", 4 * MINUTE + 5 * SECOND],
    ["4m5.001s", 4 * MINUTE + 5001 * 1e6],
    ["5h6m7.001s", 5 * HOUR + 6 * MINUTE + 7001 * 1e6],
    ["8m0.000000001s", 8 * MINUTE + 1],
    ["-1m30s", -90 * SECOND],
    ["1h0m0s", HOUR],
  ];
  it.each(strings)("formats %s", (text, ns) => expect(formatDuration(ns)).toBe(text));

  const parses: [string, number][] = [
    ["0", 0],
    ["5s", 5 * SECOND],
    ["-5s", -5 * SECOND],
    ["+5s", 5 * SECOND],
    ["-0", 0],
    ["5.0s", 5 * SECOND],
    ["5.6s", 5.6 * SECOND],
    ["5.s", 5 * SECOND],
    [".5s", 0.5 * SECOND],
    ["1.004s", 1004 * 1e6],
    ["100.00100s", 100001 * 1e6],
    ["10ns", 10],
    ["11us", 11000],
    ["12\xc2\xb5s", 12000],
    ["12\xce\xbcs", 12000],
    ["13ms", 13 * 1e6],
    ["15m", 15 * MINUTE],
    ["16h", 16 * HOUR],
    ["3h30m", 3.5 * HOUR],
    ["10.5s4m", 4 * MINUTE + 10.5 * SECOND],
    ["-2m3.4s", -(2 * MINUTE + 3.4 * SECOND)],
    ["1h2m3s4ms5us6ns", HOUR + 2 * MINUTE + 3 * SECOND + 4e6 + 5e3 + 6],
    ["39h9m14.425s", 39 * HOUR + 9 * MINUTE + 14.425 * SECOND],
    ["0.3333333333333333333h", 20 * MINUTE],
    ["1.5h", 1.5 * HOUR],
    ["1m30s", 90 * SECOND],
  ];
  it.each(parses)("parses %s", (text, ns) => expect(value(parseDuration(text))).toBe(ns));

  it("reports Go's parse errors", () => {
    expect(value(parseDuration(""))).toBe('time: invalid duration ""');
    expect(value(parseDuration("x"))).toBe('time: invalid duration "x"');
    expect(value(parseDuration("10"))).toBe('time: missing unit in duration "10"');
    expect(value(parseDuration("10x"))).toBe('time: unknown unit "x" in duration "10x"');
    expect(value(parseDuration("1d"))).toBe('time: unknown unit "d" in duration "1d"');
    expect(value(parseDuration("-"))).toBe('time: invalid duration "-"');
    expect(value(parseDuration(".s"))).toBe('time: invalid duration ".s"');
    expect(value(parseDuration("\xffff"))).toBe('time: invalid duration "\\xffff"');
    expect(value(parseDuration("3000000h"))).toBe('time: invalid duration "3000000h"');
    expect(value(parseDuration("9223372036854775808ns"))).toBe(
      'time: invalid duration "9223372036854775808ns"',
    );
  });
});

describe("Go timestamps", () => {
  it("RFC3339Nano trims trailing zeros", () => {
    expect(formatRFC3339Nano(1_700_000_000, 0)).toBe("2023-11-14T22:13:20Z");
    expect(formatRFC3339Nano(1_700_000_000, 123_400_000)).toBe("2023-11-14T22:13:20.1234Z");
    expect(formatRFC3339Nano(951_782_400, 1)).toBe("2000-02-29T00:00:00.000000001Z");
    expect(formatRFC3339Nano(GO_ZERO_TIME_UNIX)).toBe("0001-01-01T00:00:00Z");
  });
  it("Time.String as docker ps shows CreatedAt", () => {
    expect(formatGoTime(1_795_000_000)).toBe("2026-11-18 11:06:40 +0000 UTC");
    expect(formatGoTime(1_700_000_000, 500_000_000)).toBe("2023-11-14 22:13:20.5 +0000 UTC");
  });
});
