/**
 * Fairness in federated learning through partial information decomposition (Hamman & Dutta
 * 2024, ICLR, arXiv:2307.11333).
 *
 * Z = sensitive attribute (0/1), Yhat = the model's decision (0/1), S = client (site).
 * Global disparity I(Z; Yhat) and local disparity I(Z; Yhat | S) decompose, with target Z and
 * sources Yhat and S, as
 *   I(Z; Yhat)     = Unique(Z: Yhat | S) + Redundant(Z: Yhat, S)
 *   I(Z; Yhat | S) = Unique(Z: Yhat | S) + Masked(Z: Yhat, S)     (masked = synergy).
 * Three seeded scenarios (data generated here):
 *   1. "locally fair, globally unfair": every client treats both groups alike, but clients differ
 *      in their share of Z = 1 and in their acceptance rate -> global disparity that is all
 *      redundant (it is explained by the client), local disparity 0.
 *   2. "locally unfair, globally fair": client 0 favours Z = 1 and client 1 favours Z = 0 by the
 *      same amount, so the disparities cancel globally -> global disparity 0, local disparity
 *      all masked (synergy).
 *   3. "unfair everywhere": every client favours Z = 1 the same way -> unique disparity.
 *
 * Run:  npx tsc --outDir /tmp/minfo-ex --rootDir . --module nodenext --moduleResolution nodenext \
 *         --target es2022 --skipLibCheck --types node examples/fairness-pid.ts \
 *       && node /tmp/minfo-ex/examples/fairness-pid.js
 */
import { pathToFileURL } from "node:url";
import { createRng } from "../src/core/random/rng.js";
import { pid, pidFromDistribution, type PidResult } from "../src/measures/pid/pid.js";
import { pidDistributionFromOutcomes } from "../src/measures/pid/pidDistribution.js";

/** A scenario: clients with a share of Z = 1 and an acceptance rate per group. */
export interface Scenario {
  readonly name: string;
  /** Probability of each client. */
  readonly clientWeight: readonly number[];
  /** P(Z = 1 | S = s). */
  readonly pZ1: readonly number[];
  /** P(Yhat = 1 | S = s, Z = z) as [z = 0, z = 1] per client. */
  readonly acceptance: readonly (readonly [number, number])[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "1. locally fair, globally unfair",
    clientWeight: [1 / 3, 1 / 3, 1 / 3],
    pZ1: [0.2, 0.5, 0.8],
    acceptance: [
      [0.2, 0.2],
      [0.5, 0.5],
      [0.8, 0.8],
    ],
  },
  {
    name: "2. locally unfair, globally fair",
    clientWeight: [0.5, 0.5],
    pZ1: [0.5, 0.5],
    acceptance: [
      [0.3, 0.7],
      [0.7, 0.3],
    ],
  },
  {
    name: "3. unfair everywhere",
    clientWeight: [0.5, 0.5],
    pZ1: [0.5, 0.5],
    acceptance: [
      [0.3, 0.7],
      [0.3, 0.7],
    ],
  },
];

/** Draws n rows (client, z, yhat) of a scenario from createRng(seed). */
export function sampleScenario(s: Scenario, n: number, seed: number): { client: number[]; z: number[]; yhat: number[] } {
  const rng = createRng(seed);
  const client: number[] = [];
  const z: number[] = [];
  const yhat: number[] = [];
  for (let i = 0; i < n; i++) {
    let u = rng.float64();
    let c = 0;
    while (c < s.clientWeight.length - 1 && u >= s.clientWeight[c]) u -= s.clientWeight[c++];
    const zi = rng.float64() < s.pZ1[c] ? 1 : 0;
    const yi = rng.float64() < s.acceptance[c][zi] ? 1 : 0;
    client.push(c);
    z.push(zi);
    yhat.push(yi);
  }
  return { client, z, yhat };
}

/** The exact PID (target Z; sources Yhat, S) of a scenario's generating distribution. */
export function exactPid(s: Scenario): PidResult {
  const outcomes: [number, number, number, number][] = [];
  s.clientWeight.forEach((w, c) => {
    for (const zi of [0, 1]) {
      const pz = zi === 1 ? s.pZ1[c] : 1 - s.pZ1[c];
      for (const yi of [0, 1]) {
        const py = yi === 1 ? s.acceptance[c][zi] : 1 - s.acceptance[c][zi];
        // Sources: s1 = Yhat, s2 = client; target: Z.
        outcomes.push([yi, c, zi, w * pz * py]);
      }
    }
  });
  return pidFromDistribution(pidDistributionFromOutcomes(outcomes), { measure: "broja" }, { units: "bits" });
}

export interface FairnessRow {
  readonly scenario: string;
  readonly estimated: PidResult;
  readonly exact: PidResult;
}

/** BROJA PID of every scenario, estimated from n seeded rows and exact. */
export function runFairnessExample(n = 20000, seed = 2024): FairnessRow[] {
  return SCENARIOS.map((s, k) => {
    const d = sampleScenario(s, n, seed + k);
    return { scenario: s.name, estimated: pid(d.yhat, d.client, d.z, { measure: "broja" }, { units: "bits" }), exact: exactPid(s) };
  });
}

function fmt(v: number): string {
  return (Math.abs(v) < 5e-5 ? 0 : v).toFixed(4).padStart(8);
}

function main(): void {
  const n = 20000;
  const rows = runFairnessExample(n);
  const lines: string[] = [];
  lines.push(`PID with target Z (sensitive attribute), sources Yhat (decision) and S (client); bits; N = ${n} per scenario, seed 2024.`);
  lines.push(`Global disparity I(Z;Yhat) = Unique + Redundant; local disparity I(Z;Yhat|S) = Unique + Masked.`);
  lines.push("");
  lines.push(`${"scenario".padEnd(34)}${"".padEnd(10)}${"I(Z;Yhat)".padStart(10)}${"I(Z;Yhat|S)".padStart(12)}${"Unique".padStart(9)}${"Redund.".padStart(9)}${"Masked".padStart(9)}`);
  for (const r of rows) {
    for (const [label, x] of [
      ["estimate", r.estimated],
      ["exact", r.exact],
    ] as const) {
      const global = x.mutualInformation.source1;
      const local = x.unique1 + x.synergy;
      lines.push(
        `${(label === "estimate" ? r.scenario : "").padEnd(34)}${label.padEnd(10)}${fmt(global).padStart(10)}${fmt(local).padStart(12)}${fmt(x.unique1).padStart(9)}${fmt(x.redundancy).padStart(9)}${fmt(x.synergy).padStart(9)}`,
      );
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
