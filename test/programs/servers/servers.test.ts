import { describe, expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { background } from "../net/helpers";

describe("redis", () => {
  it("logs its start, answers redis-cli one-shot commands raw when piped", () => {
    const k = newHost();
    const srv = background(k, ["/usr/bin/redis-server"]);
    expect(srv.stdout()).toBe(
      [
        "2:C 15 Jan 2026 09:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
        "2:C 15 Jan 2026 09:00:00.000 * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=2, just started",
        "2:C 15 Jan 2026 09:00:00.000 # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf",
        "2:M 15 Jan 2026 09:00:00.000 * monotonic clock: POSIX clock_gettime",
        "2:M 15 Jan 2026 09:00:00.000 * Running mode=standalone, port=6379.",
        "2:M 15 Jan 2026 09:00:00.000 * Server initialized",
        "2:M 15 Jan 2026 09:00:00.000 * Ready to accept connections tcp",
        "",
      ].join("\n"),
    );
    expect(run(k, ["ps", "-o", "args"]).stdout).toContain("redis-server *:6379\n");
    expect(run(k, ["redis-cli", "ping"]).stdout).toBe("PONG\n");
    expect(run(k, ["redis-cli", "set", "hits", "41"]).stdout).toBe("OK\n");
    expect(run(k, ["redis-cli", "incr", "hits"]).stdout).toBe("42\n");
    expect(run(k, ["redis-cli", "--no-raw", "get", "hits"]).stdout).toBe('"42"\n');
    expect(run(k, ["redis-cli", "--no-raw", "get", "nope"]).stdout).toBe("(nil)\n");
    expect(run(k, ["redis-cli", "--no-raw", "keys", "*"]).stdout).toBe('1) "hits"\n');
    expect(run(k, ["redis-cli", "-p", "6380", "ping"])).toEqual({ stdout: "", stderr: "Could not connect to Redis at 127.0.0.1:6380: Connection refused\n", code: 1 });
    expect(run(k, ["redis-cli", "--no-raw", "frob", "x"]).stdout).toBe("(error) ERR unknown command 'frob', with args beginning with: 'x' \n");
  });

  it("keeps an interactive session on one connection", () => {
    const k = newHost();
    background(k, ["/usr/bin/redis-server"]);
    const r = run(k, ["redis-cli"], { stdin: "set a 1\nincrby a 9\nget a\nquit\n" });
    expect(r.stdout).toBe('127.0.0.1:6379> OK\n127.0.0.1:6379> (integer) 10\n127.0.0.1:6379> "10"\n127.0.0.1:6379> ');
  });
});

describe("node", () => {
  it("runs the http.createServer hello-world", () => {
    const k = newHost();
    run(k, [
      "/bin/sh",
      "-c",
      `cat > /root/app.js <<'EOF'
const http = require('http');
const port = 3000;
const server = http.createServer((req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello World\\n');
});
server.listen(port, () => {
  console.log(\`Server running at http://localhost:\${port}/\`);
});
EOF`,
    ]);
    const srv = background(k, ["/usr/bin/node", "/root/app.js"]);
    expect(srv.stdout()).toBe("Server running at http://localhost:3000/\n");
    expect(run(k, ["curl", "-si", "localhost:3000"]).stdout).toBe(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Thu, 15 Jan 2026 09:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 12\r\n\r\nHello World\n",
    );
    expect(run(k, ["node", "-v"]).stdout).toBe("v22.14.0\n");
    expect(run(k, ["node", "-e", "console.log('hi')"]).stdout).toBe("hi\n");
  });
});

describe("python3 -m http.server", () => {
  it("lists a directory, answers 404 as Python does and logs each request on stderr", () => {
    const k = newHost();
    run(k, ["/bin/sh", "-c", "mkdir -p /srv/sub && echo hi > /srv/a.txt"]);
    const srv = background(k, ["/usr/bin/python3", "-m", "http.server", "8000", "--directory", "/srv"]);
    expect(run(k, ["curl", "-s", "localhost:8000/"]).stdout).toBe(
      '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="a.txt">a.txt</a></li>\n<li><a href="sub/">sub/</a></li>\n</ul>\n<hr>\n</body>\n</html>\n',
    );
    const nf = run(k, ["curl", "-si", "localhost:8000/nope"]).stdout;
    expect(nf).toMatch(/^HTTP\/1\.0 404 File not found\r\nServer: SimpleHTTP\/0\.6 Python\/3\.11\.2\r\nDate: [^\r]+\r\nConnection: close\r\nContent-Type: text\/html;charset=utf-8\r\nContent-Length: 335\r\n\r\n<!DOCTYPE HTML>/);
    expect(srv.stderr()).toBe(
      '127.0.0.1 - - [15/Jan/2026 09:00:00] "GET / HTTP/1.1" 200 -\n127.0.0.1 - - [15/Jan/2026 09:00:00] code 404, message File not found\n127.0.0.1 - - [15/Jan/2026 09:00:00] "GET /nope HTTP/1.1" 404 -\n',
    );
    // stdout is a pipe: Python has not flushed its "Serving HTTP" line yet.
    expect(srv.stdout()).toBe("");
  });
});

describe("wget", () => {
  // The host's wget is GNU Wget (busybox's applet is tested in a container: test/programs/net/busybox-wget.test.ts).
  it("saves to index.html, then index.html.1, reports HTTP errors and refused connections", () => {
    const k = newHost();
    run(k, ["/bin/sh", "-c", "mkdir -p /srv && echo hello > /srv/index.html"]);
    background(k, ["/usr/bin/python3", "-m", "http.server", "8000", "--directory", "/srv"]);
    const dated = (text: string) => text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, "DATE");
    const saved = run(k, ["wget", "-nv", "http://127.0.0.1:8000/"], { cwd: "/tmp" });
    expect({ ...saved, stderr: dated(saved.stderr) }).toEqual({ stdout: "", stderr: 'DATE URL:http://127.0.0.1:8000/ [6/6] -> "index.html" [1]\n', code: 0 });
    expect(run(k, ["cat", "/tmp/index.html"]).stdout).toBe("hello\n");
    expect(dated(run(k, ["wget", "-nv", "http://127.0.0.1:8000/"], { cwd: "/tmp" }).stderr)).toBe('DATE URL:http://127.0.0.1:8000/ [6/6] -> "index.html.1" [1]\n');
    expect(run(k, ["wget", "-q", "-O", "-", "http://localhost:8000/"])).toEqual({ stdout: "hello\n", stderr: "", code: 0 });
    const missing = run(k, ["wget", "-nv", "http://localhost:8000/nope"]);
    expect({ ...missing, stderr: dated(missing.stderr) }).toEqual({ stdout: "", stderr: "http://localhost:8000/nope:\nDATE ERROR 404: File not found.\n", code: 8 });
    expect(run(k, ["wget", "-q", "http://127.0.0.1:9/x"])).toEqual({ stdout: "", stderr: "", code: 4 });
    expect(dated(run(k, ["wget", "-nv", "--spider", "http://127.0.0.1:8000/"]).stderr)).toBe("DATE URL: http://127.0.0.1:8000/ 200 OK\n");
    expect(run(k, ["wget", "-nv", "--spider", "http://127.0.0.1:8000/nope"])).toEqual({
      stdout: "",
      stderr: "http://127.0.0.1:8000/nope:\nRemote file does not exist -- broken link!!!\n",
      code: 8,
    });
  });
});
