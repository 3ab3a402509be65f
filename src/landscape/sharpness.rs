//! Sharpness: the largest eigenvalue λ_max of the Hessian of the training
//! loss at a network's weights, and its eigenvector, by the Lanczos
//! iteration on Hessian–vector products, each the central difference of two
//! gradients:
//! Hv ≈ (∇L(w + εv) − ∇L(w − εv)) / 2ε.
//!
//! It is the bridge to the optimizer lab's quadratic analysis: what the
//! steps do along a direction of curvature λ is [`super::regime::Regime`].
//!
//! The loss is the data loss (weight decay, which adds λ₂ to every
//! eigenvalue, is left out) in train mode on a fixed set of examples, with
//! every layer's gradient (frozen layers too), in double precision.

use super::dot;
use super::regime::{sentences, Regime};
use crate::json::Json;
use crate::nn::mlp::Mlp;
use crate::optim::{Hyper, Kind, Param};
use crate::rng::Rng;
use crate::train::data::{Augment, Data};
use nalgebra::DMatrix;

/// Gradients of one network's training loss at any weights, on fixed
/// examples, in double precision: the products' differences of gradients
/// are then exact to many digits with a step so small that no ReLU's kink is
/// crossed, so that they are of the Hessian of the smooth piece the weights
/// lie on (as automatic differentiation would give it).
pub struct Curvature {
    net: Mlp<f64>,
    x: DMatrix<f64>,
    t: DMatrix<f64>,
}

/// The Lanczos iteration's budget: at most this many Hessian–vector products…
pub const POWER_MOST: usize = 30;
/// …stopping when λ changes by less than this share of itself.
pub const POWER_TOLERANCE: f64 = 1e-3;

/// The step of the central differences, along a unit vector: so short that
/// no ReLU's kink is crossed in practice (at 1e-5 to 1e-6 a crossing can
/// make a spurious curvature of hundreds; from 1e-7 down the book's SGD run
/// measures the same λ to five digits), double precision keeping the
/// differences exact to many digits.
const EPS: f64 = 1e-8;

impl Curvature {
    /// For weights in the shape of `net` on examples `indices` of `data`.
    pub fn new(net: &Mlp<f32>, data: &Data, indices: &[usize]) -> Curvature {
        let rows = indices.len().max(1);
        let mut x = DMatrix::<f64>::zeros(rows, data.features());
        let mut t = DMatrix::<f64>::zeros(rows, net.spec.output);
        let mut rng = Rng::seeded(0);
        data.fill(
            indices,
            &mut x,
            &mut t,
            Augment::default(),
            &mut rng,
            &mut Vec::new(),
        );
        // The same shape; its weights are set at every call.
        let Ok(mut wide) = Mlp::<f64>::zeroed(net.spec.clone()) else {
            unreachable!("the spec is a working network's")
        };
        wide.frozen = 0;
        Curvature { net: wide, x, t }
    }

    fn gradient_at(&mut self, w: impl Iterator<Item = f64>) -> (f64, Vec<f64>) {
        let mut w = w;
        for p in &mut self.net.params {
            for (v, x) in p.value.as_mut_slice().iter_mut().zip(&mut w) {
                *v = x;
            }
        }
        // Dropout's masks are the same at every call, so that differences of
        // gradients are of one function.
        let loss = self.net.train_batch(&self.x, &self.t, &mut Rng::seeded(7));
        let mut g = Vec::new();
        for p in &self.net.params {
            g.extend_from_slice(p.grad.as_slice());
        }
        (loss, g)
    }

    /// The loss and its gradient at `w`.
    pub fn gradient(&mut self, w: &[f32]) -> (f64, Vec<f32>) {
        let (loss, g) = self.gradient_at(w.iter().map(|x| f64::from(*x)));
        (loss, g.into_iter().map(|x| x as f32).collect())
    }

    /// The Hessian at `w` times the unit vector `v`.
    pub fn hvp(&mut self, w: &[f32], v: &[f32]) -> Vec<f32> {
        let shifted = |s: f64| {
            w.iter()
                .zip(v)
                .map(move |(a, d)| f64::from(*a) + s * f64::from(*d))
        };
        let (_, up) = self.gradient_at(shifted(EPS));
        let (_, down) = self.gradient_at(shifted(-EPS));
        up.iter()
            .zip(&down)
            .map(|(a, b)| ((a - b) / (2.0 * EPS)) as f32)
            .collect()
    }
}

/// The sharpest direction found and its curvature.
#[derive(Debug, Clone, PartialEq)]
pub struct Sharpness {
    /// λ_max, the largest curvature.
    pub lambda: f64,
    /// Its unit eigenvector.
    pub direction: Vec<f32>,
    /// The smallest eigenvalue found with it: the most negative curvature
    /// when below 0.
    pub lambda_min: f64,
    /// Hessian–vector products taken.
    pub iterations: usize,
    /// ‖Hv − λv‖ / |λ|, estimated from the iteration: small when v is an
    /// eigenvector.
    pub residual: f64,
}

