//! The real network's loss on a plane through its weight space: the bridge
//! from the optimizer lab's f(x, y) to the MNIST lab's 109,810 weights.
//!
//! A plane is an origin and two directions in weight space; the point (a, b)
//! of the plane is origin + a·d₁ + b·d₂. Its directions are either
//!
//! - the top two principal directions of the runs' weight trajectories
//!   (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", §7),
//!   centred at the mean of all the recorded weights, so that the paths lie
//!   in the plane as much as two directions allow; the share of the
//!   trajectories' variance the plane holds is reported; or
//! - two random directions around one network, filter-normalized (Li et al.
//!   §4): each neuron's incoming weights in a direction are scaled to the
//!   norm of that neuron's weights in the network, so that the plane's axes
//!   mean the same in every layer; biases and batch norm's γ and β do not
//!   move (Li et al.'s choice for them).
//!
//! The loss over the plane is a [`grid::Grid`], filled coarse to fine.

pub mod grid;
pub mod line;
pub mod regime;
pub mod scorer;
pub mod sharpness;
pub mod study;

use crate::error::Result;
use crate::nn::mlp::Mlp;
use crate::rng::Rng;
use nalgebra::{DMatrix, SymmetricEigen};

/// Every parameter of `net` (weights, biases, γ, β, layer by layer) in one vector.
pub fn flatten(net: &Mlp<f32>) -> Vec<f32> {
    let mut out = Vec::with_capacity(net.params.iter().map(|p| p.value.len()).sum());
    for p in &net.params {
        out.extend_from_slice(p.value.as_slice());
    }
    out
}

/// Sets every parameter of `net` from `w` (as [`flatten`] orders them).
///
/// # Panics
/// If `w` is not as long as the network's parameters (a programming error:
/// the vectors come from the same network).
pub fn set_flat(net: &mut Mlp<f32>, w: &[f32]) {
    let total: usize = net.params.iter().map(|p| p.value.len()).sum();
    assert_eq!(w.len(), total, "weights of another network");
    let mut at = 0;
    for p in &mut net.params {
        let n = p.value.len();
        p.value.as_mut_slice().copy_from_slice(&w[at..at + n]);
        at += n;
    }
}

fn dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| f64::from(*x) * f64::from(*y))
        .sum()
}

/// A plane through weight space.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    /// Where (0, 0) is.
    pub origin: Vec<f32>,
    /// The two directions.
    pub dirs: [Vec<f32>; 2],
    /// Principal directions: the share of the trajectories' variance along
    /// each.
    pub explained: Option<[f64; 2]>,
}

