import { describe, expect, it } from "vitest";
import { quantitiesOf } from "../../../src/estimators/registry.js";
import { allEstimators } from "../../../src/cli/allEstimators.js";
import { runCli } from "../runCli.js";

describe("minfo estimators", () => {
  it("lists every registered id with its quantities, data kinds, options, complexity and reference", async () => {
    const r = await runCli(["estimators"]);
    expect(r.code).toBe(0);
    for (const d of allEstimators) {
      expect(r.stdout).toContain(`${d.id}: ${d.summary}`);
      expect(r.stdout).toContain(d.complexity);
      for (const ref of d.references) expect(r.stdout).toContain(ref.citation);
    }
    expect(r.stdout).toContain("--k <integer-list> (default 3)");
  });

  it("--json: one entry per id with quantities and options (with flags and defaults)", async () => {
    const r = await runCli(["estimators", "--json"]);
    const out = JSON.parse(r.stdout) as { id: string; quantities: string[]; accepts: string[]; options: { name: string; flag: string }[] }[];
    expect(out.map((e) => e.id)).toEqual(allEstimators.map((d) => d.id));
    for (const [i, d] of allEstimators.entries()) {
      expect(out[i].quantities).toEqual(quantitiesOf(d));
      expect(out[i].accepts).toEqual([...d.accepts]);
      expect(out[i].options.map((o) => o.name)).toEqual(d.options.map((o) => o.name));
    }
    const ksg = out.find((e) => e.id === "ksg-1")!;
    expect(ksg.options.find((o) => o.name === "k")).toMatchObject({ flag: "--k", default: 3 });
  });
});
