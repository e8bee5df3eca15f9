/**
 * relutopo: exact conservation laws and invariant-set topology of gradient
 * flow in homogeneous (ReLU-type) networks. The library API, layer by layer.
 */
export * from "./errors.js";
export * from "./table/index.js";
export * from "./scalar/index.js";
export * from "./net/index.js";
export * from "./invariants/index.js";
export * from "./flow/index.js";
export * from "./topology/index.js";
export * from "./symmetry/index.js";
export * from "./report/index.js";
export * from "./claims/index.js";
export * from "./probability/index.js";
export * from "./experiments/index.js";
export * from "./laws/index.js";
