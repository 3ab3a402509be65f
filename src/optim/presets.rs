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
pub const IDS: [&str; 7] = [
    "book",
    "nesterov",
    "saddle",
    "local-minimum",
    "adagrad-stops",
    "adam-bias",
    "newton",
];

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
                tr("SGD zig-zags across the narrow valley; Momentum rolls like a ball; AdaGrad and Adam take even steps along both axes.", "SGD는 좁은 골짜기를 지그재그로 가로지르고, 모멘텀은 공처럼 굴러가며, AdaGrad와 Adam은 두 축 방향으로 고르게 나아갑니다."),
                Surface::Bowl,
                setting([-7.0, 2.0], 29),
                vec![
                    RunSpec::with_lr(Sgd, 0.95),
                    RunSpec::with_lr(Momentum, 0.1),
                    RunSpec::with_lr(AdaGrad, 1.5),
                    RunSpec::with_lr(Adam, 0.3),
                ],
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
    fn newton_arrives_in_one_step() {
        let t = runs("newton");
        let [x, y] = t[0].points[1];
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
        assert!(t[1].values[1] > 1.0, "SGD is still far away");
    }
}
