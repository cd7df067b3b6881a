// The functions' metadata as the build makes it (custom-functions-metadata-plugin runs the same generator on
// functions.ts): three functions, their parameters, and an associate call for each.
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const FILE = path.resolve(__dirname, "../../src/functions/functions.ts");
const PARAMETERS = ["actual", "target", "due", "asOf", "baseline", "goal"];

it("lists STATUS, EXPLAIN and PROGRESS with their parameters", async () => {
  const result = await generateCustomFunctionsMetadata(FILE);
  expect(result.errors).toEqual([]);
  const metadata = JSON.parse(result.metadataJson) as {
    functions: { id: string; name: string; parameters: { name: string; optional?: boolean; type: string }[]; result: { type: string } }[];
  };
  expect(metadata.functions.map((f) => [f.id, f.name, f.result.type])).toEqual([
    ["STATUS", "STATUS", "string"],
    ["EXPLAIN", "EXPLAIN", "string"],
    ["PROGRESS", "PROGRESS", "number"],
  ]);
  for (const f of metadata.functions) {
    expect(f.parameters.map((p) => p.name)).toEqual(PARAMETERS);
    expect(f.parameters.map((p) => Boolean(p.optional))).toEqual([false, false, true, true, true, true]);
    expect(f.parameters.every((p) => p.type === "any")).toBe(true);
  }
  expect(result.associate.map((a) => [a.id, a.functionName])).toEqual([
    ["STATUS", "status"],
    ["EXPLAIN", "explain"],
    ["PROGRESS", "progress"],
  ]);
});
