/**
 * A layer in the catalog: a recipe that generates its entries on demand. Images that share a base
 * hold the very same Layer object, so they share its digest (`docker pull` prints "Already
 * exists"). Entries are generated once and cached by digest; treat them as immutable.
 */
import { type BinaryArch, type FileEntry, progFor, progParts } from "../../kernel/fs/entries";
import { type LayerMeta, layerMeta } from "./digest";

const byDigest = new Map<string, Layer>();

export class Layer {
  private cachedMeta?: LayerMeta;
  private cachedEntries?: FileEntry[];

  /** `key` names the recipe (e.g. "debian:bookworm/amd64"); `build` generates the tree. */
  constructor(
    readonly key: string,
    private readonly build: () => FileEntry[],
  ) {}

  entries(): FileEntry[] {
    if (!this.cachedEntries) this.cachedEntries = this.build();
    return this.cachedEntries;
  }

  meta(): LayerMeta {
    if (!this.cachedMeta) {
      this.cachedMeta = layerMeta(this.entries());
      // Identical content from two recipes is one blob: keep the first Layer that had it.
      if (!byDigest.has(this.cachedMeta.digest)) byDigest.set(this.cachedMeta.digest, this);
      if (!byDigest.has(this.cachedMeta.diffID)) byDigest.set(this.cachedMeta.diffID, this);
    }
    return this.cachedMeta;
  }
}

/** A known layer by its blob digest or diffID, once some image using it has been resolved. */
export function layerByDigest(digest: string): Layer | undefined {
  return byDigest.get(digest);
}

/**
 * One Layer per (recipe, architecture), created on first use. The recipe's executables are built
 * for that architecture: their program references say so ("busybox@arm64"), so the kernel refuses
 * to run them on a machine of another kind.
 */
export function perArch<A extends BinaryArch>(key: string, build: (arch: A) => FileEntry[]): (arch: A) => Layer {
  const made = new Map<A, Layer>();
  return (arch) => {
    let l = made.get(arch);
    if (!l) made.set(arch, (l = new Layer(`${key}/${arch}`, () => builtFor(build(arch), arch))));
    return l;
  };
}

function builtFor(entries: FileEntry[], arch: BinaryArch): FileEntry[] {
  if (arch === "amd64") return entries;
  return entries.map((e) => (e.prog === undefined ? e : { ...e, prog: progFor(progParts(e.prog).prog, arch) }));
}
