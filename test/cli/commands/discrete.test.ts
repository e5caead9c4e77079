import { beforeAll, describe, expect, it } from "vitest";
import { matrix } from "../../../src/core/data/matrix.js";
import { toLabels } from "../../../src/core/data/labels.js";
import { pluginCMI, pluginEntropy, pluginMI } from "../../../src/estimators/discrete.js";
import { lnc } from "../../../src/estimators/lnc.js";
import { gao, ross } from "../../../src/estimators/mixed.js";
import { runCli, sampleRows, tmpDir, writeFile } from "../runCli.js";

let csv: string;
let gappy: string;
const n = 240;
const base = sampleRows(n, 3);
const a = base.map((r) => r[0]);
const b = base.map((r) => r[1]);
// g: text class of a (three levels); h: integer code of b's sign and a noise bit; r: non-integer.
const g = a.map((v) => (v < -0.4 ? "lo" : v < 0.4 ? "mid" : "hi"));
const h = b.map((v, i) => (v > 0 ? 1 : 0) + 2 * (i % 2));
const r = base.map((row) => row[2]);
const m = a.map((_, i) => i % 3);

const A = matrix(Float64Array.from(a), n, 1);
const G = toLabels(g, "g", "test");
const Gm = matrix(Float64Array.from(G.codes), n, 1);
const Hm = matrix(Float64Array.from(h), n, 1);

beforeAll(() => {
  const dir = tmpDir();
  const lines = ["a,b,g,h,r,m", ...a.map((_, i) => `${a[i]},${b[i]},${g[i]},${h[i]},${r[i]},${m[i]}`)];
  csv = writeFile(dir, "mixed.csv", lines.join("\n") + "\n");
  // Data row 2 (line 4: the header is line 1) misses its class.
  const gl = lines.slice(0, 12).map((l, i) => (i === 3 ? l.replace(/,(lo|mid|hi),/, ",,") : l));
  gappy = writeFile(dir, "gappy.csv", gl.join("\n") + "\n");
});

async function json(args: string[]): Promise<Record<string, unknown>> {
  const res = await runCli([...args, "--json"]);
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

describe("minfo estimate --discrete: default estimator by column kinds", () => {
  it("X continuous, Y discrete (text codes) -> ross, equal to the library", async () => {
    const out = await json(["estimate", csv, "--x", "a", "--y", "g", "--discrete", "g"]);
    expect(out.estimator).toBe("ross");
    expect(out.value).toBe(ross().estimate(A, G, { seed: 0 }).value);
    // g is a function of a: the estimate approaches H(g) (about 1.1 nats), far from 0.
    expect(out.value as number).toBeGreaterThan(0.8);
  });

  it("X discrete, Y continuous -> ross with the roles swapped (MI is symmetric)", async () => {
    const out = await json(["estimate", csv, "--x", "g", "--y", "a", "--discrete", "g"]);
    expect(out.estimator).toBe("ross");
    expect(out.value).toBe(ross().estimate(A, G, { seed: 0 }).value);
  });

  it("every column discrete -> plugin (text and integer codes)", async () => {
    const out = await json(["estimate", csv, "--x", "g", "--y", "h", "--discrete", "g,h"]);
    expect(out.estimator).toBe("plugin");
    expect(out.value).toBe(pluginMI().estimate(G, h).value);
  });

  it("a mix inside one variable -> gao", async () => {
    const out = await json(["estimate", csv, "--x", "a,h", "--y", "g", "--discrete", "g,h"]);
    expect(out.estimator).toBe("gao");
    const x = matrix(Float64Array.from(a.flatMap((v, i) => [v, h[i]])), n, 2);
    expect(out.value).toBe(gao().estimate(x, Gm).value);
  });

  it("with --z and every column discrete -> plugin CMI", async () => {
    const out = await json(["estimate", csv, "--x", "g", "--y", "h", "--z", "m", "--discrete", "g,h,m"]);
    expect(out.estimator).toBe("plugin");
    expect(out.quantity).toBe("conditional-mutual-information");
    expect(out.value).toBe(pluginCMI().estimate(G, Hm, m).value);
  });

  it("with --z and a continuous column -> frenzel-pompe, which rejects the discrete ones", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "h", "--z", "b", "--discrete", "h"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/estimator "frenzel-pompe" accepts continuous data only; Y column "h" is marked discrete/);
  });

  it("an explicit estimator for mixed data works on discrete columns (gao on codes)", async () => {
    const out = await json(["estimate", csv, "--x", "a", "--y", "g", "--discrete", "g", "--estimator", "gao", "--k", "4"]);
    expect(out.value).toBe(gao({ k: 4 }).estimate(A, Gm).value);
  });

  it("plugin reads unmarked integer and text columns as discrete (no --discrete needed)", async () => {
    const out = await json(["estimate", csv, "--x", "g", "--y", "h", "--estimator", "plugin"]);
    expect(out.value).toBe(pluginMI().estimate(G, Hm).value);
  });

  it("--drop-missing leaves out a row with a missing class", async () => {
    const res = await runCli(["estimate", gappy, "--x", "a", "--y", "g", "--discrete", "g", "--k", "2"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/line 4, column "g": expected a number; got a missing \(empty\) cell.*--drop-missing/);
    const ok = await runCli(["estimate", gappy, "--x", "a", "--y", "g", "--discrete", "g", "--k", "2", "--drop-missing", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).n).toBeGreaterThan(0);
  });
});