fn normalized(v: &[f32]) -> Option<Vec<f32>> {
    let norm = dot(v, v).sqrt();
    (norm.is_finite() && norm > 0.0)
        .then(|| v.iter().map(|x| (f64::from(*x) / norm) as f32).collect())
}

/// The Lanczos iteration on the Hessian at one point, one product at a
/// time (so that a page can show its progress). Plain power iteration finds
/// the eigenvalue of largest magnitude, and early in training the Hessian
/// has negative curvatures as large as its positive ones, between which
/// power iteration swings without settling; Lanczos finds the largest (and
/// the smallest) eigenvalue of the Krylov space the products span, each
/// vector made orthogonal to all before it.
#[derive(Debug, Clone)]
pub struct Lanczos {
    /// The orthonormal basis so far.
    basis: Vec<Vec<f32>>,
    /// The tridiagonal matrix: its diagonal α and off-diagonal β.
    alpha: Vec<f64>,
    beta: Vec<f64>,
    /// The next basis vector, once made.
    next: Option<Vec<f32>>,
    /// The norm of the last product's part outside the basis.
    rest: f64,
    lambda: f64,
    most: usize,
    tolerance: f64,
    finished: bool,
}

impl Lanczos {
    /// From a seeded random unit vector of `dim` entries; at most `most`
    /// products, stopping when the largest eigenvalue changes by less than
    /// `tolerance` of itself.
    pub fn new(dim: usize, (most, tolerance): (usize, f64), seed: u64) -> Lanczos {
        let mut rng = Rng::seeded(seed);
        let start: Vec<f32> = (0..dim).map(|_| rng.normal() as f32).collect();
        Lanczos {
            basis: Vec::new(),
            alpha: Vec::new(),
            beta: Vec::new(),
            next: Some(normalized(&start).unwrap_or(start)),
            rest: 0.0,
            lambda: f64::NAN,
            most: most.max(2),
            tolerance,
            finished: false,
        }
    }

    /// The tridiagonal matrix's eigenvalues and eigenvectors, largest first.
    fn ritz(&self) -> Option<(Vec<f64>, DMatrix<f64>)> {
        let m = self.alpha.len();
        if m == 0 {
            return None;
        }
        let t = DMatrix::<f64>::from_fn(m, m, |i, j| {
            if i == j {
                self.alpha[i]
            } else if i.abs_diff(j) == 1 {
                self.beta[i.min(j)]
            } else {
                0.0
            }
        });
        let eigen = nalgebra::SymmetricEigen::try_new(t, 1e-12, 10_000)?;
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let values = order.iter().map(|&k| eigen.eigenvalues[k]).collect();
        let vectors = DMatrix::from_fn(m, m, |i, j| eigen.eigenvectors[(i, order[j])]);
        Some((values, vectors))
    }

    /// One Hessian–vector product at `w`; false once finished. A curvature
    /// that is not finite (a diverged network) finishes with λ NaN.
    pub fn iterate(&mut self, curvature: &mut Curvature, w: &[f32]) -> bool {
        let Some(q) = (!self.finished).then(|| self.next.take()).flatten() else {
            self.finished = true;
            return false;
        };
        let hq = curvature.hvp(w, &q);
        let a = dot(&q, &hq);
        if !a.is_finite() {
            self.lambda = f64::NAN;
            self.finished = true;
            return false;
        }
        self.alpha.push(a);
        self.basis.push(q);
        // Orthogonal to every vector so far, twice (f32 loses orthogonality).
        let mut r: Vec<f64> = hq.iter().map(|x| f64::from(*x)).collect();
        for _ in 0..2 {
            for b in &self.basis {
                let c: f64 = r.iter().zip(b).map(|(x, y)| x * f64::from(*y)).sum();
                for (x, y) in r.iter_mut().zip(b) {
                    *x -= c * f64::from(*y);
                }
            }
        }
        let norm = r.iter().map(|x| x * x).sum::<f64>().sqrt();
        self.rest = norm;
        let previous = self.lambda;
        self.lambda = self.ritz().map_or(f64::NAN, |(v, _)| v[0]);
        let settled = self.alpha.len() >= 3
            && (self.lambda - previous).abs() <= self.tolerance * self.lambda.abs();
        if settled || self.alpha.len() >= self.most || norm <= 1e-9 * a.abs().max(1e-12) {
            self.finished = true;
            return false;
        }
        self.beta.push(norm);
        self.next = Some(r.iter().map(|x| (x / norm) as f32).collect());
        true
    }

    /// Products taken so far.
    pub fn iterations(&self) -> usize {
        self.alpha.len()
    }

    /// The smallest eigenvalue found so far: the most negative curvature.
    pub fn smallest(&self) -> Option<f64> {
        self.ritz().and_then(|(v, _)| v.last().copied())
    }

