/**
 * A memo that lives for one path walk. A walk only reads, so what a driver resolved for one
 * component (an overlay object, say) stays true until the walk ends; the VFS opens the scope around
 * each walk and drivers may keep their intermediate results in it instead of recomputing them for
 * every component. Outside a walk there is no memo.
 */
let depth = 0;
/** Made when a driver first asks for it (walks through disk filesystems never do). */
let memo: Map<string, Map<string, unknown>> | null = null;

/** Runs `fn` (a walk) with a memo open; nested calls share the outer memo. */
export function inWalkScope<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    if (--depth === 0) memo = null;
  }
}

/** The memo of `owner` (e.g. a superblock id) in the current walk; null outside a walk. */
export function walkMemo<V>(owner: string): Map<string, V> | null {
  if (depth === 0) return null;
  memo ??= new Map();
  let m = memo.get(owner);
  if (!m) memo.set(owner, (m = new Map()));
  return m as Map<string, V>;
}
