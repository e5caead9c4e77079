import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { findEstimator } from "../../../src/estimators/registry.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../runCli.js";

let dir: string;
let csv: string;
const rows = sampleRows(300, 7);
const all = fromRows(rows);
const A = selectColumns(all, [0]);
const B = selectColumns(all, [1]);
const C = selectColumns(all, [2]);

beforeAll(() => {
  dir = tmpDir();
  csv = writeFile(dir, "abc.csv", toCsv(["a", "b", "c"], rows));
});

describe("minfo estimate", () => {
  it("prints I(X;Y) by KSG-1 equal to the library's value (JSON)", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    const lib = findEstimator("ksg-1").mi!({}).estimate(A, B, { seed: 0 }) as { value: number };
    expect(out.value).toBe(lib.value);
    // y = x + N(0,1): true MI = ln(2)/2 = 0.347 nats; KSG at N = 300 lands within ~0.15.
    expect(Math.abs(out.value - Math.log(2) / 2)).toBeLessThan(0.15);
  });

  it("--json has every Estimate field and omits `local` unless --local", async () => {
    const r = await runCli(["estimate", csv, "--x", "0", "--y", "1", "--json"]);
    const out = JSON.parse(r.stdout);
    for (const key of ["quantity", "value", "units", "estimator", "params", "n", "seed", "diagnostics", "references"]) {
      expect(out).toHaveProperty(key);
    }
    expect(out.quantity).toBe("mutual-information");
    expect(out.estimator).toBe("ksg-1");
    expect(out.units).toBe("nats");
    expect(out.n).toBe(300);
    expect(out.seed).toBe(0);
    expect(out.params.k).toBe(3);
    expect(typeof out.diagnostics.elapsedMs).toBe("number");
    expect(Array.isArray(out.diagnostics.warnings)).toBe(true);
    expect(typeof out.diagnostics.details).toBe("object");
    expect(out.references.map((x: { id: string }) => x.id)).toContain("kraskov2004");
    expect(out).not.toHaveProperty("local");

    const l = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json", "--local"])).stdout);
    expect(l.local).toHaveLength(300);
    const mean = l.local.reduce((s: number, v: number) => s + v, 0) / 300;
    expect(mean).toBeCloseTo(l.value, 12);
  });

  it("--units bits divides by ln 2; --seed is recorded", async () => {
    const nats = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json"])).stdout);
    const bits = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json", "--units", "bits", "--seed", "5"])).stdout);
    expect(bits.units).toBe("bits");
    expect(bits.seed).toBe(5);
    expect(bits.value).toBeCloseTo(nats.value / Math.LN2, 12);
  });

  it("maps estimator options to flags (--k, --k list, --estimator ksg-2)", async () => {
    const k5 = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--k", "5", "--json"])).stdout);
    expect(k5.params.k).toBe(5);
    expect(k5.value).toBe((findEstimator("ksg-1").mi!({ k: 5 }).estimate(A, B, { seed: 0 }) as { value: number }).value);
    const list = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--k", "5,10", "--json"])).stdout);
    expect(list.params.k).toEqual([5, 10]);
    const k2 = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "ksg-2", "--json"])).stdout);
    expect(k2.estimator).toBe("ksg-2");
    expect(k2.value).toBe((findEstimator("ksg-2").mi!({}).estimate(A, B, { seed: 0 }) as { value: number }).value);
  });

  it("--z estimates I(X;Y|Z) with frenzel-pompe by default", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--z", "c", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.quantity).toBe("conditional-mutual-information");
    expect(out.estimator).toBe("frenzel-pompe");
    const lib = findEstimator("frenzel-pompe").cmi!({}).estimate(A, B, C, { seed: 0 }) as { value: number };
    expect(out.value).toBe(lib.value);
  });

  it("accepts index ranges and several columns", async () => {
    const r = await runCli(["estimate", csv, "--x", "0-1", "--y", "c", "--json"]);
    expect(r.code).toBe(0);
    const lib = findEstimator("ksg-1").mi!({}).estimate(selectColumns(all, [0, 1]), C, { seed: 0 }) as { value: number };
    expect(JSON.parse(r.stdout).value).toBe(lib.value);
  });

  it("prints a readable block, and warnings on stderr as `warning [code]: message`", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^I\(X;Y\)\s+\d\.\d{4} nats/);
    expect(r.stdout).toMatch(/estimator\s+ksg-1 \(/);
    expect(r.stdout).toMatch(/n\s+300/);
    // Integer data has exact ties: KSG jitters them and says so.
    const tied = writeFile(dir, "ties.csv", toCsv(["u", "v"], rows.map((row) => [Math.round(row[0] * 2), Math.round(row[1] * 2)])));
    const t = await runCli(["estimate", tied, "--x", "u", "--y", "v"]);
    expect(t.code).toBe(0);
    expect(t.stderr).toMatch(/^warning \[ties-jittered\]: /m);
    expect(t.stdout).not.toMatch(/warning/);
    // In JSON mode, warnings stay in the JSON.
    const j = await runCli(["estimate", tied, "--x", "u", "--y", "v", "--json"]);
    expect(j.stderr).toBe("");
    expect(JSON.parse(j.stdout).diagnostics.warnings.map((w: { code: string }) => w.code)).toContain("ties-jittered");
  });
});