describe("minfo estimate: the wrong kind of data is a data error (exit code 3)", () => {
  it("ksg-1 with a --discrete column", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "g", "--discrete", "g", "--estimator", "ksg-1"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(
      /^minfo: estimator "ksg-1" accepts continuous data only; Y column "g" is marked discrete \(--discrete\)\. Estimators for discrete or mixed data: .*ross, gao, plugin/,
    );
  });

  it("plugin with a continuous column", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "g", "--estimator", "plugin"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(
      /^minfo: estimator "plugin" accepts discrete data only \(integer or text codes\); X column "a" is continuous \(.*mixed\.csv: line 2 holds -?\d/,
    );
  });

  it("ross without a discrete Y", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "ross"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(
      /^minfo: estimator "ross" accepts X continuous and Y discrete; Y column "b" is not marked discrete: name Y's columns in --discrete\./,
    );
  });

  it("ross with a discrete column in X and in Y", async () => {
    const res = await runCli(["estimate", csv, "--x", "h", "--y", "g", "--discrete", "g,h", "--estimator", "ross"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/estimator "ross" accepts X continuous and Y discrete; X column "h" is marked discrete \(--discrete\)\./);
  });

  it("a --discrete column that is not integer-coded", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "r", "--discrete", "r"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/Y column "r" is marked discrete \(--discrete\) but is not integer-coded \(.*line 2 holds .*\); discrete columns hold integer or text codes\./);
  });

  it("an unmarked text column stays a parse error for continuous estimators", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "g"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/line 2, column "g": expected a number; got "(lo|mid|hi)"/);
  });

  it("an unknown --discrete column is a usage error", async () => {
    const res = await runCli(["estimate", csv, "--x", "a", "--y", "g", "--discrete", "nope"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--discrete/);
  });
});

