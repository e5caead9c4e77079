import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ParseError } from "../../src/core/errors.js";
import { fromRows } from "../../src/core/data/matrix.js";
import { parseExternalOutput, parseExternalSpec, sampleToCsv, splitCommandLine } from "../../src/bench/external.js";
import { runBenchmark } from "../../src/bench/run.js";
import { externalEstimator } from "../../src/node/benchPool.js";

const NODE = process.execPath;

describe("bmi external-estimator protocol (isomorphic parts)", () => {
  it("writes the sample as CSV with header X0..,Y0.. and shortest round-trip numbers", () => {
    const x = fromRows([
      [1, 0.1],
      [2.5, -3e-7],
    ]);
    const y = fromRows([[1 / 3], [-0]]);
    expect(sampleToCsv(x, y)).toBe("X0,X1,Y0\n1,0.1,0.3333333333333333\n2.5,-3e-7,0\n");
    expect(() => sampleToCsv(x, fromRows([[1]]))).toThrow(/same rows; got 2 and 1/);
  });

  it("parses exactly one number from the output, like bmi's float()", () => {
    expect(parseExternalOutput("0.4133\n")).toBe(0.4133);
    expect(parseExternalOutput("  -1.5e-3 ")).toBe(-0.0015);
    expect(parseExternalOutput(".5")).toBe(0.5);
    for (const bad of ["", "warning: x\n0.4", "0.4 0.5", "nan", "inf", "1,5"]) expect(() => parseExternalOutput(bad)).toThrow(ParseError);
  });

  it("splits command lines with quotes and escapes; parses name='cmd ...'", () => {
    expect(splitCommandLine(`python3 -c 'print(1 + 1)' "a \\"b\\"" c\\ d`)).toEqual(["python3", "-c", "print(1 + 1)", 'a "b"', "c d"]);
    expect(() => splitCommandLine("a 'b")).toThrow(/unterminated ' quote/);
    expect(() => splitCommandLine('a "b')).toThrow(/unterminated " quote/);
    expect(() => splitCommandLine("   ")).toThrow(/empty/);
    expect(parseExternalSpec("ksg-scipy=/usr/bin/python3 /work/shared/peers/ksg_reference.py")).toEqual({
      name: "ksg-scipy",
      command: ["/usr/bin/python3", "/work/shared/peers/ksg_reference.py"],
    });
    expect(() => parseExternalSpec("no equals")).toThrow(InvalidArgumentError);
    expect(() => parseExternalSpec("bad name=cmd")).toThrow(/name of letters/);
    expect(() => parseExternalSpec("x=")).toThrow(/empty/);
  });
});

describe("externalEstimator (Node): fake commands written in node", () => {
  // Prints rows + dx/10 + dy/100 read back from the file and arguments: checks the protocol end to end.
  const echo = `const fs=require('fs');const [f,dx,dy]=process.argv.slice(1);const l=fs.readFileSync(f,'utf8').trim().split('\\n');` +
    `if(l[0]!==[...Array(+dx)].map((_,i)=>'X'+i).concat([...Array(+dy)].map((_,i)=>'Y'+i)).join(','))throw new Error('bad header '+l[0]);` +
    `if(!require('path').isAbsolute(f))throw new Error('relative path');process.stdout.write(String(l.length-1+dx/10+dy/100)+'\\n')`;

  it("runs the command on the harness's samples and reads its number", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "minfo-ext-"));
    const ext = externalEstimator({ name: "echo", command: [NODE, "-e", echo] }, { tmpDir: tmp });
    const results = await runBenchmark({ tasks: ["multinormal-dense-2-2-0.5", "swissroll_x-normal_cdf-1v1-normal-0.75"], estimators: [ext], n: [50], seeds: [0] });
    expect(results.map((r) => r.estimate)).toEqual([50 + 0.2 + 0.02, 50 + 0.2 + 0.01]);
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]); // temporary CSVs removed
  });

  it("records a failing command (exit status, output tail) and unparseable output as failures; the run goes on", async () => {
    const fixed = externalEstimator({ name: "fixed", command: [NODE, "-e", "console.log(0.25)"] });
    const failing = externalEstimator({ name: "fails", command: [NODE, "-e", "console.error('no luck'); process.exit(3)"] });
    const chatty = externalEstimator({ name: "chatty", command: [NODE, "-e", "console.error('warning: slow'); console.log(1)"] });
    const missing = externalEstimator({ name: "missing", command: ["/nonexistent/estimator"] });
    const results = await runBenchmark({ tasks: ["1v1-normal-0.75"], estimators: [fixed, failing, chatty, missing], n: [20], seeds: [0, 1] });
    const by = (name: string) => results.filter((r) => r.estimator === name);
    expect(by("fixed").map((r) => r.estimate)).toEqual([0.25, 0.25]);
    for (const r of by("fails")) {
      expect(r.estimate).toBeNull();
      expect(r.error).toBe("external estimator fails: exit status 3: no luck");
    }
    for (const r of by("chatty")) expect(r.error).toMatch(/output must be exactly one number \(nats\); got "warning: slow\\n1"|got "1\\nwarning: slow"/);
    for (const r of by("missing")) expect(r.error).toMatch(/cannot run "\/nonexistent\/estimator"/);
  });

  it("kills a command that runs past the timeout", async () => {
    const slow = externalEstimator({ name: "slow", command: [NODE, "-e", "setTimeout(()=>console.log(1), 5000)"] }, { timeoutMs: 200 });
    const [r] = await runBenchmark({ tasks: ["1v1-normal-0.75"], estimators: [slow], n: [10], seeds: [0] });
    expect(r.error).toMatch(/killed by SIGTERM/);
  });

  it("validates its spec", () => {
    expect(() => externalEstimator({ name: "x", command: [] })).toThrow(/spec must be/);
  });
});
