/**
 * The host's wget is GNU Wget 1.21.3: its log, progress dots (bar on a terminal), file naming,
 * -q, -nv, -O, --spider and its errors and exit statuses. Expected texts recorded with Debian 12's
 * wget against python3 -m http.server (timestamps and transfer rates vary, so they are masked).
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { newHost, run, sh, terminal } from "../../helpers/host";
import { background } from "./helpers";

const LQ = "\xe2\x80\x98";
const RQ = "\xe2\x80\x99";

function server(): Kernel {
  const k = newHost();
  sh(k, "mkdir -p /srv && printf 'hello\\n' > /srv/index.html && seq 1 30000 > /srv/mid.txt");
  background(k, ["/usr/bin/python3", "-m", "http.server", "8000", "--directory", "/srv"]);
  return k;
}

/** Timestamps as DATE, rates as RATE. */
function masked(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, "DATE")
    .replace(/\(\d+(?:\.\d+)? [KMG]?B\/s\)/g, "(RATE)")
    .replace(/(%|\.) {1,2}[ \d.]{3}\d[ KMG]([= ])/g, "$1 RATE$2");
}

const HEAD = (path: string) =>
  `--DATE--  http://localhost:8000${path}\nResolving localhost (localhost)... ::1, 127.0.0.1\nConnecting to localhost (localhost)|::1|:8000... connected.\nHTTP request sent, awaiting response... `;

