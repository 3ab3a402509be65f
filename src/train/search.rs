//! Hyperparameter search: the dimensions a search may vary (each a training
//! setting with its scale, seed 004: α as 10^r), the space of one search,
//! its trials (random, or on a grid), and narrowing to the best (coarse to
//! fine).
//!
//! A space is written as a set of settings whose values are ranges:
//! `lr=log:1e-6:1e-2;l2=log:1e-8:1e-4` (the book's search).

use super::config::{Length, TrainConfig};
use crate::catalogue::{self, grammar, Domain, Entry, Scale, Words};
use crate::error::Result;
use crate::fail;
use crate::nn::mlp::Decay;
use crate::num::{self, num, short};
use crate::rng::Rng;

/// A setting a search may vary, and how it samples it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dimension {
    /// The training setting's key.
    pub key: &'static str,
    /// How values are spread between the ends.
    pub scale: Scale,
    /// The ends of the range, as values of the setting.
    pub range: (f64, f64),
}

/// The dimensions a search may vary, with the book's ranges.
pub const DIMENSIONS: [Dimension; 2] = [
    Dimension {
        key: "lr",
        scale: Scale::Log,
        range: (1e-6, 1e-2),
    },
    Dimension {
        key: "l2",
        scale: Scale::Log,
        range: (1e-8, 1e-4),
    },
];

const WHAT: Words = ("search dimension", "탐색 차원");

/// The search's own settings (the page's controls of the search panel).
pub static SETTINGS: [Entry; 3] = [
    Entry {
        key: "trials",
        aliases: &[],
        label: ("number of trials", "시도 횟수"),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 1,
            max: 400,
            default: Some(100),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "layout",
        aliases: &[],
        label: ("layout of the trials", "시도의 배치"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &[
                catalogue::Choice {
                    id: "random",
                    label: ("random", "무작위"),
                },
                catalogue::Choice {
                    id: "grid",
                    label: ("grid", "격자"),
                },
                catalogue::Choice {
                    id: "both",
                    label: ("both, to compare", "둘 다 비교"),
                },
            ],
            default: "random",
        },
        live: false,
    },
    Entry {
        key: "space",
        aliases: &[],
        label: ("search space", "탐색 공간"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "lr=log:1e-6:1e-2;l2=log:1e-8:1e-4",
            max_len: 300,
            choices: &[],
        },
        live: false,
    },
];

/// The ranges of one search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchSpace {
    /// The dimensions varied, in order.
    pub dims: Vec<Dimension>,
}

impl Default for SearchSpace {
    /// The book's: learning rate 10⁻⁶…10⁻², weight decay 10⁻⁸…10⁻⁴.
    fn default() -> Self {
        Self {
            dims: DIMENSIONS.to_vec(),
        }
    }
}

fn entry_of(key: &str) -> Option<Entry> {
    super::settings::entries().into_iter().find(|e| e.is(key))
}

impl SearchSpace {
    /// Reads a space: `key=log:LO:HI` items (`linear:` for a linear scale).
    pub fn parse(text: &str) -> Result<Self> {
        let mut dims = Vec::new();
        for item in grammar::items(text)? {
            let Some(key) = item.key else {
                fail!(
                    "Write each range as name=scale:low:high, like lr=log:1e-6:1e-2, not \"{}\".",
                    "범위는 lr=log:1e-6:1e-2처럼 이름=눈금:아래:위로 쓰세요. \"{}\"는 그런 꼴이 아닙니다.",
                    short(item.value)
                );
            };
            let Some(known) = DIMENSIONS
                .iter()
                .find(|d| entry_of(key).is_some_and(|e| e.key == d.key))
            else {
                let keys = DIMENSIONS.map(|d| d.key).join(", ");
                let what = crate::i18n::tr(WHAT.0, WHAT.1);
                fail!(
                    "Unknown {what} \"{}\"; a search can vary {keys}.",
                    "\"{}\"은(는) 알 수 없는 {what}입니다. 탐색할 수 있는 것은 {keys}입니다.",
                    short(key)
                );
            };
            let parts: Vec<&str> = item.value.split(':').map(str::trim).collect();
            let (scale, lo, hi) = match parts[..] {
                ["log", lo, hi] => (Scale::Log, lo, hi),
                ["linear", lo, hi] => (Scale::Linear, lo, hi),
                [lo, hi] => (known.scale, lo, hi),
                _ => fail!(
                    "The range of {} must be written scale:low:high, like log:1e-6:1e-2, got \"{}\".",
                    "{}의 범위는 log:1e-6:1e-2처럼 눈금:아래:위로 써야 하는데 \"{}\"입니다.",
                    known.key,
                    short(item.value)
                ),
            };
            let label = crate::i18n::tr("end of the range", "범위의 끝");
            let range = (num::parse(lo, label)?, num::parse(hi, label)?);
            if dims.iter().any(|d: &Dimension| d.key == known.key) {
                fail!(
                    "The search names {} twice.",
                    "탐색에 {}이(가) 두 번 나옵니다.",
                    known.key
                );
            }
            dims.push(Dimension {
                key: known.key,
                scale,
                range,
            });
        }
        let space = Self { dims };
        space.validate()?;
        Ok(space)
    }

