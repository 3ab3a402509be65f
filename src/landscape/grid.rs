//! The loss over a plane as an n × n grid of nodes, centred on the plane's
//! origin, filled coarse to fine: first every eighth node (and the last row
//! and column), then every fourth, second and every node, so that a page can
//! draw the whole plane early and sharpen it.

use super::Plane;

/// The grid of loss values over `x` × `y` of a plane.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Nodes per side (odd, so that the origin is a node).
    pub n: usize,
    /// The plane's a from left to right.
    pub x: (f64, f64),
    /// The plane's b from bottom to top.
    pub y: (f64, f64),
    /// The loss at each node, row-major from the bottom row; NaN where not
    /// yet computed (or not finite).
    pub values: Vec<f64>,
    /// Whether each node is computed.
    pub done: Vec<bool>,
}

impl Grid {
    /// An empty grid of `n` nodes a side (made odd) over ±`half` of each axis.
    pub fn new(n: usize, half: [f64; 2]) -> Grid {
        let n = (n.max(3) | 1).min(201);
        Grid {
            n,
            x: (-half[0], half[0]),
            y: (-half[1], half[1]),
            values: vec![f64::NAN; n * n],
            done: vec![false; n * n],
        }
    }

    /// The plane coordinates of node (column `i`, row `j`).
    pub fn coords(&self, i: usize, j: usize) -> (f64, f64) {
        let t = |k: usize, (lo, hi): (f64, f64)| lo + (hi - lo) * k as f64 / (self.n - 1) as f64;
        (t(i, self.x), t(j, self.y))
    }

    /// The nodes in the order they are computed: a list per level, coarse first.
    pub fn levels(&self) -> Vec<Vec<(usize, usize)>> {
        let n = self.n;
        let mut seen = vec![false; n * n];
        let mut out = Vec::new();
        let mut stride = 8;
        while stride >= 1 {
            let on = |k: usize| k.is_multiple_of(stride) || k == n - 1;
            let mut level = Vec::new();
            for j in (0..n).filter(|&j| on(j)) {
                for i in (0..n).filter(|&i| on(i)) {
                    if !seen[j * n + i] {
                        seen[j * n + i] = true;
                        level.push((i, j));
                    }
                }
            }
            if !level.is_empty() {
                out.push(level);
            }
            stride /= 2;
        }
        out
    }

    /// Computes `nodes` with `loss`, which gets the weights of each node's point.
    pub fn fill(
        &mut self,
        plane: &Plane,
        nodes: &[(usize, usize)],
        mut loss: impl FnMut(&[f32]) -> f64,
    ) {
        for &(i, j) in nodes {
            let (a, b) = self.coords(i, j);
            let v = loss(&plane.at(a, b));
            self.values[j * self.n + i] = v;
            self.done[j * self.n + i] = true;
        }
    }

    /// The loss at plane point (a, b), bilinear between the nodes; nodes not
    /// yet computed take the value of the nearest computed one on their
    /// level's lattice (so a coarse grid draws as blocks, not holes).
    pub fn value_at(&self, a: f64, b: f64) -> f64 {
        let n = self.n;
        let u =
            ((a - self.x.0) / (self.x.1 - self.x.0) * (n - 1) as f64).clamp(0.0, (n - 1) as f64);
        let v =
            ((b - self.y.0) / (self.y.1 - self.y.0) * (n - 1) as f64).clamp(0.0, (n - 1) as f64);
        let (i0, j0) = (
            (u.floor() as usize).min(n - 2),
            (v.floor() as usize).min(n - 2),
        );
        let (fu, fv) = (u - i0 as f64, v - j0 as f64);
        let at = |i: usize, j: usize| self.nearest(i, j);
        let bottom = at(i0, j0) * (1.0 - fu) + at(i0 + 1, j0) * fu;
        let top = at(i0, j0 + 1) * (1.0 - fu) + at(i0 + 1, j0 + 1) * fu;
        bottom * (1.0 - fv) + top * fv
    }

    /// The value of node (i, j), or of the nearest computed node.
    fn nearest(&self, i: usize, j: usize) -> f64 {
        let n = self.n;
        if self.done[j * n + i] {
            return self.values[j * n + i];
        }
        let mut best = (usize::MAX, f64::NAN);
        for jj in 0..n {
            for ii in 0..n {
                if self.done[jj * n + ii] {
                    let d = ii.abs_diff(i).pow(2) + jj.abs_diff(j).pow(2);
                    if d < best.0 {
                        best = (d, self.values[jj * n + ii]);
                    }
                }
            }
        }
        best.1
    }

