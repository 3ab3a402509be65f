//! A run of one optimizer on a surface, recorded as data: the start point and
//! one point per update, with the loss, the scheduled learning rate and the
//! effective learning rate |Δw_i|/|g_i| of every update on each axis.
//!
//! A run that produces a non-finite number, or leaves the box |x|, |y| ≤ 10⁶,
//! stops there and reports the update at which it diverged.

use super::bfgs::Bfgs;
use super::lbfgs::Lbfgs;
use super::quasi::Memory;
use super::surface::Surface;
use super::{newton, update, Hyper, Kind, Param, Slot};
use crate::rng::Rng;
use crate::schedule::Schedule;

/// Coordinates beyond this are treated as divergence.
pub const BOX: f64 = 1e6;

/// What to run: an optimizer with its hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunSpec {
    /// Which optimizer.
    pub kind: Kind,
    /// Its hyperparameters.
    pub hyper: Hyper,
    /// Drawn on the plot (hidden runs are kept but not shown).
    pub visible: bool,
}

impl RunSpec {
    /// `kind` with the book's defaults.
    pub fn book(kind: Kind) -> Self {
        Self {
            kind,
            hyper: Hyper::book(kind),
            visible: true,
        }
    }

    /// A legend label: the optimizer, its learning rate, and whatever
    /// differs from the book's defaults.
    pub fn label(&self) -> String {
        use super::param::HYPERPARAMETERS;
        use crate::catalogue::Domain;
        use crate::num::num;
        let book = Hyper::book(self.kind);
        let mut s = format!("{} η={}", self.kind.label(), num(self.hyper.get(Param::Lr)));
        for p in self.kind.params() {
            let (v, d) = (self.hyper.get(p), book.get(p));
            if p == Param::Lr || v == d {
                continue;
            }
            let h = &HYPERPARAMETERS[p as usize];
            match h.entry.domain {
                Domain::Flag { .. } => {
                    let state = if v != 0.0 {
                        crate::i18n::tr("on", "켬")
                    } else {
                        crate::i18n::tr("off", "끔")
                    };
                    s.push_str(&format!(", {} {state}", h.entry.label()));
                }
                _ => s.push_str(&format!(" {}={}", h.symbol, num(v))),
            }
        }
        s
    }

    /// `kind` with the book's defaults and learning rate `lr`.
    pub fn with_lr(kind: Kind, lr: f64) -> Self {
        let mut s = Self::book(kind);
        s.hyper
            .set(Param::Lr, lr)
            .expect("a preset's learning rate is in range");
        s
    }
}

/// Settings shared by every run in a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// Where every run starts.
    pub start: [f64; 2],
    /// Number of updates.
    pub steps: usize,
    /// Learning-rate schedule (its total follows `steps`).
    pub schedule: Schedule,
    /// Standard deviation of Gaussian noise added to each gradient component,
    /// to imitate mini-batch gradients.
    pub noise: f64,
    /// Seed of that noise; every run sees the same noise sequence.
    pub seed: u64,
}

/// The recorded run.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// The start and the point after each update.
    pub points: Vec<[f64; 2]>,
    /// f at each point.
    pub values: Vec<f64>,
    /// Learning rate used by each update (after the schedule).
    pub lrs: Vec<f64>,
    /// Effective learning rate of each update, per axis: |Δw_i| / |g_i|
    /// (0 where the gradient component is 0).
    pub effective: Vec<[f64; 2]>,
    /// The update (counted from 1) at which the run diverged, if it did.
    pub diverged_at: Option<usize>,
}

/// Runs `spec` on `surface`.
pub fn run(surface: &Surface, spec: &RunSpec, setting: &Setting) -> Trajectory {
    let mut runner = Runner::new(surface, spec, setting);
    let w = setting.start;
    let mut out = Trajectory {
        points: vec![w],
        values: vec![surface.value(w[0], w[1])],
        lrs: Vec::with_capacity(setting.steps),
        effective: Vec::with_capacity(setting.steps),
        diverged_at: None,
    };
    for t in 0..setting.steps {
        let u = runner.advance();
        if !u.finite() {
            out.diverged_at = Some(t + 1);
            break;
        }
        let (g, before, w) = (u.grad, u.before, u.after);
        let ratio = |i: usize| {
            if g[i] == 0.0 {
                0.0
            } else {
                ((w[i] - before[i]) / g[i]).abs()
            }
        };
        out.effective.push([ratio(0), ratio(1)]);
        out.lrs.push(u.lr);
        out.points.push(w);
        out.values.push(u.value);
    }
    out
}