    /// The space from the older link keys `lr=-6,-2` and `wd=-8,-4`
    /// (log10 of each range's ends).
    pub fn from_exponents(lr: &str, decay: &str) -> Result<Self> {
        let ends = |text: &str, what: &str| -> Result<(f64, f64)> {
            let parts: Vec<&str> = text.split(',').collect();
            let [lo, hi] = parts[..] else {
                fail!(
                    "The {what} range must be two powers of ten, as in -6,-2, got \"{}\".",
                    "{what} 범위는 -6,-2처럼 10의 지수 둘이어야 하는데 \"{}\"입니다.",
                    short(text)
                );
            };
            Ok((
                10f64.powf(num::parse(lo, what)?),
                10f64.powf(num::parse(hi, what)?),
            ))
        };
        let space = Self {
            dims: vec![
                Dimension {
                    range: ends(lr, crate::i18n::tr("learning-rate", "학습률"))?,
                    ..DIMENSIONS[0]
                },
                Dimension {
                    range: ends(decay, crate::i18n::tr("weight-decay", "가중치 감소"))?,
                    ..DIMENSIONS[1]
                },
            ],
        };
        space.validate()?;
        Ok(space)
    }

    /// The text [`SearchSpace::parse`] reads.
    pub fn text(&self) -> String {
        let items: Vec<(&str, String)> = self
            .dims
            .iter()
            .map(|d| {
                let scale = match d.scale {
                    Scale::Linear => "linear",
                    _ => "log",
                };
                (d.key, format!("{scale}:{}:{}", d.range.0, d.range.1))
            })
            .collect();
        grammar::write(None, &items)
    }

    /// Checks each range: increasing, within its setting's range, above 0
    /// on a log scale; one to two dimensions.
    pub fn validate(&self) -> Result<()> {
        if self.dims.is_empty() || self.dims.len() > 2 {
            fail!(
                "A search varies one or two settings, got {}.",
                "탐색은 설정 하나나 둘을 바꿉니다. {}개를 받았습니다.",
                self.dims.len()
            );
        }
        for d in &self.dims {
            let Some(entry) = entry_of(d.key) else {
                continue;
            };
            let (lo, hi) = d.range;
            let label = entry.label();
            if lo > hi || lo.is_nan() || hi.is_nan() || (d.scale == Scale::Log && lo <= 0.0) {
                fail!(
                    "The {label} range must go up{}; got {} to {}.",
                    "{label} 범위는 커지는 방향이어야 합니다{}. 받은 값: {}~{}.",
                    if d.scale == Scale::Log {
                        crate::i18n::tr(", from above 0", "(0보다 큰 값부터)")
                    } else {
                        ""
                    },
                    num(lo),
                    num(hi)
                );
            }
            entry.check_real(lo)?;
            entry.check_real(hi)?;
        }
        Ok(())
    }

    /// The values of `n` trials, one per dimension each: random (uniform in
    /// each scale), or on a grid of ⌈√n⌉ points per dimension (the first `n`).
    pub fn points(&self, n: usize, grid: bool, seed: u64) -> Vec<Vec<f64>> {
        let at = |d: &Dimension, t: f64| {
            let (lo, hi) = d.range;
            match d.scale {
                Scale::Linear => lo + (hi - lo) * t,
                _ => 10f64.powf(lo.log10() + (hi.log10() - lo.log10()) * t),
            }
        };
        if grid {
            let k = (n as f64)
                .powf(1.0 / self.dims.len() as f64)
                .ceil()
                .max(1.0) as usize;
            let t = |i: usize| {
                if k == 1 {
                    0.5
                } else {
                    i as f64 / (k - 1) as f64
                }
            };
            (0..k.pow(self.dims.len() as u32))
                .take(n)
                .map(|i| {
                    self.dims
                        .iter()
                        .enumerate()
                        .map(|(j, d)| at(d, t((i / k.pow(j as u32)) % k)))
                        .collect()
                })
                .collect()
        } else {
            let mut rng = Rng::seeded(seed ^ 0x5eed);
            (0..n)
                .map(|_| self.dims.iter().map(|d| at(d, rng.uniform())).collect())
                .collect()
        }
    }

