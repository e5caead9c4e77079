import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { multivariateInformation } from "../../../src/measures/multivariateInformation.js";
import { runCli, tmpDir, toCsv, writeFile } from "../runCli.js";

/** Deterministic rows (a, b, c, d): b ~ a + noise, c ~ a + noise (redundant), d = a xor-like sum. */
function rows(n: number): number[][] {
  let s = 7;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const g = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = g();
    const x = g();
    out.push([a, a + 0.5 * g(), a + 0.5 * g(), x, a + x + 0.3 * g()]);
  }
  return out;
}

let csv: string;
let bitsCsv: string;
const data = rows(500);
const all = fromRows(data);

beforeAll(() => {
  const dir = tmpDir();
  csv = writeFile(dir, "m.csv", toCsv(["a", "b", "c", "x", "y"], data));
  const parity: number[][] = [];
  for (let v = 0; v < 16; v++) {
    const b = [0, 1, 2, 3].map((k) => (v >> k) & 1);
    parity.push([...b, b.reduce((p, q) => p ^ q, 0)]);
  }
  bitsCsv = writeFile(dir, "bits.csv", toCsv(["b0", "b1", "b2", "b3", "p"], parity));
});

describe("minfo oinfo / tc / dtc / sinfo", () => {
  it("oinfo --json: the library's O-information (gaussian by default), with the other three", async () => {
    const r = await runCli(["oinfo", csv, "--columns", "a,b,c", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const lib = multivariateInformation([0, 1, 2].map((j) => selectColumns(all, [j])));
    expect(out.quantity).toBe("o-information");
    expect(out.value).toBeCloseTo(lib.oInformation.value, 12);
    expect(out.all.totalCorrelation).toBeCloseTo(lib.totalCorrelation.value, 12);
    expect(out.variables).toEqual(["a", "b", "c"]);
    expect(out.value).toBeGreaterThan(0);
  });

  it("tc, dtc, sinfo in bits with ksg; groups with ';'", async () => {
    for (const [cmd, key] of [
      ["tc", "totalCorrelation"],
      ["dtc", "dualTotalCorrelation"],
      ["sinfo", "sInformation"],
    ] as const) {
      const r = await runCli([cmd, csv, "--columns", "a;b,c;x", "--estimator", "ksg", "--k", "4", "--units", "bits", "--json"]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      const lib = multivariateInformation([selectColumns(all, [0]), selectColumns(all, [1, 2]), selectColumns(all, [3])], { estimator: "ksg", k: 4 }, { units: "bits" });
      expect(out.value).toBeCloseTo(lib[key].value, 12);
      expect(out.units).toBe("bits");
      expect(out.variables).toEqual(["a", "b+c", "x"]);
    }
  });

  it("discrete plug-in on the 5-bit parity file: O-information = -3 bits; human output", async () => {
    const r = await runCli(["oinfo", bitsCsv, "--columns", "0-4", "--estimator", "plugin", "--units", "bits"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/o-information\s+-3\.0000 bits/);
    expect(r.stdout).toMatch(/TC: 1\.0000 bits; DTC: 4\.0000 bits; S-information: 5\.0000 bits/);
  });

  it("--order sweeps multiplets ranked by O-information", async () => {
    const r = await runCli(["oinfo", csv, "--columns", "a,b,c,x,y", "--order", "4", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.multiplets.length).toBe(10 + 5);
    expect(out.multiplets.filter((m: { order: number }) => m.order === 3)[0].variables).toEqual(["a", "b", "c"]);
    const human = await runCli(["oinfo", csv, "--columns", "a,b,c,x,y", "--order", "3"]);
    expect(human.stdout).toMatch(/^rank\s+variables\s+TC\s+DTC\s+O-info\s+S-info/);
    expect(human.stdout).toMatch(/10 multiplets of 5 variables, sizes 3\.\.3, ranked by O-information/);
  });

  it("usage and data errors", async () => {
    expect((await runCli(["oinfo", csv, "--columns", "a"])).code).toBe(2);
    expect((await runCli(["oinfo", csv, "--columns", "a,b,c", "--estimator", "nope"])).stderr).toMatch(/--estimator must be one of/);
    expect((await runCli(["oinfo", csv, "--columns", "a,b,c", "--k", "3"])).stderr).toMatch(/--k applies to --estimator ksg only/);
    expect((await runCli(["oinfo", csv, "--columns", "a,b,c", "--order", "5"])).code).toBe(2);
    const r = await runCli(["oinfo", csv, "--columns", "a,b,c", "--estimator", "plugin"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/column "[^"]*" is -?[0-9.]+; discrete estimators need integer codes/);
  });
});
