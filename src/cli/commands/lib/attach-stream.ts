/**
 * The client side of an attachment (docker/cli hijack.go): the container's output to our stdout
 * and stderr, our stdin to the container (a raw terminal when it has a tty), and the detach keys.
 * Sys has no select(), so stdin is relayed by a forked child while this process follows the output.
 */
import type { Gen, Sys, Termios } from "../../../kernel";
import { Errno } from "../../../kernel";
import type { DockerClient } from "../../../engine/client";

export interface AttachSpec {
  id: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  /** docker's --detach-keys ("ctrl-p,ctrl-q" when empty). */
  detachKeys: string;
  /** Log offset to stream from (logEnd(): only what comes next). */
  from: number;
}

/** term.ToBytes: "ctrl-p,ctrl-q" -> "\x10\x11"; an error text for a bad sequence. */
export function detachSequence(keys: string): string | { error: string } {
  const spec = keys === "" ? "ctrl-p,ctrl-q" : keys;
  let out = "";
  for (const key of spec.split(",")) {
    const k = key.trim();
    if (k.length > 1 && k.toLowerCase().startsWith("ctrl-")) {
      const c = k.slice(5).toLowerCase();
      const code = c.length === 1 ? (c >= "a" && c <= "z" ? c.charCodeAt(0) - 96 : "@[\\]^_".indexOf(c) >= 0 ? "@[\\]^_".indexOf(c) + (c === "@" ? 0 : 27) : -1) : -1;
      if (code < 0) return { error: `Unknown character: '${c}'` };
      out += String.fromCharCode(code);
    } else if (k.length === 1) out += k;
    else return { error: `Unknown character: '${k}'` };
  }
  return out;
}

function* writeAll(sys: Sys, fd: number, data: string): Gen<void> {
  for (;;) {
    try {
      yield* sys.write(fd, data);
      return;
    } catch (e) {
      // A forwarded signal interrupted the write (sig-proxy): carry on.
      if (!(e instanceof Errno) || e.code !== "EINTR") throw e;
    }
  }
}

/** What ended the attachment. */
export type AttachEnd = "exited" | "detached";

/**
 * Streams until the container stops or the user types the detach keys. The caller's terminal is
 * put in raw mode for a tty container with stdin attached, and restored afterwards.
 */
export function* attachStreams(sys: Sys, d: DockerClient, spec: AttachSpec): Gen<AttachEnd> {
  const keys = detachSequence(spec.detachKeys);
  const detachSeq = typeof keys === "string" ? keys : "\x10\x11";
  let saved: Termios | undefined;
  if (spec.stdin && spec.tty && sys.isatty(0)) {
    saved = sys.tcgetattr(0);
    sys.tcsetattr(0, { icanon: false, echo: false, isig: false, onlcr: false, icrnl: false });
  }
  let relay = 0;
  try {
    if (spec.stdin) {
      const { id, tty } = spec;
      relay = sys.fork(
        function* (child: Sys): Gen<number> {
          let matched = "";
          for (;;) {
            let data: string;
            try {
              data = yield* child.read(0);
            } catch (e) {
              if (e instanceof Errno && e.code === "EINTR") continue;
              throw e;
            }
            if (data === "") {
              if (!tty) d.stdinWrite(id, "", true);
              return 0;
            }
            if (!tty) {
              d.stdinWrite(id, data);
              continue;
            }
            // The escape proxy holds back a partial detach sequence until it is complete or broken.
            let pass = "";
            for (const ch of data) {
              if (ch === detachSeq[matched.length]) {
                matched += ch;
                if (matched === detachSeq) {
                  if (pass) d.ttyWrite(id, pass);
                  d.detach(id);
                  return 0;
                }
              } else {
                pass += matched + ch;
                matched = "";
              }
            }
            if (pass) d.ttyWrite(id, pass);
          }
        },
        { comm: "docker" },
      );
    }
    yield* d.followLogs(spec.id, spec.from, true, function* (line) {
      if (line.stream === "stderr" && !spec.tty) {
        if (spec.stderr) yield* writeAll(sys, 2, line.log);
      } else if (spec.stdout) yield* writeAll(sys, 1, line.log);
    });
  } finally {
    if (relay > 0) {
      try {
        sys.kill(relay, "KILL");
      } catch {
        // already gone
      }
    }
    if (saved) sys.tcsetattr(0, saved);
  }
  if (relay > 0) yield* sys.wait(relay);
  let running = false;
  try {
    running = d.container(spec.id).state.Running;
  } catch {
    running = false;
  }
  return running ? "detached" : "exited";
}
