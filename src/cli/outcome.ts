import type { Command } from "commander";

/**
 * What a command's action hands back to `main`: whether what it checked held.
 * A refuted check is a verdict, not an error: `main` maps `{ ok: false }` to exit 1.
 */
export interface Outcome {
  readonly ok: boolean;
}

/**
 * Wraps a command's action so that `main` receives its outcome (an action
 * that returns nothing is done). Every registration gets it from `main`.
 */
export type Settle = <A extends unknown[]>(action: (...args: A) => Promise<Outcome> | Promise<void>) => (...args: A) => Promise<void>;

/** Adds one command (or a group of them) to its parent. */
export type Register = (parent: Command, settle: Settle) => void;
