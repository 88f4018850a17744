import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  familiarMatch,
  familiarName,
  familiarString,
  parse,
  parseAnyReference,
  parseDockerRef,
  parseNamed,
  parseNormalizedNamed,
  type Reference,
  type Result,
  withDigest,
  withName,
  withTag,
} from "../../../src/engine/reference";

// The upstream Go tests only link crypto/sha256, so sha512 digests are "unsupported" there.
const GO_TEST_OPTIONS = { digestAlgorithms: ["sha256"] };

interface Cases {
  groups: Record<string, { cases: Record<string, unknown>[]; errorCases?: Record<string, unknown>[] }>;
}
const data: Cases = JSON.parse(
  readFileSync(new URL("fixtures/image-references.json", import.meta.url), "utf8"),
);
// biome-ignore lint/suspicious/noExplicitAny: JSON case rows
const group = (name: string): any[] => data.groups[name].cases;

function value(r: Result<Reference>): Reference {
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.value;
}

let counted = 0;
const count = () => counted++;

describe("distribution/reference cases", () => {
  it.each(group("parse"))("Parse($input)", (c) => {
    count();
    const r = parse(c.input, GO_TEST_OPTIONS);
    if (c.error) {
      expect(r.ok ? "ok" : r.error).toEqual(
        c.error.id.startsWith("digest.") ? { id: c.error.id.slice(7), message: c.error.message } : c.error,
      );
      return;
    }
    const ref = value(r);
    expect(ref.toString()).toBe(c.input);
    expect(ref.name).toBe(c.repository);
    expect(ref.domain).toBe(c.domain);
    expect(ref.isTagged ? ref.tag : null).toBe(c.tag);
    expect(ref.isDigested ? ref.digest : null).toBe(c.digest);
  });

  it.each(group("withNameFailure"))("WithName($input) fails", (c) => {
    count();
    const r = withName(c.input);
    expect(r.ok ? "ok" : r.error).toEqual(c.error);
  });

  it.each(group("domainAndPath"))("WithName($input) domain/path", (c) => {
    count();
    const ref = value(withName(c.input));
    expect([ref.domain, ref.path]).toEqual([c.domain, c.path]);
  });

  it.each(group("serialization"))("Field round trip: $description", (c) => {
    count();
    const r = parse(c.input, GO_TEST_OPTIONS);
    if (c.error) {
      expect(r.ok ? "ok" : r.error).toEqual(c.error);
      return;
    }
    const ref = value(r);
    expect(ref.toString()).toBe(c.input);
    expect(ref.name).toBe(c.name);
    expect(ref.isTagged ? ref.tag : null).toBe(c.tag);
    expect(ref.isDigested ? ref.digest : null).toBe(c.digest);
  });

  it.each(group("withTag"))("WithTag($name, $tag)", (c) => {
    count();
    let named = value(withName(c.name));
    if (c.digest) named = value(withDigest(named, c.digest));
    expect(value(withTag(named, c.tag)).toString()).toBe(c.combined);
  });

  it.each(group("withDigest"))("WithDigest($name, $digest)", (c) => {
    count();
    let named = value(withName(c.name));
    if (c.tag) named = value(withTag(named, c.tag));
    expect(value(withDigest(named, c.digest)).toString()).toBe(c.combined);
  });

  it.each(group("parseNamed"))("ParseNamed($input)", (c) => {
    count();
    const r = parseNamed(c.input, GO_TEST_OPTIONS);
    if (c.error) {
      expect(r.ok ? "ok" : r.error).toEqual(c.error);
      return;
    }
    const ref = value(r);
    expect([ref.domain, ref.path]).toEqual([c.domain, c.path]);
  });

  it.each(group("normalizedValidity"))("ParseNormalizedNamed($input) valid=$valid", (c) => {
    count();
    expect(parseNormalizedNamed(c.input, GO_TEST_OPTIONS).ok).toBe(c.valid);
  });

  it.each(group("repositoryInfo"))("ParseNormalizedNamed($input) familiar", (c) => {
    count();
    const ref = value(parseNormalizedNamed(c.input, GO_TEST_OPTIONS));
    expect([familiarName(ref), ref.toString(), ref.domain, ref.path]).toEqual([
      c.familiarName,
      c.fullName,
      c.domain,
      c.path,
    ]);
  });

  it.each(group("parseAnyReference"))("ParseAnyReference($input)", (c) => {
    count();
    const ref = value(parseAnyReference(c.input, GO_TEST_OPTIONS));
    expect(ref.toString()).toBe(c.equivalent);
    expect(ref.isNamed ? "named" : "digest").toBe(c.expectedKind);
  });

  it.each(group("normalizedSplitHostname"))("ParseNormalizedNamed($input) domain/path", (c) => {
    count();
    const ref = value(parseNormalizedNamed(c.input, GO_TEST_OPTIONS));
    expect([ref.domain, ref.path]).toEqual([c.domain, c.path]);
  });

  it.each(group("familiarMatch"))("FamiliarMatch($pattern, $reference)", (c) => {
    count();
    const ref = value(parseAnyReference(c.reference, GO_TEST_OPTIONS));
    expect(familiarMatch(c.pattern, ref)).toEqual({ matched: c.expected });
  });

  it.each(data.groups.familiarMatch.errorCases ?? [])("FamiliarMatch($pattern) is an error", (c) => {
    count();
    const ref = value(parseAnyReference(c.reference as string, GO_TEST_OPTIONS));
    expect(familiarMatch(c.pattern as string, ref).error).toBe("syntax error in pattern");
  });

  it.each(group("parseDockerRef"))("ParseDockerRef: $name", (c) => {
    count();
    expect(value(parseDockerRef(c.input, GO_TEST_OPTIONS)).toString()).toBe(c.expected);
  });

  it.each(group("misc"))("$function($input$base)", (c) => {
    count();
    if (c.function === "ParseNormalizedNamed") {
      const r = parseNormalizedNamed(c.input, GO_TEST_OPTIONS);
      if (c.expectError) {
        expect(r.ok).toBe(false);
        return;
      }
      const ref = value(r);
      expect([ref.toString(), familiarString(ref), ref.isTagged, ref.isDigested]).toEqual([
        c.expectedString,
        c.expectedFamiliarString,
        c.isTagged,
        c.isCanonical,
      ]);
    } else if (c.function === "WithTag") {
      expect(withTag(value(parseNormalizedNamed(c.base)), c.tag).ok).toBe(false);
    } else {
      expect(c.function).toBe("WithDigest");
      expect(withDigest(value(parseNormalizedNamed(c.base)), c.digest).ok).toBe(false);
    }
  });

  it("ran every case in the file", () => {
    // The file counts the one FamiliarMatch error case among its 242.
    expect(counted).toBe(242);
  });
});