/// One update as it was made: the points, the gradient used (noise
/// included), the rate, and the optimizer's state before and after.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Update {
    /// The point before the update.
    pub before: [f64; 2],
    /// The point after it.
    pub after: [f64; 2],
    /// f after it.
    pub value: f64,
    /// The gradient the update used (with the gradient noise).
    pub grad: [f64; 2],
    /// The learning rate after the schedule.
    pub lr: f64,
    /// The first state buffer ([`super::Slot::a`]) before and after.
    pub a: [[f64; 2]; 2],
    /// The second buffer ([`super::Slot::b`]) before and after.
    pub b: [[f64; 2]; 2],
    /// The update's number, from 1.
    pub t: u64,
    /// BFGS and L-BFGS: the search direction and the accepted length.
    pub search: Option<([f64; 2], f64)>,
}

impl Update {
    /// Whether the update stayed finite and inside [`BOX`].
    pub fn finite(&self) -> bool {
        self.after.iter().all(|c| c.is_finite() && c.abs() <= BOX)
            && self.value.is_finite()
            && self.grad.iter().all(|c| c.is_finite())
    }
}

/// One run in progress: the optimizer's state between updates. [`run`]
/// records every update; the lab's anatomy replays one update to take it apart.
pub struct Runner<'a> {
    surface: &'a Surface,
    spec: &'a RunSpec,
    schedule: Schedule,
    noise: f64,
    rng: Rng,
    slot: Slot<f64>,
    memory: Option<Memory>,
    /// The previous point and its gradient, for the quasi-Newton memories.
    last: Option<([f64; 2], [f64; 2])>,
    w: [f64; 2],
    value: f64,
    t: usize,
}

impl<'a> Runner<'a> {
    /// `spec` on `surface`, at the setting's start.
    pub fn new(surface: &'a Surface, spec: &'a RunSpec, setting: &Setting) -> Self {
        let memory = match spec.kind {
            Kind::Bfgs => Some(Memory::Full(Bfgs::new(2))),
            // Whole from 1 to 20 by its entry.
            Kind::Lbfgs => Some(Memory::Limited(Lbfgs::new(
                spec.hyper.get(Param::Memory) as usize
            ))),
            _ => None,
        };
        let w = setting.start;
        Runner {
            surface,
            spec,
            schedule: setting.schedule.with_total(setting.steps),
            noise: setting.noise,
            rng: Rng::seeded(setting.seed),
            slot: Slot::new(2),
            memory,
            last: None,
            w,
            value: surface.value(w[0], w[1]),
            t: 0,
        }
    }

