// Weighted, L2-regularized logistic regression fitted by Newton's method (iteratively reweighted
// least squares). Written here rather than taken from npm: the maintained JavaScript options
// (ml-logistic-regression) use fixed-step gradient descent without sample weights or a choice of
// regularization, and the problem is tiny (a dozen features, a few thousand rows), where Newton
// converges in a handful of exact steps and gives the same answer on every run.
import { sigmoid } from '../../faq/calibration';

export interface LogisticFit {
  intercept: number;
  /** One per column of the rows, on the rows' own scale. */
  coefficients: number[];
  iterations: number;
}

export interface LogisticOptions {
  /** Per-row weights (default 1). */
  weights?: readonly number[];
  /** L2 penalty on the standardized coefficients (never on the intercept). */
  l2?: number;
  maxIterations?: number;
  /**
   * Per column: 1 keeps its coefficient at or above 0, -1 at or below 0, 0 leaves it free. What is
   * known about a feature's direction ("more coverage never lowers the confidence") holds even
   * where the training data would fit a correlated feature's noise.
   */
  signs?: readonly number[];
}

export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], options: LogisticOptions = {}): LogisticFit {
  const { l2 = 1e-3, maxIterations = 100 } = options;
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n === 0 || labels.length !== n) throw new Error('fitLogistic needs one label per row and at least one row');
  const weights = options.weights ?? new Array<number>(n).fill(1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // Standardize the columns, so one penalty suits features of any scale; constant columns get scale 1.
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  rows.forEach((r, i) => r.forEach((x, j) => (mean[j] += (weights[i] * x) / totalWeight)));
  rows.forEach((r, i) => r.forEach((x, j) => (scale[j] += (weights[i] * (x - mean[j]) ** 2) / totalWeight)));
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]) || 1;
  const design = rows.map((r) => [1, ...r.map((x, j) => (x - mean[j]) / scale[j])]);

  const beta = new Array<number>(d + 1).fill(0);
  const signs = [0, ...(options.signs ?? new Array<number>(d).fill(0))];
  /** Coefficients held at 0 because their sign constraint binds (an active set). */
  const held = new Set<number>();
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = design[i];
      const p = sigmoid(dot(beta, x));
      const w = weights[i] / totalWeight;
      const curvature = w * p * (1 - p);
      for (let a = 0; a <= d; a++) {
        gradient[a] += w * (labels[i] - p) * x[a];
        for (let b = 0; b <= a; b++) hessian[a][b] += curvature * x[a] * x[b];
      }
    }
    for (let a = 0; a <= d; a++) {
      for (let b = 0; b < a; b++) hessian[b][a] = hessian[a][b];
      if (a > 0) {
        gradient[a] -= l2 * beta[a];
        hessian[a][a] += l2;
      }
    }
    // A held coefficient is released when the gradient pulls it into its allowed side.
    for (const a of [...held]) if (gradient[a] * signs[a] > 0) held.delete(a);
    for (const a of held) {
      hessian[a].fill(0);
      for (let b = 0; b <= d; b++) hessian[b][a] = 0;
      hessian[a][a] = 1;
      gradient[a] = 0;
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let a = 0; a <= d; a++) {
      beta[a] += step[a];
      largest = Math.max(largest, Math.abs(step[a]));
      if (signs[a] !== 0 && beta[a] * signs[a] < 0) {
        beta[a] = 0;
        held.add(a);
      }
    }
    if (largest < 1e-8) break;
  }
  // Back to the rows' own scale: the runtime applies the coefficients to raw evidence.
  const coefficients = beta.slice(1).map((b, j) => b / scale[j]);
  const intercept = beta[0] - coefficients.reduce((sum, c, j) => sum + c * mean[j], 0);
  return { intercept, coefficients, iterations: iterations + 1 };
}

export function predictLogistic(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, row: readonly number[]): number {
  return sigmoid(fit.intercept + dot(fit.coefficients, row));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const size = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const lead = a[col][col] || 1e-12;
    for (let r = col + 1; r < size; r++) {
      const factor = a[r][col] / lead;
      for (let c = col; c <= size; c++) a[r][c] -= factor * a[col][c];
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    let sum = a[r][size];
    for (let c = r + 1; c < size; c++) sum -= a[r][c] * x[c];
    x[r] = sum / (a[r][r] || 1e-12);
  }
  return x;
}
