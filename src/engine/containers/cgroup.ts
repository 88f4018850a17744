/** Cleaning up a container's cgroup once it has no processes. */
import type { Kernel } from "../../kernel";
import { cgroupRemove } from "../../kernel/cgroup/cgroups";
import { Errno } from "../../kernel";

export function cgroupRemoveIfEmpty(k: Kernel, path: string) {
  if (!k.w.cgroups[path]) return;
  try {
    cgroupRemove(k, path);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
}
