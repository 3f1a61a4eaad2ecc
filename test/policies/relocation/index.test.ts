import { describe, expect, it } from "vitest";
import { coalesce, relocationSchemes } from "../../../src/policies/relocation/index.ts";

describe("relocationSchemes", () => {
  it("relocationSchemes.names() lists every scheme in registration order", () => {
    expect(relocationSchemes.names()).toEqual(["sequential", "allocated-extents", "hot-first", "copy-on-read"]);
  });

  it("relocationSchemes.get() of an unknown name lists the valid names", () => {
    expect(() => relocationSchemes.get("random", "vm.yaml", "relocation.scheme")).toThrow(
      'vm.yaml: relocation.scheme: unknown relocation policy "random"; expected one of sequential, allocated-extents, hot-first, copy-on-read',
    );
  });

  it("relocationSchemes.definitions() all declare extentBlocks defaulting to 0", () => {
    for (const definition of relocationSchemes.definitions()) expect(definition.parameters.extentBlocks?.default).toBe(0);
  });

  it("relocationSchemes.get(name).create({}).copyOnRead is true only for copy-on-read", () => {
    expect(relocationSchemes.names().filter((name) => relocationSchemes.get(name).create({}).copyOnRead)).toEqual(["copy-on-read"]);
  });

  it("coalesce() is exported with the registry", () => {
    expect([...coalesce([7, 8])]).toEqual([{ firstBlock: 7, blockCount: 2 }]);
  });
});
