/**
 * Recording history (time travel, persistence): with a patch listener the kernel changes the
 * world through immer and reports patches. The world must come out the same as when changed in
 * place, and the patches must rebuild it from the first world — nothing may change it unseen
 * (pending directories made, deferred mounts attached, all happen inside transactions).
 */
import { applyPatches, enablePatches, type Patch } from "immer";
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel";
import { sandbox, transcript } from "../cli/commands/transcript";

enablePatches();

const SCRIPT = [
  "docker pull -q busybox",
  "docker run -d --name c1 busybox sleep 100",
  "docker exec c1 cat /etc/hostname /proc/mounts",
  "docker exec c1 ls /dev /etc",
  "ls /usr/share/doc/procps",
  "docker rm -f c1",
];

function play(k: Kernel) {
  return transcript(k, SCRIPT);
}

describe("history", () => {
  it("recorded as patches, the world is the one changed in place, and the patches rebuild it", async () => {
    const inPlace = await sandbox();
    const outInPlace = play(inPlace);

    const recorded = await sandbox();
    const first = JSON.parse(JSON.stringify(recorded.world));
    const patches: Patch[] = [];
    recorded.onPatches = (p) => patches.push(...p);
    const outRecorded = play(recorded);

    expect(outRecorded).toBe(outInPlace);
    const world = JSON.stringify(recorded.world);
    expect(world).toBe(JSON.stringify(inPlace.world));
    expect(patches.length).toBeGreaterThan(0);
    expect(JSON.stringify(applyPatches(first, patches))).toBe(world);
  });
});