impl Plane {
    /// The plane of the top two principal directions of `points` (every
    /// recorded weight vector of every run), centred at their mean.
    pub fn pca(points: &[&[f32]]) -> Result<Plane> {
        let n = points.len();
        if n < 3 {
            crate::fail!(
                "The principal directions need at least 3 recorded networks; the runs have {n}.",
                "주성분 방향에는 기록된 신경망이 3개 이상 필요합니다. 실행에는 {n}개가 있습니다."
            );
        }
        let dim = points[0].len();
        let mut mean = vec![0.0f64; dim];
        for p in points {
            for (m, &x) in mean.iter_mut().zip(*p) {
                *m += f64::from(x);
            }
        }
        let origin: Vec<f32> = mean.iter().map(|m| (m / n as f64) as f32).collect();
        // The centred points, one per column.
        let mut centred = DMatrix::<f32>::zeros(dim, n);
        for (k, p) in points.iter().enumerate() {
            for (c, (x, m)) in centred.column_mut(k).iter_mut().zip(p.iter().zip(&origin)) {
                *c = x - m;
            }
        }
        // The n × n Gram matrix of the centred points has the covariance's
        // nonzero eigenvalues; its eigenvectors u give the directions Xᵀu/√λ.
        // One f32 product (the MLP's own kernel in wasm: 100 recordings of
        // 109,810 weights in ≈ 0.05 s, against ≈ 0.4–0.8 s as 5,050 dot
        // products in f64), made exactly symmetric.
        let mut product = DMatrix::<f32>::zeros(n, n);
        crate::nn::gemm::gemm(1.0, &centred, true, &centred, false, 0.0, &mut product);
        let gram = DMatrix::<f64>::from_fn(n, n, |i, j| {
            0.5 * (f64::from(product[(i, j)]) + f64::from(product[(j, i)]))
        });
        let total = gram.trace();
        let eigen = SymmetricEigen::new(gram);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let (l1, l2) = (eigen.eigenvalues[order[0]], eigen.eigenvalues[order[1]]);
        // Below a millionth of the first (the f32 product's rounding), the
        // second direction is noise.
        if total.is_nan() || total <= 0.0 || l2 <= 1e-6 * l1 {
            crate::fail!(
                "The recorded networks lie on one line in weight space, so they span no plane; choose random directions.",
                "기록된 신경망들이 가중치 공간의 한 직선 위에 있어 평면을 이루지 않습니다. 무작위 방향을 고르세요."
            );
        }
        let direction = |k: usize, lambda: f64| {
            let u = eigen.eigenvectors.column(order[k]);
            let mut d = vec![0.0f64; dim];
            for (i, c) in centred.column_iter().enumerate() {
                let w = u[i];
                for (acc, &x) in d.iter_mut().zip(c.iter()) {
                    *acc += w * f64::from(x);
                }
            }
            let norm = lambda.sqrt();
            d.into_iter()
                .map(|x| (x / norm) as f32)
                .collect::<Vec<f32>>()
        };
        Ok(Plane {
            origin,
            dirs: [direction(0, l1), direction(1, l2)],
            explained: Some([l1 / total, l2 / total]),
        })
    }

    /// Two random filter-normalized directions around `center` (seeded).
    pub fn random(center: &Mlp<f32>, seed: u64) -> Plane {
        let mut rng = Rng::seeded(seed);
        let mut direction = || {
            let mut d = Vec::new();
            for p in &center.params {
                let w = p.value.as_slice();
                if !p.decay {
                    // Biases, γ and β stay where they are.
                    d.extend(std::iter::repeat_n(0.0, w.len()));
                    continue;
                }
                // One filter per neuron: a column of W (its incoming weights).
                let rows = p.value.nrows();
                for filter in w.chunks(rows.max(1)) {
                    let drawn: Vec<f64> = filter.iter().map(|_| rng.normal()).collect();
                    let norm = drawn.iter().map(|x| x * x).sum::<f64>().sqrt();
                    let target = filter
                        .iter()
                        .map(|&x| f64::from(x).powi(2))
                        .sum::<f64>()
                        .sqrt();
                    let k = if norm > 0.0 { target / norm } else { 0.0 };
                    d.extend(drawn.iter().map(|x| (x * k) as f32));
                }
            }
            d
        };
        let dirs = [direction(), direction()];
        Plane {
            origin: flatten(center),
            dirs,
            explained: None,
        }
    }