describe("minfo estimate: other inputs", () => {
  it("--drop-missing leaves out rows with an empty cell in a selected column and says so", async () => {
    const lines = toCsv(["a", "b", "c"], rows).trimEnd().split("\n");
    lines[3] = lines[3].replace(/^[^,]*,/, ","); // data row 2: a missing
    lines[10] = lines[10].replace(/,[^,]*$/, ","); // data row 9: c missing (not selected below)
    const holey = writeFile(dir, "holey.csv", lines.join("\n") + "\n");
    const r = await runCli(["estimate", holey, "--x", "a", "--y", "b", "--drop-missing"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: .*holey\.csv: dropped 1 of 300 rows with a missing value in a selected column; 299 rows remain\.$/m);
    const keep = rows.filter((_, i) => i !== 2);
    const m = fromRows(keep);
    const lib = findEstimator("ksg-1").mi!({}).estimate(selectColumns(m, [0]), selectColumns(m, [1]), { seed: 0 }) as { value: number };
    expect(r.stdout).toMatch(/n\s+299/);
    expect(r.stdout).toContain(lib.value.toFixed(4));
    const j = JSON.parse((await runCli(["estimate", holey, "--x", "a", "--y", "b", "--drop-missing", "--json"])).stdout);
    expect(j.value).toBe(lib.value);
    expect(j.n).toBe(299);
  });

  it("reads TSV and JSON files by extension, giving the same value as CSV", async () => {
    const tsv = writeFile(dir, "abc.tsv", ["a\tb\tc", ...rows.map((r) => r.join("\t"))].join("\n") + "\n");
    const json = writeFile(dir, "abc.json", JSON.stringify(rows.map(([a, b, c]) => ({ a, b, c }))));
    const ref = JSON.parse((await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json"])).stdout).value;
    for (const f of [tsv, json]) {
      const r = await runCli(["estimate", f, "--x", "a", "--y", "b", "--json"]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).value).toBe(ref);
    }
  });
});

describe("minfo estimate --estimator gaussian", () => {
  it("gives the library's Gaussian MI, and rejects kNN options with the estimator's own list", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "gaussian", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const lib = findEstimator("gaussian").mi!({}).estimate(A, B, { seed: 0 }) as { value: number };
    expect(out.estimator).toBe("gaussian");
    expect(out.value).toBe(lib.value);
    // Sample correlation r gives -1/2 ln(1 - r^2) (Cover & Thomas eq. 8.56 applied to the sample covariance).
    const n = rows.length;
    const mean = (j: number) => rows.reduce((s, row) => s + row[j], 0) / n;
    const [ma, mb] = [mean(0), mean(1)];
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (const row of rows) {
      sab += (row[0] - ma) * (row[1] - mb);
      saa += (row[0] - ma) ** 2;
      sbb += (row[1] - mb) ** 2;
    }
    const rho = sab / Math.sqrt(saa * sbb);
    expect(out.value).toBeCloseTo(-0.5 * Math.log(1 - rho * rho), 10);

    const bad = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "gaussian", "--k", "4"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^minfo: estimator "gaussian" has no option --k; its options: --/);
  });
});
