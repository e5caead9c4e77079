import { describe, expect, it } from "vitest";
import { runCli, sampleRows, tmpDir, toCsv, writeFile } from "../cli/runCli.js";

describe("minfo estimate with neural estimators", () => {
  const dir = tmpDir();
  const file = writeFile(dir, "d.csv", toCsv(["a", "b", "c"], sampleRows(200)));

  it("--estimator smile trains on the cpu backend and prints JSON; options become flags", async () => {
    const r = await runCli([
      "estimate",
      file,
      "--x",
      "a",
      "--y",
      "b",
      "--estimator",
      "smile",
      "--backend",
      "cpu",
      "--steps",
      "8",
      "--eval-every",
      "4",
      "--hidden",
      "8",
      "--embedding",
      "4",
      "--batch-size",
      "32",
      "--tau",
      "3",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as { estimator: string; value: number; params: Record<string, unknown> };
    expect(e.estimator).toBe("smile");
    expect(Number.isFinite(e.value)).toBe(true);
    expect(e.params).toMatchObject({ steps: 8, hidden: [8], tau: 3, backend: "cpu", batchSize: 32 });
  });

  it("shows a training progress bar on stderr with --progress", async () => {
    const r = await runCli(["estimate", file, "--x", "a", "--y", "b", "--estimator", "nwj", "--backend", "cpu", "--steps", "5", "--hidden", "4", "--progress"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nwj training/);
  });

  it("rejects an option the neural estimator does not have, and a bad choice, as usage errors (exit 2)", async () => {
    const r1 = await runCli(["estimate", file, "--x", "a", "--y", "b", "--estimator", "nwj", "--tau", "3"]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/estimator "nwj" has no option --tau/);
    const r2 = await runCli(["estimate", file, "--x", "a", "--y", "b", "--estimator", "smile", "--critic", "deep"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--critic must be one of separable, joint, bilinear/);
  });

  it("minfo estimators lists the neural estimators", async () => {
    const r = await runCli(["estimators", "--json"]);
    const ids = (JSON.parse(r.stdout) as { id: string; family: string }[]).filter((d) => d.family === "neural").map((d) => d.id);
    expect(ids).toEqual(["mine", "nwj", "infonce", "js", "smile", "wpc", "club"]);
  });
});

describe("neural estimators in minfo bmi and minfo matrix", () => {
  const dir = tmpDir();
  const file = writeFile(dir, "d.csv", toCsv(["X0", "Y0", "Y1"], sampleRows(200)));
  const tiny = ["--backend", "cpu", "--steps", "6", "--eval-every", "3", "--hidden", "8", "--embedding", "4", "--batch-size", "32"];

  it("bmi prints exactly one number for --estimator infonce", async () => {
    const r = await runCli(["bmi", file, "1", "2", "--estimator", "infonce", ...tiny]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/);
  });

  it("matrix accepts a neural estimator id", async () => {
    const r = await runCli(["matrix", file, "--estimator", "nwj", "--json", ...tiny]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.estimator).toBe("nwj");
  });
});
