/**
 * The reference grammar of github.com/distribution/reference (regexp.go), as JS regular expressions.
 * Go's RE2 submatch semantics are leftmost-first like JS's, so captures come out the same.
 */

const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const optionalPort = "(?::[0-9]+)?";
const tag = "[\\w][\\w.-]{0,127}";
const digestPat = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
const identifier = "([a-f0-9]{64})";
const ipv6address = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;

const optional = (...res: string[]) => `(?:${res.join("")})?`;
const anyTimes = (...res: string[]) => `(?:${res.join("")})*`;
const capture = (...res: string[]) => `(${res.join("")})`;
const anchored = (...res: string[]) => new RegExp(`^${res.join("")}$`);

const pathComponent = alphanumeric + anyTimes(separator + alphanumeric);
const remoteName = pathComponent + anyTimes("/", pathComponent);
const namePat = optional(domainAndPort, "/") + remoteName;

/** name (1), tag (2), digest (3). */
export const referenceRegexp = anchored(
  capture(namePat),
  optional(":", capture(tag)),
  optional("@", capture(digestPat)),
);
/** domain (1), path (2). */
export const anchoredNameRegexp = anchored(optional(capture(domainAndPort), "/"), capture(remoteName));
export const anchoredTagRegexp = anchored(tag);
export const anchoredDigestRegexp = anchored(digestPat);
export const anchoredIdentifierRegexp = anchored(identifier);
