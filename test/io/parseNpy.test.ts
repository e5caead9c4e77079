import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MinfoError, ParseError } from "../../src/core/errors.js";
import { parseNpy } from "../../src/io/parseNpy.js";
import type { NumericColumn } from "../../src/io/table.js";
import { npyBytes } from "./npyBytes.js";

function thrown(fn: () => unknown): MinfoError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MinfoError) return e;
    throw e;
  }
  throw new Error("expected a throw");
}
const cols = (t: { columns: readonly unknown[] }) => t.columns.map((c) => Array.from((c as NumericColumn).values));
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url)));

describe("parseNpy: hand-written files", () => {
  it("1-D float64 is one column named 0", () => {
    const t = parseNpy(npyBytes("<f8", [3], [1.5, -2, 1e-300]));
    expect(t.names).toEqual(["0"]);
    expect(t.format).toBe("npy");
    expect(cols(t)).toEqual([[1.5, -2, 1e-300]]);
  });

  it("2-D C order and Fortran order give the same table", () => {
    // logical [[1, 2, 3], [4, 5, 6]]
    const c = parseNpy(npyBytes("<f8", [2, 3], [1, 2, 3, 4, 5, 6]));
    const f = parseNpy(npyBytes("<f8", [2, 3], [1, 4, 2, 5, 3, 6], { fortran: true }));
    expect(c.rows).toBe(2);
    expect(c.names).toEqual(["0", "1", "2"]);
    expect(cols(c)).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(cols(f)).toEqual(cols(c));
  });

  it("every supported dtype, little- and big-endian, versions 1-3", () => {
    const cases: [string, (number | bigint)[], number[]][] = [
      ["<f4", [0.5, -2.25], [0.5, -2.25]],
      [">f4", [0.5, -2.25], [0.5, -2.25]],
      [">f8", [1e300, -5e-324], [1e300, -5e-324]],
      ["<f2", [0x3c00, 0xc000, 0x0001, 0x7bff], [1, -2, 2 ** -24, 65504]],
      ["|i1", [-128, 127], [-128, 127]],
      ["|u1", [0, 255], [0, 255]],
      ["|b1", [0, 1], [0, 1]],
      ["<i2", [-32768, 7], [-32768, 7]],
      ["<u2", [65535, 7], [65535, 7]],
      [">u2", [65535, 7], [65535, 7]],
      ["<i4", [-2147483648, 5], [-2147483648, 5]],
      [">i4", [-2147483648, 5], [-2147483648, 5]],
      ["<u4", [4294967295, 5], [4294967295, 5]],
      ["<i8", [-(2n ** 53n), 9007199254740993n], [-(2 ** 53), 9007199254740992]],
      [">i8", [-3n, 4n], [-3, 4]],
      ["<u8", [2n ** 64n - 1n, 1n], [2 ** 64, 1]],
    ];
    for (const [descr, stored, expected] of cases) {
      for (const version of [1, 2, 3] as const) {
        const t = parseNpy(npyBytes(descr, [stored.length], stored, { version }));
        expect(cols(t), `${descr} v${version}`).toEqual([expected]);
      }
    }
  });

  it("NaN is missing, Infinity is kept", () => {
    const t = parseNpy(npyBytes("<f8", [3], [NaN, Infinity, 1]));
    const c = t.columns[0] as NumericColumn;
    expect(Array.from(c.missing!)).toEqual([1, 0, 0]);
    expect(c.missingCount).toBe(1);
    expect(c.values[1]).toBe(Infinity);
  });

  it("errors: magic, version, dtype, shape, truncation", () => {
    const ok = npyBytes("<f8", [2], [1, 2]);
    const e1 = thrown(() => parseNpy(new TextEncoder().encode("a,b\n1,2\n"), { source: "x.npy" })) as ParseError;
    expect([e1.code, e1.file, e1.message]).toEqual(["parse-error", "x.npy", "x.npy: not a NumPy .npy file (missing the \\x93NUMPY magic string)."]);
    const v9 = ok.slice();
    v9[6] = 9;
    expect(thrown(() => parseNpy(v9)).message).toBe("unsupported .npy format version 9.0; expected 1.0, 2.0 or 3.0.");
    expect(thrown(() => parseNpy(npyBytes("<f8", [2], [1, 2]).subarray(0, ok.length - 1), { source: "t.npy" })).message).toBe(
      "t.npy: truncated data: the header promises 16 bytes for shape (2) of '<f8'; got 15.",
    );
    expect(thrown(() => parseNpy(npyBytes("<f8", [1, 1, 1], [1]))).message).toBe("expected a 1-D or 2-D array; got shape (1, 1, 1).");
    expect(thrown(() => parseNpy(npyBytes("<f8", [0], []))).message).toBe("the array is empty (shape (0)).");
    const complex = new TextEncoder().encode("\x93NUMPY");
    expect(thrown(() => parseNpy(complex)).code).toBe("parse-error");
    const c16 = npyBytes("<f8", [1], [0]);
    const s = new TextDecoder("latin1").decode(c16).replace("<f8", "<c8");
    const bytesC = Uint8Array.from(s, (ch) => ch.charCodeAt(0));
    expect(thrown(() => parseNpy(bytesC)).message).toBe("unsupported dtype '<c8'; expected a numeric dtype such as '<f8', '<f4', '<i8', '|u1' or '|b1'.");
    expect(thrown(() => parseNpy("x" as unknown as Uint8Array)).code).toBe("invalid-argument");
  });
});

describe("parseNpy: files written by numpy (test/fixtures/io, scripts/fixtures/ioFixtures.py)", () => {
  const expected = JSON.parse(readFileSync(new URL("../fixtures/io/npy-expected.json", import.meta.url), "utf8")) as Record<
    string,
    { shape: number[]; columns: (number | null)[][] }
  >;
  for (const [name, want] of Object.entries(expected)) {
    it(name, () => {
      const t = parseNpy(fixture(name), { source: name });
      expect(t.rows).toBe(want.shape[0]);
      expect(t.columns.length).toBe(want.shape.length === 2 ? want.shape[1] : 1);
      const got = t.columns.map((c) => Array.from((c as NumericColumn).values, (v, i) => (c.missing?.[i] ? null : v)));
      expect(got).toEqual(want.columns);
    });
  }
});
