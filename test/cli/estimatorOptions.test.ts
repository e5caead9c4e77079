import { describe, expect, it } from "vitest";
import type { EstimatorDescriptor, OptionSpec } from "../../src/estimators/descriptor.js";
import { estimatorOptionValues, flagName, parseOptionValue, resolvedOption } from "../../src/cli/estimatorOptions.js";
import { UsageError } from "../../src/cli/usageError.js";

const spec = (s: Partial<OptionSpec> & Pick<OptionSpec, "name" | "type">): OptionSpec => ({ description: "", ...s });

const a: EstimatorDescriptor = {
  id: "a",
  summary: "",
  family: "knn",
  accepts: ["continuous"],
  options: [spec({ name: "k", type: "integer", default: 3, min: 1 }), spec({ name: "noiseScale", type: "number" })],
  references: [],
  complexity: "",
};
const b: EstimatorDescriptor = { ...a, id: "b", options: [spec({ name: "mode", type: "string", choices: ["x", "y"] })] };

describe("estimator options on the command line", () => {
  it("flag names are kebab-case", () => {
    expect(flagName("k")).toBe("k");
    expect(flagName("noiseScale")).toBe("noise-scale");
    expect(flagName("alphabetSize")).toBe("alphabet-size");
  });

  it("converts values by OptionSpec type", () => {
    expect(parseOptionValue(spec({ name: "k", type: "integer" }), "7")).toBe(7);
    expect(parseOptionValue(spec({ name: "x", type: "number" }), "1e-8")).toBe(1e-8);
    expect(parseOptionValue(spec({ name: "f", type: "boolean" }), true)).toBe(true);
    expect(parseOptionValue(spec({ name: "f", type: "boolean" }), "false")).toBe(false);
    expect(parseOptionValue(spec({ name: "k", type: "integer-list" }), "5, 10")).toEqual([5, 10]);
    expect(parseOptionValue(spec({ name: "k", type: "integer-list" }), "5")).toBe(5);
    expect(parseOptionValue(spec({ name: "m", type: "string", choices: ["max"] }), "max")).toBe("max");
    // a boolean option's choices are extra words it accepts (normalScores: true, false or auto)
    expect(parseOptionValue(spec({ name: "normalScores", type: "boolean", choices: ["auto"] }), "auto")).toBe("auto");
    expect(parseOptionValue(spec({ name: "normalScores", type: "boolean", choices: ["auto"] }), "off")).toBe(false);
  });

  it("rejects values of the wrong type or out of range with a UsageError naming the flag", () => {
    const bad: [OptionSpec, string, RegExp][] = [
      [spec({ name: "k", type: "integer" }), "2.5", /--k must be an integer; got "2\.5"/],
      [spec({ name: "k", type: "integer", min: 1 }), "0", /--k must be >= 1; got 0/],
      [spec({ name: "j", type: "number", min: 0, max: 1 }), "2", /--j must be in \[0, 1\]; got 2/],
      [spec({ name: "j", type: "number" }), "Infinity", /--j must be a finite number/],
      [spec({ name: "j", type: "number" }), "", /--j must be a finite number/],
      [spec({ name: "f", type: "boolean" }), "maybe", /--f must be true or false/],
      [spec({ name: "normalScores", type: "boolean", choices: ["auto"] }), "always", /--normal-scores must be true or false or auto; got "always"/],
      [spec({ name: "k", type: "integer-list" }), "5,,10", /comma-separated list of integers/],
      [spec({ name: "m", type: "string", choices: ["max", "euclidean"] }), "l1", /--m must be one of max, euclidean; got "l1"/],
    ];
    for (const [s, raw, msg] of bad) {
      expect(() => parseOptionValue(s, raw)).toThrow(UsageError);
      expect(() => parseOptionValue(s, raw)).toThrow(msg);
    }
  });

  it("keeps the chosen estimator's options and rejects another estimator's, naming the known ones", () => {
    const reserved = new Set<string>();
    expect(estimatorOptionValues({ k: "4", noiseScale: "0.5" }, a, [a, b], reserved)).toEqual({ k: 4, noiseScale: 0.5 });
    expect(estimatorOptionValues({}, a, [a, b], reserved)).toEqual({});
    expect(() => estimatorOptionValues({ mode: "x" }, a, [a, b], reserved)).toThrow('estimator "a" has no option --mode; its options: --k, --noise-scale.');
    expect(() => estimatorOptionValues({ k: "3" }, b, [a, b], reserved)).toThrow('estimator "b" has no option --k; its options: --mode.');
  });

  it("resolvedOption falls back to the OptionSpec default", () => {
    expect(resolvedOption(a, {}, "k")).toBe(3);
    expect(resolvedOption(a, { k: 8 }, "k")).toBe(8);
    expect(resolvedOption(a, {}, "missing")).toBeUndefined();
  });
});
