import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { parseColumnSpec } from "../../src/io/parseColumnSpec.js";

function err(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidArgumentError) return e;
    throw e;
  }
  throw new Error("expected a throw");
}

const names = ["a", "b", "c", "d", "e"];

describe("parseColumnSpec", () => {
  it("names, indices and inclusive ranges, in the order given", () => {
    expect(parseColumnSpec("b", names, "--x")).toEqual([1]);
    expect(parseColumnSpec("0,3", names, "--x")).toEqual([0, 3]);
    expect(parseColumnSpec("0-4", names, "--x")).toEqual([0, 1, 2, 3, 4]);
    expect(parseColumnSpec(" e , 1-2 ,a", names, "--x")).toEqual([4, 1, 2, 0]);
    expect(parseColumnSpec("2-2", names, "--x")).toEqual([2]);
  });

  it("a header name wins over the index meaning of the same token", () => {
    const n = ["id", "2", "0-1", "z"];
    expect(parseColumnSpec("2", n, "--y")).toEqual([1]);
    expect(parseColumnSpec("0-1", n, "--y")).toEqual([2]);
    expect(parseColumnSpec("3", n, "--y")).toEqual([3]);
  });

  it("matches names with surrounding spaces in the header", () => {
    expect(parseColumnSpec("Horsepower", ["Name", " Horsepower "], "--x")).toEqual([1]);
  });

  it("unknown name: names the arg, the token and the available columns", () => {
    const e = err(() => parseColumnSpec("a,zz", names, "--x"));
    expect(e.code).toBe("invalid-argument");
    expect(e.argument).toBe("--x");
    expect(e.message).toBe('--x: unknown column "zz"; available columns: "a", "b", "c", "d", "e" (or 0-based indices 0-4).');
  });

  it("index and range out of bounds, reversed range, empty tokens, duplicates, ambiguous names", () => {
    expect(err(() => parseColumnSpec("5", names, "--x")).message).toBe(
      '--x: column index 5 is out of range; available columns: "a", "b", "c", "d", "e" (or 0-based indices 0-4).',
    );
    expect(err(() => parseColumnSpec("3-1", names, "--z")).message).toBe(
      '--z: column range "3-1" must be a-b with a <= b <= 4; available columns: "a", "b", "c", "d", "e" (or 0-based indices 0-4).',
    );
    expect(err(() => parseColumnSpec("2-9", names, "--z")).argument).toBe("--z");
    expect(err(() => parseColumnSpec("a,,b", names, "--x")).message).toMatch(/^--x: empty column in "a,,b"/);
    expect(err(() => parseColumnSpec("", names, "--x")).message).toBe('--x: expected a column name, a 0-based index or a range like 0-4; got "".');
    expect(err(() => parseColumnSpec("0-2,b", names, "--x")).message).toBe('--x: column 1 ("b") is selected twice (token "b").');
    expect(err(() => parseColumnSpec("q", ["q", "q"], "--x")).message).toBe(
      '--x: column name "q" is ambiguous (columns 0, 1 have it); select by 0-based index instead.',
    );
  });

  it("long name lists are shortened", () => {
    const many = Array.from({ length: 30 }, (_, i) => `c${i}`);
    expect(err(() => parseColumnSpec("nope", many, "--x")).message).toContain("... (10 more) (or 0-based indices 0-29)");
  });
});
