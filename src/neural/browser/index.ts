/**
 * minfo/neural/browser: the Web Worker replicate pool for neural estimators (needs a bundler;
 * see docs/neural.md, "In the browser").
 */
export { createNeuralWebWorkerPool, type NeuralWebWorkerPoolOptions, type NeuralWorkerSetup } from "./webWorkerPool.js";
