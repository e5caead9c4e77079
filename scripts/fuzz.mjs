#!/usr/bin/env node
// Long fuzzing run (about 1e5 fast-check cases): the gauntlet's fuzz properties for the file
// readers and every registered estimator, with every numRuns multiplied by FUZZ_SCALE (default
// 10; the unit-test suite runs them at scale 1, about 1e4 cases). Prints the vitest summary;
// exit code 0 means zero failures (no crash, no untyped error, no NaN, no mutated input).
// Usage: node scripts/fuzz.mjs [--scale 10] [--seed 20261130]
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const scale = opt("--scale", "10");
const seed = opt("--seed", "20261130");
const files = ["test/gauntlet/readers.test.ts", "test/gauntlet/fuzzEstimators.test.ts"];
const started = Date.now();
const r = spawnSync("npx", ["vitest", "run", ...files, "-t", "fuzzing", "--testTimeout=3600000", "--reporter=verbose"], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_SCALE: scale, FUZZ_SEED: seed },
});
console.log(`fuzz: scale ${scale}, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${r.status}`);
process.exit(r.status ?? 1);