    /// The plane across the valley a run ends in: the first direction is
    /// `sharpest` (the unit eigenvector of the Hessian's largest curvature at
    /// the run's end), the second the run's own way from its start to its
    /// end with its part along the first taken out, so that (0, 0) is the
    /// end, a runs across the valley and b along it: the optimizer lab's y
    /// and x. `explained` is each direction's share of the path's spread
    /// about its mean.
    pub fn across(sharpest: &[f32], path: &[&[f32]]) -> Result<Plane> {
        let (Some(start), Some(end)) = (path.first(), path.last()) else {
            crate::fail!(
                "A plane across the valley needs the run's recorded path; it has none.",
                "골짜기를 가로지르는 평면에는 실행의 기록된 경로가 필요한데, 경로가 없습니다."
            );
        };
        let way: Vec<f32> = end.iter().zip(*start).map(|(e, s)| e - s).collect();
        let along = dot(&way, sharpest);
        let rest: Vec<f64> = way
            .iter()
            .zip(sharpest)
            .map(|(w, v)| f64::from(*w) - along * f64::from(*v))
            .collect();
        let norm = rest.iter().map(|x| x * x).sum::<f64>().sqrt();
        let length = dot(&way, &way).sqrt();
        if !(norm.is_finite() && norm > 1e-6 * length.max(1e-30)) {
            crate::fail!(
                "The run did not move apart from across its valley, so its way and the sharpest direction span no plane; choose principal directions.",
                "실행이 골짜기를 가로지르는 방향으로만 움직여 그 경로와 가장 날카로운 방향이 평면을 이루지 않습니다. 주성분 방향을 고르세요."
            );
        }
        let second: Vec<f32> = rest.iter().map(|x| (x / norm) as f32).collect();
        let n = path.len() as f64;
        let dim = end.len();
        let mut mean = vec![0.0f64; dim];
        for p in path {
            for (m, &x) in mean.iter_mut().zip(*p) {
                *m += f64::from(x) / n;
            }
        }
        let (mut total, mut spread) = (0.0, [0.0f64; 2]);
        for p in path {
            let centred: Vec<f32> = p
                .iter()
                .zip(&mean)
                .map(|(x, m)| (f64::from(*x) - m) as f32)
                .collect();
            total += dot(&centred, &centred);
            spread[0] += dot(&centred, sharpest).powi(2);
            spread[1] += dot(&centred, &second).powi(2);
        }
        let explained = (total > 0.0).then(|| spread.map(|s| s / total));
        Ok(Plane {
            origin: end.to_vec(),
            dirs: [sharpest.to_vec(), second],
            explained,
        })
    }

    /// The point (a, b) of the plane.
    pub fn at(&self, a: f64, b: f64) -> Vec<f32> {
        let (a, b) = (a as f32, b as f32);
        self.origin
            .iter()
            .zip(&self.dirs[0])
            .zip(&self.dirs[1])
            .map(|((o, x), y)| o + a * x + b * y)
            .collect()
    }

    /// The plane's coordinates of `w`: those of the nearest point of the
    /// plane (least squares, since random directions are not orthogonal).
    pub fn project(&self, w: &[f32]) -> [f64; 2] {
        let r: Vec<f32> = w.iter().zip(&self.origin).map(|(x, o)| x - o).collect();
        let [d1, d2] = &self.dirs;
        let (g11, g12, g22) = (dot(d1, d1), dot(d1, d2), dot(d2, d2));
        let (b1, b2) = (dot(d1, &r), dot(d2, &r));
        let det = g11 * g22 - g12 * g12;
        if det.abs() <= 1e-300 {
            return [0.0, 0.0];
        }
        [(g22 * b1 - g12 * b2) / det, (g11 * b2 - g12 * b1) / det]
    }

