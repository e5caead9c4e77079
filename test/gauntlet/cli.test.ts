/**
 * The `minfo` command under hostile files and flags: every run ends with exit code 0 (finite
 * JSON), 2 (usage) or 3 (data), never 1 with an internal error; a failure is one `minfo: ...`
 * line on stderr with no stack trace. Same seed, same JSON (timings aside).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../cli/runCli.js";

let dir: string;
const files: Record<string, string> = {};

const CONTENTS: Record<string, string | Uint8Array> = {
  "empty.csv": "",
  "header.csv": "a,b\n",
  "one.csv": "a,b\n1,2\n",
  "three.csv": "a,b\n1,2\n3,1\n2,5\n",
  "overflow.csv": "a,b\n1,2\n1e400,3\n4,5\n" + "1,2\n".repeat(20),
  "ragged.csv": "a,b\n1,2\n3\n4,5\n",
  "text.csv": "a,b\n1,2\nx,3\n4,5\n",
  "constant.csv": "a,b\n" + Array.from({ length: 60 }, (_, i) => `7,${i % 7}`).join("\n") + "\n",
  "duplicate.csv": "a,b,c\n" + sampleRows(60, 3).map((r) => `${r[0]},${r[0]},${r[1]}`).join("\n") + "\n",
  "identical.csv": "a,b\n" + "1.5,2.5\n".repeat(60),
  "missing.csv": "a,b\n1,2\n,3\n4,5\n" + "1,2\n".repeat(20),
  "nan.csv": "a,b\n1,2\nNaN,3\n4,5\n" + "1,2\n".repeat(20),
  "badutf8.csv": Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0x2c, 0x31, 0x0a]),
  "quote.csv": 'a,b\n"1,2\n3,4\n',
  "good.csv": toCsv(["a", "b", "c"], sampleRows(120, 5)),
  "ties.csv": toCsv(["a", "b"], sampleRows(120, 6).map((r) => [Math.round(r[0]), Math.round(r[1] * 2) / 2])),
  "weird.xyz": "a,b\n1,2\n",
};

beforeAll(() => {
  dir = tmpDir();
  for (const [name, content] of Object.entries(CONTENTS)) files[name] = writeFile(dir, name, content as string);
});

/** Runs the CLI and checks the exit contract; returns the result. */
async function contract(args: string[]) {
  const r = await runCli(args);
  const where = `minfo ${args.join(" ")} -> ${r.code}: ${r.stderr.slice(0, 300)}`;
  expect([0, 2, 3], where).toContain(r.code);
  expect(r.stderr, where).not.toMatch(/TypeError|RangeError|ReferenceError|SyntaxError|\n\s+at /);
  if (r.code !== 0) {
    const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("note:") && !l.startsWith("warning ["));
    expect(lines.length, where).toBe(1);
    expect(lines[0], where).toMatch(/^minfo: \S/);
    expect(r.stdout, where).toBe("");
  } else if (args.includes("--json")) {
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const values = "value" in out ? [out.value] : ((out.values as (number | null)[][]) ?? []).flat().filter((v) => v !== null);
    for (const v of values) expect(typeof v === "number" && Number.isFinite(v), where).toBe(true);
  }
  return r;
}

const FILE_CASES = Object.keys(CONTENTS);

describe("gauntlet: CLI on hostile files", () => {
  for (const name of FILE_CASES) {
    it(`${name}: estimate, entropy, matrix and divergence keep the exit contract`, async () => {
      const f = () => files[name];
      await contract(["estimate", f(), "--x", "a", "--y", "b", "--json"]);
      await contract(["estimate", f(), "--x", "a", "--y", "b"]);
      await contract(["estimate", f(), "--x", "a", "--y", "b", "--estimator", "gaussian", "--json"]);
      await contract(["estimate", f(), "--x", "a", "--y", "b", "--discrete", "a,b", "--json"]);
      await contract(["entropy", f(), "--x", "a", "--json"]);
      await contract(["matrix", f(), "--json"]);
      await contract(["divergence", f(), files["good.csv"], "--columns", "a,b", "--json"]);
    });
  }

  /** Commands other helpers own (te, ais, oinfo, tc, dtc, pid): same contract; failures listed in KNOWN_OTHERS. */
  for (const name of FILE_CASES) {
    it(`${name}: te, ais, oinfo, tc, dtc and pid keep the exit contract`, async () => {
      const f = files[name];
      await contract(["te", f, "--source", "a", "--target", "b", "--json"]);
      await contract(["ais", f, "--column", "a", "--json"]);
      await contract(["oinfo", f, "--columns", "0-2", "--json"]);
      await contract(["tc", f, "--columns", "a,b", "--json"]);
      await contract(["dtc", f, "--columns", "a,b", "--estimator", "ksg", "--json"]);
      await contract(["pid", f, "--sources", "a,b", "--target", "c", "--json"]);
    });
  }

  it("files that do not exist or are directories", async () => {
    for (const p of [dir + "/nope.csv", dir]) {
      const r = await runCli(["estimate", p, "--x", "a", "--y", "b"]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^minfo: /);
      expect(r.stderr).not.toMatch(/TypeError|\n\s+at /);
    }
  });
});

