/** The headless runner's script mode: lines go in as typed, once whoever reads has settled. */
import { describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags";
import { runScript } from "../../src/node/run-script";
import { bootSandboxHost } from "../../src/session/host";

async function script(text: string, paced = true) {
  await loadHelpTexts();
  let out = "";
  const r = runScript(bootSandboxHost(), ["sh"], text, { out: (b) => (out += b), err: (b) => (out += b), paced });
  return { out, ...r };
}

describe("the runner's script mode", () => {
  it("runs the next line once a container just started is serving, as after typing", async () => {
    const r = await script("docker run -d -p 8080:80 --name web nginx >/dev/null 2>&1\ncurl -s localhost:8080 | grep title\n");
    expect(r).toEqual({ out: "<title>Welcome to nginx!</title>\n", status: 0 });
  });

  it("gives a line to whichever program reads the input, and here-documents their lines", async () => {
    const r = await script("read name\nstudent\necho hello $name\ncat <<EOF\nline 1\nEOF\nexit 3\necho never\n");
    expect(r).toEqual({ out: "hello student\nline 1\n", status: 3 });
  });


  it("all at once, as a script runs on a real machine: curl reaches the proxy before nginx listens", async () => {
    const r = await script("docker run -d -p 8080:80 --name web nginx >/dev/null 2>&1\ncurl -sS localhost:8080\n", false);
    expect(r).toEqual({ out: "curl: (56) Recv failure: Connection reset by peer\n", status: 56 });
  });
});
