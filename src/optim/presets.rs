//! Presets of the optimizer lab: each makes one claim of the lecture happen,
//! with one sentence saying what to look for. Native tests (below) prove that
//! each claim holds for the preset's numbers.

use super::surface::Surface;
use super::trajectory::{RunSpec, Setting};
use super::{Kind, Param};
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;
use crate::schedule::Schedule;

/// A complete configuration of the lab.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// Id used in links and on the command line.
    pub id: &'static str,
    /// Short title for the preset menu.
    pub title: &'static str,
    /// What to look for.
    pub sentence: &'static str,
    /// The surface.
    pub surface: Surface,
    /// Start, steps, schedule, noise.
    pub setting: Setting,
    /// The optimizers compared.
    pub runs: Vec<RunSpec>,
}

/// Every preset's id, in menu order.
pub const IDS: [&str; 9] = [
    "book",
    "nesterov",
    "saddle",
    "local-minimum",
    "adagrad-stops",
    "adam-bias",
    "rotated-bowl",
    "newton",
    "lbfgs-rosenbrock",
];

/// The book's start (−7, 2) on the bowl turned 45° (mirrored across the
/// valley so that it stays in the plot): u = −7 along the shallow diagonal,
/// v = −2 across it, x = (u + v)/√2, y = (u − v)/√2, to four digits.
pub const ROTATED_START: [f64; 2] = [-6.364, -3.536];

/// The book's four optimizers at the book's learning rates.
fn book_four() -> Vec<RunSpec> {
    use Kind::*;
    vec![
        RunSpec::with_lr(Sgd, 0.95),
        RunSpec::with_lr(Momentum, 0.1),
        RunSpec::with_lr(AdaGrad, 1.5),
        RunSpec::with_lr(Adam, 0.3),
    ]
}

fn setting(start: [f64; 2], steps: usize) -> Setting {
    Setting {
        start,
        steps,
        schedule: Schedule::Constant,
        noise: 0.0,
        seed: 1,
    }
}

