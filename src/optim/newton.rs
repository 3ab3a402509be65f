//! Newton's method in two dimensions: jump to the minimum of the local
//! quadratic model, W ← W − η(H + λI)⁻¹g.
//!
//! With η = 1 and λ = 0 it lands on the minimum of a quadratic in one step and
//! needs no learning rate. It is attracted to any stationary point, saddles
//! included; damping λ > 0 blends it towards a short gradient step. Where
//! H + λI is singular, the step falls back to plain gradient descent.

/// One damped Newton step from `w` with gradient `g` and Hessian
/// `[hxx, hxy, hyy]`.
pub fn step(w: [f64; 2], g: [f64; 2], hess: [f64; 3], lr: f64, damping: f64) -> [f64; 2] {
    let (a, b, d) = (hess[0] + damping, hess[1], hess[2] + damping);
    let det = a * d - b * b;
    let scale = a.abs().max(d.abs()).max(b.abs()).max(1e-300);
    if det.abs() <= 1e-12 * scale * scale {
        return [w[0] - lr * g[0], w[1] - lr * g[1]];
    }
    // (H + λI)⁻¹ = [d, -b; -b, a] / det.
    let dx = (d * g[0] - b * g[1]) / det;
    let dy = (a * g[1] - b * g[0]) / det;
    [w[0] - lr * dx, w[1] - lr * dy]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_to_the_minimum_of_a_quadratic() {
        // f = x²/20 + y² at (-7, 2): g = (-0.7, 4), H = diag(0.1, 2) → (0, 0).
        let w = step([-7.0, 2.0], [-0.7, 4.0], [0.1, 0.0, 2.0], 1.0, 0.0);
        assert!(w[0].abs() < 1e-14 && w[1].abs() < 1e-14, "{w:?}");
        // With a cross term: f = x² + xy + y² at (1, 1): g = (3, 3), H = [2 1; 1 2].
        let w = step([1.0, 1.0], [3.0, 3.0], [2.0, 1.0, 2.0], 1.0, 0.0);
        assert!(w[0].abs() < 1e-15 && w[1].abs() < 1e-15);
    }

    #[test]
    fn damping_and_singular_hessians() {
        // λ = 2 on H = diag(2, 2): step = g/4.
        assert_eq!(
            step([0.0, 0.0], [4.0, 8.0], [2.0, 0.0, 2.0], 1.0, 2.0),
            [-1.0, -2.0]
        );
        // H = 0: a gradient step.
        assert_eq!(
            step([1.0, 1.0], [1.0, 1.0], [0.0, 0.0, 0.0], 0.5, 0.0),
            [0.5, 0.5]
        );
    }
}
