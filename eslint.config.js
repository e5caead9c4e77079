// Lint: TypeScript rules, plus the architecture's import direction and the bans on hidden
// randomness (Math.random) and printing (console) in library code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noNodeOrUp = (forbiddenFolders) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["node:*", "fs", "path", "os", "worker_threads", "child_process"], message: "The isomorphic core may not import Node built-ins." },
        ...forbiddenFolders.map((f) => ({ group: [`**/${f}/*`, `../${f}`, `../../${f}`], message: `Import direction: this layer may not import from ${f}/.` })),
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**"],
    rules: {
      "no-console": "error",
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Use a seeded Rng (core/random/rng.ts)." }],
    },
  },
  { files: ["src/core/**/*.ts"], rules: noNodeOrUp(["estimators", "measures", "bench", "analysis", "neural", "io", "node", "cli", "browser"]) },
  { files: ["src/estimators/**/*.ts"], rules: noNodeOrUp(["measures", "bench", "analysis", "neural", "io", "node", "cli", "browser"]) },
  { files: ["src/measures/**/*.ts"], rules: noNodeOrUp(["bench", "analysis", "neural", "io", "node", "cli", "browser"]) },
  { files: ["src/io/**/*.ts"], rules: noNodeOrUp(["estimators", "measures", "bench", "analysis", "neural", "node", "cli", "browser"]) },
  // Browser-only code (Web Workers): core, estimators and measures only, no Node built-ins, and
  // no io or neural (they import npm packages by bare name), so dist/browser runs in a browser
  // without a bundler.
  { files: ["src/browser/**/*.ts"], rules: noNodeOrUp(["bench", "analysis", "neural", "io", "node", "cli"]) },
  {
    files: ["scripts/**/*.{js,mjs,ts}", "bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", performance: "readonly", atob: "readonly", WebAssembly: "readonly" } },
  },
);
