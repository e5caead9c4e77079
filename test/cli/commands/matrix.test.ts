import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { findEstimator } from "../../../src/estimators/registry.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../runCli.js";

let dir: string;
let csv: string;
const rows = sampleRows(200, 9);
const all = fromRows(rows);
const lib = (i: number, j: number, k = 3) =>
  (findEstimator("ksg-1").mi!({ k }).estimate(selectColumns(all, [i]), selectColumns(all, [j]), { seed: 0 }) as { value: number }).value;

beforeAll(() => {
  dir = tmpDir();
  csv = writeFile(dir, "abc.csv", toCsv(["a", "b", "c"], rows));
});

describe("minfo matrix", () => {
  it("--json: symmetric all-pairs KSG-1 values equal to the library's, null diagonal", async () => {
    const r = await runCli(["matrix", csv, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.columns).toEqual(["a", "b", "c"]);
    expect(out.estimator).toBe("ksg-1");
    expect(out.units).toBe("nats");
    expect(out.n).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(out.values[i][i]).toBeNull();
      for (let j = i + 1; j < 3; j++) {
        expect(out.values[i][j]).toBe(lib(i, j));
        expect(out.values[j][i]).toBe(out.values[i][j]);
      }
    }
    expect(Array.isArray(out.diagnostics.warnings)).toBe(true);
  });

  it("--csv: header row, empty diagonal, full precision", async () => {
    const r = await runCli(["matrix", csv, "--csv", "--columns", "a,b", "--k", "5"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(",a,b");
    expect(lines[1]).toBe(`a,,${lib(0, 1, 5)}`);
    expect(lines[2]).toBe(`b,${lib(0, 1, 5)},`);
  });

  it("human table has 3 decimals by default", async () => {
    const r = await runCli(["matrix", csv]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mutual information \(nats\), estimator ksg-1/);
    expect(r.stdout).toContain(lib(0, 1).toFixed(3));
  });

  it("skips text columns by default (with a note) and rejects fewer than 2 columns", async () => {
    const mixed = writeFile(dir, "mixed.csv", "name,a,b\n" + rows.map((r, i) => `n${i},${r[0]},${r[1]}`).join("\n") + "\n");
    const r = await runCli(["matrix", mixed, "--csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: skipped non-numeric columns: name$/m);
    expect(r.stdout.split("\n")[0]).toBe(",a,b");
    const one = await runCli(["matrix", csv, "--columns", "a"]);
    expect(one.code).toBe(3);
    expect(one.stderr).toMatch(/needs at least 2 numeric columns/);
  });

  it("--progress draws the bar on stderr only; stdout stays the result", async () => {
    const r = await runCli(["matrix", csv, "--json", "--progress"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/MI matrix \[.*\] 3\/3/);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    // No bar without --progress when stderr is not a terminal.
    expect((await runCli(["matrix", csv, "--json"])).stderr).toBe("");
  });

  it("draws the bar by itself when stderr is a terminal, and clears it", async () => {
    const r = await runCli(["matrix", csv, "--csv"], { stderrTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("MI matrix [");
    expect(r.stdout.split("\n")[0]).toBe(",a,b,c");
    expect(r.stdout).not.toContain("MI matrix");
  });

  it("usage errors: --json with --csv, an estimator without MI", async () => {
    expect((await runCli(["matrix", csv, "--json", "--csv"])).code).toBe(2);
    const r = await runCli(["matrix", csv, "--estimator", "kozachenko-leonenko"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not estimate mutual information/);
  });
});