    /// The smallest space holding `points` (coarse → fine: narrow to the best).
    pub fn around(&self, points: &[Vec<f64>]) -> Self {
        let dims = self
            .dims
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let log = d.scale != Scale::Linear;
                let values = points.iter().filter_map(|p| p.get(j).copied());
                let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                });
                let range = if !lo.is_finite() {
                    d.range
                } else if log && hi.log10() - lo.log10() < 0.2 {
                    (lo / 10f64.powf(0.1), hi * 10f64.powf(0.1))
                } else {
                    (lo, hi)
                };
                Dimension { range, ..*d }
            })
            .collect();
        Self { dims }
    }

    /// A trial's run: the book's search trial with the values `values`, one
    /// per dimension, set on it.
    pub fn trial(&self, values: &[f64], seed: u64) -> Result<TrainConfig> {
        let mut config = book_trial(seed);
        for (d, v) in self.dims.iter().zip(values) {
            config.set(d.key, &catalogue::format_real(*v))?;
        }
        config.validate()?;
        Ok(config)
    }
}

/// One trial of the book's search before its values are set: 500 digits,
/// 20 % validation, 784-100×6-10, SGD, L2 weight decay, batch 100, 50 epochs.
pub fn book_trial(seed: u64) -> TrainConfig {
    TrainConfig {
        hidden: vec![100; 6],
        batch: 100,
        length: Length::Epochs(50),
        train_size: Some(500),
        validation: 0.2,
        decay: Decay::NONE,
        eval_every: 0,
        seed,
        ..TrainConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Param;

    #[test]
    fn the_books_space_reads_and_writes() {
        let s = SearchSpace::default();
        assert_eq!(s.text(), "lr=log:0.000001:0.01;l2=log:0.00000001:0.0001");
        assert_eq!(SearchSpace::parse(&s.text()).unwrap(), s);
        assert_eq!(
            SearchSpace::parse("lr=log:1e-6:1e-2;wd=1e-8:1e-4").unwrap(),
            s,
            "old key, scale omitted"
        );
        assert_eq!(SearchSpace::from_exponents("-6,-2", "-8,-4").unwrap(), s);
        let default = match SETTINGS[2].domain {
            Domain::Text { default, .. } => default,
            _ => "",
        };
        assert_eq!(SearchSpace::parse(default).unwrap(), s);
    }

    #[test]
    fn grids_and_random_points() {
        let s = SearchSpace::default();
        let grid = s.points(9, true, 1);
        assert_eq!(grid.len(), 9);
        // A 3×3 grid tries only 3 distinct learning rates; 9 random trials try 9.
        let distinct = |p: &[Vec<f64>]| {
            let mut v: Vec<u64> = p.iter().map(|x| x[0].to_bits()).collect();
            v.sort_unstable();
            v.dedup();
            v.len()
        };
        assert_eq!(distinct(&grid), 3);
        assert_eq!(distinct(&s.points(9, false, 1)), 9);
        assert!((grid[0][0] - 1e-6).abs() < 1e-18 && (grid[8][0] - 1e-2).abs() < 1e-14);
        let narrow = s.around(&[vec![1e-3, 1e-6], vec![1e-2, 1e-5]]);
        assert!((narrow.dims[0].range.0 - 1e-3).abs() < 1e-15);
        assert!((narrow.dims[0].range.1 - 1e-2).abs() < 1e-15);
    }

    #[test]
    fn trials_are_the_books() {
        let s = SearchSpace::default();
        for p in s.points(100, false, 1) {
            let c = s.trial(&p, 1).unwrap();
            assert!((1e-6..=1e-2).contains(&c.hyper.get(Param::Lr)));
            assert!((1e-8..=1e-4).contains(&c.decay.l2) && c.decay.l1 == 0.0);
            assert_eq!((c.hidden.len(), c.batch, c.train_size), (6, 100, Some(500)));
        }
    }

    #[test]
    fn bad_spaces_are_explained() {
        let msg = |t: &str| SearchSpace::parse(t).unwrap_err().to_string();
        assert!(msg("lr=log:1e-2:1e-6").contains("must go up"));
        assert!(msg("lr=log:0:1e-2").contains("above 0"));
        assert!(msg("lr=log:1e-6:100").contains("from 1e-6 to 10, got 100"));
        assert!(msg("speed=log:1:2").contains("a search can vary lr, l2"));
        assert!(msg("lr=1e-6").contains("scale:low:high"));
        assert!(msg("").contains("one or two"));
    }
}
