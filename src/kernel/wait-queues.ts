/**
 * Processes waiting on channels ("child:10", "pipe:3", …). Most channels have one waiter (a
 * parent waiting for its children, a reader on its pipe): it is kept as a bare pid, and a Set is
 * made only for a second one.
 */
export class WaitQueues {
  private readonly byChan = new Map<string, number | Set<number>>();

  add(chan: string, pid: number) {
    const cur = this.byChan.get(chan);
    if (cur === undefined) this.byChan.set(chan, pid);
    else if (typeof cur === "number") {
      if (cur !== pid) this.byChan.set(chan, new Set([cur, pid]));
    } else cur.add(pid);
  }

  remove(chan: string, pid: number) {
    const cur = this.byChan.get(chan);
    if (cur === pid) this.byChan.delete(chan);
    else if (typeof cur === "object") {
      cur.delete(pid);
      if (cur.size === 0) this.byChan.delete(chan);
    }
  }

  /** Removes and returns the waiters of `chan`, in the order they came. */
  take(chan: string): number[] {
    const cur = this.byChan.get(chan);
    if (cur === undefined) return [];
    this.byChan.delete(chan);
    return typeof cur === "number" ? [cur] : [...cur];
  }

  clear() {
    this.byChan.clear();
  }
}
