import { describe, expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { background } from "./helpers";

describe("curl and wget against a server on the loopback", () => {
  it("curl prints the body; -i adds the head; -I asks with HEAD", () => {
    const k = newHost();
    run(k, ["/bin/sh", "-c", "mkdir -p /srv && printf 'hello\\n' > /srv/index.html && touch -d '2026-01-15 09:00:00' /srv/index.html"]);
    background(k, ["/usr/bin/python3", "-m", "http.server", "8000", "--directory", "/srv"]);
    const r = run(k, ["curl", "-s", "http://127.0.0.1:8000/"]);
    expect(r).toEqual({ stdout: "hello\n", stderr: "", code: 0 });
    const i = run(k, ["curl", "-si", "http://localhost:8000/index.html"]);
    expect(i.stdout).toMatch(/^HTTP\/1\.0 200 OK\r\nServer: SimpleHTTP\/0\.6 Python\/3\.11\.2\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nContent-type: text\/html\r\nContent-Length: 6\r\nLast-Modified: Thu, 15 Jan 2026 09:00:00 GMT\r\n\r\nhello\n$/);
  });
});
