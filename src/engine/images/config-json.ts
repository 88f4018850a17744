/**
 * An image's config file (its JSON, as the registry and `docker inspect` have it), parsed once per
 * content: every container create, platform check and inspect of an image reads the same one.
 * Frozen: readers never change it (a container copies what it keeps).
 */
export function parsedConfig<T = unknown>(json: string): T {
  let cfg = cache.get(json);
  if (cfg === undefined) {
    if (cache.size >= 64) cache.clear();
    cfg = deepFreeze(JSON.parse(json));
    cache.set(json, cfg);
  }
  return cfg as T;
}

const cache = new Map<string, unknown>();

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
