import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../../src/cli/flags/help";
import { bootSandboxHost } from "../../../src/session/host";
import { run } from "../../helpers/host";

beforeAll(() => loadHelpTexts());

describe("docker context (recorded from the real client)", () => {
  it("lists, shows and uses the default context", () => {
    const k = bootSandboxHost();
    expect(run(k, ["docker", "context", "ls"])).toEqual({
      stdout:
        "NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\n" +
        "default *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n",
      stderr: "",
      code: 0,
    });
    expect(run(k, ["docker", "context", "show"])).toEqual({ stdout: "default\n", stderr: "", code: 0 });
    expect(run(k, ["docker", "context", "use", "default"])).toEqual({
      stdout: "default\n",
      stderr: 'Current context is now "default"\n',
      code: 0,
    });
  });

  it("names the missing context's file in the store", () => {
    const k = bootSandboxHost();
    expect(run(k, ["docker", "context", "use", "nope"])).toEqual({
      stdout: "",
      stderr:
        'context "nope": context not found: open /root/.docker/contexts/meta/ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce/meta.json: no such file or directory\n',
      code: 1,
    });
  });

  it("inspects the default context", () => {
    const k = bootSandboxHost();
    expect(run(k, ["docker", "context", "inspect"]).stdout).toBe(`[
    {
        "Name": "default",
        "Metadata": {},
        "Endpoints": {
            "docker": {
                "Host": "unix:///var/run/docker.sock",
                "SkipTLSVerify": false
            }
        },
        "TLSMaterial": {},
        "Storage": {
            "MetadataPath": "\\u003cIN MEMORY\\u003e",
            "TLSPath": "\\u003cIN MEMORY\\u003e"
        }
    }
]
`);
  });
});
