/** What the benchmarks share: a host with busybox pulled, and starting `busybox sleep 1000`. */
import type { Kernel } from "../src/kernel";
import { DockerClient } from "../src/engine/client";
import { parseImageRef } from "../src/engine/images/refs";
import { bootSandboxHost } from "../src/session/host";

/** A host with busybox pulled, and a client for the engine. */
export function hostWithBusybox(): { k: Kernel; d: DockerClient } {
  const k = bootSandboxHost(1);
  const d = new DockerClient(k, 1);
  const ref = parseImageRef("busybox");
  if (!ref.ok) throw new Error(ref.message);
  // Pulling takes virtual time: run it as the engine would inside a process, letting the clock jump.
  const gen = d.pull(ref.ref, "amd64", () => {});
  k.transact(() => {
    for (let s = gen.next(); !s.done; s = gen.next()) {
      const w = s.value;
      if (w.kind === "timer") k.w.clock.nowUsec = Math.max(k.w.clock.nowUsec, w.until);
    }
  });
  return { k, d };
}

/** `docker run -d busybox sleep 1000` in the engine (create and start); returns the id. */
export function startSleeper(k: Kernel, d: DockerClient): string {
  return k.transact(() => {
    const { id } = d.containerCreate({ image: "busybox", cmd: ["sleep", "1000"] });
    d.containerStart(id);
    return id;
  });
}
