//! What an optimizer's steps do along a direction of curvature λ: the
//! optimizer lab's quadratic analysis, applied to the network's sharpest
//! direction. One SGD step of rate η multiplies the distance to the valley's
//! floor by 1 − ηλ: for ηλ below 1 the steps fall short and the path slides
//! in; between 1 and 2 they overshoot and the sign flips every step, the
//! zig-zag (f = x²/20 + y² has λ = 2 across y, so SGD at η = 0.95 has
//! ηλ = 1.9); above 2 they diverge. With momentum α a direction swings when
//! ηλ lies above (1 − √α)² and is stable below 2(1 + α).

use crate::optim::{Hyper, Kind, Param};

/// What the steps do along a direction of curvature λ, for SGD at rate η
/// from 1 − ηλ, and for momentum α from the roots of r² − (1 + α − ηλ)r + α
/// (see the module's text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// The steps fall short; the path slides in.
    Slides,
    /// The steps overshoot; the sign flips, the zig-zag.
    ZigZags,
    /// Every step lands farther out (on a quadratic).
    Diverges,
    /// λ < 0: the direction curves down, a saddle's.
    CurvesDown,
}

impl Regime {
    /// The regime of optimizer `kind` with `hyper` along curvature `lambda`;
    /// None for the adaptive optimizers, whose per-weight scale makes ηλ
    /// the wrong number.
    pub fn of(kind: Kind, hyper: &Hyper, lambda: f64) -> Option<Regime> {
        let r = hyper.get(Param::Lr) * lambda;
        let (onset, limit) = Regime::bounds(kind, hyper)?;
        Some(if lambda < 0.0 {
            Regime::CurvesDown
        } else if r < onset {
            Regime::Slides
        } else if r < limit {
            Regime::ZigZags
        } else {
            Regime::Diverges
        })
    }

    /// ηλ's bounds for `kind`: where the zig-zag starts and where the steps
    /// diverge.
    pub fn bounds(kind: Kind, hyper: &Hyper) -> Option<(f64, f64)> {
        match kind {
            Kind::Sgd => Some((1.0, 2.0)),
            Kind::Momentum => {
                let a = hyper.get(Param::Momentum);
                Some(((1.0 - a.sqrt()).powi(2), 2.0 * (1.0 + a)))
            }
            _ => None,
        }
    }

    /// What the steps of `kind` with `hyper` do along curvature `lambda`, in
    /// a sentence for a student.
    pub fn sentence(kind: Kind, hyper: &Hyper, lambda: f64) -> String {
        use crate::i18n::tr;
        use crate::num::three;
        let r = three(hyper.get(Param::Lr) * lambda);
        let Some((regime, (onset, limit))) =
            Regime::of(kind, hyper, lambda).zip(Regime::bounds(kind, hyper))
        else {
            return tr(
                "Adaptive: each weight's step has its own scale, so ηλ does not decide what the steps do.".into(),
                "적응형: 가중치마다 걸음의 크기가 달라 ηλ로는 걸음이 어떻게 될지 정해지지 않습니다.".into(),
            );
        };
        let (onset, limit) = (three(onset), three(limit));
        match (regime, kind) {
            (Regime::CurvesDown, _) => tr(
                "Curves down (λ < 0): a saddle's direction, which the steps leave.".into(),
                "아래로 휩니다(λ < 0): 안장점의 방향이라 걸음이 그 방향을 벗어납니다.".into(),
            ),
            (Regime::Slides, Kind::Sgd) => tr(
                format!("Slides in: ηλ = {r} < 1, each step falls short of the valley's floor, so no zig-zag (the first lab's SGD at η 0.95 zig-zags across y: 0.95 × 2 = 1.9)."),
                format!("미끄러져 들어갑니다: ηλ = {r} < 1이라 걸음마다 골짜기 바닥에 못 미치므로 지그재그가 없습니다(첫 실습의 SGD는 η 0.95에서 y 방향으로 지그재그합니다: 0.95 × 2 = 1.9)."),
            ),
            (Regime::ZigZags, Kind::Sgd) => tr(
                format!("Zig-zags: 1 ≤ ηλ = {r} < 2, each step overshoots the valley's floor and the sign flips, as SGD does across y in the first lab."),
                format!("지그재그합니다: 1 ≤ ηλ = {r} < 2라 걸음마다 골짜기 바닥을 지나쳐 부호가 바뀝니다. 첫 실습에서 SGD가 y 방향으로 그러듯이."),
            ),
            (Regime::Slides, _) => tr(
                format!("Slides in: ηλ = {r} is below {onset}, where the momentum starts to swing."),
                format!("미끄러져 들어갑니다: ηλ = {r}가 모멘텀이 흔들리기 시작하는 {onset}보다 작습니다."),
            ),
            (Regime::ZigZags, _) => tr(
                format!("Swings: ηλ = {r} lies between {onset} and {limit}, so the velocity carries each step past the floor and back, the spiral of the first lab's Momentum."),
                format!("흔들립니다: ηλ = {r}가 {onset}와 {limit} 사이라 속도가 걸음을 바닥 너머로 갔다가 되돌아오게 합니다. 첫 실습의 모멘텀이 그리는 나선입니다."),
            ),
            (Regime::Diverges, _) => tr(
                format!("Past the limit: ηλ = {r} ≥ {limit}, where on a quadratic every step lands farther from the floor."),
                format!("한계를 넘었습니다: ηλ = {r} ≥ {limit}이면 이차식 위에서는 걸음마다 바닥에서 더 멀어집니다."),
            ),
        }
    }

