/**
 * The reality suite: every scenario in scenarios/ against a real dockerd (live when this machine has
 * one, else the recordings in recorded/), judged by expectations.json. A test fails when a result
 * CHANGES — a match that now differs, a documented difference that changed or disappeared, or an
 * unexplained one — not for the documented differences themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealDocker } from "./real-side";
import { realDocker, stopRealDocker } from "./real-side";
import { judge, loadExpectations, runScenario, type ScenarioResult, scenarioNames, summary } from "./run";

const expectations = loadExpectations();
const results: ScenarioResult[] = [];
let docker: RealDocker;

describe("reality: scenarios on real docker and in the sandbox", () => {
  beforeAll(() => {
    docker = realDocker();
    if ("unavailable" in docker) console.log(`reality: comparing against the recordings (${docker.unavailable})`);
  });

  afterAll(() => {
    if (results.length > 0) console.log(summary(results, expectations));
    if ("host" in docker) stopRealDocker();
  });

  it("has an expectation for every scenario and a scenario for every expectation", () => {
    expect(Object.keys(expectations).sort()).toEqual(scenarioNames());
  });

  for (const name of scenarioNames()) {
    it(name, async () => {
      const r = await runScenario(name, docker);
      results.push(r);
      expect(judge(r, expectations[name])).toBeUndefined();
    });
  }
});
