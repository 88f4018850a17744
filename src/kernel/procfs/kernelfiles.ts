/**
 * Kernel-internal files of /proc that docker hides from containers (its default masked and
 * read-only paths): keys, timer_list, interrupts, kcore and sysrq-trigger, as a Debian 6.1 cloud
 * VM shows them. Counters follow the virtual clock; kernel pointers are
 * printed hashed (%p), as the real kernel does, from fixed seeds.
 */
import type { Kernel } from "../kernel";
import type { ProcEntry } from "./procfs";

/** %p: a hashed kernel pointer, 16 hex digits with the upper half zero. */
function hashedPointer(seed: string): string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  return `00000000${h.toString(16).padStart(8, "0")}`;
}

const nsec = (k: Kernel) => BigInt(k.w.clock.nowUsec) * 1000n;

/** /proc/keys: the keyrings root's session can view (format of proc_keys_show). */
function keys(): string {
  const rows: Array<[string, string, number, string, number, number, string, string]> = [
    ["0a5b13f7", "I--Q---", 1, "1f3f0000", 0, 65534, "keyring", "_uid_ses.0: 1"],
    ["14c1f00c", "I--Q---", 1, "0c030000", 0, 65534, "keyring", ".user_reg: 2"],
    ["184a6ea9", "I------", 1, "1f030000", 0, 0, "keyring", ".dns_resolver: empty"],
    ["2446e355", "I------", 1, "1f0b0000", 0, 0, "keyring", ".builtin_trusted_keys: 1"],
    ["26c5f08f", "I------", 1, "0f0b0000", 0, 0, "keyring", ".blacklist: empty"],
    ["3195cfca", "I--Q---", 2, "1f3f0000", 0, 65534, "keyring", "_uid.0: empty"],
  ];
  return rows
    .map(([id, flags, usage, perm, uid, gid, type, desc]) => `${id} ${flags} ${String(usage).padStart(5)} perm ${perm} ${String(uid).padStart(5)} ${String(gid).padStart(5)} ${type.padEnd(9)} ${desc}\n`)
    .join("");
}

/** One active hrtimer line pair of /proc/timer_list. */
function timerLines(n: number, seed: string, fn: string, now: bigint, soft: bigint, slack: bigint): string {
  const hard = soft + slack;
  return ` #${n}: <${hashedPointer(seed)}>, ${fn}, S:01\n # expires at ${soft}-${hard} nsecs [in ${soft - now} to ${hard - now} nsecs]\n`;
}

/** /proc/timer_list (timer_list_show): the hrtimer bases of each CPU, then the tick devices. */
function timerList(k: Kernel): string {
  const now = nsec(k);
  const tick = 4_000_000n; // CONFIG_HZ=250
  const nextTick = (now / tick + 1n) * tick;
  const realtimeOffset = BigInt(k.w.clock.bootEpochUsec) * 1000n;
  const jiffies = 4294892296n + now / tick;
  let out = `Timer List Version: v0.10\nHRTIMER_MAX_CLOCK_BASES: 8\nnow at ${now} nsecs\n\n`;
  for (let cpu = 0; cpu < k.w.config.cpus; cpu++) {
    out += `cpu: ${cpu}\n`;
    for (let base = 0; base < 8; base++) {
      const offset = base % 2 === 1 ? realtimeOffset : 0n;
      out += ` clock ${base}:\n  .base:       ${hashedPointer(`base${cpu}.${base}`)}\n  .index:      ${base}\n  .resolution: 1 nsecs\n  .offset:     ${offset} nsecs\nactive timers:\n`;
      if (base !== 0) continue;
      out += timerLines(0, `tick${cpu}`, "tick_nohz_handler", now, nextTick, 0n);
      out += timerLines(1, `wake${cpu}`, "hrtimer_wakeup", now, now + 31_185_533n, 50_000n);
      if (cpu === 0) out += timerLines(2, "watchdog", "watchdog_timer_fn", now, (now / 4_000_000_000n + 1n) * 4_000_000_000n, 0n);
    }
    const idle = (now * 39n) / 100n;
    out +=
      `  .expires_next   : ${nextTick} nsecs\n  .hres_active    : 1\n  .nr_events      : ${now / tick}\n  .nr_retries     : 0\n  .nr_hangs       : 0\n` +
      `  .max_hang_time  : 0\n  .nohz           : 1\n  .highres        : 1\n  .last_tick      : ${nextTick - tick} nsecs\n  .tick_stopped   : 0\n` +
      `  .idle_jiffies   : ${jiffies - 1n}\n  .idle_calls     : ${now / 7_200_000n}\n  .idle_sleeps    : ${now / 29_800_000n}\n` +
      `  .idle_entrytime : ${now - 3_000_000n} nsecs\n  .idle_waketime  : ${now - 14_600_000n} nsecs\n  .idle_exittime  : ${now - 14_590_000n} nsecs\n` +
      `  .idle_sleeptime : ${idle} nsecs\n  .iowait_sleeptime: ${idle / 384n} nsecs\n  .last_jiffies   : ${jiffies - 1n}\n` +
      `  .next_timer     : 9223372036854775807\n  .idle_expires   : 9223372036854775807 nsecs\njiffies: ${jiffies}\n\n`;
  }
  out += "\nTick Device: mode:     1\nBroadcast device\nClock Event Device: <NULL>\ntick_broadcast_mask: 0\ntick_broadcast_oneshot_mask: 0\n\n";
  for (let cpu = 0; cpu < k.w.config.cpus; cpu++) {
    out +=
      `\nTick Device: mode:     1\nPer CPU device: ${cpu}\nClock Event Device: lapic-deadline\n max_delta_ns:   1912194174906\n min_delta_ns:   1000\n` +
      ` mult:           9646899\n shift:          25\n mode:           3\n next_event:     ${nextTick} nsecs\n set_next_event: lapic_next_deadline\n` +
      ` shutdown:       lapic_timer_shutdown\n periodic:       lapic_timer_set_periodic\n oneshot:        lapic_timer_set_oneshot\n` +
      ` oneshot stopped: lapic_timer_shutdown\n event_handler:  hrtimer_interrupt\n\n retries:        ${now / 18_000_000_000n}\nWakeup Device: <NULL>\n\n`;
  }
  return out;
}

