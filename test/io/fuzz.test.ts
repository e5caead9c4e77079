import { readFileSync } from "node:fs";
import { Float64, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import fc from "fast-check";
import { describe, it } from "vitest";
import { MinfoError } from "../../src/core/errors.js";
import { parseArrowIpc } from "../../src/io/parseArrowIpc.js";
import { parseJson } from "../../src/io/parseJson.js";
import { parseNpy } from "../../src/io/parseNpy.js";
import { parseParquet } from "../../src/io/parseParquet.js";
import { npyBytes } from "./npyBytes.js";

/** Random bytes, or a valid file truncated at a random point. */
function truncated(valid: Uint8Array) {
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.nat({ max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
  );
}

/** Random bytes, or a valid file with a few bytes overwritten / truncated. */
function corrupted(valid: Uint8Array) {
  const edit = fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }));
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.tuple(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat({ max: valid.length })).map(([edits, cut]) => {
      const b = valid.slice(0, Math.max(cut, 1));
      for (const [i, v] of edits) if (i < b.length) b[i] = v;
      return b;
    }),
  );
}

function onlyMinfoErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof MinfoError)) throw e;
  }
}

describe("binary parsers on corrupted input throw only MinfoError", () => {
  it("parseNpy", () => {
    const valid = npyBytes("<f8", [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    fc.assert(fc.property(corrupted(valid), (b) => onlyMinfoErrors(() => parseNpy(b))), { numRuns: 400 });
  });

  it("parseArrowIpc (random bytes and truncation only)", () => {
    // Overwriting bytes inside the flatbuffer metadata can make apache-arrow's tableFromIPC
    // allocate without bound (found by this test with byte edits: an out-of-memory crash), so
    // only random bytes and truncated files are fuzzed here; see docs/input-formats.md.
    const valid = tableToIPC(new ArrowTable({ x: vectorFromArray([1, null, 3], new Float64()), s: vectorFromArray(["a", "b", null], new Utf8()) }));
    fc.assert(fc.property(truncated(valid), (b) => onlyMinfoErrors(() => parseArrowIpc(b))), { numRuns: 300 });
  });

  it("parseJson", () => {
    const valid = new TextEncoder().encode('[{"a": 1, "b": "x"}, {"a": null, "b": [1]}, {"c": true}]');
    fc.assert(fc.property(corrupted(valid), (b) => onlyMinfoErrors(() => parseJson(b))), { numRuns: 400 });
  });

  it("parseParquet", async () => {
    const valid = new Uint8Array(readFileSync(new URL("../fixtures/io/mixed-snappy.parquet", import.meta.url)));
    await fc.assert(
      fc.asyncProperty(corrupted(valid), async (b) => {
        try {
          await parseParquet(b);
        } catch (e) {
          if (!(e instanceof MinfoError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
