/**
 * Image references with the semantics of github.com/distribution/reference (reference.go):
 * strict parsing (no normalisation), and composing names with tags and digests.
 */
import { DEFAULT_DIGEST_ALGORITHMS, DIGEST_ERRORS, type DigestErrorId, validateDigest } from "./digest";
import { anchoredDigestRegexp, anchoredNameRegexp, anchoredTagRegexp, referenceRegexp } from "./regexp";

export const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;

export const REFERENCE_ERRORS = {
  ErrReferenceInvalidFormat: "invalid reference format",
  ErrTagInvalidFormat: "invalid tag format",
  ErrDigestInvalidFormat: "invalid digest format",
  ErrNameContainsUppercase: "repository name must be lowercase",
  ErrNameEmpty: "repository name must have at least one component",
  ErrNameTooLong: `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters`,
  ErrNameNotCanonical: "repository name must be canonical",
} as const;

/** A sentinel error of the Go package (comparable with errors.Is), or "formatted" for fmt.Errorf ones. */
export type ReferenceErrorId = keyof typeof REFERENCE_ERRORS | DigestErrorId | "formatted";

export interface ReferenceError {
  readonly id: ReferenceErrorId;
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ReferenceError };

export function fail<T>(id: keyof typeof REFERENCE_ERRORS | DigestErrorId): Result<T> {
  const message =
    id in REFERENCE_ERRORS
      ? REFERENCE_ERRORS[id as keyof typeof REFERENCE_ERRORS]
      : DIGEST_ERRORS[id as DigestErrorId];
  return { ok: false, error: { id, message } };
}

export function failWith<T>(message: string): Result<T> {
  return { ok: false, error: { id: "formatted", message } };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export interface ParseOptions {
  /** Digest algorithms the simulated binary "links"; see digest.ts. */
  digestAlgorithms?: readonly string[];
}

/**
 * One value for all of Go's reference types: a digest-only reference has an empty path; a name-only
 * one ("repository") has neither tag nor digest; Tagged/Digested/Canonical follow from the fields.
 */
export class Reference {
  constructor(
    readonly domain: string,
    readonly path: string,
    readonly tag = "",
    readonly digest = "",
  ) {}

  /** Go's Named interface: everything but a digest-only reference. */
  get isNamed(): boolean {
    return this.path !== "";
  }

  get isTagged(): boolean {
    return this.tag !== "";
  }

  get isDigested(): boolean {
    return this.digest !== "";
  }

  /** Go's Name(): domain/path, or just path when there is no domain. */
  get name(): string {
    return this.domain === "" ? this.path : `${this.domain}/${this.path}`;
  }

  toString(): string {
    if (!this.isNamed) return this.digest;
    return this.name + (this.tag ? `:${this.tag}` : "") + (this.digest ? `@${this.digest}` : "");
  }
}

/** Go's splitDomain: the domain and path of a name, or "" and the whole name. */
export function splitDomain(name: string): [string, string] {
  const m = anchoredNameRegexp.exec(name);
  if (!m) return ["", name];
  return [m[1] ?? "", m[2]];
}

/** reference.Parse: a syntactically valid reference, not normalised. */
export function parse(s: string, options: ParseOptions = {}): Result<Reference> {
  if (s === "") return fail("ErrNameEmpty");
  const matches = referenceRegexp.exec(s);
  if (!matches) {
    const lower = s.toLowerCase();
    // Succeeds when lower-cased, so the input holds an invalid (upper-case) repository name.
    if (lower !== s && referenceRegexp.test(lower)) return fail("ErrNameContainsUppercase");
    return fail("ErrReferenceInvalidFormat");
  }
  const [domain, path] = splitDomain(matches[1]);
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) return fail("ErrNameTooLong");
  const digest = matches[3] ?? "";
  if (digest !== "") {
    const bad = validateDigest(digest, options.digestAlgorithms ?? DEFAULT_DIGEST_ALGORITHMS);
    if (bad) return fail(bad);
  }
  const ref = new Reference(domain, path, matches[2] ?? "", digest);
  if (!ref.isNamed && !ref.isDigested) return fail("ErrNameEmpty");
  return ok(ref);
}

/** reference.WithName: a name without tag or digest. */
export function withName(name: string): Result<Reference> {
  const m = anchoredNameRegexp.exec(name);
  if (!m) return fail("ErrReferenceInvalidFormat");
  if (m[2].length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) return fail("ErrNameTooLong");
  return ok(new Reference(m[1] ?? "", m[2]));
}

/** reference.WithTag: keeps a digest the name already has. */
export function withTag(named: Reference, tag: string): Result<Reference> {
  if (!anchoredTagRegexp.test(tag)) return fail("ErrTagInvalidFormat");
  return ok(new Reference(named.domain, named.path, tag, named.digest));
}

/** reference.WithDigest: keeps a tag the name already has; the digest is only checked for shape. */
export function withDigest(named: Reference, digest: string): Result<Reference> {
  if (!anchoredDigestRegexp.test(digest)) return fail("ErrDigestInvalidFormat");
  return ok(new Reference(named.domain, named.path, named.tag, digest));
}

/** reference.TrimNamed: drops tag and digest. */
export function trimNamed(ref: Reference): Reference {
  return new Reference(ref.domain, ref.path);
}

/** reference.IsNameOnly. */
export function isNameOnly(ref: Reference): boolean {
  return !ref.isTagged && !ref.isDigested;
}
