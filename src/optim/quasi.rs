//! What BFGS and L-BFGS share: a curvature memory that turns a gradient into
//! a search direction, and the line search that picks how far to go along it.
//!
//! The line search looks for a step t along the direction d that meets the
//! **weak Wolfe conditions** (Nocedal and Wright, *Numerical Optimization*,
//! eq. 3.6, with their c₁ = 10⁻⁴ and c₂ = 0.9):
//!
//! - sufficient decrease (Armijo): f(w + t·d) ≤ f(w) + c₁·t·gᵀd;
//! - curvature: ∇f(w + t·d)ᵀd ≥ c₂·gᵀd.
//!
//! It tries t = η (1, a full quasi-Newton step, by default) and bisects: a
//! step that rises too much is an upper bound, one that is still steeply
//! downhill a lower bound, doubled while there is no upper bound (Lewis and
//! Overton's bisection). The curvature condition makes sᵀy > 0, so every
//! step teaches the memory something true; with the Armijo condition alone
//! a too-short step can leave BFGS crawling along Rosenbrock's valley.

use super::bfgs::Bfgs;
use super::lbfgs::Lbfgs;

/// c₁ of the sufficient-decrease (Armijo) condition.
pub const C1: f64 = 1e-4;
/// c₂ of the curvature condition.
pub const C2: f64 = 0.9;
/// Trial steps before a line search gives up.
pub const MAX_TRIALS: usize = 60;

/// A memory of curvature: pairs s = Δw, y = Δg.
pub trait Curvature {
    /// The search direction −H·g for the inverse-Hessian estimate H.
    fn direction(&self, g: &[f64]) -> Vec<f64>;
    /// Learns from one step; returns false (and learns nothing) when sᵀy is
    /// not clearly positive.
    fn remember(&mut self, s: &[f64], y: &[f64]) -> bool;
    /// Numbers held (the memory's cost).
    fn stored(&self) -> usize;
}

/// Whether a pair may enter a memory: sᵀy > 10⁻¹⁰·|s|·|y|.
pub fn curvature_ok(s: &[f64], y: &[f64]) -> bool {
    let sy = dot(s, y);
    sy.is_finite() && sy > 1e-10 * dot(s, s).sqrt() * dot(y, y).sqrt()
}

/// The dot product.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A step accepted by the line search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    /// The step length t along the direction.
    pub t: f64,
    /// f at the new point.
    pub value: f64,
    /// Values (and gradients) of f computed to find it.
    pub evaluations: usize,
}

/// Searches along `d` from `w` (where f is `value` and the gradient `g`),
/// starting at `t0`, for a step meeting the weak Wolfe conditions; `fg`
/// gives f and its gradient at a point. `None` when `d` is not downhill or
/// no step decreases f within [`MAX_TRIALS`]; after that many trials the
/// longest step that decreased f enough is taken.
pub fn wolfe(
    fg: impl Fn(&[f64]) -> (f64, Vec<f64>),
    w: &[f64],
    value: f64,
    g: &[f64],
    d: &[f64],
    t0: f64,
) -> Option<Found> {
    let slope = dot(g, d);
    // Not downhill, or NaN.
    if slope.is_nan() || slope >= 0.0 || !value.is_finite() {
        return None;
    }
    let (mut lo, mut hi) = (0.0, f64::INFINITY);
    let mut best: Option<Found> = None;
    let mut t = t0;
    let mut trial = vec![0.0; w.len()];
    for k in 1..=MAX_TRIALS {
        for ((p, wi), di) in trial.iter_mut().zip(w).zip(d) {
            *p = wi + t * di;
        }
        let (v, gt) = fg(&trial);
        let found = Found {
            t,
            value: v,
            evaluations: k,
        };
        let decreased = v.is_finite() && v <= value + C1 * t * slope;
        if !decreased {
            hi = t;
        } else if dot(&gt, d) < C2 * slope {
            lo = t;
            best = Some(found);
        } else {
            return Some(found);
        }
        t = if hi.is_finite() {
            0.5 * (lo + hi)
        } else {
            2.0 * lo
        };
    }
    best.map(|b| Found {
        evaluations: MAX_TRIALS,
        ..b
    })
}

