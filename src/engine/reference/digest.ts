/**
 * Digest validation as github.com/opencontainers/go-digest v1 does it (digest.Parse / Validate).
 * Which algorithms are "available" depends on what the Go binary links: the docker CLI links
 * crypto/sha256 and crypto/sha512, so sha256, sha384 and sha512 are the default.
 */

export const DIGEST_ERRORS = {
  ErrDigestInvalidFormat: "invalid checksum digest format",
  ErrDigestInvalidLength: "invalid checksum digest length",
  ErrDigestUnsupported: "unsupported digest algorithm",
} as const;

export type DigestErrorId = keyof typeof DIGEST_ERRORS;

/** Hex length of each algorithm go-digest knows. */
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export const DEFAULT_DIGEST_ALGORITHMS: readonly string[] = ["sha256", "sha384", "sha512"];

const anchoredDigestRegexp = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Returns the error id for an invalid digest, or undefined when `s` is a valid digest. */
export function validateDigest(
  s: string,
  algorithms: readonly string[] = DEFAULT_DIGEST_ALGORITHMS,
): DigestErrorId | undefined {
  const i = s.indexOf(":");
  if (i <= 0 || i + 1 === s.length) return "ErrDigestInvalidFormat";
  const algorithm = s.slice(0, i);
  const encoded = s.slice(i + 1);
  if (!algorithms.includes(algorithm) || !(algorithm in HEX_LENGTH)) {
    return anchoredDigestRegexp.test(s) ? "ErrDigestUnsupported" : "ErrDigestInvalidFormat";
  }
  if (encoded.length !== HEX_LENGTH[algorithm]) return "ErrDigestInvalidLength";
  return /^[a-f0-9]+$/.test(encoded) ? undefined : "ErrDigestInvalidFormat";
}
