/**
 * Signal delivery: dispositions, default actions, stop/continue, and the rules that protect a pid
 * namespace's init (it only gets signals it has handlers for, plus KILL/STOP from an ancestor
 * namespace).
 */
import type { Signal } from "../api";
import type { Kernel } from "../kernel";
import { defaultAction } from "./signals";
import { exitProcess } from "./process";

/** True when `sender` (global pid; 0 = the kernel) sits in a pid namespace above the target's. */
function fromAncestorNs(k: Kernel, targetNs: number, sender: number): boolean {
  if (sender === 0) return true;
  const s = k.w.procs[sender];
  if (!s) return true;
  return k.w.ns[s.pidns].pid!.level < k.w.ns[targetNs].pid!.level;
}

/** Delivers `sig` to process `pid` (global). `sender` is a global pid, 0 for the kernel. */
export function sendSignal(k: Kernel, pid: number, sig: Signal, sender: number) {
  const p = k.w.procs[pid];
  if (!p || p.state === "Z") return;
  const isInit = k.w.ns[p.pidns].pid!.reaper === pid;
  const disp = p.disp[sig];

  if (sig === "KILL" || sig === "STOP") {
    if (isInit && !fromAncestorNs(k, p.pidns, sender)) return;
    if (sig === "KILL") {
      exitProcess(k, pid, { signal: "KILL" });
      return;
    }
    stopProcess(k, pid, sig);
    return;
  }
  if (sig === "CONT") {
    continueProcess(k, pid);
    if (disp === "handler") queueHandled(k, pid, sig);
    return;
  }
  if (disp === "ignore") return;
  if (disp === "handler") {
    queueHandled(k, pid, sig);
    return;
  }
  const action = defaultAction(sig);
  if (action === "ignore" || action === "cont") return;
  if (isInit) return;
  if (action === "stop") {
    stopProcess(k, pid, sig);
    return;
  }
  exitProcess(k, pid, { signal: sig, core: action === "core" });
}

function queueHandled(k: Kernel, pid: number, sig: Signal) {
  const p = k.w.procs[pid];
  if (!p.pending.includes(sig)) p.pending.push(sig);
  if (p.state === "S") k.makeRunnable(pid);
}

function stopProcess(k: Kernel, pid: number, sig: Signal) {
  const p = k.w.procs[pid];
  if (p.state === "T") return;
  const q = k.runQueue.indexOf(pid);
  if (q >= 0) k.runQueue.splice(q, 1);
  k.hungry.delete(pid);
  // Keep the wait: on SIGCONT the process re-checks what it waited for.
  if (p.wait?.kind === "chan") k.chanWaiters.remove(p.wait.chan, pid);
  k.timers.delete(pid);
  p.state = "T";
  p.stopReport = { stopped: sig };
  const parent = k.w.procs[p.ppid];
  if (parent) {
    sendSignal(k, parent.pid, "CHLD", 0);
    k.wake(`child:${parent.pid}`);
  }
}

function continueProcess(k: Kernel, pid: number) {
  const p = k.w.procs[pid];
  if (p.state !== "T") return;
  p.state = "S";
  p.stopReport = { continued: true };
  k.makeRunnable(pid);
  const parent = k.w.procs[p.ppid];
  if (parent) {
    sendSignal(k, parent.pid, "CHLD", 0);
    k.wake(`child:${parent.pid}`);
  }
}

/** Signals every live member of process group `pgid` (global). Returns how many got it. */
export function signalGroup(k: Kernel, pgid: number, sig: Signal, sender: number): number {
  let n = 0;
  for (const p of Object.values(k.w.procs)) {
    if (p.pgid === pgid && p.state !== "Z") {
      sendSignal(k, p.pid, sig, sender);
      n++;
    }
  }
  return n;
}
