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
}