    /// Makes the next update.
    pub fn advance(&mut self) -> Update {
        let (surface, spec) = (self.surface, self.spec);
        let w = self.w;
        let local = surface.local(w[0], w[1]);
        let mut g = local.grad;
        if self.noise > 0.0 {
            g[0] += self.noise * self.rng.normal();
            g[1] += self.noise * self.rng.normal();
        }
        let lr = self.schedule.lr_at(spec.hyper.get(Param::Lr), self.t);
        let pair = |v: &[f64]| [v[0], v[1]];
        let (a0, b0) = (pair(&self.slot.a), pair(&self.slot.b));
        let mut search = None;
        let next = if let Some(memory) = self.memory.as_mut() {
            let fg = |p: &[f64]| {
                (
                    surface.value(p[0], p[1]),
                    surface.local(p[0], p[1]).grad.to_vec(),
                )
            };
            let previous = self.last.as_ref().map(|(wp, gp)| (&wp[..], &gp[..]));
            let taken = memory.step(fg, &w, self.value, &g, previous, lr);
            self.last = Some((w, g));
            search = Some((pair(&taken.direction), taken.t));
            pair(&taken.next)
        } else if spec.kind == Kind::Newton {
            newton::step(w, g, local.hess, lr, spec.hyper.get(Param::Damping))
        } else {
            let mut next = w;
            update(spec.kind, &spec.hyper, &mut self.slot, &mut next, &g, lr);
            next
        };
        self.t += 1;
        self.w = next;
        self.value = surface.value(next[0], next[1]);
        Update {
            before: w,
            after: next,
            value: self.value,
            grad: g,
            lr,
            a: [a0, pair(&self.slot.a)],
            b: [b0, pair(&self.slot.b)],
            t: self.t as u64,
            search,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(start: [f64; 2], steps: usize) -> Setting {
        Setting {
            start,
            steps,
            schedule: Schedule::Constant,
            noise: 0.0,
            seed: 1,
        }
    }

    #[test]
    fn records_start_plus_one_point_per_update() {
        let t = run(
            &Surface::Bowl,
            &RunSpec::with_lr(Kind::Sgd, 0.1),
            &setting([-7.0, 2.0], 10),
        );
        assert_eq!(t.points.len(), 11);
        assert_eq!(t.values.len(), 11);
        assert_eq!(t.lrs.len(), 10);
        assert_eq!(t.points[0], [-7.0, 2.0]);
        assert_eq!(t.diverged_at, None);
        // SGD's effective step is its learning rate.
        assert!(t
            .effective
            .iter()
            .flatten()
            .all(|e| (e - 0.1).abs() < 1e-12));
    }

    #[test]
    fn divergence_is_reported_not_a_panic() {
        // SGD with η = 1.5 on y²: y ← y − 3y = −2y, so |y| doubles each update
        // and passes 10⁶ after ⌈log2(10⁶/2)⌉ = 19 updates.
        let t = run(
            &Surface::Bowl,
            &RunSpec::with_lr(Kind::Sgd, 1.5),
            &setting([0.0, 2.0], 100),
        );
        assert_eq!(t.diverged_at, Some(19));
        assert_eq!(t.points.len(), 19);
        assert!(t.points.iter().all(|p| p[1].abs() <= BOX));
        // A typed surface that is undefined away from the start.
        let s = Surface::parse("sqrt(1 - x^2 - y^2)").unwrap();
        let t = run(
            &s,
            &RunSpec::with_lr(Kind::Sgd, 1.0),
            &setting([0.5, 0.0], 50),
        );
        assert!(t.diverged_at.is_some());
    }

    #[test]
    fn lbfgs_and_bfgs_solve_rosenbrock_from_the_classic_start() {
        // (1 − x)² + 100(y − x²)² from (−1.2, 1): within 1e-6 of (1, 1) in
        // well under 100 updates (35 for L-BFGS with m = 10, 36 for BFGS, as
        // measured when written), and every accepted step lowers f.
        for (kind, within) in [(Kind::Lbfgs, 50), (Kind::Bfgs, 50)] {
            let t = run(
                &Surface::Rosenbrock,
                &RunSpec::book(kind),
                &setting([-1.2, 1.0], 200),
            );
            assert_eq!(t.diverged_at, None);
            let at = t
                .points
                .iter()
                .position(|p| ((p[0] - 1.0).powi(2) + (p[1] - 1.0).powi(2)).sqrt() < 1e-6)
                .unwrap_or_else(|| panic!("{kind:?} ends at {:?}", t.points.last()));
            assert!(at < within, "{kind:?} needs {at} updates");
            assert!(at > 10, "{kind:?} in {at}: the valley is not that easy");
            assert!(
                t.values.windows(2).all(|v| v[1] <= v[0]),
                "{kind:?} went uphill"
            );
        }
        // The memory matters: m = 1 is slower than the book's m = 10.
        let reach = |m: f64| {
            let mut spec = RunSpec::book(Kind::Lbfgs);
            spec.hyper.set(Param::Memory, m).unwrap();
            let t = run(&Surface::Rosenbrock, &spec, &setting([-1.2, 1.0], 400));
            t.values
                .iter()
                .position(|v| *v < 1e-12)
                .unwrap_or(usize::MAX)
        };
        assert!(
            reach(1.0) >= reach(10.0),
            "{} vs {}",
            reach(1.0),
            reach(10.0)
        );
    }

    #[test]
    fn noise_is_seeded() {
        let mut s = setting([-7.0, 2.0], 20);
        s.noise = 0.5;
        let spec = RunSpec::with_lr(Kind::Sgd, 0.1);
        let a = run(&Surface::Bowl, &spec, &s);
        assert_eq!(a, run(&Surface::Bowl, &spec, &s));
        s.seed = 2;
        assert_ne!(a.points, run(&Surface::Bowl, &spec, &s).points);
        s.noise = 0.0;
        assert_ne!(a.points, run(&Surface::Bowl, &spec, &s).points);
    }

    #[test]
    fn schedule_sets_each_updates_rate() {
        let mut s = setting([-7.0, 2.0], 4);
        s.schedule = Schedule::Cosine { total: 1 };
        let t = run(&Surface::Bowl, &RunSpec::with_lr(Kind::Sgd, 0.4), &s);
        // Cosine over the 4 updates: 0.4·(1 + cos(tπ/4))/2 for t = 0..3.
        let expected: Vec<f64> = (0..4)
            .map(|k| 0.2 * (1.0 + (k as f64 * std::f64::consts::PI / 4.0).cos()))
            .collect();
        assert!(t
            .lrs
            .iter()
            .zip(&expected)
            .all(|(a, b)| (a - b).abs() < 1e-15));
    }
}
