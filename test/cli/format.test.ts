import { describe, expect, it } from "vitest";
import { finalFormat, formatRows } from "../../src/cli/format";
import { goStruct } from "../../src/cli/template";

// An image row as `docker images` formats it; outputs below were recorded from the real client.
const image = goStruct("*formatter.imageContext", {
  Containers: "N/A",
  CreatedAt: "2026-11-27 21:02:23 +0000 UTC",
  CreatedSince: "14 minutes ago",
  Digest: "<none>",
  ID: "1a43eaf8865d",
  Repository: "busybox",
  SharedSize: "N/A",
  Size: "1.98MB",
  Tag: "latest",
  UniqueSize: "N/A",
  VirtualSize: "1.985MB",
});
const header = {
  Containers: "CONTAINERS",
  CreatedAt: "CREATED AT",
  CreatedSince: "CREATED",
  Digest: "DIGEST",
  ID: "IMAGE ID",
  Repository: "REPOSITORY",
  SharedSize: "SHARED SIZE",
  Size: "SIZE",
  Tag: "TAG",
  UniqueSize: "UNIQUE SIZE",
  VirtualSize: "VIRTUAL SIZE",
};
const DEFAULT =
  "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

const out = (format: string) => {
  const r = formatRows(format, [image], header);
  return r.ok ? r.output : r.error;
};

describe("docker --format", () => {
  it("renders the default images table", () => {
    expect(out(DEFAULT)).toBe(
      "REPOSITORY   TAG       IMAGE ID       CREATED          SIZE\n" +
        "busybox      latest    1a43eaf8865d   14 minutes ago   1.98MB\n",
    );
  });

  it("keeps header text intact through the header functions, but pads", () => {
    expect(
      out(
        "table {{.Repository}}\\t{{.Tag | upper}}\\t{{json .Size}}\\t{{pad .ID 1 1}}|{{truncate .ID 3}}\\tlit",
      ),
    ).toBe(
      'REPOSITORY   TAG       SIZE        IMAGE ID |IMAGE ID   lit\nbusybox      LATEST    "1.98MB"    1a43eaf8865d |1a4    lit\n',
    );
  });

  it("handles plain, json and odd table formats like docker", () => {
    expect(out("  {{.Repository}}\\t{{.Tag}}  ")).toBe("busybox\tlatest\n");
    expect(out("{{.Repository}}\\n")).toBe("busybox\n\n");
    expect(out("table {{.Repository}}\\n{{.Tag}}")).toBe("REPOSITORY\nTAG\nbusybox\nlatest\n");
    expect(out("tablex {{.Repository}}")).toBe("x REPOSITORY\nx busybox\n");
    expect(out("json")).toBe(
      '{"Containers":"N/A","CreatedAt":"2026-11-27 21:02:23 +0000 UTC","CreatedSince":"14 minutes ago","Digest":"<none>","ID":"1a43eaf8865d","Repository":"busybox","SharedSize":"N/A","Size":"1.98MB","Tag":"latest","UniqueSize":"N/A","VirtualSize":"1.985MB"}\n',
    );
    expect(finalFormat("table {{.ID}}\\t{{.Image}}")).toBe("{{.ID}}\t{{.Image}}");
  });

  it("reports template errors as docker images does", () => {
    expect(out("table {{.Repository}}\\t{{.Foo}}")).toBe(
      'template parsing error: template: :1:18: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.imageContext',
    );
    expect(out("{{.ID}")).toBe("template parsing error: template: :1: bad character U+007D '}'");
  });

  it("prints only the header when there are no rows", () => {
    const r = formatRows("table {{.ID}}\t{{.Foo}}", [], { ID: "CONTAINER ID" });
    expect(r).toEqual({ ok: true, output: "CONTAINER ID   <no value>\n" });
  });
});
