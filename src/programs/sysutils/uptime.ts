/** uptime: " HH:MM:SS up T,  N users,  load average: a, b, c" as busybox prints it. */
import type { ProgramDef } from "../../kernel/api";
import { out } from "../lib/io";

/** A load average as the kernel's fixed-point value prints: integer part and truncated hundredths. */
function load(x: number): string {
  const fixed = Math.round(x * 65536);
  return `${fixed >> 16}.${String(((fixed & 0xffff) * 100) >> 16).padStart(2, "0")}`;
}

export const uptime: ProgramDef = {
  name: "uptime",
  *main(sys) {
    const now = new Date(Math.floor(sys.now() / 1000));
    const two = (n: number) => String(n).padStart(2, "0");
    let text = ` ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} up `;
    const up = Math.floor(sys.uptime() / 1e6);
    const days = Math.floor(up / 86400);
    if (days) text += `${days} day${days !== 1 ? "s" : ""}, `;
    const minutes = Math.floor(up / 60);
    const hours = Math.floor(minutes / 60) % 24;
    text += hours ? `${String(hours).padStart(2)}:${two(minutes % 60)}` : `${minutes % 60} min`;
    const [a, b, c] = sys.sysinfo().loads;
    text += `,  0 users,  load average: ${load(a)}, ${load(b)}, ${load(c)}\n`;
    yield* out(sys, text);
    return 0;
  },
};
