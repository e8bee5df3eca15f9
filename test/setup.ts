import fc from "fast-check";

// Pinned seed so CI is reproducible; override with FC_SEED=… to explore.
// fast-check prints the seed and the shrunk counterexample path on failure.
const seed = Number(process.env.FC_SEED ?? 20261124);
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_RUNS ?? 100) });
