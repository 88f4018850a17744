/**
 * wget as busybox's applet, in a busybox container, against nginx in another: its messages,
 * progress line and exit status 1 on any error (busybox 1.35).
 */
import { describe, expect, it } from "vitest";
import { docker, dockerHost } from "../../cli/images/harness";

describe("busybox wget in a container", () => {
  it("saves to index.html, refuses to overwrite it, reports HTTP errors and refused connections", () => {
    const k = dockerHost();
    expect(docker(k, ["run", "-d", "--name", "web", "nginx"]).code).toBe(0);
    expect(docker(k, ["run", "-d", "--name", "box", "-w", "/tmp", "busybox", "sleep", "300"]).code).toBe(0);
    const wget = (...args: string[]) => docker(k, ["exec", "box", "wget", ...args]);
    expect(wget("http://172.17.0.2/")).toEqual({
      stdout: "",
      stderr: "Connecting to 172.17.0.2 (172.17.0.2:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
      code: 0,
    });
    expect(wget("172.17.0.2")).toEqual({ stdout: "", stderr: "Connecting to 172.17.0.2 (172.17.0.2:80)\nwget: can't open 'index.html': File exists\n", code: 1 });
    expect(wget("-q", "-O", "-", "172.17.0.2").stdout).toContain("<title>Welcome to nginx!</title>");
    expect(wget("172.17.0.2/nope")).toEqual({
      stdout: "",
      stderr: "Connecting to 172.17.0.2 (172.17.0.2:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n",
      code: 1,
    });
    expect(wget("-q", "172.17.0.2:9/x")).toEqual({ stdout: "", stderr: "wget: can't connect to remote host (172.17.0.2): Connection refused\n", code: 1 });
    expect(wget("--spider", "172.17.0.2").stderr).toBe("Connecting to 172.17.0.2 (172.17.0.2:80)\nremote file exists\n");
  });
});