describe("minfo entropy --discrete", () => {
  it("a discrete X defaults to plugin", async () => {
    const out = await json(["entropy", csv, "--x", "g", "--discrete", "g"]);
    expect(out.estimator).toBe("plugin");
    expect(out.value).toBe(pluginEntropy().estimate(G).value);
  });

  it("kozachenko-leonenko with a discrete column is a data error", async () => {
    const res = await runCli(["entropy", csv, "--x", "h", "--discrete", "h", "--estimator", "kozachenko-leonenko"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^minfo: estimator "kozachenko-leonenko" accepts continuous data only; X column "h" is marked discrete/);
  });

  it("plugin entropy of a continuous column is a data error", async () => {
    const res = await runCli(["entropy", csv, "--x", "b", "--estimator", "plugin"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/estimator "plugin" accepts discrete data only \(integer or text codes\); X column "b" is continuous/);
  });

  it("without --discrete nothing changes (kozachenko-leonenko)", async () => {
    const out = await json(["entropy", csv, "--x", "a"]);
    expect(out.estimator).toBe("kozachenko-leonenko");
  });
});

describe("minfo matrix --discrete", () => {
  it("a text column named in --discrete is included; mixed columns default to gao", async () => {
    const out = await json(["matrix", csv, "--columns", "a,g,h", "--discrete", "g,h"]);
    expect(out.estimator).toBe("gao");
    expect(out.columns).toEqual(["a", "g", "h"]);
    const values = out.values as (number | null)[][];
    expect(values[0][1]).toBe(gao().estimate(A, Gm, { local: false }).value);
    const dflt = await json(["matrix", csv, "--discrete", "g"]);
    expect(dflt.columns).toEqual(["a", "b", "g", "h", "r", "m"]);
  });

  it("every column discrete defaults to plugin", async () => {
    const out = await json(["matrix", csv, "--columns", "g,h", "--discrete", "g,h"]);
    expect(out.estimator).toBe("plugin");
    expect((out.values as number[][])[0][1]).toBe(pluginMI().estimate(G, Hm).value);
  });

  it("ross cannot make a matrix; ksg-1 rejects discrete columns", async () => {
    const res = await runCli(["matrix", csv, "--columns", "a,g", "--discrete", "g", "--estimator", "ross"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/estimator "ross" accepts X continuous and Y discrete, but a matrix pairs every column with every other; use gao/);
    const k = await runCli(["matrix", csv, "--columns", "a,h", "--discrete", "h", "--estimator", "ksg-1"]);
    expect(k.code).toBe(3);
    expect(k.stderr).toMatch(/estimator "ksg-1" accepts continuous data only; matrix column "h" is marked discrete/);
  });
});

describe("minfo estimators shows the data each estimator accepts", () => {
  it("human-readable and JSON", async () => {
    const res = await runCli(["estimators"]);
    expect(res.stdout).toMatch(/ross: [^\n]*\n {2}computes: {3}mutual information\n {2}accepts: {4}X continuous, Y discrete data/);
    expect(res.stdout).toMatch(/gao: [^\n]*\n[^\n]*\n {2}accepts: {4}continuous, discrete, mixed data/);
    expect(res.stdout).toMatch(/ksg-1: [^\n]*\n[^\n]*\n {2}accepts: {4}continuous data/);
    expect(res.stdout).toMatch(/plugin: [^\n]*\n[^\n]*\n {2}accepts: {4}discrete data/);
    const list = JSON.parse((await runCli(["estimators", "--json"])).stdout) as { id: string; accepts: string[]; variables?: unknown }[];
    expect(list.find((e) => e.id === "ross")).toMatchObject({ accepts: ["mixed"], variables: { x: ["continuous"], y: ["discrete"] } });
    expect(list.find((e) => e.id === "lnc")).toMatchObject({ accepts: ["continuous"] });
  });
});

describe("minfo estimate --estimator lnc", () => {
  it("runs with the default alpha and with --alpha, equal to the library", async () => {
    const out = await json(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "lnc"]);
    expect(out.params).toMatchObject({ k: 5, alpha: "auto", algorithm: 2 });
    const x = matrix(Float64Array.from(a), n, 1);
    const y = matrix(Float64Array.from(b), n, 1);
    expect(out.value).toBe(lnc().estimate(x, y, { seed: 0 }).value);
    const withAlpha = await json(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "lnc", "--alpha", "0.3"]);
    expect(withAlpha.value).toBe(lnc({ alpha: 0.3 }).estimate(x, y, { seed: 0 }).value);
    const bad = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--estimator", "lnc", "--alpha", "2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option --alpha must be in \[0, 1\]; got 2\./);
  });
});
