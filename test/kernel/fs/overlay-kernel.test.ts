/**
 * The overlay driver under the whole kernel: mount(2), the shell and the file tools. The expected
 * output was recorded with busybox on a real Linux overlayfs (times and the 6.6+ "uuid=on" mount
 * option aside, as the simulated kernel is 6.1).
 */
import { describe, expect, it } from "vitest";
import { Errno, type Gen, type ProgramDef } from "../../../src/kernel";
import { newHost, sh } from "../../helpers/host";

/** mount -t overlay overlay -o DATA TARGET, as a test program (argv: DATA TARGET). */
const mountOverlay: ProgramDef = {
  name: "ovlmount",
  *main(sys): Gen<number> {
    try {
      sys.mount("overlay", sys.argv[2], "overlay", { data: sys.argv[1] });
      return 0;
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* sys.write(2, `mount: ${e.code}\n`);
      return 1;
    }
  },
};

describe("overlay through the kernel", () => {
  it("copies up, whites out, and lets mv fall back to copying a lower directory (EXDEV)", () => {
    const k = newHost({ extra: [mountOverlay] });
    const r = sh(
      k,
      [
        "mkdir -p /srv/lower/d /srv/upper /srv/work /srv/merged",
        "echo lower > /srv/lower/d/f; echo keep > /srv/lower/k",
        "ovlmount lowerdir=/srv/lower,upperdir=/srv/upper,workdir=/srv/work /srv/merged",
        "echo new >> /srv/merged/d/f; rm /srv/merged/k; mv /srv/merged/d /srv/merged/e",
        "ls -la /srv/merged /srv/upper /srv/upper/e; cat /srv/merged/e/f",
        "grep srv /proc/mounts",
      ].join("\n"),
    );
    expect(r).toEqual({
      stdout: `/srv/merged:
total 12
drwxr-xr-x    1 root     root          4096 Jan 15 09:00 .
drwxr-xr-x    6 root     root          4096 Jan 15 09:00 ..
drwxr-xr-x    2 root     root          4096 Jan 15 09:00 e

/srv/upper:
total 12
drwxr-xr-x    3 root     root          4096 Jan 15 09:00 .
drwxr-xr-x    6 root     root          4096 Jan 15 09:00 ..
c---------    3 root     root        0,   0 Jan 15 09:00 d
drwxr-xr-x    2 root     root          4096 Jan 15 09:00 e
c---------    3 root     root        0,   0 Jan 15 09:00 k

/srv/upper/e:
total 12
drwxr-xr-x    2 root     root          4096 Jan 15 09:00 .
drwxr-xr-x    3 root     root          4096 Jan 15 09:00 ..
-rw-r--r--    1 root     root            10 Jan 15 09:00 f
lower
new
overlay /srv/merged overlay rw,relatime,lowerdir=/srv/lower,upperdir=/srv/upper,workdir=/srv/work 0 0
`,
      stderr: "",
      code: 0,
    });
  });

  it("refuses bad mount data with EINVAL, a missing directory with ENOENT", () => {
    const k = newHost({ extra: [mountOverlay] });
    const r = sh(
      k,
      [
        "mkdir -p /srv/l /srv/u /srv/w /srv/m",
        "ovlmount lowerdir=/srv/l /srv/m",
        "ovlmount lowerdir=/srv/l,upperdir=/srv/u /srv/m",
        "ovlmount lowerdir=/srv/nope,upperdir=/srv/u,workdir=/srv/w /srv/m",
        "ovlmount lowerdir=/srv/l,upperdir=/srv/u,workdir=/srv/w,index=on /srv/m",
        "ovlmount lowerdir=/srv/l,upperdir=/srv/u,workdir=/srv/w /srv/m && ls -la /srv/w",
      ].join("\n"),
    );
    expect(r).toEqual({
      stdout: `total 12
drwxr-xr-x    3 root     root          4096 Jan 15 09:00 .
drwxr-xr-x    6 root     root          4096 Jan 15 09:00 ..
d---------    2 root     root          4096 Jan 15 09:00 work
`,
      stderr: "mount: EINVAL\nmount: EINVAL\nmount: ENOENT\nmount: EINVAL\n",
      code: 0,
    });
  });
});
