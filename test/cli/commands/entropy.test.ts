import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { findEstimator } from "../../../src/estimators/registry.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../runCli.js";

let csv: string;
const rows = sampleRows(400, 11);
const all = fromRows(rows);

beforeAll(() => {
  csv = writeFile(tmpDir(), "abc.csv", toCsv(["a", "b", "c"], rows));
});

describe("minfo entropy", () => {
  it("estimates H(X) by Kozachenko-Leonenko, equal to the library's value", async () => {
    const r = await runCli(["entropy", csv, "--x", "a", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.quantity).toBe("entropy");
    expect(out.estimator).toBe("kozachenko-leonenko");
    const lib = findEstimator("kozachenko-leonenko").entropy!({}).estimate(selectColumns(all, [0]), { seed: 0 }) as { value: number };
    expect(out.value).toBe(lib.value);
    // a ~ N(0, 1): H = ln(2 pi e)/2 = 1.419 nats; KL at N = 400 is within ~0.1.
    expect(Math.abs(out.value - 0.5 * Math.log(2 * Math.PI * Math.E))).toBeLessThan(0.1);
  });

  it("takes several columns and estimator options; prints H(X) in human mode", async () => {
    const r = await runCli(["entropy", csv, "--x", "a,c", "--k", "4", "--units", "bits"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^H\(X\)\s+\d\.\d{4} bits/);
    expect(r.stdout).toMatch(/X\s+a, c/);
    const lib = findEstimator("kozachenko-leonenko").entropy!({ k: 4 }).estimate(selectColumns(all, [0, 2]), { seed: 0, units: "bits" }) as {
      value: number;
    };
    expect(r.stdout).toContain(lib.value.toFixed(4));
  });

  it("rejects an estimator without an entropy factory (exit 2)", async () => {
    const r = await runCli(["entropy", csv, "--x", "a", "--estimator", "ksg-1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^minfo: estimator "ksg-1" does not estimate entropy; estimators that do: .*kozachenko-leonenko/);
  });
});