    /// The result so far (None before the first product or when diverged).
    pub fn result(&self) -> Option<Sharpness> {
        let (values, vectors) = self.ritz()?;
        let lambda = values[0];
        if !lambda.is_finite() {
            return None;
        }
        let m = self.alpha.len();
        let mut direction = vec![0.0f64; self.basis.first()?.len()];
        for (k, b) in self.basis.iter().enumerate() {
            let c = vectors[(k, 0)];
            for (d, x) in direction.iter_mut().zip(b) {
                *d += c * f64::from(*x);
            }
        }
        let direction: Vec<f32> = direction.into_iter().map(|x| x as f32).collect();
        // ‖Hy − θy‖ = β·|s_m| for the Ritz pair (θ, y = Qs), β the norm of
        // the last product's part outside the basis.
        let tail = self.rest;
        Some(Sharpness {
            lambda,
            lambda_min: values[m - 1],
            direction: normalized(&direction)?,
            iterations: m,
            residual: tail * vectors[(m - 1, 0)].abs() / lambda.abs().max(1e-12),
        })
    }
}

/// λ_max of the Hessian at `w` by the Lanczos iteration (see [`Lanczos`]).
pub fn sharpness(
    curvature: &mut Curvature,
    w: &[f32],
    budget: (usize, f64),
    seed: u64,
) -> Option<Sharpness> {
    let mut power = Lanczos::new(w.len(), budget, seed);
    while power.iterate(curvature, w) {}
    power.result()
}

/// The loss along the sharpest direction through `w`, and its quadratic
/// model L(w) + (∇L·v)t + ½λt² (the optimizer lab's picture of a valley).
#[derive(Debug, Clone, PartialEq)]
pub struct Along {
    /// Distances along the unit direction, from −T to T, T = 2/√λ (where
    /// the model has risen by 2 above its floor's level at 0).
    pub t: Vec<f64>,
    /// The loss there.
    pub loss: Vec<f64>,
    /// The quadratic model there.
    pub quadratic: Vec<f64>,
}

impl Along {
    /// How much the measured loss rises from the centre to the line's ends
    /// (their mean), as a share of the model's rise there (2).
    pub fn rise(&self) -> f64 {
        let (Some(first), Some(last)) = (self.loss.first(), self.loss.last()) else {
            return f64::NAN;
        };
        let centre = self.loss[self.loss.len() / 2];
        ((first + last) / 2.0 - centre) / 2.0
    }
}

/// The loss and its model along `s`'s direction at `n` points.
pub fn along(curvature: &mut Curvature, w: &[f32], s: &Sharpness, n: usize) -> Along {
    let n = n.max(3);
    let reach = if s.lambda > 0.0 {
        2.0 / s.lambda.sqrt()
    } else {
        1.0
    };
    let (base, g) = curvature.gradient(w);
    let slope = dot(&g, &s.direction);
    let t: Vec<f64> = (0..n)
        .map(|k| -reach + 2.0 * reach * k as f64 / (n - 1) as f64)
        .collect();
    let loss = t
        .iter()
        .map(|&t| {
            let at: Vec<f32> = w
                .iter()
                .zip(&s.direction)
                .map(|(a, d)| a + (t as f32) * d)
                .collect();
            curvature.gradient(&at).0
        })
        .collect();
    let quadratic = t
        .iter()
        .map(|&t| base + slope * t + 0.5 * s.lambda * t * t)
        .collect();
    Along { t, loss, quadratic }
}

/// One run's sharpness at its final weights as JSON: `{name, lambda, lr,
/// eta_lambda, bounds, regime, sentence, iterations, residual, along: {t,
/// loss, quadratic}}` (lambda null when the curvature is not finite).
pub fn report(name: &str, found: Option<(&Sharpness, &Along)>, kind: Kind, hyper: &Hyper) -> Json {
    let Some((s, a)) = found else {
        return Json::obj([("name", Json::from(name)), ("lambda", Json::Null)]);
    };
    let lr = hyper.get(Param::Lr);
    let regime = Regime::of(kind, hyper, s.lambda);
    Json::obj([
        ("name", Json::from(name)),
        ("lambda", s.lambda.into()),
        ("lr", lr.into()),
        ("eta_lambda", (lr * s.lambda).into()),
        (
            "bounds",
            Regime::bounds(kind, hyper).map_or(Json::Null, |(a, b)| Json::nums(&[a, b])),
        ),
        ("regime", regime.map_or(Json::Null, |r| Json::from(r.id()))),
        ("rise", a.rise().into()),
        (
            "sentence",
            Json::Str(sentences(kind, hyper, s.lambda, a.rise())),
        ),
        ("lambda_min", s.lambda_min.into()),
        ("iterations", s.iterations.into()),
        ("residual", s.residual.into()),
        (
            "along",
            Json::obj([
                ("t", Json::nums(&a.t)),
                ("loss", Json::nums(&a.loss)),
                ("quadratic", Json::nums(&a.quadratic)),
            ]),
        ),
    ])
}

/// Points of [`along`] in a report.
pub const ALONG_POINTS: usize = 21;
