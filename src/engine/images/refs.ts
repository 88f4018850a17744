/** Image references as the engine uses them, on top of distribution/reference. */
import { familiarName, parseNormalizedNamed, Reference } from "../reference";
import { familiarString as familiar } from "../reference";

export interface NamedRef {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** Parses what a user typed ("nginx", "nginx:1.27", "localhost:5000/app@sha256:..."). */
export function parseImageRef(s: string): ParsedRef {
  // The same few names are parsed at every create and lookup: results are kept (frozen, shared).
  let parsed = parsedRefs.get(s);
  if (!parsed) {
    if (parsedRefs.size >= 256) parsedRefs.clear();
    const r = parseNormalizedNamed(s);
    const v = r.ok ? r.value : undefined;
    parsed = Object.freeze(
      v ? { ok: true as const, ref: Object.freeze({ domain: v.domain, path: v.path, tag: v.tag || undefined, digest: v.digest || undefined }) } : { ok: false as const, message: r.ok ? "" : r.error.message },
    );
    parsedRefs.set(s, parsed);
  }
  return parsed;
}

type ParsedRef = { ok: true; ref: NamedRef } | { ok: false; message: string };

const parsedRefs = new Map<string, ParsedRef>();

function toReference(ref: NamedRef): Reference {
  return new Reference(ref.domain, ref.path, ref.tag ?? "", ref.digest ?? "");
}

/** Familiar name ("nginx") and string ("nginx:latest", or name@digest). */
export function familiarString(ref: NamedRef): { name: string; full: string } {
  const r = toReference(ref);
  return { name: familiarName(r), full: familiar(r) };
}

/** The full reference with the default tag: "docker.io/library/nginx:latest". */
export function fullRef(ref: NamedRef): string {
  return ref.digest ? `${ref.domain}/${ref.path}@${ref.digest}` : `${ref.domain}/${ref.path}:${ref.tag ?? "latest"}`;
}
