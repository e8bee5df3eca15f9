/**
 * The loss and its gradient for one network shape, loss and data set, on flat
 * parameter vectors in `ParamLayout` order (PyTorch `state_dict`): what
 * `gradientDescent` calls at every step. The generic back-propagation of
 * `lossAndGradient` is the default; `floatKernel` is the float fast path.
 */
export interface GradientKernel<T> {
  /**
   * L(θ), the mean over the given rows of the data (all rows when omitted), and ∇L(θ) (a new array); for a
   * network with batch normalisation also the batch's variances, as `lossAndGradient` gives them (what the
   * ε-corrected drift of the kernel feeding each channel needs besides ∂L/∂γ, which `grad` holds).
   */
  lossAndGradient(
    theta: ArrayLike<T>,
    rows?: readonly number[],
  ): { loss: T; grad: T[]; variances?: readonly (readonly T[] | undefined)[] | undefined };
  /** L(θ), the mean over the given rows of the data (all rows when omitted). */
  loss(theta: ArrayLike<T>, rows?: readonly number[]): T;
  /**
   * Plain gradient descent θ ← θ − η∇L(θ) on all the rows from θ_0, held in the kernel's own memory and
   * recording what `gradientDescent` records, with the same values as `lossAndGradient`, the step θ − η·g
   * and `floatInvariants` give (optional: the float kernel has it, one call per pass instead of a copy of θ
   * and of the gradient per step). The kernel's other calls between its steps leave it as it was.
   */
  descent?(theta0: ArrayLike<T>, lr: T): PlainDescent<T>;
  /**
   * The kernel will not be called again: what it holds may serve the next kernel built (optional: the float
   * kernel gives its WebAssembly memory, whose fresh pages cost more to touch than a small network's training
   * step). `gradientDescent` releases the kernel it built at the end of its run; a call after it is a bug.
   */
  release?(): void;
}

/** A run of plain full-batch gradient descent inside a kernel (see `GradientKernel.descent`). */
export interface PlainDescent<T> {
  /** One step from θ to θ′ = θ − η∇L(θ): L(θ), and whether every entry of θ′ is finite. */
  step(): { loss: T; finite: boolean };
  /** c(θ′) of every hidden neuron after the last step, layer 1 first (as `floatInvariants`); valid until the next step. */
  readonly invariants: ArrayLike<T>;
  /** η²(‖g_w̃‖² − ‖g_a‖²) of every hidden neuron for the last step's gradient g, as `predictedGdDrift`; valid until the next step. */
  readonly predicted: ArrayLike<T>;
  /** θ now, as a new array flat in `ParamLayout` order. */
  theta(): T[];
}
