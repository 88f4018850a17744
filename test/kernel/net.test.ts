import { describe, expect, it } from "vitest";
import { Errno, type Gen, type ProgramDef, type Sys } from "../../src/kernel";
import { newHost, run } from "../helpers/host";

function program(name: string, main: (sys: Sys) => Gen<number>): ProgramDef {
  return { name, main };
}

function* readAll(sys: Sys, fd: number): Gen<string> {
  let s = "";
  for (let c = yield* sys.read(fd); c !== ""; c = yield* sys.read(fd)) s += c;
  return s;
}

describe("stream sockets", () => {
  it("connects to a listener on the loopback and carries data both ways", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const l = sys.tcpListen("0.0.0.0", 8080);
          const server = sys.fork(function* (c) {
            const { fd, peer } = yield* c.tcpAccept(l);
            const req = yield* c.read(fd);
            yield* c.write(fd, `echo:${req} from ${peer.ip}`);
            c.close(fd);
            return 0;
          });
          sys.close(l);
          const fd = yield* sys.tcpConnect("127.0.0.1", 8080);
          yield* sys.write(fd, "hi");
          const reply = yield* readAll(sys, fd);
          yield* sys.wait(server);
          let refused = "";
          try {
            yield* sys.tcpConnect("127.0.0.1", 9);
          } catch (e) {
            if (!(e instanceof Errno)) throw e;
            refused = e.code;
          }
          yield* sys.write(1, `${reply}\nport 9: ${refused}\n`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("echo:hi from 127.0.0.1\nport 9: ECONNREFUSED\n");
  });

  it("refuses a second listener on the same port and reaches nothing beyond the uplink", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          sys.tcpListen("0.0.0.0", 80);
          const out: string[] = [];
          try {
            sys.tcpListen("0.0.0.0", 80);
          } catch (e) {
            if (!(e instanceof Errno)) throw e;
            out.push(e.code);
          }
          const t0 = sys.uptime();
          try {
            yield* sys.tcpConnect("93.184.216.34", 80);
          } catch (e) {
            if (!(e instanceof Errno)) throw e;
            out.push(`${e.code} after ${(sys.uptime() - t0) / 1e6}s`);
          }
          yield* sys.write(1, `${out.join("\n")}\n`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("EADDRINUSE\nETIMEDOUT after 127s\n");
  });
});
