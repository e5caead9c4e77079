import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../../src/core/data/matrix.js";
import { auto } from "../../../src/estimators/auto.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../runCli.js";

let csv: string;
const rows = sampleRows(200, 11);
const all = fromRows(rows);

beforeAll(() => {
  const dir = tmpDir();
  // column d: integer codes 0..2 derived from column a (a discrete variable)
  csv = writeFile(
    dir,
    "auto.csv",
    toCsv(
      ["a", "b", "c", "d"],
      rows.map((r) => [...r, r[0] < -0.5 ? 0 : r[0] < 0.5 ? 1 : 2]),
    ),
  );
});

describe("minfo estimate --estimator auto", () => {
  it("refuses --ci (auto gives its own interval) with exit code 2", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "auto", "--ci", "0.9"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ci does not apply to --estimator auto/);
  });

  it("prints the estimate, the interval, the chosen estimator and the reasons", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "auto", "--resamples", "10"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/95% CI +\[[-0-9.]+, [-0-9.]+\] \(subsample-bias\)/);
    expect(r.stdout).toMatch(/chosen +(ksg-1|gaussian-copula)/);
    expect(r.stdout).toMatch(/reason +X continuous \(1 column\), Y continuous \(1 column\), N = 200/);
  });

  it("--json equals the library's auto result; a discrete Y column picks ross", async () => {
    const r = await runCli(["estimate", csv, "--x", "b", "--y", "d", "--estimator", "auto", "--resamples", "10", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const lib = await auto({ resamples: 10 }).estimate(selectColumns(all, [1]), fromRows(rows.map((q) => [q[0] < -0.5 ? 0 : q[0] < 0.5 ? 1 : 2])), { seed: 0 });
    expect(out.value).toBe(lib.value);
    expect(out.uncertainty.ci.lower).toBe(lib.uncertainty!.ci!.lower);
    expect(out.diagnostics.details.choice.id).toBe("ross");
    expect(out.diagnostics.details.choice.reasons.length).toBeGreaterThan(2);
  });

  it("a bad auto option is a usage error naming the option", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "auto", "--x-kind", "binary"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/x-kind|xKind/);
  });
});
