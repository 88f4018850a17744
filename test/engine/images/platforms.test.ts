/** Platform specifiers as containerd/platforms reads and matches them, and per-arch image binaries. */
import { describe, expect, it } from "vitest";
import { formatPlatform, HOST_PLATFORM, imageSuits, parsePlatform, platformMatches, type Platform } from "../../../src/engine/images/platforms";
import { catalog } from "../../../src/engine/registry";

const p = (os: string, architecture: string, variant = ""): Platform => ({ os, architecture, variant });
const parsed = (s: string) => {
  const r = parsePlatform(s);
  return r.ok ? formatPlatform(r.platform) : r.error;
};

describe("parsePlatform", () => {
  it("normalizes names and fills in what a single word leaves out", () => {
    expect(["linux/arm64", "LINUX/ARM64", "linux/aarch64", "arm64", "aarch64", "linux/arm64/v8", "linux/amd64", "x86_64", "linux/x86-64/v1", "linux", "linux/armhf", "linux/arm/v7", "linux/arm/6", "i386", "macos/arm64", "windows(10.0.17763)/amd64"].map(parsed)).toEqual([
      "linux/arm64",
      "linux/arm64",
      "linux/arm64",
      "linux/arm64",
      "linux/arm64",
      "linux/arm64/v8",
      "linux/amd64",
      "linux/amd64",
      "linux/amd64",
      "linux/amd64",
      "linux/arm",
      "linux/arm/v7",
      "linux/arm/v6",
      "linux/386",
      "darwin/arm64",
      "windows(10.0.17763)/amd64",
    ]);
  });

  it("gives containerd's errors (recorded from docker 28.2's client)", () => {
    expect(parsed("foo")).toBe('"foo": unknown operating system or architecture: invalid argument');
    expect(parsed("linux/a b")).toBe('"a b" is an invalid component of "linux/a b": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument');
    expect(parsed("/")).toBe('"" is an invalid OS component of "/": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$": invalid argument');
    expect(parsed("linux/")).toBe('"" is an invalid component of "linux/": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument');
    expect(parsed("linux/arm64/v8/x")).toBe('"linux/arm64/v8/x": cannot parse platform specifier: invalid argument');
    expect(parsed("linux/*")).toBe('"linux/*": wildcards not yet supported: invalid argument');
  });
});

describe("matching", () => {
  it("the host (amd64 at level v3) runs amd64 images of lower levels and 386, not arm64", () => {
    expect(formatPlatform(HOST_PLATFORM)).toBe("linux/amd64/v3");
    expect(imageSuits(HOST_PLATFORM, p("linux", "amd64"))).toBe(true);
    expect(imageSuits(HOST_PLATFORM, p("linux", "amd64", "v2"))).toBe(true);
    expect(imageSuits(HOST_PLATFORM, p("linux", "amd64", "v4"))).toBe(false);
    expect(imageSuits(HOST_PLATFORM, p("linux", "386"))).toBe(true);
    expect(imageSuits(HOST_PLATFORM, p("linux", "arm64", "v8"))).toBe(false);
  });

  it("arm64 requests take v8 manifests; an image config without a variant suits any level", () => {
    expect(platformMatches(p("linux", "arm64"), p("linux", "arm64", "v8"))).toBe(true);
    expect(platformMatches(p("linux", "arm64", "v8.2"), p("linux", "arm64", "v8.1"))).toBe(true);
    expect(platformMatches(p("linux", "arm64", "v8"), p("linux", "arm", "v7"))).toBe(true);
    expect(platformMatches(p("linux", "amd64", "v2"), p("linux", "amd64", "v3"))).toBe(false);
    expect(imageSuits(p("linux", "amd64", "v2"), p("linux", "amd64"))).toBe(true);
    expect(imageSuits(p("linux", "s390x"), p("linux", "amd64"))).toBe(false);
  });
});

describe("per-architecture layers", () => {
  it("arm64 image layers hold arm64 binaries; amd64 ones the host's", () => {
    const progs = (arch: "amd64" | "arm64") => {
      const r = catalog.resolve("busybox", "latest", arch);
      if (!r.ok) throw new Error(r.error);
      return r.image.layers.flatMap((l) => l.layer.entries()).filter((e) => e.path === "bin/busybox").map((e) => e.prog);
    };
    expect(progs("amd64")).toEqual(["busybox"]);
    expect(progs("arm64")).toEqual(["busybox@arm64"]);
  });
});
