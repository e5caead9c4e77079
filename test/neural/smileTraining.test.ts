import type { Scalar, Tensor2D } from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { jsObjective } from "../../src/neural/bounds/js.js";
import { smileBound, smileObjective } from "../../src/neural/bounds/smile.js";
import { createCritic } from "../../src/neural/critics/critic.js";
import { tf, useBackend } from "../../src/neural/engine.js";
import { trainAndEvaluate, type TrainingProblem, type TrainResult } from "../../src/neural/train.js";

/**
 * neuralMI("smile") trains on the loss -jsObjective with smileBound beside it (cheaper: backprop
 * skips the value). That must be the same training as on -smileObjective (value SMILE, gradient
 * JS): the same weights after every step, so the same held-out curve, bit for bit.
 */
describe("SMILE training: loss -jsObjective + value smileBound = loss -smileObjective", () => {
  beforeAll(async () => {
    await useBackend("cpu");
  });

  async function train(split: boolean): Promise<TrainResult> {
    const rng = createRng(11);
    const n = 200;
    const x = new Float32Array(n * 2);
    const y = new Float32Array(n * 2);
    for (let i = 0; i < n * 2; i++) {
      x[i] = rng.normal();
      y[i] = 0.8 * x[i] + 0.6 * rng.normal();
    }
    const data = {
      xTrain: tf.tensor2d(x.subarray(0, n), [n / 2, 2]),
      yTrain: tf.tensor2d(y.subarray(0, n), [n / 2, 2]),
      xTest: tf.tensor2d(x.subarray(n), [n / 2, 2]),
      yTest: tf.tensor2d(y.subarray(n), [n / 2, 2]),
    };
    const critic = createCritic({ kind: "separable", hidden: [16], embedding: 8, activation: "softplus" }, 2, 2, createRng(5));
    const problem: TrainingProblem = {
      variables: critic.variables,
      step(xb: Tensor2D, yb: Tensor2D) {
        const s = critic.scores(xb, yb, "all");
        if (split) return { loss: tf.neg(jsObjective(s)) as Scalar, value: smileBound(s, 5) };
        const v = smileObjective(s, 5);
        return { loss: tf.neg(v) as Scalar, value: v };
      },
      evaluate(xb: Tensor2D, yb: Tensor2D) {
        const v = smileBound(critic.scores(xb, yb, "all"), 5);
        return { value: v, criterion: v };
      },
    };
    const settings = { steps: 40, batchSize: 32, lr: 1e-2, lrSchedule: "cosine" as const, clipNorm: 10, evalEvery: 10, patience: 0, evalBatchSize: 50, readout: "last" as const };
    try {
      return await trainAndEvaluate(problem, data, settings, { fn: "smile", rng: createRng(3) });
    } finally {
      critic.dispose();
      for (const t of Object.values(data)) t.dispose();
    }
  }

  it("gives the identical held-out curve (the same weights at every evaluation)", async () => {
    const before = tf.memory().numTensors;
    const a = await train(false);
    const b = await train(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(b.curve.test).toEqual(a.curve.test);
    // the batch values agree to float32 rounding: JS + (SMILE - JS) is SMILE only up to rounding
    expect(b.curve.train.length).toBe(a.curve.train.length);
    for (let i = 0; i < a.curve.train.length; i++) expect(Math.abs(b.curve.train[i] - a.curve.train[i])).toBeLessThan(1e-6);
    // the run learned something: the held-out value moved off its start
    expect(a.curve.test[a.curve.test.length - 1]).not.toBe(a.curve.test[0]);
  });
});
