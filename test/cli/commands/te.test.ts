import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { activeInformationStorage } from "../../../src/measures/activeInformationStorage.js";
import { symbolize } from "../../../src/measures/embedding.js";
import { transferEntropy } from "../../../src/measures/transferEntropy.js";
import { runCli, tmpDir, toCsv, writeFile } from "../runCli.js";

// x_{t+1} = 0.5 x_t + 0.4 y_t + e, y AR(1) 0.6, z independent noise; TE(y -> x) = 0.1021 nats.
const n = 600;
const rng = createRng(17);
const x = new Float64Array(n);
const y = new Float64Array(n);
const z = new Float64Array(n);
for (let t = 0; t < n; t++) {
  z[t] = rng.normal();
  if (t > 0) {
    x[t] = 0.5 * x[t - 1] + 0.4 * y[t - 1] + rng.normal();
    y[t] = 0.6 * y[t - 1] + rng.normal();
  }
}
let csv: string;

beforeAll(() => {
  const rows = Array.from({ length: n }, (_, t) => [x[t], y[t], z[t]]);
  csv = writeFile(tmpDir(), "ts.csv", toCsv(["x", "y", "z"], rows));
});

describe("minfo te", () => {
  it("prints TE by KSG equal to the library's value (JSON, nats)", async () => {
    const r = await runCli(["te", csv, "--source", "y", "--target", "x", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.quantity).toBe("transfer-entropy");
    expect(out.estimator).toBe("ksg-1");
    expect(out.units).toBe("nats");
    expect(out.params).toMatchObject({ k: 4, theiler: 0, history: 1, sourceHistory: 1, lag: 1 });
    const lib = transferEntropy(y, x, {}, { seed: 0 });
    // CSV round-trips doubles exactly (shortest repr), so the values agree bit for bit.
    expect(out.value).toBe(lib.value);
    expect(out.uncertainty).toBeUndefined();
  });

  it("--surrogates puts the p-value in uncertainty.pValue", async () => {
    const r = await runCli(["te", csv, "--source", "1", "--target", "0", "--estimator", "gaussian", "--surrogates", "19", "--seed", "3", "--history", "2", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const lib = transferEntropy(y, x, { estimator: "gaussian", surrogates: 19, history: 2 }, { seed: 3 });
    expect(out.value).toBe(lib.value);
    expect(out.uncertainty.pValue).toBe(lib.uncertainty!.pValue);
    expect(out.uncertainty.pValue).toBe(0.05);
    expect(out.diagnostics.details.surrogates.nullDistribution).toHaveLength(19);
  });

  it("human output names the columns, the p-value and the references", async () => {
    const r = await runCli(["te", csv, "--source", "x", "--target", "y", "--estimator", "gaussian", "--surrogates", "9", "--units", "bits", "--lag", "2", "--source-history", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TE\(Y->X\)\s+-?\d\.\d{4} bits|^TE\(Y->X\)\s+-?\d\.\d{3}e/);
    expect(r.stdout).toMatch(/source \(Y\)\s+x/);
    expect(r.stdout).toMatch(/target \(X\)\s+y/);
    expect(r.stdout).toMatch(/p-value\s+\d\.\d{4} \(9 circular surrogates/);
    expect(r.stdout).toContain("Schreiber");
  });

  it("conditional TE with --conditional and discrete TE with --bins", async () => {
    const c = JSON.parse((await runCli(["te", csv, "--source", "y", "--target", "x", "--conditional", "z", "--estimator", "gaussian", "--json"])).stdout);
    expect(c.value).toBe(transferEntropy(y, x, { estimator: "gaussian", conditions: [z] }).value);
    expect(c.params.conditions).toEqual([{ history: 1, tau: 1, lag: 1 }]);
    const d = JSON.parse((await runCli(["te", csv, "--source", "y", "--target", "x", "--estimator", "discrete", "--bins", "3", "--json"])).stdout);
    expect(d.estimator).toBe("plugin");
    expect(d.value).toBe(transferEntropy(symbolize(y, 3), symbolize(x, 3), { estimator: "plugin" }).value);
  });

  it("usage errors exit 2, data errors exit 3", async () => {
    expect((await runCli(["te", csv, "--source", "y", "--target", "y"])).code).toBe(2);
    expect((await runCli(["te", csv, "--source", "y", "--target", "x", "--estimator", "knn"])).code).toBe(2);
    expect((await runCli(["te", csv, "--source", "y", "--target", "x", "--history", "0"])).stderr).toMatch(/--history must be an integer >= 1/);
    expect((await runCli(["te", csv, "--source", "y", "--target", "x", "--estimator", "gaussian", "--theiler", "2"])).code).toBe(2);
    expect((await runCli(["te", csv, "--source", "y", "--target", "x", "--estimator", "gaussian", "--bins", "3"])).code).toBe(2);
    expect((await runCli(["te", csv, "--source", "y,z", "--target", "x"])).code).toBe(2);
    const nonInt = await runCli(["te", csv, "--source", "y", "--target", "x", "--estimator", "discrete"]);
    expect(nonInt.code).toBe(3);
    expect(nonInt.stderr).toMatch(/integer codes/);
    const tooShort = await runCli(["te", csv, "--source", "y", "--target", "x", "--history", "599"]);
    expect(tooShort.code).toBe(3);
  });
});

describe("minfo ais", () => {
  it("prints A(X) equal to the library's value", async () => {
    const r = await runCli(["ais", csv, "--column", "y", "--estimator", "gaussian", "--history", "2", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.quantity).toBe("active-information-storage");
    expect(out.value).toBe(activeInformationStorage(y, { estimator: "gaussian", history: 2 }).value);
    const h = await runCli(["ais", csv, "--column", "y"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^A\(X\)\s+\d\.\d{4} nats/);
    expect(h.stdout).toContain("Lizier");
  });
});
