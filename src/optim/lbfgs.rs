//! L-BFGS: BFGS without the matrix. It keeps only the last m pairs
//! (s = Δw, y = Δg) and applies the inverse-Hessian estimate they define to
//! a gradient by the two-loop recursion (Nocedal and Wright, algorithm 7.4),
//! starting from H₀ = γI with γ = sᵀy/yᵀy of the newest pair. It stores
//! 2·m·n numbers instead of BFGS's n²; seed 001 names it the second-order
//! method to reach for when full-batch updates are possible.

use super::quasi::{curvature_ok, dot, Curvature};
use std::collections::VecDeque;

/// The last `m` curvature pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Lbfgs {
    m: usize,
    pairs: VecDeque<(Vec<f64>, Vec<f64>)>,
}

impl Lbfgs {
    /// An empty memory of `m` pairs (at least one).
    pub fn new(m: usize) -> Self {
        Self {
            m: m.max(1),
            pairs: VecDeque::new(),
        }
    }

    /// Pairs held now.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether no pair is held yet (the first direction is −g).
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl Curvature for Lbfgs {
    fn direction(&self, g: &[f64]) -> Vec<f64> {
        let mut q = g.to_vec();
        let mut alphas = Vec::with_capacity(self.pairs.len());
        for (s, y) in self.pairs.iter().rev() {
            let a = dot(s, &q) / dot(y, s);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push(a);
        }
        let gamma = self
            .pairs
            .back()
            .map_or(1.0, |(s, y)| dot(s, y) / dot(y, y));
        q.iter_mut().for_each(|x| *x *= gamma);
        for ((s, y), a) in self.pairs.iter().zip(alphas.iter().rev()) {
            let b = dot(y, &q) / dot(y, s);
            q.iter_mut().zip(s).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        q.into_iter().map(|x| -x).collect()
    }

    fn remember(&mut self, s: &[f64], y: &[f64]) -> bool {
        if !curvature_ok(s, y) {
            return false;
        }
        if self.pairs.len() == self.m {
            self.pairs.pop_front();
        }
        self.pairs.push_back((s.to_vec(), y.to_vec()));
        true
    }

    fn stored(&self) -> usize {
        self.pairs.iter().map(|(s, y)| s.len() + y.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dense BFGS matrix built from H₀ = γI and `pairs`, by the update
    /// formula written out (not the two-loop recursion).
    fn dense(pairs: &[([f64; 3], [f64; 3])], gamma: f64) -> [[f64; 3]; 3] {
        let mut h = [[0.0; 3]; 3];
        (0..3).for_each(|i| h[i][i] = gamma);
        for (s, y) in pairs {
            let rho = 1.0 / dot(s, y);
            // (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, entry by entry.
            let mut left = [[0.0; 3]; 3];
            for i in 0..3 {
                for j in 0..3 {
                    left[i][j] = f64::from(u8::from(i == j)) - rho * s[i] * y[j];
                }
            }
            let mut next = [[0.0; 3]; 3];
            for i in 0..3 {
                for j in 0..3 {
                    let mut v = 0.0;
                    for k in 0..3 {
                        for l in 0..3 {
                            v += left[i][k] * h[k][l] * left[j][l];
                        }
                    }
                    next[i][j] = v + rho * s[i] * s[j];
                }
            }
            h = next;
        }
        h
    }

    #[test]
    fn the_two_loops_apply_the_bfgs_matrix_of_the_pairs_held() {
        let pairs = [
            ([1.0, 0.2, -0.3], [2.0, 0.1, -0.2]),
            ([0.1, -1.0, 0.4], [0.3, -3.0, 0.5]),
            ([-0.2, 0.3, 1.0], [-0.1, 0.8, 4.0]),
        ];
        let g = [0.7, -1.3, 2.1];
        let mut l = Lbfgs::new(3);
        for (s, y) in &pairs {
            assert!(l.remember(s, y));
        }
        let (s, y) = pairs[2];
        let h = dense(&pairs, dot(&s, &y) / dot(&y, &y));
        let d = l.direction(&g);
        for i in 0..3 {
            let want = -dot(&h[i], &g);
            assert!((d[i] - want).abs() < 1e-12, "{d:?} vs row {i}: {want}");
        }
        assert_eq!(l.stored(), 18);
        // With m = 2 the oldest pair is forgotten: the matrix of the last two.
        let mut short = Lbfgs::new(2);
        for (s, y) in &pairs {
            short.remember(s, y);
        }
        assert_eq!(short.len(), 2);
        let h2 = dense(&pairs[1..], dot(&s, &y) / dot(&y, &y));
        let d2 = short.direction(&g);
        assert!((0..3).all(|i| (d2[i] + dot(&h2[i], &g)).abs() < 1e-12));
    }

    #[test]
    fn empty_memory_is_steepest_descent() {
        let l = Lbfgs::new(5);
        assert!(l.is_empty());
        assert_eq!(l.direction(&[1.0, -2.0]), vec![-1.0, 2.0]);
    }
}