    /// A copy in which every node not yet computed has the value of the
    /// nearest computed one (for drawing a grid still being filled at the
    /// cost of one interpolation a point).
    pub fn filled(&self) -> Grid {
        let n = self.n;
        let mut out = self.clone();
        for j in 0..n {
            for i in 0..n {
                out.values[j * n + i] = self.nearest(i, j);
            }
        }
        out.done = vec![true; n * n];
        out
    }

    /// How many nodes are computed.
    pub fn computed(&self) -> usize {
        self.done.iter().filter(|&&d| d).count()
    }
}

/// A half-width for each axis that holds every projected point with a
/// quarter to spare (at least `least`).
pub fn half_widths(points: &[[f64; 2]], least: f64) -> [f64; 2] {
    let mut h = [least, least];
    for p in points {
        for k in 0..2 {
            if p[k].is_finite() {
                h[k] = h[k].max(1.25 * p[k].abs());
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_cover_every_node_once_coarse_first() {
        let g = Grid::new(31, [1.0, 1.0]);
        let levels = g.levels();
        // Every eighth of 0..30 plus 30: 0, 8, 16, 24, 30 → 25 nodes first.
        assert_eq!(levels[0].len(), 25);
        assert_eq!(levels.iter().map(Vec::len).sum::<usize>(), 31 * 31);
        let mut all: Vec<(usize, usize)> = levels.concat();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 961);
        assert_eq!(
            g.coords(15, 15),
            (0.0, 0.0),
            "the origin is the centre node"
        );
        assert_eq!(Grid::new(30, [1.0, 1.0]).n, 31, "odd");
    }

    #[test]
    fn a_quadratic_loss_gives_the_analytic_values_at_every_node_and_between() {
        // L(w) = Σ c_k w_k² on a 3-D plane through o with directions d1, d2:
        // L(a, b) = Σ c_k (o_k + a·d1_k + b·d2_k)², known at every point.
        let plane = Plane {
            origin: vec![0.5, -1.0, 0.0],
            dirs: [vec![1.0, 0.0, 0.0], vec![0.0, 0.6, 0.8]],
            explained: None,
        };
        let c = [2.0f64, 0.5, 1.0];
        let loss = |w: &[f32]| {
            w.iter()
                .zip(&c)
                .map(|(x, k)| k * f64::from(*x).powi(2))
                .sum::<f64>()
        };
        let exact = |a: f64, b: f64| {
            2.0 * (0.5 + a).powi(2) + 0.5 * (-1.0 + 0.6 * b).powi(2) + (0.8 * b).powi(2)
        };
        let mut g = Grid::new(11, [2.0, 3.0]);
        for level in g.levels() {
            g.fill(&plane, &level, loss);
        }
        assert_eq!(g.computed(), 121);
        for j in 0..11 {
            for i in 0..11 {
                let (a, b) = g.coords(i, j);
                assert!((g.values[j * 11 + i] - exact(a, b)).abs() < 1e-5, "{a} {b}");
            }
        }
        // The lowest node is the one nearest the analytic minimum along each
        // axis (the loss is separable there): a = −0.5 → node −0.4;
        // b = 0.5·0.6/(0.5·0.36 + 0.64) ≈ 0.366 → node 0.6 (not 0).
        let k = (0..121)
            .min_by(|&x, &y| g.values[x].total_cmp(&g.values[y]))
            .unwrap();
        let (a, b) = g.coords(k % 11, k / 11);
        assert!((a + 0.4).abs() < 1e-9 && (b - 0.6).abs() < 1e-9, "{a} {b}");
        // Between nodes: bilinear, close to the smooth loss.
        assert!((g.value_at(0.1, 0.1) - exact(0.1, 0.1)).abs() < 0.2);
    }

    #[test]
    fn a_coarse_grid_draws_as_blocks_of_its_nearest_nodes() {
        let plane = Plane {
            origin: vec![0.0],
            dirs: [vec![1.0], vec![0.0]],
            explained: None,
        };
        let mut g = Grid::new(31, [1.0, 1.0]);
        let first = g.levels().remove(0);
        g.fill(&plane, &first, |w| f64::from(w[0]));
        assert_eq!(g.computed(), 25);
        // Node (1, 0) is not computed: it takes node (0, 0)'s value, a = −1.
        assert!((g.value_at(g.coords(1, 0).0, -1.0) + 1.0).abs() < 1e-12);
        assert!(g.value_at(0.0, 0.0).is_finite());
        let f = g.filled();
        assert_eq!(f.computed(), 961);
        assert_eq!(f.values[1], g.values[0]);
        assert!(f.values.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn half_widths_hold_every_point() {
        assert_eq!(half_widths(&[[1.0, -4.0], [-2.0, 0.5]], 0.1), [2.5, 5.0]);
        assert_eq!(half_widths(&[], 0.1), [0.1, 0.1]);
        assert_eq!(half_widths(&[[f64::NAN, 0.0]], 1.0), [1.0, 1.0]);
    }
}
