import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, selectColumns } from "../../src/core/data/matrix.js";
import { bootstrap } from "../../src/core/inference/bootstrap.js";
import { subsample } from "../../src/core/inference/subsample.js";
import { gaussianMI } from "../../src/estimators/gaussian.js";
import { ksg } from "../../src/estimators/ksg.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "./runCli.js";

let csv: string;
const rows = sampleRows(200, 3);
const all = fromRows(rows);
const A = selectColumns(all, [0]);
const B = selectColumns(all, [1]);

beforeAll(() => {
  csv = writeFile(tmpDir(), "abc.csv", toCsv(["a", "b", "c"], rows));
});

const json = async (args: string[]) => {
  const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe("minfo estimate --ci / --test", () => {
  it("--ci on KSG defaults to subsampling and equals the library's interval", async () => {
    const out = await json(["--ci", "0.9", "--replicates", "20", "--seed", "4"]);
    const lib = await subsample(ksg(), A, B, { level: 0.9, replicates: 20, seed: 4 });
    expect(out.uncertainty.ci).toEqual({ ...lib.uncertainty!.ci });
    expect(out.uncertainty.ci.method).toBe("subsample");
    expect(out.uncertainty.ci.level).toBe(0.9);
    expect(out.uncertainty.se).toBe(lib.uncertainty!.se);
  });

  it("parametric estimators default to the percentile bootstrap; --ci-method bca; units bits", async () => {
    const out = await json(["--estimator", "gaussian", "--ci", "0.95", "--replicates", "50", "--seed", "2"]);
    expect(out.uncertainty.ci.method).toBe("bootstrap-percentile");
    const lib = await bootstrap(gaussianMI(), A, B, { replicates: 50, seed: 2 });
    expect(out.uncertainty.ci.lower).toBe(lib.uncertainty!.ci!.lower);
    const bca = await json(["--estimator", "gaussian", "--ci", "0.95", "--ci-method", "bca", "--replicates", "50", "--units", "bits"]);
    expect(bca.uncertainty.ci.method).toBe("bootstrap-bca");
    expect(bca.units).toBe("bits");
    expect(bca.uncertainty.ci.lower).toBeLessThan(bca.value);
    const block = await json(["--estimator", "gaussian", "--ci", "0.95", "--ci-method", "block", "--replicates", "20"]);
    expect(block.uncertainty.ci.method).toBe("block-bootstrap");
  });

  it("--test permutation adds the p-value and the null distribution", async () => {
    const out = await json(["--test", "permutation", "--permutations", "19", "--ci", "0.95", "--replicates", "10"]);
    expect(out.uncertainty.pValue).toBe(0.05); // b = a + noise: no shuffle reaches the estimate
    expect(out.uncertainty.ci.method).toBe("subsample");
    expect(out.diagnostics.details.permutation.nullDistribution).toHaveLength(19);
  });

  it("human output shows the interval and the p-value; --progress draws on stderr only", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--ci", "0.95", "--replicates", "10", "--test", "permutation", "--permutations", "9", "--progress"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/95% CI\s+\[[-\d.]+, [-\d.]+\] \(subsample\)/);
    expect(r.stdout).toMatch(/p-value\s+0\.1000 \(permutation test, 9 permutations\)/);
    expect(r.stdout).toMatch(/std\. error/);
    expect(r.stderr).toMatch(/subsample/);
    expect(r.stderr).toMatch(/permutation/);
  });

  it.skipIf(!existsSync(new URL("../../dist/node/replicateWorker.js", import.meta.url)))(
    "--workers gives the same numbers as one thread (needs dist/: npm run build)",
    async () => {
      const one = await json(["--ci", "0.95", "--replicates", "8", "--test", "permutation", "--permutations", "5"]);
      const two = await json(["--ci", "0.95", "--replicates", "8", "--test", "permutation", "--permutations", "5", "--workers", "2"]);
      expect(two.uncertainty).toEqual(one.uncertainty);
    },
  );

  it("rejects bad values with exit code 2 before reading the file", async () => {
    const cases: [string[], RegExp][] = [
      [["--ci", "1.5"], /option --ci must be a level in \(0, 1\), e.g. 0.95; got "1.5"/],
      [["--ci", "x"], /option --ci must be a level/],
      [["--ci", "0.95", "--ci-method", "wild"], /option --ci-method must be subsample, bootstrap, bca or block; got "wild"/],
      [["--ci", "0.95", "--replicates", "1"], /option --replicates must be an integer >= 2; got "1"/],
      [["--replicates", "10"], /--replicates and --ci-method need --ci/],
      [["--test", "shuffle"], /option --test must be permutation; got "shuffle"/],
      [["--test", "permutation", "--permutations", "0"], /option --permutations must be an integer >= 1/],
      [["--permutations", "10"], /--permutations needs --test permutation/],
      [["--ci", "0.95", "--workers", "0"], /option --workers must be an integer >= 1/],
      [["--ci", "0.95", "--z", "c"], /apply to I\(X;Y\) only/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(["estimate", "/nonexistent.csv", "--x", "a", "--y", "b", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
