/**
 * The loss and its gradient for one network shape, loss and data set, on flat
 * parameter vectors in `ParamLayout` order (PyTorch `state_dict`): what
 * `gradientDescent` calls at every step. The generic back-propagation of
 * `lossAndGradient` is the default; `floatKernel` is the float fast path.
 */
export interface GradientKernel<T> {
  /** L(θ), the mean over the given rows of the data (all rows when omitted), and ∇L(θ) (a new array). */
  lossAndGradient(theta: ArrayLike<T>, rows?: readonly number[]): { loss: T; grad: T[] };
  /** L(θ), the mean over the given rows of the data (all rows when omitted). */
  loss(theta: ArrayLike<T>, rows?: readonly number[]): T;
}
