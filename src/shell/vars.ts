/** Shell variables: values (bash's arrays too), export and readonly flags, and the save stack behind `local`. */
import { AssocArray, IndexedArray, type ShellArray } from "./arrays";

export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
  /** bash's arrays: the elements live here and `value` is unused. */
  array?: ShellArray;
  /** bash: declared as an array but never given a value (`declare -a a` prints no "=()"). */
  declaredOnly?: boolean;
  /** bash's `declare -i`: assignments are evaluated as arithmetic. */
  integer?: boolean;
}

/** `a=x` and `$a` on an array mean element 0 (key "0" of an associative array). */
function elementZero(a: ShellArray): number | string {
  return a.kind === "indexed" ? 0 : "0";
}

function copyVar(e: Var): Var {
  return e.array ? { ...e, array: e.array.clone() } : { ...e };
}

function sizeOf(e: Var | undefined): number {
  if (!e) return 0;
  return e.array ? e.array.bytes() : (e.value?.length ?? 0);
}

/** `declare -A a` on an indexed array (bash refuses to convert it). */
export class ArrayKindError extends Error {
  constructor(readonly name: string) {
    super(`${name}: cannot convert indexed to associative array`);
  }
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
    for (const [k, e] of this.table) v.table.set(k, copyVar(e));
    v.frames = this.frames.map((f) => new Map([...f].map(([k, e]) => [k, e ? copyVar(e) : undefined])));
    return v;
  }

  get(name: string): string | undefined {
    const e = this.table.get(name);
    if (e?.array) return getElement(e.array, elementZero(e.array));
    return e?.value;
  }

  entry(name: string): Var | undefined {
    return this.table.get(name);
  }

  isSet(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, value: string, opts: { export?: boolean } = {}): void {
    const e = this.table.get(name);
    if (e?.readonly) throw new ReadonlyError(name);
    if (e?.array) {
      this.setElement(name, elementZero(e.array), value);
      if (opts.export) e.exported = true;
      return;
    }
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
    this.bytes -= sizeOf(e);
    e.array = undefined;
    e.declaredOnly = undefined;
    // A variable that is local in some frame keeps its slot so the frame can restore it.
    if (this.frames.some((f) => f.has(name))) {
      e.value = undefined;
      e.exported = false;
    } else this.table.delete(name);
  }

  /** bash's `declare NAME`: the variable exists (for its attributes) without a value. */
  declare(name: string): void {
    if (!this.table.has(name)) this.table.set(name, { value: undefined, exported: false, readonly: false });
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
    for (const [k, e] of this.table) if (e.exported && !e.array && e.value !== undefined) env[k] = e.value;
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
    f.set(name, e ? copyVar(e) : undefined);
  }

  // --- bash's arrays ---

  array(name: string): ShellArray | undefined {
    return this.table.get(name)?.array;
  }

  /**
   * Makes NAME an array of `kind` (declare -a/-A, a[i]=v, a=(...)): a scalar becomes element 0 of
   * an indexed array; an existing array of the same kind stays as it is.
   */
  makeArray(name: string, kind: "indexed" | "assoc"): ShellArray {
    let e = this.table.get(name);
    if (e?.array) {
      if (e.array.kind === kind) return e.array;
      if (e.array.kind === "indexed") throw new ArrayKindError(name);
    }
    if (!e) {
      e = { value: undefined, exported: false, readonly: false };
      this.table.set(name, e);
    }
    const arr: ShellArray = kind === "indexed" ? new IndexedArray() : new AssocArray();
    if (e.value !== undefined) {
      if (arr.kind === "indexed") arr.set(0, e.value);
      else arr.set("0", e.value);
    }
    e.value = undefined;
    e.array = arr;
    return arr;
  }

  /** Replaces NAME's elements (a=(...)); the kind it had is kept, else indexed. */
  replaceArray(name: string, elements: ShellArray): void {
    const e = this.table.get(name);
    if (e?.readonly) throw new ReadonlyError(name);
    this.bytes += elements.bytes() - sizeOf(e);
    if (e) {
      e.value = undefined;
      e.array = elements;
      e.declaredOnly = false;
    } else this.table.set(name, { value: undefined, exported: false, readonly: false, array: elements });
  }

  setElement(name: string, key: number | string, value: string): void {
    const e = this.table.get(name);
    if (e?.readonly) throw new ReadonlyError(name);
    const arr = e?.array ?? this.makeArray(name, "indexed");
    const entry = this.table.get(name);
    if (entry) entry.declaredOnly = false;
    const old = getElement(arr, key);
    this.bytes += value.length - (old?.length ?? 0);
    if (arr.kind === "indexed") arr.set(Number(key), value);
    else arr.set(String(key), value);
  }

  unsetElement(name: string, key: number | string): void {
    const e = this.table.get(name);
    if (!e) return;
    if (e.readonly) throw new ReadonlyError(name);
    if (!e.array) {
      if (key === 0 || key === "0") this.unset(name);
      return;
    }
    const old = getElement(e.array, key);
    this.bytes -= old?.length ?? 0;
    if (e.array.kind === "indexed") e.array.delete(Number(key));
    else e.array.delete(String(key));
  }
}

function getElement(a: ShellArray, key: number | string): string | undefined {
  return a.kind === "indexed" ? a.get(Number(key)) : a.get(String(key));
}
