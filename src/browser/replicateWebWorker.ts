/**
 * Web Worker side of `createWebWorkerPool` (webWorkerPool.ts), a module worker for the classical
 * estimators of the built-in registry (`serveReplicateRequests` does the work). Imports only
 * relative modules (no bare specifiers, no Node built-ins), so the compiled file runs in a
 * browser straight from dist/.
 */
import { findEstimator } from "../estimators/registry.js";
import { serveReplicateRequests } from "./serveReplicateRequests.js";

serveReplicateRequests((init) => findEstimator(init.estimatorId).mi!(init.options));
