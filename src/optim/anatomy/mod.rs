//! One update taken apart: the vectors that add up to one step of one
//! optimizer, for drawing as arrows on the plot with their numbers.
//!
//! The run is replayed to the update with [`Runner`], the same code that
//! records the paths, and the parts are read from the optimizer's state
//! before and after that update: the step drawn is the step taken, and the
//! parts are the terms of the book's update rule evaluated on that state.
//! The tests check that the parts add up to the step for every optimizer.

use super::surface::Surface;
use super::trajectory::{RunSpec, Runner, Setting, Update};
use super::{Kind, Param};
use crate::i18n::tr;
use crate::num::three;

/// What an arrow stands for (its colour and dash on the plot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// A multiple of the negative gradient.
    Gradient,
    /// The velocity or momentum carried from earlier updates.
    Velocity,
    /// Nesterov's look-ahead: from the heavy ball to where the gradient is taken.
    LookAhead,
    /// A step before a factor is applied (Adam before its bias correction,
    /// BFGS's search direction before the line search's length).
    Before,
    /// The update itself.
    Step,
}

/// One arrow, in the surface's coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// What it is.
    pub term: Term,
    /// Its symbol, as written beside it (−η∇f, αv, Δw …).
    pub symbol: &'static str,
    /// Tail.
    pub from: [f64; 2],
    /// Head.
    pub to: [f64; 2],
}

impl Arrow {
    /// Head minus tail.
    pub fn vector(&self) -> [f64; 2] {
        [self.to[0] - self.from[0], self.to[1] - self.from[1]]
    }
}

/// The parts of one update.
#[derive(Debug, Clone, PartialEq)]
pub struct Anatomy {
    /// Which update, counted from 1.
    pub update: usize,
    /// The optimizer.
    pub kind: Kind,
    /// The point the update starts from.
    pub at: [f64; 2],
    /// The arrows, in the order they are added (the step last).
    pub arrows: Vec<Arrow>,
    /// The per-axis factor on the step (AdaGrad, RMSProp, Adam: 1/(√h + ε);
    /// AdaDelta: √(E[Δw²] + ε)/√(E[g²] + ε)), drawn as a glyph.
    pub scale: Option<[f64; 2]>,
    /// Adam's bias-correction factor on this update.
    pub bias: Option<f64>,
    /// Nesterov: the heavy ball's position, W − αv (the path records the
    /// look-ahead point, where the gradient is taken).
    pub ball: Option<[f64; 2]>,
    /// BFGS and L-BFGS: the length t the line search accepted along d.
    pub length: Option<f64>,
    /// (what, value) rows for the table beside the plot, in the current language.
    pub rows: Vec<(String, String)>,
}

fn vector(v: [f64; 2]) -> String {
    format!("({}, {})", three(v[0]), three(v[1]))
}

/// The table's row name for a per-axis scale given by `formula`.
fn scale_label(formula: &str) -> String {
    format!("{} {formula}", tr("Per-axis scale", "축별 배율"))
}

fn add(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [a[0] + b[0], a[1] + b[1]]
}

fn times(k: f64, v: [f64; 2]) -> [f64; 2] {
    [k * v[0], k * v[1]]
}

/// Replays `spec` on `surface` to update `update` (from 1) and takes that
/// update apart; `None` when the run has no such update (0, beyond the
/// steps, or at or after the update where it diverged).
pub fn take_apart(
    surface: &Surface,
    spec: &RunSpec,
    setting: &Setting,
    update: usize,
) -> Option<Anatomy> {
    if update == 0 || update > setting.steps {
        return None;
    }
    let mut runner = Runner::new(surface, spec, setting);
    for _ in 1..update {
        if !runner.advance().finite() {
            return None;
        }
    }
    let u = runner.advance();
    u.finite().then(|| parts(spec, &u, update))
}