/// The memory of one quasi-Newton run in the lab.
#[derive(Debug, Clone)]
pub enum Memory {
    /// Dense n × n inverse Hessian.
    Full(Bfgs),
    /// The last m pairs.
    Limited(Lbfgs),
}

impl Memory {
    fn curvature(&mut self) -> &mut dyn Curvature {
        match self {
            Memory::Full(b) => b,
            Memory::Limited(l) => l,
        }
    }

    /// One quasi-Newton update from `w` (f = `value`, gradient `g`; `last`
    /// is the previous point and its gradient; `fg` gives f and ∇f): learns
    /// from the last step, then searches along −H·g (along −g when that is
    /// not downhill). The new point is `w` itself when the search found
    /// nothing (`t` = 0).
    pub fn step(
        &mut self,
        fg: impl Fn(&[f64]) -> (f64, Vec<f64>),
        w: &[f64],
        value: f64,
        g: &[f64],
        last: Option<(&[f64], &[f64])>,
        t0: f64,
    ) -> Taken {
        let memory = self.curvature();
        if let Some((wp, gp)) = last {
            let s: Vec<f64> = w.iter().zip(wp).map(|(a, b)| a - b).collect();
            let y: Vec<f64> = g.iter().zip(gp).map(|(a, b)| a - b).collect();
            memory.remember(&s, &y);
        }
        let mut d = memory.direction(g);
        let slope = dot(g, &d);
        if slope.is_nan() || slope >= 0.0 {
            d = g.iter().map(|x| -x).collect();
        }
        let t = wolfe(fg, w, value, g, &d, t0).map_or(0.0, |found| found.t);
        let next = if t == 0.0 {
            w.to_vec()
        } else {
            w.iter().zip(&d).map(|(wi, di)| wi + t * di).collect()
        };
        Taken {
            next,
            direction: d,
            t,
        }
    }
}

/// What one quasi-Newton update did.
#[derive(Debug, Clone, PartialEq)]
pub struct Taken {
    /// The new point: w + t·d.
    pub next: Vec<f64>,
    /// The search direction d = −H·g (or −g).
    pub direction: Vec<f64>,
    /// The step length the line search accepted (0 when it found none).
    pub t: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(w) = w² and its gradient.
    fn square(p: &[f64]) -> (f64, Vec<f64>) {
        (p[0] * p[0], vec![2.0 * p[0]])
    }

    #[test]
    fn wolfe_search_worked_by_hand() {
        // At w = 1 (g = 2) along d = −2 from t = 1: w = −1 has f = 1 >
        // 1 − 1e-4·4, too far, so t = ½: w = 0, f = 0, slope 0 ≥ 0.9·(−4).
        let found = wolfe(square, &[1.0], 1.0, &[2.0], &[-2.0], 1.0).unwrap();
        assert_eq!(
            found,
            Found {
                t: 0.5,
                value: 0.0,
                evaluations: 2
            }
        );
        // Along d = −0.04 (slope −0.08; curvature wants ≥ −0.072): t = 1
        // ends at 0.96 (slope 1.92·(−0.04) = −0.0768, still steep), t = 2 at
        // 0.92 (−0.0736), t = 4 at 0.84 (−0.0672): accepted, f = 0.7056.
        let found = wolfe(square, &[1.0], 1.0, &[2.0], &[-0.04], 1.0).unwrap();
        assert_eq!((found.t, found.evaluations), (4.0, 3));
        assert!((found.value - 0.7056).abs() < 1e-12);
        // Uphill: no search.
        assert_eq!(wolfe(square, &[1.0], 1.0, &[2.0], &[2.0], 1.0), None);
        // NaN everywhere ahead: it gives up, it does not loop.
        let nan = |_: &[f64]| (f64::NAN, vec![f64::NAN]);
        assert_eq!(wolfe(nan, &[1.0], 1.0, &[2.0], &[-2.0], 1.0), None);
    }

    #[test]
    fn curvature_condition() {
        assert!(curvature_ok(&[1.0, 0.0], &[2.0, 0.0]));
        assert!(!curvature_ok(&[1.0, 0.0], &[-2.0, 0.0]));
        assert!(!curvature_ok(&[1.0, 0.0], &[0.0, 3.0]));
        assert!(!curvature_ok(&[f64::NAN, 0.0], &[1.0, 0.0]));
    }
}
