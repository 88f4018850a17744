/**
 * The shell's table of commands found in $PATH (bash's `hash`, ash's "tracked aliases"): what
 * `type` and `command -V` report as hashed. Assigning PATH empties it, as in every shell.
 */
export interface HashEntry {
  path: string;
  hits: number;
}

export class CommandHash {
  private entries = new Map<string, HashEntry>();
  /** The $PATH the entries were found with. */
  private searchPath: string | undefined;

  clone(): CommandHash {
    const c = new CommandHash();
    for (const [k, v] of this.entries) c.entries.set(k, { ...v });
    c.searchPath = this.searchPath;
    return c;
  }

  /** The entry for NAME, if $PATH is still the one it was found with. */
  get(name: string, currentPath: string): HashEntry | undefined {
    this.sync(currentPath);
    return this.entries.get(name);
  }

  /** Records NAME found at PATH; `hit`: it is being run (bash counts runs). */
  remember(name: string, path: string, currentPath: string, hit: boolean): void {
    this.sync(currentPath);
    const e = this.entries.get(name);
    if (e && e.path === path) {
      if (hit) e.hits++;
      return;
    }
    this.entries.set(name, { path, hits: hit ? 1 : 0 });
  }

  list(): [string, HashEntry][] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.clear();
  }

  delete(name: string): boolean {
    return this.entries.delete(name);
  }

  private sync(currentPath: string): void {
    if (this.searchPath !== currentPath) this.entries.clear();
    this.searchPath = currentPath;
  }
}
