/**
 * Column headings in words for the report's tables. The CSV files keep the
 * short field names (scripts parse them); a reader of the page gets these.
 * @internal
 */
const WORDS: Readonly<Record<string, string>> = {
  // breast cancer (section 2)
  l: "width l",
  l_plus: "l₊ (c_k > 0)",
  l_plus_over_l: "l₊ / l",
  runs: "runs",
  mean_test_loss: "mean test loss",
  se_test_loss: "± standard error",
  mean_test_accuracy: "mean test accuracy",
  mean_train_loss: "mean training loss",
  // probability (section 3)
  d_in: "fan-in d_in",
  p_neuron: "p (one neuron pathological)",
  p_disconnected: "P(H(c) disconnected)",
  // optimisers (section 4)
  problem: "problem",
  optimizer: "optimiser",
  pathological_neurons: "pathological at the start",
  sign_changes: "output weights that changed sign",
  became_healthy: "c_k > 0 at the end",
  median_relative_change_c: "median relative change of c_k",
  healthy_turned_pathological: "healthy turned pathological",
  loss_lplus_0: "loss at l₊ = 0",
  loss_lplus_1: "loss at l₊ = 1",
  loss_lplus_l: "loss at l₊ = l",
  effect_0_to_1: "decrease l₊ = 0 → 1",
  se_effect_0_to_1: "± standard error (0 → 1)",
  effect_1_to_l: "decrease l₊ = 1 → l",
  se_effect_1_to_l: "± standard error (1 → l)",
  effect_0_to_l: "decrease l₊ = 0 → l",
  se_effect_0_to_l: "± standard error (0 → l)",
  // deep (section 5)
  quantity: "quantity",
  value: "value",
  // convolutions (section 6)
  arithmetic: "arithmetic",
  channel: "channel j",
  c_0: "c_j(θ_0)",
  c_N: "c_j(θ_N)",
  observed_drift: "observed drift c_j(θ_N) − c_j(θ_0)",
  predicted_drift: "predicted Σ η²(‖g_in‖² − ‖g_out‖²)",
  residual: "observed − predicted",
  relative_residual: "|observed − predicted| / max |c_j|",
};

/**
 * The heading of each column in words; a column without one reads as its
 * field name with spaces for underscores, so a new column still reads as words.
 *
 * @param columns - the table's field names
 * @returns one heading per column
 * @internal
 */
export function columnHeadings(columns: readonly string[]): string[] {
  return columns.map((c) => WORDS[c] ?? c.replace(/_/g, " "));
}
