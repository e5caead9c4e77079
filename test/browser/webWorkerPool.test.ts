/**
 * The Web Worker replicate pool (src/browser) in a real browser: Debian's Chromium driven by
 * playwright-core, loading the compiled dist/ tree (no bundler) from a local node:http server.
 * Each case runs an uncertainty wrapper in the page on `createWebWorkerPool({ workers: 2 })` and
 * on the sequential runner in the same page: estimate, interval, standard error, p-value, every
 * replicate value and the progress events must be bit-identical (results do not depend on
 * workers or scheduling). Against the sequential result computed here in Node for the same seed,
 * the replicates' rows and seeds are identical and the numbers agree to 1e-12 (not bit for bit:
 * Chromium's V8 rounds Math.log/Math.exp differently from Node 20's, see expectSameAcrossEngines).
 *
 * Needs /usr/bin/chromium (or MINFO_CHROMIUM) and dist/ (`npm test` builds it first). Without
 * them the suite FAILS with the command that fixes it; it is never skipped silently.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackendUnavailableError, InvalidArgumentError } from "../../src/core/errors.js";
import { bootstrap } from "../../src/core/inference/bootstrap.js";
import { estimateWithUncertainty } from "../../src/core/inference/estimateWithUncertainty.js";
import { permutationTest } from "../../src/core/inference/permutationTest.js";
import { replicateRng, replicateRows } from "../../src/core/inference/resample.js";
import { subsample } from "../../src/core/inference/subsample.js";
import type { Estimate, Matrix, MIEstimator } from "../../src/core/types.js";
import { createWebWorkerPool } from "../../src/browser/webWorkerPool.js";
import { findEstimator } from "../../src/estimators/registry.js";
import { gaussianPair } from "../core/inference/helpers.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = join(ROOT, "dist");
const PAGE = join(ROOT, "test/browser/webWorkerPool.html");
const CHROMIUM = process.env.MINFO_CHROMIUM ?? "/usr/bin/chromium";

const MIME: Record<string, string> = { ".js": "text/javascript", ".html": "text/html", ".map": "application/json", ".json": "application/json" };

/**
 * Serves the test page at /page.html and dist/ at /dist/...; under /iso/ the same files come with
 * the COOP/COEP headers that make the page cross-origin isolated (SharedArrayBuffer allowed).
 */
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const isolated = path.startsWith("/iso/");
    if (isolated) path = path.slice(4);
    let file: string | undefined;
    if (path === "/page.html") file = PAGE;
    else if (path.startsWith("/dist/")) {
      const f = normalize(join(ROOT, path));
      if (f.startsWith(DIST + "/") && existsSync(f) && statSync(f).isFile()) file = f;
    }
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const headers: Record<string, string> = { "content-type": MIME[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (isolated) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
    }
    res.writeHead(200, headers).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/** What the page returns (see webWorkerPool.html). */
interface PageResult {
  ok: boolean;
  estimate?: Plain;
  error?: { class: string; name: string; code?: string; message: string; isMinfoError: boolean; isAbortError: boolean; required?: number; actual?: number };
  progress: { done: number; total: number; label?: string }[];
  progressAfterReject?: number;
  terminated: number;
  workers: number;
  sharedMemory: boolean;
  crossOriginIsolated: boolean;
  ms: number;
}
interface Plain {
  value: number;
  uncertainty: unknown;
  details: unknown;
  warnings: string[];
  bits: string;
}

/** The same projection as the page's `plain`, on a Node result. */
function plain(e: Estimate, method: string): Plain {
  const u = e.uncertainty as { se?: number; ci?: { lower: number; upper: number }; pValue?: number } | undefined;
  const values = ((e.diagnostics.details[method] as { values?: number[] } | undefined)?.values ?? []) as number[];
  const all = Float64Array.from([e.value, u?.se ?? 0, u?.ci?.lower ?? 0, u?.ci?.upper ?? 0, u?.pValue ?? 0, ...values]);
  const bits = Array.from(new Uint8Array(all.buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  return JSON.parse(JSON.stringify({ value: e.value, uncertainty: e.uncertainty, details: e.diagnostics.details, warnings: e.diagnostics.warnings.map((w) => w.code), bits })) as Plain;
}

/**
 * Chromium and Node give the same numbers up to the last bits of Math.log/Math.exp: V8 in
 * Chromium 156 rounds them correctly, Node 20's V8 (fdlibm) is off by one ulp for about 1 input
 * in 10, so a digamma or log sum can differ in its last bit. Everything else (keys, strings,
 * counts, the replicates' rows and seeds) must be equal; numbers within 1e-12 relative.
 */
function expectSameAcrossEngines(web: unknown, node: unknown, path = "estimate"): void {
  if (typeof node === "number" && typeof web === "number") {
    expect(Math.abs(web - node), `${path}: ${web} vs ${node}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(node)));
  } else if (path.endsWith(".bits")) {
    return; // exact bits only within one engine
  } else if (node !== null && typeof node === "object") {
    expect(web !== null && typeof web === "object", path).toBe(true);
    expect(Object.keys(web as object).sort(), path).toEqual(Object.keys(node).sort());
    for (const [k, v] of Object.entries(node)) expectSameAcrossEngines((web as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(web, path).toEqual(node);
  }
}

const wire = (m: Matrix) => ({ data: Array.from(m.data), rows: m.rows, cols: m.cols });
const build = (id: string, options: Record<string, unknown>): MIEstimator => findEstimator(id).mi!(options);

let server: Server | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let isoPage: Page | undefined;
let base = "";
const pageErrors: string[] = [];

async function open(url: string): Promise<Page> {
  const p = await browser!.newPage();
  p.on("pageerror", (e) => pageErrors.push(`${url}: ${e.message}`));
  p.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(`${url}: console: ${m.text()}`);
  });
  await p.goto(url);
  await p.waitForFunction("window.minfoReady === true", undefined, { timeout: 10_000 }).catch((e: unknown) => {
    throw new Error(`the test page did not load the minfo modules from dist/ (${String(e)}); page errors: ${pageErrors.join(" | ") || "none"}`);
  });
  return p;
}

async function runInPage(p: Page, spec: Record<string, unknown>): Promise<PageResult> {
  const json = (await p.evaluate(`window.minfoTest.run(${JSON.stringify(spec)})`)) as string;
  return JSON.parse(json) as PageResult;
}

describe("createWebWorkerPool in Chromium (Web Workers, dist/ without a bundler)", () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `test/browser: no Chromium at ${CHROMIUM}. Install Debian's chromium with \`bash scripts/install-chromium.sh\` ` +
          "(runs apt-get install chromium; needs root), or point MINFO_CHROMIUM at a Chromium binary.",
      );
    }
    if (!existsSync(join(DIST, "browser/replicateWebWorker.js")) || !existsSync(join(DIST, "index.js"))) {
      throw new Error("test/browser: dist/ is missing or stale; run `npm run build` first (`npm test` does).");
    }
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    page = await open(`${base}/page.html`);
    isoPage = await open(`${base}/iso/page.html`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  });

  const [x, y] = gaussianPair(400, 0.5, 3);
  const ksgSpec = { id: "ksg-1", options: { k: 4 } };

  const subsampleOptions = { replicates: 16, seed: 7, keepReplicates: true };
  let pageSequentialBits = "";

  it("KSG subsample interval on 2 workers: bit-identical to the sequential runner in the page, one progress event per replicate", async () => {
    const spec = { method: "subsample", estimator: ksgSpec, x: wire(x), y: wire(y), options: subsampleOptions };
    const r = await runInPage(page!, { ...spec, pool: { workers: 2 } });
    const s = await runInPage(page!, { ...spec, sequential: true });
    expect(r.error).toBeUndefined();
    expect(s.error).toBeUndefined();
    expect(r.estimate).toEqual(s.estimate);
    expect(r.estimate!.bits).toBe(s.estimate!.bits);
    pageSequentialBits = s.estimate!.bits;
    expect(r.progress).toEqual(Array.from({ length: 17 }, (_, done) => ({ done, total: 16, label: "subsample" })));
    expect(r.progress).toEqual(s.progress);
    expect(r.workers).toBe(2);
    expect(r.sharedMemory).toBe(false);
    expect(r.terminated).toBe(2); // both workers stopped at the end of the run
    expectSameAcrossEngines(r.estimate!, plain(await subsample(build("ksg-1", { k: 4 }), x, y, subsampleOptions), "subsample"));
  });

  it("the same bits on a cross-origin isolated page (x and y in one SharedArrayBuffer) and with chunks of 5", async () => {
    const r = await runInPage(isoPage!, { method: "subsample", estimator: ksgSpec, x: wire(x), y: wire(y), options: subsampleOptions, pool: { workers: 2, chunkSize: 5 } });
    expect(r.error).toBeUndefined();
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.sharedMemory).toBe(true);
    expect(pageSequentialBits).not.toBe("");
    expect(r.estimate!.bits).toBe(pageSequentialBits);
  });

  it("KSG percentile bootstrap, Gaussian BCa (grouped jackknife) and a permutation test: pool = sequential in the page, = Node to 1e-12", async () => {
    const cases: { method: string; key: string; estimator: { id: string; options: Record<string, unknown> }; options: Record<string, unknown>; seq: () => Promise<Estimate> }[] = [
      {
        method: "bootstrap",
        key: "bootstrap",
        estimator: ksgSpec,
        options: { replicates: 12, seed: 2, keepReplicates: true },
        seq: () => bootstrap(build("ksg-1", { k: 4 }), x, y, { replicates: 12, seed: 2, keepReplicates: true }),
      },
      {
        method: "estimateWithUncertainty",
        key: "bootstrap",
        estimator: { id: "gaussian", options: {} },
        options: { ci: { method: "bca", replicates: 40, jackknifeGroups: 8 }, seed: 1, units: "bits" },
        seq: () => estimateWithUncertainty(build("gaussian", {}), x, y, { ci: { method: "bca", replicates: 40, jackknifeGroups: 8 }, seed: 1, units: "bits" }),
      },
      {
        method: "permutationTest",
        key: "permutation",
        estimator: ksgSpec,
        options: { permutations: 20, seed: 4 },
        seq: () => permutationTest(build("ksg-1", { k: 4 }), x, y, { permutations: 20, seed: 4 }),
      },
    ];
    for (const c of cases) {
      const spec = { method: c.method, detailsKey: c.key, estimator: c.estimator, x: wire(x), y: wire(y), options: c.options };
      const r = await runInPage(page!, { ...spec, pool: { workers: 2 } });
      const s = await runInPage(page!, { ...spec, sequential: true });
      expect(r.error, c.method).toBeUndefined();
      expect(r.estimate, c.method).toEqual(s.estimate);
      expect(r.estimate!.bits, c.method).toBe(s.estimate!.bits);
      expect(r.progress, c.method).toEqual(s.progress);
      expectSameAcrossEngines(r.estimate!, plain(await c.seq(), c.key));
    }
  });

  it("replicate b draws the same rows and estimator seed in Chromium as in Node (forked streams are integer arithmetic)", async () => {
    const n = 50;
    for (const scheme of [{ kind: "bootstrap" }, { kind: "subsample", m: 20 }, { kind: "block", blockLength: 6 }, { kind: "permutation" }] as const) {
      const replicates = [0, 1, 2, 17, 4095];
      const web = JSON.parse((await page!.evaluate(`window.minfoTest.rows(${JSON.stringify({ seed: 123, scheme, n, replicates })})`)) as string) as unknown;
      const node = replicates.map((b) => {
        const rng = replicateRng(123, scheme, b);
        const estimatorSeed = rng.uint32();
        return { estimatorSeed, rows: Array.from(replicateRows(scheme, n, rng, undefined, b)) };
      });
      expect(web, scheme.kind).toEqual(node);
    }
  });

  it("an AbortSignal rejects with AbortError, terminates both workers, and no progress follows", async () => {
    const r = await runInPage(page!, {
      method: "subsample",
      estimator: ksgSpec,
      x: wire(x),
      y: wire(y),
      options: { replicates: 5000, seed: 1 },
      pool: { workers: 2, chunkSize: 1 },
      abortAtDone: 3,
    });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({
      class: "AbortError",
      name: "AbortError",
      code: "aborted",
      message: "subsample: aborted by the caller's AbortSignal.",
      isMinfoError: true,
      isAbortError: true,
    });
    expect(r.progress.at(-1)).toEqual({ done: 3, total: 5000, label: "subsample" });
    expect(r.progressAfterReject).toBe(0);
    expect(r.terminated).toBe(2);
  });

  it("rethrows replicate errors with their class and message, refuses non-registry estimators, and names a worker that fails to load", async () => {
    const [xs, ys] = gaussianPair(12, 0.5, 1);
    const seqErr = (await subsample(build("ksg-1", { k: 5 }), xs, ys, { m: 4, replicates: 3 }).catch((e: unknown) => e)) as Error;
    const r = await runInPage(page!, { method: "subsample", estimator: { id: "ksg-1", options: { k: 5 } }, x: wire(xs), y: wire(ys), options: { m: 4, replicates: 3 }, pool: { workers: 2 } });
    expect(r.error).toMatchObject({ class: seqErr.constructor.name, message: seqErr.message, isMinfoError: true });
    const custom = await runInPage(page!, { method: "subsample", estimator: { custom: true }, x: wire(x), y: wire(y), options: { replicates: 3 }, pool: { workers: 2 } });
    expect(custom.error).toMatchObject({
      class: "InvalidArgumentError",
      message:
        'createWebWorkerPool: estimator "my-estimator" cannot be rebuilt from the registry with its options; run it with the sequential runner (neural estimators run on createNeuralWebWorkerPool from minfo/neural/browser).',
    });
    const missing = await runInPage(page!, { method: "subsample", estimator: ksgSpec, x: wire(x), y: wire(y), options: { replicates: 4 }, pool: { workers: 2, workerUrl: `${base}/dist/browser/missing.js` } });
    expect(missing.error?.message).toMatch(/^webWorkerPool: a worker failed \(.*missing\.js\)/);
    expect(missing.terminated).toBe(2);
  });
});

