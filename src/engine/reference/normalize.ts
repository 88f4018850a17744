/**
 * Docker's "familiar" names (normalize.go and helpers.go of distribution/reference):
 * "ubuntu" <-> "docker.io/library/ubuntu", the default "latest" tag, and image IDs.
 */
import { DEFAULT_DIGEST_ALGORITHMS, validateDigest } from "./digest";
import { goPathMatch } from "./match";
import {
  fail,
  failWith,
  isNameOnly,
  ok,
  type ParseOptions,
  parse,
  Reference,
  type Result,
  withDigest,
  withName,
  withTag,
} from "./reference";
import { anchoredIdentifierRegexp } from "./regexp";

export const LEGACY_DEFAULT_DOMAIN = "index.docker.io";
export const DEFAULT_DOMAIN = "docker.io";
export const OFFICIAL_REPO_PREFIX = "library/";
export const DEFAULT_TAG = "latest";

function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf("/");
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === "localhost") [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  // Upper-case namespaces are not allowed, so an upper-case first element must be a domain.
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes("/")) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** reference.ParseNormalizedNamed: "ubuntu:22.04" -> docker.io/library/ubuntu:22.04. */
export function parseNormalizedNamed(s: string, options: ParseOptions = {}): Result<Reference> {
  if (anchoredIdentifierRegexp.test(s)) {
    return failWith(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(":");
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return failWith(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const parsed = parse(`${domain}/${remainder}`, options);
  if (!parsed.ok) return parsed;
  if (!parsed.value.isNamed) return failWith(`reference ${parsed.value} has no name`);
  return parsed;
}

/** reference.ParseNamed: only names that are already canonical. */
export function parseNamed(s: string, options: ParseOptions = {}): Result<Reference> {
  const named = parseNormalizedNamed(s, options);
  if (!named.ok) return named;
  if (named.value.toString() !== s) return fail("ErrNameNotCanonical");
  return named;
}

/** reference.TagNameOnly: adds ":latest" to a bare name. */
export function tagNameOnly(ref: Reference): Reference {
  if (!isNameOnly(ref)) return ref;
  const tagged = withTag(ref, DEFAULT_TAG);
  return tagged.ok ? tagged.value : ref;
}

/** reference.ParseDockerRef: tagged or digested, never both (the digest wins). */
export function parseDockerRef(s: string, options: ParseOptions = {}): Result<Reference> {
  const named = parseNormalizedNamed(s, options);
  if (!named.ok) return named;
  const ref = named.value;
  if (ref.isTagged && ref.isDigested) {
    const name = withName(ref.name);
    if (!name.ok) return name;
    return withDigest(name.value, ref.digest);
  }
  return ok(tagNameOnly(ref));
}

/** reference.ParseAnyReference: an image ID (bare 64 hex), a digest, or a familiar name. */
export function parseAnyReference(s: string, options: ParseOptions = {}): Result<Reference> {
  if (anchoredIdentifierRegexp.test(s)) return ok(new Reference("", "", "", `sha256:${s}`));
  if (validateDigest(s, options.digestAlgorithms ?? DEFAULT_DIGEST_ALGORITHMS) === undefined) {
    return ok(new Reference("", "", "", s));
  }
  return parseNormalizedNamed(s, options);
}

/** The familiar form: docker.io and a single-level "library/" removed. */
export function familiarize(ref: Reference): Reference {
  if (!ref.isNamed || ref.domain !== DEFAULT_DOMAIN) return ref;
  let path = ref.path;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const remainder = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!remainder.includes("/")) path = remainder;
  }
  return new Reference("", path, ref.tag, ref.digest);
}

/** reference.FamiliarName: "docker.io/library/ubuntu:22.04" -> "ubuntu". */
export function familiarName(ref: Reference): string {
  return familiarize(ref).name;
}

/** reference.FamiliarString: "docker.io/library/ubuntu:22.04" -> "ubuntu:22.04". */
export function familiarString(ref: Reference): string {
  return familiarize(ref).toString();
}

/**
 * reference.FamiliarMatch: path.Match of the pattern against the familiar string, then (for a name)
 * against the familiar name. Returns the Go error text for a malformed pattern.
 */
export function familiarMatch(pattern: string, ref: Reference): { matched: boolean; error?: string } {
  const byString = goPathMatch(pattern, familiarString(ref));
  let matched = byString.matched;
  if (ref.isNamed && !matched) matched = goPathMatch(pattern, familiarName(ref)).matched;
  return byString.error ? { matched, error: byString.error } : { matched };
}
