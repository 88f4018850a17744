/** Capabilities: the sets' arithmetic, their rules on fork, execve and uid changes, and the checks. */
import { describe, expect, it } from "vitest";
import { type Gen, type ProgramDef, type Sys, Errno } from "../../src/kernel";
import {
  ALL_CAPS,
  CAP_NAMES,
  capHex,
  capIntersect,
  capNamesIn,
  capSetOf,
  capsOnExec,
  capsOnUidChange,
  capUnion,
  capWithout,
  capsWithin,
  hasCap,
  rootCaps,
} from "../../src/kernel/caps";
import { newHost, run } from "../helpers/host";

const caps = (sys: Sys) =>
  sys
    .readFile("/proc/self/status")
    .split("\n")
    .filter((l) => l.startsWith("Cap"))
    .join(" ");

/** Runs `body` as a host program and prints what it returns, or ERR CODE for an Errno. */
function probe(body: (sys: Sys) => string): ProgramDef {
  return {
    name: "probe",
    *main(sys): Gen<number> {
      let text: string;
      try {
        text = body(sys);
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        text = `ERR ${e.code}`;
      }
      yield* sys.write(1, `${text}\n`);
      return 0;
    },
  };
}

function call(body: (sys: Sys) => string, uid?: number) {
  const k = newHost({ extra: [probe(body)] });
  return run(k, ["probe"], uid === undefined ? {} : { uid, gid: uid }).stdout;
}

describe("capability sets", () => {
  it("has linux/capability.h's 41 names in number order", () => {
    expect(CAP_NAMES.length).toBe(41);
    expect([CAP_NAMES[0], CAP_NAMES[12], CAP_NAMES[21], CAP_NAMES[40]]).toEqual(["CHOWN", "NET_ADMIN", "SYS_ADMIN", "CHECKPOINT_RESTORE"]);
    expect(capHex(ALL_CAPS)).toBe("000001ffffffffff");
  });

  it("combines sets above 2^32 without 32-bit truncation", () => {
    const high = capSetOf(["SETFCAP", "MAC_OVERRIDE", "CHECKPOINT_RESTORE"]); // bits 31, 32, 40
    expect(capHex(high)).toBe("0000010180000000");
    expect(hasCap(high, "CHECKPOINT_RESTORE")).toBe(true);
    expect(hasCap(high, "SYSLOG")).toBe(false);
    expect(capHex(capWithout(ALL_CAPS, high))).toBe("000000fe7fffffff");
    expect(capHex(capIntersect(ALL_CAPS, high))).toBe("0000010180000000");
    expect(capHex(capUnion(high, capSetOf(["CHOWN"])))).toBe("0000010180000001");
    expect(capNamesIn(high)).toEqual(["SETFCAP", "MAC_OVERRIDE", "CHECKPOINT_RESTORE"]);
  });

  it("execve: root gets its bounding set (plus inheritable), others only their ambient set", () => {
    const docker = capsWithin(0xa80425fb);
    expect(capsOnExec(docker, 0, 0, false)).toEqual({ inheritable: 0, permitted: 0xa80425fb, effective: 0xa80425fb, bounding: 0xa80425fb, ambient: 0 });
    expect(capsOnExec(docker, 1000, 1000, false)).toEqual({ inheritable: 0, permitted: 0, effective: 0, bounding: 0xa80425fb, ambient: 0 });
    const withAmbient = { ...capsWithin(0xff), inheritable: 0x3, ambient: 0x3 };
    expect(capsOnExec(withAmbient, 1000, 1000, false)).toMatchObject({ permitted: 0x3, effective: 0x3, ambient: 0x3 });
    // A set-user-ID program cancels the ambient set; set-user-ID root keeps effective = permitted.
    expect(capsOnExec(withAmbient, 1000, 1000, true)).toMatchObject({ permitted: 0, effective: 0, ambient: 0 });
    expect(capsOnExec(withAmbient, 1000, 0, true)).toMatchObject({ permitted: 0xff, effective: 0xff });
    // Real uid 0 with another euid: permitted, but not effective.
    expect(capsOnExec(docker, 0, 1000, true)).toMatchObject({ permitted: 0xa80425fb, effective: 0 });
  });

  it("uid changes: leaving root for good clears permitted, effective and ambient; euid 0 -> n clears effective", () => {
    const root = rootCaps();
    expect(capsOnUidChange(root, { uid: 0, euid: 0 }, { uid: 1000, euid: 1000 })).toEqual({ ...root, permitted: 0, effective: 0, ambient: 0 });
    expect(capsOnUidChange(root, { uid: 0, euid: 0 }, { uid: 0, euid: 1000 })).toEqual({ ...root, effective: 0 });
    expect(capsOnUidChange({ ...root, effective: 0 }, { uid: 0, euid: 1000 }, { uid: 0, euid: 0 })).toEqual(root);
  });
});