describe("GNU wget on the host", () => {
  it("saves to the URL's name, numbering names taken, with the dots when stderr is no terminal", () => {
    const k = server();
    const first = run(k, ["wget", "localhost:8000/"]);
    const log = (name: string) =>
      `${HEAD("/")}200 OK\nLength: 6 [text/html]\nSaving to: ${LQ}${name}${RQ}\n\n     0K${" ".repeat(55)}100% RATE=0s\n\nDATE (RATE) - ${LQ}${name}${RQ} saved [6/6]\n\n`;
    expect({ ...first, stderr: masked(first.stderr) }).toEqual({ stdout: "", stderr: log("index.html"), code: 0 });
    const second = run(k, ["wget", "http://localhost:8000/"]);
    expect(masked(second.stderr)).toBe(log("index.html.1"));
    expect(sh(k, "cat index.html index.html.1")).toEqual({ stdout: "hello\nhello\n", stderr: "", code: 0 });
  });

  it("prints a row of dots per 50 KiB with its percentage", () => {
    const k = server();
    const r = run(k, ["wget", "-O", "/tmp/mid", "localhost:8000/mid.txt"]);
    const dots = ".......... .......... .......... .......... ..........";
    expect(masked(r.stderr)).toBe(
      `${HEAD("/mid.txt")}200 OK\nLength: 168894 (165K) [text/plain]\nSaving to: ${LQ}/tmp/mid${RQ}\n\n` +
        `     0K ${dots} 30% RATE 0s\n    50K ${dots} 60% RATE 0s\n   100K ${dots} 90% RATE 0s\n   150K .......... ....${" ".repeat(39)}100% RATE=0s\n\n` +
        `DATE (RATE) - ${LQ}/tmp/mid${RQ} saved [168894/168894]\n\n`,
    );
    const [saved, served] = sh(k, "md5sum < /tmp/mid; md5sum < /srv/mid.txt").stdout.split("\n");
    expect(saved).toMatch(/^[0-9a-f]{32} /);
    expect(saved).toBe(served);
  });

  it("draws the bar on a terminal", () => {
    const k = server();
    const t = terminal(k, ["/usr/bin/wget", "localhost:8000/"]);
    t.settle();
    const screen = masked(t.output().replace(/\r\n/g, "\n"));
    expect(screen).toContain(
      `Saving to: ${LQ}index.html${RQ}\n\n\rindex.html            0%[                    ]       0  --.-KB/s               \rindex.html          100%[===================>]       6  --.-KB/s    in 0s      \n\nDATE (RATE) - ${LQ}index.html${RQ} saved [6/6]\n\n`,
    );
  });

  it("is quiet with -q, says one line with -nv, writes to stdout with -O -", () => {
    const k = server();
    expect(run(k, ["wget", "-q", "-O", "-", "localhost:8000/"])).toEqual({ stdout: "hello\n", stderr: "", code: 0 });
    const nv = run(k, ["wget", "-nv", "localhost:8000/"]);
    expect({ ...nv, stderr: masked(nv.stderr) }).toEqual({ stdout: "", stderr: 'DATE URL:http://localhost:8000/ [6/6] -> "index.html" [1]\n', code: 0 });
    const out = run(k, ["wget", "-O", "-", "localhost:8000/"]);
    expect(out.stdout).toBe("hello\n");
    expect(masked(out.stderr)).toMatch(/Saving to: \xe2\x80\x98STDOUT\xe2\x80\x99\n\n.*\n\nDATE \(RATE\) - written to stdout \[6\/6\]\n\n$/);
  });

  it("reports server errors (8), refused connections (4), unknown names (4) and bad usage", () => {
    const k = server();
    const missing = run(k, ["wget", "localhost:8000/nope"]);
    expect({ ...missing, stderr: masked(missing.stderr) }).toEqual({
      stdout: "",
      stderr: `${HEAD("/nope")}404 File not found\nDATE ERROR 404: File not found.\n\n`,
      code: 8,
    });
    expect(masked(run(k, ["wget", "-nv", "localhost:8000/nope"]).stderr)).toBe("http://localhost:8000/nope:\nDATE ERROR 404: File not found.\n");
    const refused = run(k, ["wget", "localhost:9"]);
    expect({ ...refused, stderr: masked(refused.stderr) }).toEqual({
      stdout: "",
      stderr:
        "--DATE--  http://localhost:9/\nResolving localhost (localhost)... ::1, 127.0.0.1\nConnecting to localhost (localhost)|::1|:9... failed: Connection refused.\nConnecting to localhost (localhost)|127.0.0.1|:9... failed: Connection refused.\n",
      code: 4,
    });
    expect(masked(run(k, ["wget", "127.0.0.1:9"]).stderr)).toBe("--DATE--  http://127.0.0.1:9/\nConnecting to 127.0.0.1:9... failed: Connection refused.\n");
    expect(run(k, ["wget", "-q", "localhost:9"])).toEqual({ stdout: "", stderr: "", code: 4 });
    expect(run(k, ["wget", "-O", "/nonexist/x", "localhost:8000/"])).toEqual({ stdout: "", stderr: "/nonexist/x: No such file or directory\n", code: 1 });
    const usage = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";
    expect(run(k, ["wget"])).toEqual({ stdout: "", stderr: `wget: missing URL\n${usage}`, code: 1 });
    expect(run(k, ["wget", "--bogus", "x"])).toEqual({ stdout: "", stderr: `wget: unrecognized option '--bogus'\n${usage}`, code: 2 });
    expect(run(k, ["wget", "--version"]).stdout.split("\n")[0]).toBe("GNU Wget 1.21.3 built on linux-gnu.");
  });

  it("checks with --spider without saving", () => {
    const k = server();
    const r = run(k, ["wget", "--spider", "localhost:8000/"]);
    expect({ ...r, stderr: masked(r.stderr) }).toEqual({
      stdout: "",
      stderr: `Spider mode enabled. Check if remote file exists.\n${HEAD("/")}200 OK\nLength: 6 [text/html]\nRemote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n`,
      code: 0,
    });
    expect(masked(run(k, ["wget", "--spider", "localhost:8000/nope"]).stderr)).toBe(
      `Spider mode enabled. Check if remote file exists.\n${HEAD("/nope")}404 File not found\nRemote file does not exist -- broken link!!!\n\n`,
    );
    expect(sh(k, "ls index.html").code).not.toBe(0);
  });
});
