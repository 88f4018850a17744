/** A container's log listeners live as long as its output files: a machine does not collect them. */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "../../cli/commands/transcript";

describe("log sinks", () => {
  it("go when the container's output files close", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox"]);
    const before = k.outside.sinks.size;
    for (let i = 0; i < 3; i++) expect(transcript(k, ["docker run --rm busybox echo hi"])).toBe("$ docker run --rm busybox echo hi\nhi\n");
    expect(k.outside.sinks.size).toBe(before);
    transcript(k, ["docker run -d --name c1 busybox sleep 1000"]);
    expect(k.outside.sinks.size).toBe(before + 2);
    transcript(k, ["docker rm -f c1"]);
    expect(k.outside.sinks.size).toBe(before);
  });
});