describe("createWebWorkerPool outside a browser, and the worker's module graph", () => {
  it("throws BackendUnavailableError where there is no global Worker (Node), InvalidArgumentError for bad options", () => {
    const g = globalThis as { Worker?: unknown };
    const saved = g.Worker;
    try {
      delete g.Worker;
      expect(() => createWebWorkerPool()).toThrow(BackendUnavailableError);
      expect(() => createWebWorkerPool()).toThrow("createWebWorkerPool: Web Workers are not available here (no global Worker); in Node use createWorkerPool from minfo/node.");
      g.Worker = class {};
      expect(() => createWebWorkerPool({ workers: 0 })).toThrow(InvalidArgumentError);
      expect(() => createWebWorkerPool({ workers: 2.5 })).toThrow("createWebWorkerPool: workers must be an integer >= 1; got 2.5.");
      expect(() => createWebWorkerPool({ workers: 2, chunkSize: 0 })).toThrow("createWebWorkerPool: chunkSize must be an integer >= 1; got 0.");
      expect(createWebWorkerPool({ workers: 3 }).workers).toBe(3);
    } finally {
      if (saved === undefined) delete g.Worker;
      else g.Worker = saved;
    }
  });

  it("the package exports minfo/browser (dist/browser/index.js)", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, { import: string; types: string }> };
    expect(pkg.exports["./browser"]).toEqual({ types: "./dist/browser/index.d.ts", import: "./dist/browser/index.js" });
    const mod = (await import(pathToFileURL(join(DIST, "browser/index.js")).href)) as Record<string, unknown>;
    expect(typeof mod.createWebWorkerPool).toBe("function");
  });

  it("dist/browser and everything it imports use only relative specifiers (no npm packages, no node:*)", () => {
    const start = [join(DIST, "browser/index.js"), join(DIST, "browser/replicateWebWorker.js")];
    for (const f of start) expect(existsSync(f), `${f} is missing; run \`npm run build\``).toBe(true);
    const seen = new Set<string>();
    const bare: string[] = [];
    const queue = [...start];
    const spec = /(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)/g;
    while (queue.length > 0) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const code = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      for (const m of code.matchAll(spec)) {
        const s = m[1] ?? m[2];
        if (s.startsWith("./") || s.startsWith("../")) queue.push(resolve(dirname(f), s));
        else bare.push(`${f.slice(ROOT.length + 1)} imports "${s}"`);
      }
    }
    expect(bare).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });
});