describe("docker's messages for image names (checked against the real 28.2.2 client)", () => {
  const error = (s: string) => {
    const r = parseNormalizedNamed(s);
    return r.ok ? "ok" : r.error.message;
  };
  it("gives docker's errors", () => {
    expect(error("Foo")).toBe("invalid reference format: repository name (library/Foo) must be lowercase");
    expect(error("busybox@sha256:abc")).toBe("invalid reference format");
    expect(error(`busybox@foo:${"f".repeat(64)}`)).toBe("unsupported digest algorithm");
    expect(error("a:b:c")).toBe("invalid reference format");
    expect(error("b".repeat(64))).toBe(
      `invalid repository name (${"b".repeat(64)}), cannot specify 64-byte hexadecimal strings`,
    );
    expect(error("")).toBe("invalid reference format");
  });
  it("accepts sha512 digests as the docker binary links crypto/sha512", () => {
    expect(error(`busybox@sha512:${"f".repeat(128)}`)).toBe("ok");
  });
  it("familiar forms", () => {
    const ref = value(parseDockerRef("ubuntu"));
    expect([ref.toString(), familiarString(ref), familiarName(ref)]).toEqual([
      "docker.io/library/ubuntu:latest",
      "ubuntu:latest",
      "ubuntu",
    ]);
  });
});
