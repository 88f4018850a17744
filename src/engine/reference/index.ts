export { DEFAULT_DIGEST_ALGORITHMS, DIGEST_ERRORS, validateDigest } from "./digest";
export { goPathMatch } from "./match";
export {
  DEFAULT_DOMAIN,
  DEFAULT_TAG,
  familiarMatch,
  familiarName,
  familiarString,
  familiarize,
  parseAnyReference,
  parseDockerRef,
  parseNamed,
  parseNormalizedNamed,
  tagNameOnly,
} from "./normalize";
export {
  isNameOnly,
  type ParseOptions,
  parse,
  REFERENCE_ERRORS,
  Reference,
  type ReferenceError,
  type ReferenceErrorId,
  type Result,
  splitDomain,
  trimNamed,
  withDigest,
  withName,
  withTag,
} from "./reference";
