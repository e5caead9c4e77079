import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { builtinEstimators } from "../../src/estimators/registry.js";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "./runCli.js";

let dir: string;
let good: string;
const files: Record<string, string> = {};

beforeAll(() => {
  dir = tmpDir();
  good = writeFile(dir, "good.csv", toCsv(["a", "b", "c"], sampleRows(50, 3)));
  files.nonNumeric = writeFile(dir, "word.csv", "a,b\n1,2\n3,4\n5,oops\n7,8\n9,1\n2,2\n");
  files.nan = writeFile(dir, "nan.csv", "a,b\n1,2\n3,NaN\n5,6\n7,8\n9,1\n2,2\n");
  files.overflow = writeFile(dir, "big.csv", "a,b\n1,2\n3,4\n5,6\n7,1e400\n9,1\n2,2\n");
  files.missing = writeFile(dir, "hole.csv", "a,b\n1,2\n3,4\n,6\n7,8\n9,1\n2,2\n");
  files.empty = writeFile(dir, "empty.csv", "");
  files.header = writeFile(dir, "header.csv", "a,b\n");
  files.small = writeFile(dir, "small.csv", "a,b\n1,2\n3,1\n5,7\n");
});

describe("minfo main: exit codes and error messages", () => {
  const usage: [string, () => string[], RegExp][] = [
    ["unknown option", () => ["estimate", good, "--x", "a", "--y", "b", "--bogus"], /^minfo: unknown option '--bogus'/],
    ["unknown column", () => ["estimate", good, "--x", "a", "--y", "zz"], /^minfo: --y: unknown column "zz"; available columns: "a", "b", "c"/],
    ["unknown estimator", () => ["estimate", good, "--x", "a", "--y", "b", "--estimator", "nope"], /^minfo: unknown estimator "nope"; known estimators: ksg-1/],
    ["bad integer option", () => ["estimate", good, "--x", "a", "--y", "b", "--k", "three"], /^minfo: option --k must be an integer; got "three"\./],
    ["option out of range", () => ["estimate", good, "--x", "a", "--y", "b", "--k", "0"], /^minfo: option --k must be >= 1; got 0\./],
    ["bad --units", () => ["estimate", good, "--x", "a", "--y", "b", "--units", "dits"], /^minfo: option --units must be nats or bits/],
    ["bad --seed", () => ["estimate", good, "--x", "a", "--y", "b", "--seed", "-1"], /^minfo: option --seed must be a non-negative integer/],
    [
      "option the estimator lacks",
      () => ["estimate", good, "--x", "a", "--y", "b", "--algorithm", "2"],
      /^minfo: estimator "ksg-1" has no option --algorithm; its options: --k, --standardize, --jitter, --metric\./,
    ],
    ["missing required option", () => ["estimate", good, "--y", "b"], /^minfo: required option '--x <cols>' not specified/],
    ["shared column", () => ["estimate", good, "--x", "a,b", "--y", "b"], /^minfo: column "b" is in both --x and --y/],
    ["unknown command", () => ["frobnicate"], /^minfo: unknown command 'frobnicate'/],
    ["misspelt option, with commander's suggestion on the same line", () => ["estimate", good, "--x", "a", "--y", "b", "--jiter", "1"], /^minfo: unknown option '--jiter' \(Did you mean --jitter\?\)$/m],
    ["bad bmi dims", () => ["bmi", good, "0", "1"], /^minfo: DIM_X must be a positive integer; got "0"\./],
  ];
  for (const [name, args, message] of usage) {
    it(`exit 2: ${name}`, async () => {
      const r = await runCli(args());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }

  const data: [string, () => string[], RegExp][] = [
    ["non-numeric cell", () => ["estimate", files.nonNumeric, "--x", "a", "--y", "b"], /^minfo: .*word\.csv: line 4, column "b": expected a number; got "oops"\./],
    ["NaN cell", () => ["estimate", files.nan, "--x", "a", "--y", "b"], /^minfo: .*nan\.csv: line 3, column "b": expected a finite number; got "NaN"\./],
    ["1e400 cell", () => ["estimate", files.overflow, "--x", "a", "--y", "b"], /^minfo: .*big\.csv: line 5, column "b": .*"1e400" \(overflows to Infinity\)/],
    ["missing cell", () => ["estimate", files.missing, "--x", "a", "--y", "b"], /^minfo: .*hole\.csv: line 4, column "a": expected a number; got a missing \(empty\) cell .*; --drop-missing leaves such rows out\.$/m],
    ["empty file", () => ["estimate", files.empty, "--x", "a", "--y", "b"], /^minfo: .*empty\.csv: .*empty/],
    ["header only", () => ["estimate", files.header, "--x", "a", "--y", "b"], /^minfo: .*header\.csv: .*(no data|not followed by any data row)/],
    ["N <= k", () => ["estimate", files.small, "--x", "a", "--y", "b"], /^minfo: .*small\.csv: 3 data rows; need more than 3 \(estimator ksg-1 with k = 3 needs N > k\)\./],
    ["N <= k (--k 50)", () => ["estimate", good, "--x", "a", "--y", "b", "--k", "50"], /need more than 50/],
    ["bmi dims beyond the header", () => ["bmi", good, "2", "2"], /^minfo: .*good\.csv: has 3 columns; DIM_X \+ DIM_Y = 2 \+ 2 = 4 are needed\./],
  ];
  for (const [name, args, message] of data) {
    it(`exit 3: ${name}`, async () => {
      const r = await runCli(args());
      expect(r.code).toBe(3);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }

  it("exit 1 for a file that does not exist, naming it", async () => {
    const r = await runCli(["estimate", `${dir}/absent.csv`, "--x", "a", "--y", "b"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^minfo: cannot read ".*absent\.csv": no such file\.\n$/);
  });

  it("--debug adds the stack trace; without it there is none", async () => {
    const plain = await runCli(["estimate", files.small, "--x", "a", "--y", "b"]);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runCli(["estimate", files.small, "--x", "a", "--y", "b", "--debug"]);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("--version prints the package version; --help prints usage; both exit 0", async () => {
    const v = await runCli(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await runCli(["--help"]);
    expect(h.code).toBe(0);
    for (const c of ["estimate", "entropy", "divergence", "matrix", "bmi", "estimators", "demo"]) expect(h.stdout).toContain(c);
    const he = await runCli(["estimate", "--help"]);
    expect(he.code).toBe(0);
    expect(he.stdout).toContain("--x <cols>");
    expect(he.stdout).toContain("--k <n,n,...>");
  });

  it("no arguments: usage on stderr, exit 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: minfo");
  });
});

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);

describe.skipIf(!built)("the built bin (needs `npm run build`)", () => {
  it("node bin/minfo.js estimators lists every registered id and exits 0", () => {
    const out = execFileSync(process.execPath, ["bin/minfo.js", "estimators"], { cwd: root, encoding: "utf8" });
    for (const d of builtinEstimators) expect(out).toContain(`${d.id}: `);
  });

  it("sets the process exit code (2 for an unknown option)", () => {
    const r = spawnSync(process.execPath, ["bin/minfo.js", "estimators", "--nope"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^minfo: unknown option '--nope'/);
  });
});