impl Preset {
    /// The preset with id `id`.
    pub fn named(id: &str) -> Result<Preset> {
        use Kind::*;
        let p = |id, title, sentence, surface, setting, runs| Preset {
            id,
            title,
            sentence,
            surface,
            setting,
            runs,
        };
        Ok(match id {
            "book" => p(
                "book",
                tr("The book's figure", "책의 그림"),
                tr("SGD zig-zags across the narrow valley; Momentum rolls like a ball; AdaGrad and Adam take even steps along both axes. SGD's η = 0.95 sits just below the best fixed step for this bowl, 2/(λ₁ + λ₂) = 2/2.1 ≈ 0.952.", "SGD는 좁은 골짜기를 지그재그로 가로지르고, 모멘텀은 공처럼 굴러가며, AdaGrad와 Adam은 두 축 방향으로 고르게 나아갑니다. SGD의 η = 0.95는 이 그릇에 가장 좋은 고정 보폭 2/(λ₁ + λ₂) = 2/2.1 ≈ 0.952 바로 아래입니다."),
                Surface::Bowl,
                setting([-7.0, 2.0], 29),
                book_four(),
            ),
            "nesterov" => {
                let mut m = RunSpec::with_lr(Momentum, 0.1);
                m.hyper.set(Param::Momentum, 0.95)?;
                let mut n = RunSpec::with_lr(Nesterov, 0.1);
                n.hyper.set(Param::Momentum, 0.95)?;
                p(
                    "nesterov",
                    tr("Nesterov vs Momentum", "네스테로프 대 모멘텀"),
                    tr("With high momentum (α 0.95) Momentum overshoots again and again; Nesterov looks ahead before it steps and damps the swings.", "모멘텀이 클 때(α 0.95) 모멘텀은 계속 지나쳐 버리지만, 네스테로프는 한 걸음 앞을 내다본 뒤 움직여 흔들림을 줄입니다."),
                    Surface::Bowl,
                    setting([-7.0, 2.0], 80),
                    vec![m, n],
                )
            }
            "saddle" => p(
                "saddle",
                tr("Saddle point", "안장점"),
                tr("At the saddle the gradient is almost zero: SGD slows to a crawl there, while Momentum builds speed and Adam rescales the tiny gradient, and both escape.", "안장점에서는 기울기가 거의 0입니다. SGD는 거기서 거의 멈추지만, 모멘텀은 속도를 쌓고 Adam은 작은 기울기를 키워서 둘 다 빠져나갑니다."),
                Surface::Saddle,
                setting([-1.5, 1e-4], 60),
                vec![
                    RunSpec::with_lr(Sgd, 0.05),
                    RunSpec::with_lr(Momentum, 0.05),
                    RunSpec::with_lr(Adam, 0.05),
                ],
            ),
            "local-minimum" => p(
                "local-minimum",
                tr("Local minimum", "국소 최솟값"),
                tr("SGD settles in the first, shallow basin it meets; Momentum's velocity carries it over the ridge into the deeper, global minimum.", "SGD는 처음 만난 얕은 웅덩이에 머무르고, 모멘텀은 속도 덕분에 능선을 넘어 더 깊은 전역 최솟값에 도착합니다."),
                Surface::TwoBasins,
                setting([-4.0, 1.5], 150),
                vec![RunSpec::with_lr(Sgd, 0.05), RunSpec::with_lr(Momentum, 0.05)],
            ),
            "adagrad-stops" => {
                let mut r = RunSpec::with_lr(RmsProp, 0.15);
                r.hyper.set(Param::Rho, 0.9)?;
                p(
                    "adagrad-stops",
                    tr("AdaGrad stops early", "일찍 멈추는 AdaGrad"),
                    tr("AdaGrad's steps shrink like 1/√t, so it stalls far from the minimum; RMSProp forgets old gradients and keeps its pace.", "AdaGrad의 보폭은 1/√t처럼 줄어들어 최솟값에서 먼 곳에서 멈춥니다. RMSProp은 오래된 기울기를 잊어서 속도를 유지합니다."),
                    Surface::Bowl,
                    setting([-7.0, 2.0], 100),
                    vec![RunSpec::with_lr(AdaGrad, 0.15), r],
                )
            }
            "adam-bias" => {
                let mut raw = RunSpec::with_lr(Adam, 0.3);
                raw.hyper.set(Param::BiasCorrection, 0.0)?;
                p(
                    "adam-bias",
                    tr("Adam without bias correction", "편향 보정 없는 Adam"),
                    tr("Adam's averages start at zero; without bias correction its first steps are about three times too long and it overshoots.", "Adam의 이동 평균은 0에서 시작합니다. 편향 보정이 없으면 첫 걸음이 세 배쯤 길어져 지나쳐 버립니다."),
                    Surface::Bowl,
                    setting([-7.0, 2.0], 40),
                    vec![RunSpec::with_lr(Adam, 0.3), raw],
                )
            }
            "rotated-bowl" => p(
                "rotated-bowl",
                tr("Adam is axis-aligned", "축에 묶인 Adam"),
                tr("The book's bowl turned 45°: the same curvatures, now along the diagonals. SGD and Momentum draw the book's paths turned with it, since their rules do not care about axes. AdaGrad and Adam scale each axis by its own gradients, and here both axes feel the steep direction, so their even steps are gone: after 29 steps AdaGrad is about 170 times and Adam about 6 times higher than on the book's bowl. A per-axis scale cannot rotate the space.", "책의 그릇을 45° 돌렸습니다. 곡률은 같고 방향만 대각선입니다. SGD와 모멘텀의 규칙은 축을 신경 쓰지 않으므로 책의 경로를 그대로 돌린 모양을 그립니다. AdaGrad와 Adam은 축마다 그 축의 기울기로 크기를 조정하는데, 여기서는 두 축 모두 가파른 방향을 느끼므로 고른 걸음이 사라집니다. 29번 뒤 AdaGrad의 손실은 책의 그릇에서보다 약 170배, Adam은 약 6배 높습니다. 축별 크기 조정으로는 공간을 회전시킬 수 없습니다."),
                Surface::RotatedBowl,
                setting(ROTATED_START, 29),
                book_four(),
            ),
            "lbfgs-rosenbrock" => {
                let mut one = RunSpec::book(Lbfgs);
                one.hyper.set(Param::Memory, 1.0)?;
                p(
                    "lbfgs-rosenbrock",
                    tr("L-BFGS on Rosenbrock", "로젠브록의 L-BFGS"),
                    tr("From (−1.2, 1) the second-order methods follow the curved valley to (1, 1) within 1e-6: Newton in 6 steps with the full Hessian, BFGS in 36 with its n × n estimate, L-BFGS in 35 from its last 10 steps alone (62 from its last one). Momentum and Adam are still on the way after 100. Each quasi-Newton step searches along its direction for a step that meets the Wolfe conditions.", "(−1.2, 1)에서 출발한 2차 방법들은 휘어진 골짜기를 따라 (1, 1)의 1e-6 안에 도착합니다. 뉴턴법은 완전한 헤세 행렬로 6번, BFGS는 n × n 추정으로 36번, L-BFGS는 마지막 10걸음만 기억하고 35번(마지막 1걸음만으로는 62번)입니다. 모멘텀과 Adam은 100번 뒤에도 가는 중입니다. 준뉴턴법은 걸음마다 방향을 따라 울프 조건을 만족하는 보폭을 찾습니다."),
                    Surface::Rosenbrock,
                    setting([-1.2, 1.0], 100),
                    vec![
                        RunSpec::book(Newton),
                        RunSpec::book(Bfgs),
                        RunSpec::book(Lbfgs),
                        one,
                        RunSpec::with_lr(Momentum, 0.001),
                        RunSpec::with_lr(Adam, 0.3),
                    ],
                )
            }
            "newton" => p(
                "newton",
                tr("Newton's method", "뉴턴법"),
                tr("Newton's step jumps to the minimum of the local quadratic model: on this quadratic bowl it arrives in one step, with no learning rate to tune.", "뉴턴법은 국소 2차 모델의 최솟값으로 바로 뜁니다. 이 2차 그릇에서는 학습률을 조정하지 않고도 한 번에 도착합니다."),
                Surface::Bowl,
                setting([-7.0, 2.0], 10),
                vec![RunSpec::book(Newton), RunSpec::with_lr(Sgd, 0.95)],
            ),
            other => fail!("Unknown preset \"{other}\"; choose one of {}.","\"{other}\"은(는) 알 수 없는 프리셋입니다. 다음 중에서 고르세요: {}.", IDS.join(", ")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::surface::{TWO_BASINS_GLOBAL, TWO_BASINS_LOCAL};
    use super::super::trajectory::{run, Trajectory};
    use super::*;

    fn runs(id: &str) -> Vec<Trajectory> {
        let p = Preset::named(id).unwrap();
        p.runs
            .iter()
            .map(|r| run(&p.surface, r, &p.setting))
            .collect()
    }

    fn last(t: &Trajectory) -> [f64; 2] {
        *t.points.last().unwrap()
    }

    #[test]
    fn every_preset_exists_and_runs() {
        for id in IDS {
            let p = Preset::named(id).unwrap();
            assert_eq!(p.id, id);
            assert!(runs(id).iter().all(|t| t.diverged_at.is_none()), "{id}");
        }
        assert!(Preset::named("nope").is_err());
    }

    #[test]
    fn nesterov_damps_the_overshoot() {
        let t = runs("nesterov");
        // The swing across the valley (|y|) after the first 20 updates:
        // Momentum's decays like √α = 0.975 per update, Nesterov's like
        // √(α(1 − 2η)) = 0.87 (the roots of their linear recurrences on y²).
        let swing = |t: &Trajectory| {
            t.points[20..]
                .iter()
                .map(|p| p[1].abs())
                .fold(0.0, f64::max)
        };
        assert!(
            swing(&t[0]) > 5.0 * swing(&t[1]),
            "{} vs {}",
            swing(&t[0]),
            swing(&t[1])
        );
        assert!(t[1].values.last() < t[0].values.last());
    }

    #[test]
    fn saddle_sgd_stalls_momentum_and_adam_escape() {
        let t = runs("saddle");
        let [sx, sy] = last(&t[0]);
        assert!(
            sx.abs() < 0.01 && sy.abs() < 0.1,
            "SGD should sit at the saddle: ({sx}, {sy})"
        );
        assert!(last(&t[1])[1].abs() > 1.0, "Momentum escapes");
        assert!(last(&t[2])[1].abs() > 1.0, "Adam escapes");
    }

    #[test]
    fn local_minimum_sgd_stays_momentum_crosses() {
        let t = runs("local-minimum");
        let [x, _] = last(&t[0]);
        assert!((x - TWO_BASINS_LOCAL).abs() < 0.05, "SGD ends at {x}");
        let [x, _] = last(&t[1]);
        assert!((x - TWO_BASINS_GLOBAL).abs() < 0.2, "Momentum ends at {x}");
    }

    #[test]
    fn adagrad_stalls_rmsprop_arrives() {
        let t = runs("adagrad-stops");
        assert!(last(&t[0])[0] < -3.0, "AdaGrad ends at {:?}", last(&t[0]));
        let [x, y] = last(&t[1]);
        assert!(x.hypot(y) < 0.5, "RMSProp ends at ({x}, {y})");
        // AdaGrad's effective step keeps shrinking.
        assert!(t[0].effective[99][0] < t[0].effective[9][0] / 2.0);
    }

    #[test]
    fn adam_without_bias_correction_jumps_further_at_first() {
        let t = runs("adam-bias");
        let first = |t: &Trajectory| {
            let (a, b) = (t.points[0], t.points[1]);
            (b[0] - a[0]).hypot(b[1] - a[1])
        };
        let ratio = first(&t[1]) / first(&t[0]);
        assert!(
            (ratio - 10f64.sqrt()).abs() < 1e-3,
            "first step ratio {ratio}"
        );
    }

    #[test]
    fn turned_45_degrees_the_per_axis_methods_lose_their_edge() {
        // The preset's start is the book's, turned: the same height.
        let bowl = Surface::Bowl;
        let turned = Surface::RotatedBowl;
        let [x, y] = ROTATED_START;
        assert!((turned.value(x, y) - bowl.value(-7.0, 2.0)).abs() < 1e-3);
        let book = Preset::named("book").unwrap();
        let on_bowl: Vec<f64> = book
            .runs
            .iter()
            .map(|r| *run(&bowl, r, &book.setting).values.last().unwrap())
            .collect();
        let on_turned: Vec<f64> = runs("rotated-bowl")
            .iter()
            .map(|t| *t.values.last().unwrap())
            .collect();
        // SGD and Momentum: the same heights (up to the start's 4 digits).
        for i in 0..2 {
            let ratio = on_turned[i] / on_bowl[i];
            assert!((ratio - 1.0).abs() < 1e-3, "run {i}: {ratio}");
        }
        // AdaGrad about 170× and Adam about 6× higher, as the sentence says.
        let adagrad = on_turned[2] / on_bowl[2];
        let adam = on_turned[3] / on_bowl[3];
        assert!((150.0..190.0).contains(&adagrad), "AdaGrad ×{adagrad}");
        assert!((5.5..7.5).contains(&adam), "Adam ×{adam}");
    }

    #[test]
    fn lbfgs_races_newton_and_bfgs_down_rosenbrocks_valley() {
        let t = runs("lbfgs-rosenbrock");
        let arrival = |t: &Trajectory| {
            t.points
                .iter()
                .position(|p| (p[0] - 1.0).hypot(p[1] - 1.0) < 1e-6)
        };
        // The counts the sentence gives.
        let got: Vec<Option<usize>> = t.iter().map(arrival).collect();
        assert_eq!(got[..4], [Some(6), Some(36), Some(35), Some(62)], "{got:?}");
        for first_order in &t[4..] {
            let [x, y] = last(first_order);
            assert!(
                (x - 1.0).hypot(y - 1.0) > 0.1,
                "still on the way: ({x}, {y})"
            );
        }
    }

    #[test]
    fn newton_arrives_in_one_step() {
        let t = runs("newton");
        let [x, y] = t[0].points[1];
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
        assert!(t[1].values[1] > 1.0, "SGD is still far away");
    }
}
