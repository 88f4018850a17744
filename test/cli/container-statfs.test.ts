/**
 * statfs of the kernel filesystems a container gets at /dev/pts and /dev/mqueue: Linux answers
 * them with simple_statfs (page-sized blocks, no block or inode counts), so busybox stat -f and df
 * show zeros. Expected output recorded in a busybox container on the real dockerd.
 */
import { expect, it } from "vitest";
import { run } from "../helpers/host";
import { sandbox, transcript } from "./commands/transcript";

it("devpts and mqueue report no blocks and no inodes", async () => {
  const k = await sandbox();
  transcript(k, ["docker pull -q busybox"]);
  const script =
    "stat -f -c '%n %T %b %f %a %c %d %S %l' /dev/pts /dev/mqueue; df /dev/pts /dev/mqueue; df -i /dev/pts /dev/mqueue; df -h /dev/pts";
  expect(run(k, ["docker", "run", "--rm", "busybox", "sh", "-c", script])).toEqual({
    stdout: `/dev/pts devpts 0 0 0 0 0 4096 255
/dev/mqueue UNKNOWN 0 0 0 0 0 4096 255
Filesystem           1K-blocks      Used Available Use% Mounted on
devpts                       0         0         0   0% /dev/pts
mqueue                       0         0         0   0% /dev/mqueue
Filesystem              Inodes      Used Available Use% Mounted on
devpts                       0         0         0   0% /dev/pts
mqueue                       0         0         0   0% /dev/mqueue
Filesystem                Size      Used Available Use% Mounted on
devpts                       0         0         0   0% /dev/pts
`,
    stderr: "",
    code: 0,
  });
});
