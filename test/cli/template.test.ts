import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { execute, goMethod, goSlice, goStruct, parse } from "../../src/cli/template";
import { toBytes } from "../../src/cli/utf8";

interface OracleCase {
  template: string;
  output: string;
  exitCode: number;
}
const oracle: { cases: OracleCase[] } = JSON.parse(
  readFileSync(new URL("fixtures/template-oracle.json", import.meta.url), "utf8"),
);

// What `docker context inspect default` formats: a Go struct holding a map and nested structs.
const contextData = goStruct("context.contextWithTLSListing", {
  Name: "default",
  Metadata: goStruct("store.Metadata", {}),
  Endpoints: {
    docker: goStruct("context.EndpointMetaBase", {
      Host: "unix:///var/run/docker.sock",
      SkipTLSVerify: false,
    }),
  },
  TLSMaterial: {},
  Storage: goStruct("store.StorageInfo", { MetadataPath: "<IN MEMORY>", TLSPath: "<IN MEMORY>" }),
});

/** How `docker context inspect -f` reports: output + newline, or "template parsing error: ..." (64 / 1). */
function contextInspect(template: string): { output: string; exitCode: number } {
  const p = parse(template);
  if (!p.ok) return { output: `template parsing error: ${p.error}\n`, exitCode: 64 };
  const r = execute(p.template, contextData);
  if (r.ok) return { output: `${r.output}\n`, exitCode: 0 };
  return { output: `\ntemplate parsing error: ${r.error}\n`, exitCode: 1 };
}

describe("templates match the real docker client", () => {
  it.each(oracle.cases)("$template", (c) => {
    expect(contextInspect(toBytes(c.template))).toEqual({ output: toBytes(c.output), exitCode: c.exitCode });
  });
});

describe("template values", () => {
  const run = (t: string, data: unknown, missingKeyError = false) => {
    const p = parse(t);
    if (!p.ok) return p.error;
    const r = execute(p.template, data, { missingKeyError });
    return r.ok ? r.output : r.error;
  };

  it("errors on a missing struct field with docker's type name", () => {
    const c = goStruct("*formatter.ContainerContext", { ID: "abc" });
    expect(run("{{.ID}} {{.Foo}}", c)).toBe(
      'template: :1:10: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext',
    );
  });

  it("calls methods, with arguments", () => {
    const c = goStruct("*formatter.ContainerContext", {
      // biome-ignore lint/correctness/noComponentHookFactories: a Go method, not a component
      Names: () => "web",
      Label: goMethod(["string"], (name) => ({ "com.example": "yes" })[name as string] ?? ""),
    });
    expect(run('{{.Names}} {{.Label "com.example"}}|{{.Label "x"}}|', c)).toBe("web yes||");
    expect(run("{{.Names 1}}", c)).toBe(
      'template: :1:2: executing "" at <.Names>: wrong number of args for Names: want 0 got 1',
    );
  });

  it("distinguishes missing keys, nil values and missingkey=error", () => {
    expect(run('{{.a}} {{.b}} {{printf "%v" .b}}', { b: null })).toBe("<no value> <no value> <nil>");
    expect(run("{{.b.c}}", { b: null })).toBe(
      'template: :1:4: executing "" at <.b.c>: nil pointer evaluating interface {}.c',
    );
    expect(run("{{.a}}", {}, true)).toBe(
      'template: :1:2: executing "" at <.a>: map has no entry for key "a"',
    );
  });

  it("joins typed string slices only, as Go's type check does", () => {
    expect(run('{{join .Cmd " "}}', { Cmd: goSlice("string", ["sh", "-c", "echo hi"]) })).toBe(
      "sh -c echo hi",
    );
    expect(run('{{join .Cmd " "}}', { Cmd: ["sh"] })).toBe(
      'template: :1:7: executing "" at <.Cmd>: wrong type for value; expected []string; got []interface {}',
    );
  });

  it("keeps multi-line actions and reports parse errors with lines", () => {
    expect(run("a\n{{if true}}\n{{.x}}\n{{end}}", { x: 1 })).toBe("a\n\n1\n");
    expect(run("a\n{{.x", {})).toBe("template: :2: unclosed action");
    expect(run("a\n{{.x\n", {})).toBe("template: :3: unclosed action started at :2");
    expect(run("{{foo}}", {})).toBe('template: :1: function "foo" not defined');
  });
});
