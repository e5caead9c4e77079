import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tmpDir, toCsv, writeFile } from "../runCli.js";

let andCsv: string;
let textCsv: string;
let gaussCsv: string;

beforeAll(() => {
  const dir = tmpDir();
  // Each AND row 25 times: the empirical distribution is exactly the AND gate.
  const and: number[][] = [];
  for (let r = 0; r < 25; r++) for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]]) and.push([a, b, a & b]);
  andCsv = writeFile(dir, "and.csv", toCsv(["s1", "s2", "t"], and));
  textCsv = writeFile(dir, "xor.csv", "a,b,t\nno,x,0\nno,y,1\nyes,x,1\nyes,y,0\n");
  let s = 3;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const g = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const rows: number[][] = [];
  for (let i = 0; i < 800; i++) {
    const a = g();
    const b = g();
    rows.push([a, b, 0.6 * a + 0.6 * b + 0.5 * g()]);
  }
  gaussCsv = writeFile(dir, "g.csv", toCsv(["x1", "x2", "y"], rows));
});

describe("minfo pid", () => {
  it("AND gate, BROJA in bits: red 0.3113, unq 0, syn 0.5 (JSON fields)", async () => {
    const r = await runCli(["pid", andCsv, "--sources", "s1,s2", "--target", "t", "--units", "bits", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.redundancy).toBeCloseTo(0.311278, 6);
    expect(out.unique1).toBeCloseTo(0, 6);
    expect(out.unique2).toBeCloseTo(0, 6);
    expect(out.synergy).toBeCloseTo(0.5, 6);
    expect(out.measure).toBe("broja");
    expect(out.sources).toEqual(["s1", "s2"]);
    expect(out.n).toBe(100);
  });

  it("imin and mmi (plugin) on AND; text columns; human output", async () => {
    const imin = JSON.parse((await runCli(["pid", andCsv, "--sources", "s1,s2", "--target", "t", "--measure", "imin", "--units", "bits", "--json"])).stdout);
    expect(imin.redundancy).toBeCloseTo(0.311278, 6);
    const mmi = JSON.parse((await runCli(["pid", andCsv, "--sources", "s1,s2", "--target", "t", "--measure", "mmi", "--estimator", "plugin", "--units", "bits", "--json"])).stdout);
    expect(mmi.synergy).toBeCloseTo(0.5, 6);
    const xor = await runCli(["pid", textCsv, "--sources", "a,b", "--target", "t", "--units", "bits"]);
    expect(xor.code).toBe(0);
    expect(xor.stdout).toMatch(/synergy\s+Syn\(t: a, b\)\s+1\.0000/);
    expect(xor.stdout).toMatch(/measure broja, estimator plugin, n = 4, duality gap/);
  });

  it("gaussian MMI on continuous columns: consistency of the atoms", async () => {
    const r = await runCli(["pid", gaussCsv, "--sources", "x1,x2", "--target", "y", "--measure", "mmi", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.estimator).toBe("gaussian");
    expect(out.redundancy + out.unique1 + out.unique2 + out.synergy).toBeCloseTo(out.mutualInformation.joint, 12);
    expect(out.synergy).toBeGreaterThan(0);
  });

  it("usage and data errors", async () => {
    expect((await runCli(["pid", andCsv, "--sources", "s1", "--target", "t"])).stderr).toMatch(/exactly 2 sources/);
    expect((await runCli(["pid", andCsv, "--sources", "s1,s2", "--target", "t", "--measure", "x"])).code).toBe(2);
    expect((await runCli(["pid", andCsv, "--sources", "s1,s2", "--target", "t", "--estimator", "gaussian"])).stderr).toMatch(/supports --measure mmi only/);
    const r = await runCli(["pid", gaussCsv, "--sources", "x1,x2", "--target", "y"]);
    expect(r.code).toBe(3);
    // The message names the file, the line and the column of the first non-integer value.
    expect(r.stderr).toMatch(/g\.csv: line 2, column "x1" is -?\d+\.\d+; discrete estimators need integer codes/);
    // A continuous column inside a multi-column source is refused too (not read as labels).
    const grouped = await runCli(["pid", gaussCsv, "--sources", "x1,x2;y", "--target", "y"]);
    expect(grouped.code).toBe(3);
  });
});
