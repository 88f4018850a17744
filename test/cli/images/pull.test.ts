import { describe, expect, it } from "vitest";
import { docker, dockerHost } from "./harness";

describe("docker pull", () => {
  it("prints the state changes of each layer on a pipe, then the full reference", () => {
    const k = dockerHost();
    const r = docker(k, ["pull", "busybox"]);
    console.log(JSON.stringify(r));
    const r2 = docker(k, ["pull", "busybox"]);
    console.log(JSON.stringify(r2));
    const r3 = docker(k, ["pull", "nginx"]);
    console.log(JSON.stringify(r3));
    const r4 = docker(k, ["pull", "nosuch/thing:1"]);
    console.log(JSON.stringify(r4));
    expect(r.code).toBe(0);
  });
});
