// Property tests are seeded like every random choice in minfo, so CI runs are reproducible.
// Set FC_SEED to explore other seeds locally (a failing seed is printed by fast-check).
import fc from "fast-check";

fc.configureGlobal({ seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261130 });