describe("gauntlet: CLI flags", () => {
  const good = () => files["good.csv"];
  const BAD_FLAGS: string[][] = [
    ["--bogus"],
    ["--k", "-1"],
    ["--k", "0"],
    ["--k", "1.5"],
    ["--k", "1e9"],
    ["--k", "1000000000"],
    ["--k", "Infinity"],
    ["--k", "NaN"],
    ["--k", "abc"],
    ["--k", ""],
    ["--k", "3,3"],
    ["--jitter", "-1"],
    ["--jitter", "nan"],
    ["--standardize", "maybe"],
    ["--estimator", "nope"],
    ["--estimator", ""],
    ["--seed", "-1"],
    ["--seed", "1.5"],
    ["--seed", "x"],
    ["--units", "furlongs"],
    ["--x", "nope"],
    ["--x", "99"],
    ["--x", "a", "--y", "a"],
    ["--x", ""],
    ["--ci", "2"],
    ["--ci", "0.9", "--replicates", "-5"],
  ];
  for (const flags of BAD_FLAGS) {
    it(`estimate ${flags.join(" ")}: usage or data error (exit 2/3), one line naming the problem`, async () => {
      const base = ["estimate", good(), "--x", "a", "--y", "b", "--json"];
      const args = flags[0] === "--x" ? ["estimate", good(), ...flags, ...(flags.includes("--y") ? [] : ["--y", "b"]), "--json"] : [...base, ...flags];
      const r = await contract(args);
      if (flags[1] === "1000000000") {
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(/k/);
      } else expect(r.code).toBe(2);
    });
  }

  it("unknown estimator options are rejected naming the known ones", async () => {
    const r = await contract(["estimate", good(), "--x", "a", "--y", "b", "--estimator", "gaussian", "--k", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/k/);
  });
});

describe("gauntlet: CLI progress", () => {
  it("estimate --progress reports reading progress on stderr; stdout stays the JSON result", async () => {
    // At least 0.1 MB, the bar's unit (a smaller file has a 0 MB total and shows no bar).
    const big = writeFile(dir, "big.csv", toCsv(["a", "b", "c"], sampleRows(4000, 9)));
    const r = await runCli(["estimate", big, "--x", "a", "--y", "b", "--estimator", "gaussian", "--json", "--progress"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reading \[/);
    expect(r.stderr).toMatch(/ MB/);
    expect(Number.isFinite(JSON.parse(r.stdout).value)).toBe(true);
  });
});

describe("gauntlet: CLI determinism", () => {
  const strip = (s: string) => s.replace(/"elapsedMs": [0-9.e+-]+/g, '"elapsedMs": 0');
  for (const args of [
    (f: Record<string, string>) => ["estimate", f["ties.csv"], "--x", "a", "--y", "b", "--json", "--seed", "7"],
    (f: Record<string, string>) => ["estimate", f["good.csv"], "--x", "a", "--y", "b", "--z", "c", "--json", "--seed", "3"],
    (f: Record<string, string>) => ["entropy", f["ties.csv"], "--x", "a,b", "--json", "--seed", "2"],
    (f: Record<string, string>) => ["matrix", f["ties.csv"], "--json", "--seed", "5"],
    (f: Record<string, string>) => ["estimate", f["good.csv"], "--x", "a", "--y", "b", "--json", "--ci", "0.9", "--replicates", "20", "--seed", "4"],
  ]) {
    it(`same seed, same JSON: ${args({ "ties.csv": "ties.csv", "good.csv": "good.csv" }).join(" ")}`, async () => {
      const a = await contract(args(files));
      const b = await contract(args(files));
      expect(a.code).toBe(0);
      expect(strip(b.stdout)).toBe(strip(a.stdout));
    });
  }
});