describe("capabilities of host processes", () => {
  it("root holds every capability, other users none (bounding set full), as /proc/PID/status shows", () => {
    expect(call(caps)).toBe(
      "CapInh:\t0000000000000000 CapPrm:\t000001ffffffffff CapEff:\t000001ffffffffff CapBnd:\t000001ffffffffff CapAmb:\t0000000000000000\n",
    );
    expect(call(caps, 1000)).toBe(
      "CapInh:\t0000000000000000 CapPrm:\t0000000000000000 CapEff:\t0000000000000000 CapBnd:\t000001ffffffffff CapAmb:\t0000000000000000\n",
    );
  });

  it("fork copies the sets; setuid away from root drops them, and the checks then refuse", () => {
    const forker: ProgramDef = {
      name: "forker",
      *main(sys): Gen<number> {
        yield* sys.write(1, `${caps(sys)}\n`);
        const child = sys.fork(function* (c) {
          c.setuid(1000);
          const lines = [caps(c)];
          for (const [what, f] of [
            ["chown", () => c.chown("/tmp", 1, 1)],
            ["sethostname", () => c.sethostname("x")],
            ["mknod", () => c.mknod("/tmp/dev", 0o020644, [1, 3])],
            ["setuid(0)", () => c.setuid(0)],
            ["settime", () => c.settime(0)],
            ["kill(1)", () => c.kill(1, 0)],
            ["read /root", () => c.readdir("/root")],
          ] as const) {
            try {
              f();
              lines.push(`${what}: ok`);
            } catch (e) {
              lines.push(`${what}: ${(e as Errno).code}`);
            }
          }
          yield* c.write(1, `${lines.join("\n")}\n`);
          return 0;
        });
        yield* sys.wait(child);
        return 0;
      },
    };
    const out = run(newHost({ extra: [forker] }), ["forker"]).stdout;
    expect(out).toBe(
      [
        "CapInh:\t0000000000000000 CapPrm:\t000001ffffffffff CapEff:\t000001ffffffffff CapBnd:\t000001ffffffffff CapAmb:\t0000000000000000",
        "CapInh:\t0000000000000000 CapPrm:\t0000000000000000 CapEff:\t0000000000000000 CapBnd:\t000001ffffffffff CapAmb:\t0000000000000000",
        "chown: EPERM",
        "sethostname: EPERM",
        "mknod: EPERM",
        "setuid(0): EPERM",
        "settime: EPERM",
        "kill(1): EPERM",
        "read /root: EACCES",
        "",
      ].join("\n"),
    );
  });

  it("a set-user-ID root binary runs with euid 0 and root's capabilities", () => {
    const k = newHost({ extra: [probe((sys) => `euid=${sys.geteuid()} ${caps(sys)}`)] });
    const bin = run(k, ["sh", "-c", "cp $(command -v probe) /tmp/suid && chmod 4755 /tmp/suid && echo ok"]);
    expect(bin.stdout).toBe("ok\n");
    expect(run(k, ["/tmp/suid"], { uid: 1000, gid: 1000 }).stdout).toBe(
      "euid=0 CapInh:\t0000000000000000 CapPrm:\t000001ffffffffff CapEff:\t000001ffffffffff CapBnd:\t000001ffffffffff CapAmb:\t0000000000000000\n",
    );
  });

  it("date -s sets the machine's clock for root and fails, still printing the date, for others", () => {
    const k = newHost();
    expect(run(k, ["date", "-s", "2020-01-01 10:00"], { uid: 1000, gid: 1000 })).toEqual({
      stdout: "Wed Jan  1 10:00:00 UTC 2020\n",
      stderr: "date: can't set date: Operation not permitted\n",
      code: 0,
    });
    expect(run(k, ["date", "-s", "2020-01-01 10:00"]).stdout).toBe("Wed Jan  1 10:00:00 UTC 2020\n");
    expect(run(k, ["date", "+%Y-%m-%d %H"]).stdout).toBe("2020-01-01 10\n");
  });
});
