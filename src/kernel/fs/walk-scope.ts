/**
 * A memo that lives for one path walk. A walk only reads, so what a driver resolved for one
 * component (an overlay object, say) stays true until the walk ends; the VFS opens the scope around
 * each walk and drivers may keep their intermediate results in it instead of recomputing them for
 * every component. Outside a walk there is no memo.
 */
let memo: Map<string, Map<string, unknown>> | null = null;

/** Runs `fn` (a walk) with a memo open; nested calls share the outer memo. */
export function inWalkScope<T>(fn: () => T): T {
  if (memo) return fn();
  memo = new Map();
  try {
    return fn();
  } finally {
    memo = null;
  }
}

/** The memo of `owner` (e.g. a superblock id) in the current walk; null outside a walk. */
export function walkMemo<V>(owner: string): Map<string, V> | null {
  if (!memo) return null;
  let m = memo.get(owner);
  if (!m) memo.set(owner, (m = new Map()));
  return m as Map<string, V>;
}
