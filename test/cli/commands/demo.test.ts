import { describe, expect, it } from "vitest";
import { carsJsonPath, loadCars } from "../../../src/cli/commands/demo.js";
import { builtinEstimators } from "../../../src/estimators/registry.js";
import { runCli } from "../runCli.js";

describe("minfo demo", () => {
  it("loads cars.json from the vega-datasets package and drops rows with missing values, counting them", () => {
    const path = carsJsonPath();
    expect(path).toMatch(/vega-datasets[\\/]data[\\/]cars\.json$/);
    const cars = loadCars(path);
    // 406 cars; Miles_per_Gallon is null in 8 rows and Horsepower in 6 (disjoint): 392 remain.
    expect(cars.total).toBe(406);
    expect(cars.dropped).toBe(14);
    expect(cars.rows).toHaveLength(392);
    expect(cars.missingByColumn.get("Miles_per_Gallon")).toBe(8);
    expect(cars.missingByColumn.get("Horsepower")).toBe(6);
    expect(cars.names).toEqual(["Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"]);
    // Year "1970-01-01" became the number 1970.
    const years = new Set(cars.rows.map((r) => r[6]));
    expect(Math.min(...years)).toBe(1970);
    expect(Math.max(...years)).toBe(1982);
  });

  it("prints the MI matrices and the ranking against Miles_per_Gallon, in a few seconds", async () => {
    const t0 = performance.now();
    const r = await runCli(["demo"]);
    const ms = performance.now() - t0;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Dropped 14 of 406 rows with a missing value (Miles_per_Gallon missing in 8, Horsepower missing in 6)");
    expect(r.stdout).toContain("Pairwise mutual information, nats");
    expect(r.stdout).toMatch(/KSG-1 \(k = 3\)/);
    expect(r.stdout).toContain("Columns ranked by mutual information with Miles_per_Gallon");
    expect(r.stdout).toMatch(/^\s+1 {2}\S+/m);
    // Warnings appear once, compactly, as notes (not once per pair).
    expect(r.stdout.match(/\[ties-jittered\]/g)?.length ?? 0).toBeLessThanOrEqual(1);
    if (builtinEstimators.some((d) => d.id === "gaussian")) {
      expect(r.stdout).toMatch(/KSG-1 \(k = 3\).*\|.*Gaussian/);
      expect(r.stdout).toMatch(/rank\s+column\s+KSG-1\s+Gaussian\s+Gaussian rank/);
    }
    expect(ms).toBeLessThan(10_000);
  });
});