    /// The lengths of the two directions (1 for principal directions).
    pub fn scales(&self) -> [f64; 2] {
        [
            dot(&self.dirs[0], &self.dirs[0]).sqrt(),
            dot(&self.dirs[1], &self.dirs[1]).sqrt(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::mlp::MlpSpec;

    fn tiny(seed: u64) -> Mlp<f32> {
        let spec = MlpSpec {
            input: 6,
            hidden: vec![4, 3],
            output: 2,
            activation: crate::nn::Activation::Relu,
            init: crate::nn::Scheme::He,
            batch_norm: true,
            dropout: 0.0,
            dropout_style: crate::nn::mlp::DropoutStyle::Book,
        };
        Mlp::new(spec, &mut Rng::seeded(seed)).unwrap()
    }

    #[test]
    fn flatten_and_set_flat_are_inverse() {
        let (a, mut b) = (tiny(1), tiny(2));
        assert_ne!(flatten(&a), flatten(&b));
        set_flat(&mut b, &flatten(&a));
        assert_eq!(flatten(&a), flatten(&b));
        // 6·4 + 4 + 4 + 4, 4·3 + 3 + 3 + 3, 3·2 + 2.
        assert_eq!(flatten(&a).len(), 36 + 21 + 8);
    }

    #[test]
    fn principal_directions_are_orthonormal_and_explain_what_a_direct_computation_says() {
        // Five points in 3-D; the direct computation is the 3 × 3 covariance.
        let pts: Vec<Vec<f32>> = vec![
            vec![2.0, 0.0, 1.0],
            vec![-1.0, 1.0, 0.5],
            vec![0.5, -2.0, 0.0],
            vec![3.0, 1.5, -1.0],
            vec![-2.5, 0.0, 0.2],
        ];
        let refs: Vec<&[f32]> = pts.iter().map(Vec::as_slice).collect();
        let plane = Plane::pca(&refs).unwrap();
        let [d1, d2] = &plane.dirs;
        assert!((dot(d1, d1) - 1.0).abs() < 1e-5 && (dot(d2, d2) - 1.0).abs() < 1e-5);
        assert!(dot(d1, d2).abs() < 1e-5);
        let mean: Vec<f64> = (0..3)
            .map(|k| pts.iter().map(|p| f64::from(p[k])).sum::<f64>() / 5.0)
            .collect();
        let mut cov = nalgebra::Matrix3::<f64>::zeros();
        for p in &pts {
            let c = nalgebra::Vector3::from_iterator((0..3).map(|k| f64::from(p[k]) - mean[k]));
            cov += c * c.transpose();
        }
        let mut l: Vec<f64> = cov.symmetric_eigenvalues().iter().copied().collect();
        l.sort_by(|a, b| b.total_cmp(a));
        let total: f64 = l.iter().sum();
        let e = plane.explained.unwrap();
        // f32 weights: agreement to f32 precision.
        assert!(
            (e[0] - l[0] / total).abs() < 1e-6 && (e[1] - l[1] / total).abs() < 1e-6,
            "{e:?} vs {l:?}"
        );
        assert!((plane.origin[0] - 0.4).abs() < 1e-6);
        // Points on one line span no plane.
        let line: Vec<Vec<f32>> = (0..4).map(|i| vec![i as f32, 2.0 * i as f32]).collect();
        let refs: Vec<&[f32]> = line.iter().map(Vec::as_slice).collect();
        assert!(Plane::pca(&refs).is_err());
        assert!(Plane::pca(&refs[..2]).is_err());
    }

    #[test]
    fn filter_normalization_gives_each_filter_its_weights_norm() {
        let net = tiny(3);
        let plane = Plane::random(&net, 9);
        for d in &plane.dirs {
            let mut at = 0;
            for p in &net.params {
                let n = p.value.len();
                let part = &d[at..at + n];
                if p.decay {
                    for (f, w) in part
                        .chunks(p.value.nrows())
                        .zip(p.value.as_slice().chunks(p.value.nrows()))
                    {
                        let (nf, nw) = (dot(f, f).sqrt(), dot(w, w).sqrt());
                        assert!((nf - nw).abs() < 1e-5 * nw.max(1e-6), "{nf} vs {nw}");
                    }
                } else {
                    assert!(part.iter().all(|&x| x == 0.0), "biases, γ and β stay");
                }
                at += n;
            }
        }
        assert_ne!(plane.dirs[0], plane.dirs[1]);
        assert_eq!(plane.dirs, Plane::random(&net, 9).dirs, "seeded");
    }

    #[test]
    fn a_point_of_the_plane_projects_to_its_own_coordinates() {
        let net = tiny(4);
        let plane = Plane::random(&net, 1);
        let w = plane.at(0.3, -1.2);
        let [a, b] = plane.project(&w);
        assert!((a - 0.3).abs() < 1e-4 && (b + 1.2).abs() < 1e-4, "{a} {b}");
        // A point off the plane: its residual is orthogonal to both directions.
        let mut off = w.clone();
        off[0] += 0.5;
        let [a, b] = plane.project(&off);
        let p = plane.at(a, b);
        let r: Vec<f32> = off.iter().zip(&p).map(|(x, y)| x - y).collect();
        for d in &plane.dirs {
            assert!(dot(d, &r).abs() < 1e-4 * dot(d, d).sqrt(), "{}", dot(d, &r));
        }
    }
}
