/**
 * The integrators of `integrateFlow` and its digit limits, apart from the
 * integrators themselves so that `relutopo --help` can name them without
 * loading the flow code.
 */

/** The integrators of `integrateFlow`. */
export type FlowMethod = "taylor" | "gauss" | "rk4";

/** The methods accepted, in the order messages list them. */
export const FLOW_METHODS: readonly FlowMethod[] = ["taylor", "gauss", "rk4"];

/** Limits on the requested digits. */
export const MIN_FLOW_DIGITS = 10;
export const MAX_FLOW_DIGITS = 1000;