/** /proc/interrupts (show_interrupts, arch_show_interrupts): IRQ lines, then x86's counters. */
function interrupts(k: Kernel): string {
  const cpus = k.w.config.cpus;
  const seconds = Math.floor(k.w.clock.nowUsec / 1e6);
  const counts = (first: number, rest = 0) => Array.from({ length: cpus }, (_, i) => `${String(i === 0 ? first : rest).padStart(10)} `).join("");
  let out = `${" ".repeat(11)}${Array.from({ length: cpus }, (_, i) => `CPU${String(i).padEnd(8)}`).join("")}\n`;
  const irqs: Array<[number, number, string, number, string, string]> = [
    [0, 36, "IO-APIC", 2, "edge", "timer"],
    [1, 9, "IO-APIC", 1, "edge", "i8042"],
    [4, 812, "IO-APIC", 4, "edge", "ttyS0"],
    [8, 0, "IO-APIC", 8, "edge", "rtc0"],
    [9, 0, "IO-APIC", 9, "fasteoi", "acpi"],
    [12, 0, "IO-APIC", 12, "edge", "i8042"],
    [24, 0, "PCI-MSI", 65536, "edge", "virtio0-config"],
    [25, 2 * seconds + 4417, "PCI-MSI", 65537, "edge", "virtio0-request"],
    [26, 0, "PCI-MSI", 81920, "edge", "virtio1-config"],
    [27, 3 * seconds + 1205, "PCI-MSI", 81921, "edge", "virtio1-input.0"],
    [28, 2 * seconds + 988, "PCI-MSI", 81922, "edge", "virtio1-output.0"],
  ];
  for (const [irq, n, chip, hwirq, type, name] of irqs)
    out += `${String(irq).padStart(3)}: ${counts(n)} ${chip.padStart(8)} ${String(hwirq).padStart(3)}-${type.padEnd(8)}  ${name}\n`;
  const local = 250 * seconds;
  const rows: Array<[string, string, string]> = [
    ["NMI", counts(0), "Non-maskable interrupts"],
    ["LOC", counts(local + 1931, Math.floor(local * 0.93)), "Local timer interrupts"],
    ["SPU", counts(0), "Spurious interrupts"],
    ["PMI", counts(0), "Performance monitoring interrupts"],
    ["IWI", counts(0), "IRQ work interrupts"],
    ["RTR", counts(0), "APIC ICR read retries"],
    ["RES", counts(3 * seconds + 512, 3 * seconds + 498), "Rescheduling interrupts"],
    ["CAL", counts(seconds + 2045, seconds + 1870), "Function call interrupts"],
    ["TLB", counts(Math.floor(seconds / 4) + 133, Math.floor(seconds / 4) + 140), "TLB shootdowns"],
    ["TRM", counts(0), "Thermal event interrupts"],
    ["THR", counts(0), "Threshold APIC interrupts"],
    ["DFR", counts(0), "Deferred Error APIC interrupts"],
    ["MCE", counts(0), "Machine check exceptions"],
    ["MCP", counts(Math.floor(seconds / 300) + 1), "Machine check polls"],
  ];
  for (const [name, values, what] of rows) out += `${name}: ${values}  ${what}\n`;
  out += `ERR:          0\nMIS:          0\n`;
  for (const [name, what] of [
    ["PIN", "Posted-interrupt notification event"],
    ["NPI", "Nested posted-interrupt event"],
    ["PIW", "Posted-interrupt wakeup event"],
  ])
    out += `${name}: ${counts(0)}  ${what}\n`;
  return out;
}

/** The ELF header /proc/kcore starts with (ET_CORE, x86-64); the memory image is not simulated. */
const KCORE_HEADER = `\x7fELF\x02\x01\x01${"\0".repeat(9)}\x04\0\x3e\0\x01\0\0\0${"\0".repeat(8)}\x40${"\0".repeat(7)}${"\0".repeat(8)}\0\0\0\0\x40\0\x38\0\x06\0\0\0\0\0\0\0`;

export const KERNEL_FILES: Record<string, ProcEntry> = {
  keys: { type: "file", content: keys },
  timer_list: { type: "file", content: timerList, perm: 0o400 },
  interrupts: { type: "file", content: interrupts },
  kcore: { type: "file", content: () => KCORE_HEADER, perm: 0o400 },
  // Writing a command letter makes the kernel act (reboot, sync...); the simulation ignores it.
  "sysrq-trigger": { type: "file", content: () => "", perm: 0o200, write: () => {} },
};