fn parts(spec: &RunSpec, u: &Update, update: usize) -> Anatomy {
    let h = &spec.hyper;
    let (w, g, lr) = (u.before, u.grad, u.lr);
    let step = [u.after[0] - w[0], u.after[1] - w[1]];
    let neg = times(-lr, g);
    let mut rows = vec![
        (tr("Gradient ∇f", "기울기 ∇f").to_string(), vector(g)),
        (
            tr("Learning rate η", "학습률 η").to_string(),
            three(lr).to_string(),
        ),
    ];
    let mut row = |en: &str, ko: &str, value: String| rows.push((tr(en, ko).to_string(), value));
    let arrow = |term, symbol, from, to| Arrow {
        term,
        symbol,
        from,
        to,
    };
    let mut arrows = Vec::new();
    let (mut scale, mut bias, mut ball, mut length) = (None, None, None, None);
    let per_axis = |root: [f64; 2]| [1.0 / root[0], 1.0 / root[1]];
    let eps = h.get(Param::Eps);
    let inside = h.flag(Param::EpsInside);
    match spec.kind {
        Kind::Sgd => {}
        Kind::Momentum => {
            let alpha = h.get(Param::Momentum);
            let carried = times(alpha, u.a[0]);
            row("Momentum α", "모멘텀 α", three(alpha).to_string());
            row("Velocity before, v", "이전 속도 v", vector(u.a[0]));
            row("Velocity term αv", "속도 항 αv", vector(carried));
            row("Gradient term −η∇f", "기울기 항 −η∇f", vector(neg));
            arrows.push(arrow(Term::Velocity, "αv", w, add(w, carried)));
            arrows.push(arrow(
                Term::Gradient,
                "−η∇f",
                add(w, carried),
                add(add(w, carried), neg),
            ));
        }
        Kind::Nesterov => {
            let alpha = h.get(Param::Momentum);
            let v = u.a[0];
            let carried = times(alpha * alpha, v);
            let pushed = times(1.0 + alpha, neg);
            let at_ball = add(w, times(-alpha, v));
            row("Momentum α", "모멘텀 α", three(alpha).to_string());
            row("Velocity before, v", "이전 속도 v", vector(v));
            row(
                "Heavy ball W; the gradient is taken ahead, at W + αv",
                "공의 위치 W; 기울기는 앞선 점 W + αv에서 잽니다",
                vector(at_ball),
            );
            row("Velocity term α²v", "속도 항 α²v", vector(carried));
            row(
                "Gradient term −(1 + α)η∇f",
                "기울기 항 −(1 + α)η∇f",
                vector(pushed),
            );
            if v != [0.0, 0.0] {
                arrows.push(arrow(Term::LookAhead, "αv", at_ball, w));
                ball = Some(at_ball);
            }
            arrows.push(arrow(Term::Velocity, "α²v", w, add(w, carried)));
            arrows.push(arrow(
                Term::Gradient,
                "−(1+α)η∇f",
                add(w, carried),
                add(add(w, carried), pushed),
            ));
        }
        Kind::AdaGrad | Kind::RmsProp => {
            let acc = u.a[1];
            let s = if inside {
                per_axis([(acc[0] + eps).sqrt(), (acc[1] + eps).sqrt()])
            } else {
                per_axis([acc[0].sqrt() + eps, acc[1].sqrt() + eps])
            };
            if spec.kind == Kind::AdaGrad {
                row(
                    "Sum of squared gradients h",
                    "기울기 제곱의 합 h",
                    vector(acc),
                );
            } else {
                row(
                    "Moving average of squared gradients h",
                    "기울기 제곱의 이동 평균 h",
                    vector(acc),
                );
            }
            let formula = if inside {
                "1/√(h + ε)"
            } else {
                "1/(√h + ε)"
            };
            rows.push((scale_label(formula), vector(s)));
            scale = Some(s);
            arrows.push(arrow(Term::Gradient, "−η∇f", w, add(w, neg)));
        }
        Kind::Adam => {
            let (beta1, beta2) = (h.get(Param::Beta1), h.get(Param::Beta2));
            let (m, v) = (u.a[1], u.b[1]);
            let t = u.t.min(i32::MAX as u64) as i32;
            let (c1, c2) = if h.flag(Param::BiasCorrection) {
                (1.0 - beta1.powi(t), 1.0 - beta2.powi(t))
            } else {
                (1.0, 1.0)
            };
            let (s, k, formula) = if inside {
                (
                    per_axis([(v[0] / c2 + eps).sqrt(), (v[1] / c2 + eps).sqrt()]),
                    1.0 / c1,
                    ("1/√(v̂ + ε)", "1/(1 − β₁ᵗ)"),
                )
            } else {
                (
                    per_axis([v[0].sqrt() + eps, v[1].sqrt() + eps]),
                    c2.sqrt() / c1,
                    ("1/(√v + ε)", "√(1 − β₂ᵗ)/(1 − β₁ᵗ)"),
                )
            };
            row(
                "First moment m (momentum)",
                "1차 모멘트 m (모멘텀)",
                vector(m),
            );
            row("Second moment v", "2차 모멘트 v", vector(v));
            rows.push((scale_label(formula.0), vector(s)));
            rows.push((
                format!(
                    "{} {} (t = {t})",
                    tr("Bias correction", "편향 보정"),
                    formula.1
                ),
                three(k).to_string(),
            ));
            scale = Some(s);
            bias = Some(k);
            let momentum = times(-lr, m);
            arrows.push(arrow(Term::Gradient, "−η∇f", w, add(w, neg)));
            arrows.push(arrow(Term::Velocity, "−ηm", w, add(w, momentum)));
            if k != 1.0 {
                let before = [momentum[0] * s[0], momentum[1] * s[1]];
                arrows.push(arrow(Term::Before, "−ηm⊙s", w, add(w, before)));
            }
        }
        Kind::AdaDelta => {
            let (eg, ed) = (u.a[1], u.b[0]);
            let s = [
                (ed[0] + eps).sqrt() / (eg[0] + eps).sqrt(),
                (ed[1] + eps).sqrt() / (eg[1] + eps).sqrt(),
            ];
            row("Moving average E[g²]", "이동 평균 E[g²]", vector(eg));
            row(
                "Moving average of past steps E[Δw²]",
                "지난 이동의 이동 평균 E[Δw²]",
                vector(ed),
            );
            rows.push((scale_label("√(E[Δw²] + ε)/√(E[g²] + ε)"), vector(s)));
            scale = Some(s);
            arrows.push(arrow(Term::Gradient, "−η∇f", w, add(w, neg)));
        }
        Kind::Newton => {
            row(
                "Damping λ (the step is −η(H + λI)⁻¹∇f)",
                "감쇠 λ (이동은 −η(H + λI)⁻¹∇f)",
                three(h.get(Param::Damping)).to_string(),
            );
            arrows.push(arrow(Term::Gradient, "−η∇f", w, add(w, neg)));
        }
        Kind::Bfgs | Kind::Lbfgs => {
            if let Some((d, t)) = u.search {
                row("Search direction d = −H̃∇f", "탐색 방향 d = −H̃∇f", vector(d));
                row(
                    "Length t from the line search (weak Wolfe)",
                    "선 탐색(약한 울프 조건)이 고른 길이 t",
                    three(t).to_string(),
                );
                arrows.push(arrow(Term::Gradient, "−∇f", w, add(w, times(-1.0, g))));
                arrows.push(arrow(Term::Before, "d", w, add(w, d)));
                length = Some(t);
            }
        }
    }
    rows.push((tr("Step Δw", "이동 Δw").to_string(), vector(step)));
    arrows.push(arrow(Term::Step, "Δw", w, u.after));
    Anatomy {
        update,
        kind: spec.kind,
        at: w,
        arrows,
        scale,
        bias,
        ball,
        length,
        rows,
    }
}

#[cfg(test)]
mod tests;