    /// Its name in the command line's report.
    pub fn id(self) -> &'static str {
        match self {
            Regime::Slides => "slides",
            Regime::ZigZags => "zig-zags",
            Regime::Diverges => "diverges",
            Regime::CurvesDown => "curves-down",
        }
    }
}

/// What the steps do along the sharpest direction (see [`Regime::sentence`]),
/// and, when the measured loss rises much less or much more than the
/// quadratic model along the line (`rise`, see [`Along::rise`]), what that says.
pub fn sentences(kind: Kind, hyper: &Hyper, lambda: f64, rise: f64) -> String {
    use crate::i18n::tr;
    let mut out = Regime::sentence(kind, hyper, lambda);
    if rise < 0.5 {
        out.push(' ');
        out.push_str(tr(
            "The loss measured along the direction rises far less than the model: the curvature λ holds only very near the weights and farther out the valley is wider, so this is the quadratic analysis's verdict, which the run need not follow.",
            "그 방향으로 잰 손실은 모형보다 훨씬 적게 오릅니다: 곡률 λ는 가중치 바로 근처에서만 맞고 더 멀리서는 골짜기가 더 넓으므로, 이것은 이차 분석의 판정이며 실행이 꼭 따르지는 않습니다.",
        ));
    } else if rise > 2.0 {
        out.push(' ');
        out.push_str(tr(
            "The loss measured along the direction rises far more than the model: the valley is a quadratic only very near its floor and its walls are steeper.",
            "그 방향으로 잰 손실은 모형보다 훨씬 많이 오릅니다: 골짜기는 바닥 바로 근처에서만 이차식이고 벽은 더 가파릅니다.",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps of the optimizer on the one-dimensional valley f(x) = ½λx²
    /// from x = 1: whether the sign ever flips and whether |x| grows.
    fn simulate(kind: Kind, hyper: &Hyper, lambda: f64) -> (bool, bool) {
        let (lr, a) = (hyper.get(Param::Lr), hyper.get(Param::Momentum));
        let (mut x, mut v) = (1.0f64, 0.0f64);
        let mut flips = false;
        // Near the onset of the swing its period is long: many steps.
        for _ in 0..20_000 {
            let before = x;
            match kind {
                Kind::Sgd => x -= lr * lambda * x,
                _ => {
                    v = a * v - lr * lambda * x;
                    x += v;
                }
            }
            flips |= before * x < 0.0;
            if x.abs() > 1e100 {
                break;
            }
        }
        (flips, x.abs() > 1.0)
    }

    #[test]
    fn the_regimes_are_what_the_steps_do_on_a_quadratic_valley() {
        // The optimizer lab's f = x²/20 + y²: curvature 0.1 along x and 2
        // along y; SGD at the lab's η 0.95 slides along x and zig-zags across y.
        let mut sgd = Hyper::book(Kind::Sgd);
        sgd.set(Param::Lr, 0.95).unwrap();
        assert_eq!(Regime::of(Kind::Sgd, &sgd, 0.1), Some(Regime::Slides));
        assert_eq!(Regime::of(Kind::Sgd, &sgd, 2.0), Some(Regime::ZigZags));
        assert_eq!(Regime::of(Kind::Sgd, &sgd, 2.2), Some(Regime::Diverges));
        assert_eq!(Regime::of(Kind::Sgd, &sgd, -1.0), Some(Regime::CurvesDown));
        assert_eq!(Regime::of(Kind::Adam, &Hyper::book(Kind::Adam), 2.0), None);
        // Every regime against the steps themselves, for SGD and momentum.
        let mut momentum = Hyper::book(Kind::Momentum);
        momentum.set(Param::Lr, 0.1).unwrap();
        for (kind, hyper) in [(Kind::Sgd, &sgd), (Kind::Momentum, &momentum)] {
            for k in 1..400 {
                let lambda = 0.0005 * 1.03f64.powi(k);
                let (flips, grows) = simulate(kind, hyper, lambda);
                let expected = match (flips, grows) {
                    (false, false) => Regime::Slides,
                    (true, false) => Regime::ZigZags,
                    (_, true) => Regime::Diverges,
                };
                assert_eq!(
                    Regime::of(kind, hyper, lambda),
                    Some(expected),
                    "{kind:?} at λ = {lambda}"
                );
            }
        }
    }

    #[test]
    fn each_regime_has_a_sentence_in_both_languages() {
        let sgd = Hyper::book(Kind::Sgd);
        for lambda in [10.0, 150.0, 300.0, -1.0] {
            let en = Regime::sentence(Kind::Sgd, &sgd, lambda);
            let ko = crate::i18n::with(crate::i18n::Lang::Ko, || {
                Regime::sentence(Kind::Sgd, &sgd, lambda)
            });
            assert!(!en.is_empty() && en != ko, "{en}");
        }
    }
}
