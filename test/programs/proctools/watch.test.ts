/** watch (busybox 1.35) on a terminal: clear, header with the date at the right edge, blank line, output. */
import { expect, it } from "vitest";
import { newHost, terminal } from "../../helpers/host";

it("reruns the command every period under a header as wide as the terminal", () => {
  const k = newHost();
  const t = terminal(k, ["/usr/bin/watch", "-n", "1", "echo", "hi"]);
  // terminal() lets the machine run for a minute: 61 frames, one per second.
  const frame = (time: string) => `\x1b[H\x1b[JEvery 1.0s: echo hi${" ".repeat(41)}2026-01-15 ${time}\r\n\r\nhi\r\n`;
  expect(t.output().startsWith(frame("09:00:00") + frame("09:00:01") + frame("09:00:02"))).toBe(true);
  expect(t.output().split("\x1b[H\x1b[J").length - 1).toBe(61);
  expect(t.output().endsWith(frame("09:01:00"))).toBe(true);
});
