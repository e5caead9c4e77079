import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { findEstimator } from "../../../src/estimators/registry.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../runCli.js";

let dir: string;
let pCsv: string;
let qCsv: string;
const pRows = sampleRows(300, 21).map((r) => [r[0], r[2]]);
const qRows = sampleRows(300, 22).map((r) => [r[0] + 1, r[2]]);

beforeAll(() => {
  dir = tmpDir();
  pCsv = writeFile(dir, "p.csv", toCsv(["u", "v"], pRows));
  qCsv = writeFile(dir, "q.csv", toCsv(["v", "u"], qRows.map(([u, v]) => [v, u])));
});

describe("minfo divergence", () => {
  it("estimates D(P||Q) by knn-kl, matching columns by name, equal to the library's value", async () => {
    const r = await runCli(["divergence", pCsv, qCsv, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.estimator).toBe("knn-kl");
    const lib = findEstimator("knn-kl").divergence!({}).estimate(fromRows(pRows), fromRows(qRows), { seed: 0 }) as { value: number };
    expect(out.value).toBe(lib.value);
    // N(0, I) vs N((1, 0), I): D = |mu|^2 / 2 = 0.5 nats; kNN at N = 300 within ~0.2.
    expect(Math.abs(out.value - 0.5)).toBeLessThan(0.2);
  });

  it("--columns selects the same columns in both files", async () => {
    const r = await runCli(["divergence", pCsv, qCsv, "--columns", "u", "--k", "5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^D\(P\|\|Q\)\s+-?\d\.\d{4} nats/);
    const lib = findEstimator("knn-kl").divergence!({ k: 5 }).estimate(selectColumns(fromRows(pRows), [0]), selectColumns(fromRows(qRows), [0]), {
      seed: 0,
    }) as { value: number };
    expect(r.stdout).toContain(lib.value.toFixed(4));
  });

  it("errors: a column missing from Q (exit 3), an MI estimator (exit 2)", async () => {
    const other = writeFile(dir, "w.csv", toCsv(["u", "w"], qRows));
    const r = await runCli(["divergence", pCsv, other]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^minfo: .*w\.csv: has no column "v"/);
    const e = await runCli(["divergence", pCsv, qCsv, "--estimator", "ksg-1"]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/does not estimate a divergence; estimators that do: knn-kl/);
  });
});
