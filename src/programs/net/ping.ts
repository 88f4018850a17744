/**
 * ping: busybox 1.35. One echo request a second (-i), -c COUNT, -W (wait for the last replies,
 * default 10 s), -w DEADLINE, -q; Ctrl-C ends with the statistics. Exit 0 when a reply came back.
 */
import type { ProgramDef } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { BufferedOut } from "../lib/stdio";
import { resolveHost } from "./lib/resolver";
import { USAGE } from "./usage";

function ms(usec: number): string {
  return (usec / 1000).toFixed(3);
}

function uint(s: string | undefined, fallback: number): number | null {
  if (s === undefined) return fallback;
  return /^\d+$/.test(s) ? Number(s) : null;
}

export const ping: ProgramDef = {
  name: "ping",
  rss: 600 * 1024,
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "46qAnv", withArg: "cswWitIp" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.ping, e.message);
      throw e;
    }
    if (opts.operands.length !== 1) return yield* usageError(sys, USAGE.ping);
    const count = uint(opts.args.c?.at(-1), 0);
    const size = uint(opts.args.s?.at(-1), 56);
    const waitLast = uint(opts.args.W?.at(-1), 10);
    const deadline = uint(opts.args.w?.at(-1), 0);
    const interval = opts.args.i ? Number(opts.args.i.at(-1)) : 1;
    for (const [name, v] of [["c", count], ["s", size], ["W", waitLast], ["w", deadline]] as const)
      if (v === null) {
        yield* warn(sys, `invalid number '${opts.args[name]?.at(-1)}'`);
        return 1;
      }
    if (!Number.isFinite(interval) || interval < 0) {
      yield* warn(sys, `invalid number '${opts.args.i?.at(-1)}'`);
      return 1;
    }
    const host = opts.operands[0];
    const r = yield* resolveHost(sys, host);
    if (!r.ok) {
      yield* warn(sys, `bad address '${host}'`);
      return 1;
    }
    const ip = r.addrs[0];
    const quiet = !!opts.flags.q;
    const o = new BufferedOut(sys);
    yield* o.put(`PING ${host} (${ip}): ${size} data bytes\n`);
    yield* o.flush();
    let interrupted = false;
    sys.signal("INT", () => {
      interrupted = true;
    });
    const start = sys.uptime();
    const rtts: number[] = [];
    let sent = 0;
    const pastDeadline = () => deadline! > 0 && sys.uptime() - start >= deadline! * 1e6;
    try {
      while (!interrupted && !(count! > 0 && sent >= count!) && !pastDeadline()) {
        const t0 = sys.uptime();
        sent++;
        try {
          const rtt = yield* sys.ping(ip);
          rtts.push(rtt);
          if (!quiet) yield* o.put(`${size! + 8} bytes from ${ip}: seq=${sent - 1} ttl=64 time=${ms(rtt)} ms\n`);
          yield* o.flush();
        } catch (e) {
          if (!(e instanceof Errno)) throw e;
          if (e.code === "EINTR") break;
          if (e.code === "EPERM") {
            // The raw ICMP socket needs CAP_NET_RAW: busybox dies at its first echo request.
            yield* o.flush();
            yield* warn(sys, "permission denied (are you root?)");
            return 1;
          }
          if (e.code === "ENETUNREACH" || e.code === "EACCES") {
            yield* o.flush();
            yield* warn(sys, `sendto: ${e.message}`);
            return 1;
          }
          // EHOSTUNREACH / ETIMEDOUT: the request goes unanswered.
        }
        if (count! > 0 && sent >= count!) break;
        const next = t0 + interval * 1e6 - sys.uptime();
        if (next > 0) yield* sys.sleep(next / 1000);
      }
      // Lost replies: wait for them up to -W seconds after the last request (or until -w).
      if (!interrupted && rtts.length < sent && count! > 0) {
        const limit = deadline! > 0 ? Math.max(0, start + deadline! * 1e6 - sys.uptime()) / 1000 : waitLast! * 1000;
        if (limit > 0) yield* sys.sleep(limit);
      }
    } catch (e) {
      if (!(e instanceof Errno) || e.code !== "EINTR") throw e;
    }
    const lost = sent === 0 ? 0 : Math.floor(((sent - rtts.length) * 100) / sent);
    let stats = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${rtts.length} packets received, ${lost}% packet loss\n`;
    if (rtts.length > 0) {
      const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
      stats += `round-trip min/avg/max = ${ms(Math.min(...rtts))}/${ms(Math.round(avg))}/${ms(Math.max(...rtts))} ms\n`;
    }
    yield* o.put(stats);
    yield* o.flush();
    void out;
    return rtts.length > 0 ? 0 : 1;
  },
};
