/**
 * curl and wget when the connection fails: nobody listening, a peer that closes without reading
 * (a reset), a peer that reads and closes without answering, a reader of the output that goes away.
 * Expected texts recorded with curl 7.88.1, GNU Wget 1.21.3 (the host's), busybox 1.35 wget (in
 * containers) and dockerd 20.10's docker-proxy.
 */
import { describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../../src/cli/flags";
import type { Gen, ProgramDef, Sys } from "../../../src/kernel";
import { runScript } from "../../../src/node/run-script";
import { bootSandboxHost } from "../../../src/session/host";
import { newHost, run, sh } from "../../helpers/host";
import { background } from "./helpers";

/** A server on port 9000 that takes each connection and, with `read`, reads the request first; then closes. */
function closer(name: string, read: boolean): ProgramDef {
  return {
    name,
    *main(sys: Sys): Gen<number> {
      const l = sys.tcpListen("0.0.0.0", 9000);
      for (;;) {
        const { fd } = yield* sys.tcpAccept(l);
        if (read) {
          let got = "";
          while (!got.includes("\r\n\r\n")) got += yield* sys.read(fd);
        }
        sys.close(fd);
      }
    },
  };
}

const METER =
  "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";
const ZERO = "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";
const REQUEST = "> GET / HTTP/1.1\r\n> Host: localhost:9000\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n";
/** GNU wget's log with its timestamps as DATE. */
const undated = (r: { stdout: string; stderr: string; code: number }) => ({ ...r, stderr: r.stderr.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, "DATE") });
const WGET_HEAD = "--DATE--  http://localhost:9000/\nResolving localhost (localhost)... ::1, 127.0.0.1\nConnecting to localhost (localhost)|::1|:9000... connected.\n";

describe("a peer that closes", () => {
  it("without reading resets the connection: curl 56, GNU wget 'Read error ... in headers', retried", () => {
    const k = newHost({ extra: [closer("rst-server", false)] });
    background(k, ["/usr/bin/rst-server"]);
    expect(run(k, ["curl", "-sS", "localhost:9000"])).toEqual({ stdout: "", stderr: "curl: (56) Recv failure: Connection reset by peer\n", code: 56 });
    expect(run(k, ["curl", "-s", "localhost:9000"])).toEqual({ stdout: "", stderr: "", code: 56 });
    expect(run(k, ["curl", "-v", "localhost:9000"])).toEqual({
      stdout: "",
      stderr: `${METER}${ZERO}*   Trying 127.0.0.1:9000...\n* Connected to localhost (127.0.0.1) port 9000 (#0)\n${REQUEST}* Recv failure: Connection reset by peer\n${ZERO}\n* Closing connection 0\ncurl: (56) Recv failure: Connection reset by peer\n`,
      code: 56,
    });
    const retried = run(k, ["wget", "-t", "2", "localhost:9000"]);
    expect(undated(retried)).toEqual({
      stdout: "",
      stderr: `${WGET_HEAD}HTTP request sent, awaiting response... Read error (Connection reset by peer) in headers.\nRetrying.\n\n--DATE--  (try: 2)  http://localhost:9000/\nConnecting to localhost (localhost)|::1|:9000... connected.\nHTTP request sent, awaiting response... Read error (Connection reset by peer) in headers.\nGiving up.\n\n`,
      code: 4,
    });
    // The second try comes a second after the first.
    const [first, second] = [...retried.stderr.matchAll(/--\d{4}-\d\d-\d\d \d\d:\d\d:(\d\d)--/g)].map((m) => Number(m[1]));
    expect((second - first + 60) % 60).toBe(1);
  });

  it("after reading the request is an empty reply: curl 52, GNU wget 'No data received.'", () => {
    const k = newHost({ extra: [closer("fin-server", true)] });
    background(k, ["/usr/bin/fin-server"]);
    expect(run(k, ["curl", "localhost:9000"])).toEqual({ stdout: "", stderr: `${METER}${ZERO}${ZERO}\ncurl: (52) Empty reply from server\n`, code: 52 });
    expect(run(k, ["curl", "-v", "-s", "localhost:9000"])).toEqual({
      stdout: "",
      stderr: `*   Trying 127.0.0.1:9000...\n* Connected to localhost (127.0.0.1) port 9000 (#0)\n${REQUEST}* Empty reply from server\n* Closing connection 0\n`,
      code: 52,
    });
    expect(undated(run(k, ["wget", "--tries=1", "localhost:9000"]))).toEqual({
      stdout: "",
      stderr: `${WGET_HEAD}HTTP request sent, awaiting response... No data received.\nGiving up.\n\n`,
      code: 4,
    });
    expect(run(k, ["wget", "-q", "-t", "3", "localhost:9000"])).toEqual({ stdout: "", stderr: "", code: 4 });
  });
});

describe("a reader of curl's output that goes away", () => {
  it("is curl's error 23 and GNU wget's 3, not SIGPIPE", () => {
    const k = newHost();
    sh(k, "mkdir -p /srv && seq 1 200000 > /srv/big.txt");
    background(k, ["/usr/bin/python3", "-m", "http.server", "8000", "--directory", "/srv"]);
    const r = sh(k, "(curl -s localhost:8000/big.txt; echo curl $? >&2) | head -1; (wget -q -O - localhost:8000/big.txt; echo wget $? >&2) | head -1");
    expect(r).toEqual({ stdout: "1\n1\n", stderr: "curl 23\nwget 3\n", code: 0 });
    const loud = sh(k, "curl localhost:8000/big.txt | head -1");
    expect(loud.stderr.endsWith("\ncurl: (23) Failure writing output to destination\n")).toBe(true);
  });
});

describe("docker-proxy for a container port nobody listens on", () => {
  it("accepts and closes: the client sees a reset; with the container gone, nothing listens", async () => {
    await loadHelpTexts();
    let out = "";
    const script = [
      "docker run -d --name h1 -p 8081:8080 busybox sleep 100 >/dev/null 2>&1",
      'curl -sS localhost:8081; echo "rc=$?"',
      "wget -t 1 localhost:8081 2>&1 | grep -v ^--",
      "docker exec h1 wget -q localhost:8080; echo rc=$?",
      "docker exec h1 wget 172.17.0.1:8081; echo rc=$?",
      "docker rm -f h1 >/dev/null",
      'curl -sS localhost:8081; echo "rc=$?"',
      "wget -q localhost:8081; echo rc=$?",
      "docker run --rm busybox wget -q 172.17.0.1:8081; echo rc=$?",
      "",
    ].join("\n");
    runScript(bootSandboxHost(), ["sh"], script, { out: (b) => (out += b), err: (b) => (out += b), paced: true });
    expect(out).toBe(
      [
        "curl: (56) Recv failure: Connection reset by peer",
        "rc=56",
        "Resolving localhost (localhost)... ::1, 127.0.0.1",
        "Connecting to localhost (localhost)|::1|:8081... connected.",
        "HTTP request sent, awaiting response... Read error (Connection reset by peer) in headers.",
        "Giving up.",
        "",
        "wget: can't connect to remote host (127.0.0.1): Connection refused",
        "rc=1",
        "Connecting to 172.17.0.1:8081 (172.17.0.1:8081)",
        "wget: error getting response: Connection reset by peer",
        "rc=1",
        "curl: (7) Failed to connect to localhost port 8081 after 0 ms: Couldn't connect to server",
        "rc=7",
        "rc=4",
        "wget: can't connect to remote host (172.17.0.1): Connection refused",
        "rc=1",
        "",
      ].join("\n"),
    );
  });
});
