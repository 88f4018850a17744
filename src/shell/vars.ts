/** Shell variables: values, export and readonly flags, and the save stack behind `local`. */

export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

export class ReadonlyError extends Error {
  constructor(readonly name: string) {
    super(`${name}: is read only`);
  }
}

export class Vars {
  private table = new Map<string, Var>();
  /** One frame per function call that used `local`: saved copies to restore on return. */
  private frames: Map<string, Var | undefined>[] = [];
  /** Bytes held in values: the shell charges them as its memory (x=$x$x can meet the OOM killer). */
  bytes = 0;

  clone(): Vars {
    const v = new Vars();
    v.bytes = this.bytes;
    for (const [k, e] of this.table) v.table.set(k, { ...e });
    v.frames = this.frames.map((f) => new Map([...f].map(([k, e]) => [k, e ? { ...e } : undefined])));
    return v;
  }

  get(name: string): string | undefined {
    return this.table.get(name)?.value;
  }

  entry(name: string): Var | undefined {
    return this.table.get(name);
  }

  isSet(name: string): boolean {
    return this.table.get(name)?.value !== undefined;
  }

  set(name: string, value: string, opts: { export?: boolean } = {}): void {
    const e = this.table.get(name);
    if (e?.readonly) throw new ReadonlyError(name);
    this.bytes += value.length - (e?.value?.length ?? 0);
    if (e) {
      e.value = value;
      if (opts.export) e.exported = true;
    } else {
      this.table.set(name, { value, exported: opts.export ?? false, readonly: false });
    }
  }

  unset(name: string): void {
    const e = this.table.get(name);
    if (!e) return;
    if (e.readonly) throw new ReadonlyError(name);
    this.bytes -= e.value?.length ?? 0;
    // A variable that is local in some frame keeps its slot so the frame can restore it.
    if (this.frames.some((f) => f.has(name))) {
      e.value = undefined;
      e.exported = false;
    } else this.table.delete(name);
  }

  markExported(name: string): void {
    const e = this.table.get(name);
    if (e) e.exported = true;
    else this.table.set(name, { value: undefined, exported: true, readonly: false });
  }

  markReadonly(name: string): void {
    const e = this.table.get(name);
    if (e) e.readonly = true;
    else this.table.set(name, { value: undefined, exported: false, readonly: true });
  }

  names(): string[] {
    return [...this.table.keys()];
  }

  /** Environment for a new program: exported variables that have values. */
  environ(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, e] of this.table) if (e.exported && e.value !== undefined) env[k] = e.value;
    return env;
  }

  pushFrame(): void {
    this.frames.push(new Map());
  }

  popFrame(): void {
    const f = this.frames.pop();
    if (!f) return;
    for (const [name, saved] of f) {
      if (saved) this.table.set(name, saved);
      else this.table.delete(name);
    }
  }

  get inFunction(): boolean {
    return this.frames.length > 0;
  }

  /** `local name`: remember the current value so the function's return restores it. */
  makeLocal(name: string): void {
    const f = this.frames[this.frames.length - 1];
    if (!f || f.has(name)) return;
    const e = this.table.get(name);
    f.set(name, e ? { ...e } : undefined);
  }
}
