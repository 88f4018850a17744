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

  it("resets as TCP does: a peer closed with data unread, and a write after the peer closed", () => {
    const attempt = function* (f: () => Gen<unknown>): Gen<string> {
      try {
        const r = yield* f();
        return typeof r === "number" ? `wrote ${r}` : JSON.stringify(r);
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        return e.code;
      }
    };
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          sys.signal("PIPE", "ignore");
          const l = sys.tcpListen("0.0.0.0", 8080);
          const out: string[] = [];
          // 1: the server closes without reading what came: the client's read fails, once.
          const a = sys.fork(function* (c) {
            const { fd } = yield* c.tcpAccept(l);
            yield* c.sleep(10);
            c.close(fd);
            return 0;
          });
          let fd = yield* sys.tcpConnect("127.0.0.1", 8080);
          yield* sys.write(fd, "GET / HTTP/1.1\r\n\r\n");
          yield* sys.wait(a);
          out.push(yield* attempt(() => sys.read(fd)), yield* attempt(() => sys.read(fd)));
          sys.close(fd);
          // 2: the server closes at once (nothing unread): EOF; a first write still goes out, the
          // reset comes with the next call, then EPIPE.
          const b = sys.fork(function* (c) {
            const { fd } = yield* c.tcpAccept(l);
            c.close(fd);
            return 0;
          });
          fd = yield* sys.tcpConnect("127.0.0.1", 8080);
          yield* sys.wait(b);
          out.push(yield* attempt(() => sys.read(fd)));
          for (let i = 0; i < 3; i++) out.push(yield* attempt(() => sys.write(fd, "x")));
          yield* sys.write(1, `${out.join("\n")}\n`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe('ECONNRESET\n""\n""\nwrote 1\nECONNRESET\nEPIPE\n');
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
