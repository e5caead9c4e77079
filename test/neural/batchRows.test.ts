import { describe, expect, it } from "vitest";
import type { Tensor2D } from "@tensorflow/tfjs-core";
import { tf, useBackend } from "../../src/neural/engine.js";
import { batchRows, hostRows } from "../../src/neural/train.js";

describe("batchRows: mini-batch rows copied in JavaScript equal tf.gather's", () => {
  it.each(["cpu", "wasm"] as const)("on %s: same values and shape from the JavaScript copy and from tf.gather, repeated and out-of-order rows", async (backend) => {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    const t = tf.tensor2d(Float32Array.from({ length: 37 * 3 }, (_, i) => Math.sin(i) * 10), [37, 3]) as Tensor2D;
    const rows = hostRows(t);
    expect(rows).toBeDefined();
    const idx = Int32Array.from([36, 0, 5, 5, 17, 2]);
    const viaCopy = batchRows(t, rows, idx);
    const viaGather = batchRows(t, undefined, idx);
    const reference = tf.tidy(() => tf.gather(t, tf.tensor1d(idx, "int32")));
    expect(viaCopy.shape).toEqual([6, 3]);
    expect(Array.from(viaCopy.dataSync())).toEqual(Array.from(reference.dataSync()));
    expect(Array.from(viaGather.dataSync())).toEqual(Array.from(reference.dataSync()));
    tf.dispose([t, viaCopy, viaGather, reference]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
