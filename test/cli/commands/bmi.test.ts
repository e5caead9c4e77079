import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { findEstimator } from "../../../src/estimators/registry.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../runCli.js";

let dir: string;
let csv: string;
const rows = sampleRows(250, 5);
const all = fromRows(rows);

beforeAll(() => {
  dir = tmpDir();
  // bmi's layout: header X0..X{dx-1},Y0..Y{dy-1}.
  csv = writeFile(dir, "task.csv", toCsv(["X0", "X1", "Y0"], rows));
});

describe("minfo bmi (bmi's external-estimator protocol)", () => {
  it("prints exactly one number, the MI in nats, and nothing on stderr", async () => {
    const r = await runCli(["bmi", csv, "2", "1"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?\n$/);
    const lib = findEstimator("ksg-1").mi!({}).estimate(selectColumns(all, [0, 1]), selectColumns(all, [2]), { seed: 0 }) as { value: number };
    expect(Number(r.stdout)).toBe(lib.value);
  });

  it("passes --estimator and its options; splits columns by DIM_X, DIM_Y", async () => {
    const r = await runCli(["bmi", csv, "1", "2", "--estimator", "ksg-2", "--k", "5"]);
    expect(r.code).toBe(0);
    const lib = findEstimator("ksg-2").mi!({ k: 5 }).estimate(selectColumns(all, [0]), selectColumns(all, [1, 2]), { seed: 0 }) as {
      value: number;
    };
    expect(Number(r.stdout)).toBe(lib.value);
  });

  it("reads bmi's temporary file as CSV even without a .csv extension", async () => {
    const noExt = writeFile(dir, "tmpabc123", toCsv(["X0", "X1", "Y0"], rows));
    const r = await runCli(["bmi", noExt, "2", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCli(["bmi", csv, "2", "1"])).stdout);
  });

  it("stays silent when the estimate has warnings (ties are jittered)", async () => {
    const tied = writeFile(dir, "tied.csv", toCsv(["X0", "Y0"], rows.map((row) => [Math.round(row[0]), Math.round(row[1])])));
    const r = await runCli(["bmi", tied, "1", "1"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(Number.isFinite(Number(r.stdout))).toBe(true);
  });
});
