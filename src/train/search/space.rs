//! The space of one search: the settings it varies, each with its scale
//! (seed 004: the learning rate as 10^r, β as 1 − 10^r, a number of layers
//! or units from a list), read and written as text, checked, and made into
//! a trial's run.

use super::{book_trial, WHAT};
use crate::catalogue::{self, grammar, Entry, Scale, Words};
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;
use crate::num::{self, num, short};
use crate::train::config::TrainConfig;
use crate::train::settings;
use std::borrow::Cow;

/// A setting a search may vary, and how it samples it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// The training setting's key (or `width`, `depth`: the hidden layers).
    pub key: &'static str,
    /// How values are spread between the ends (ignored for a list).
    pub scale: Scale,
    /// The ends of the range, as values of the setting.
    pub range: (f64, f64),
    /// The values to choose from, when the dimension is a list; else empty.
    pub list: Cow<'static, [f64]>,
}

const fn range(key: &'static str, scale: Scale, lo: f64, hi: f64) -> Dimension {
    Dimension {
        key,
        scale,
        range: (lo, hi),
        list: Cow::Borrowed(&[]),
    }
}

const fn list(key: &'static str, values: &'static [f64]) -> Dimension {
    Dimension {
        key,
        scale: Scale::Linear,
        range: (values[0], values[values.len() - 1]),
        list: Cow::Borrowed(values),
    }
}

/// The dimensions a search may vary, with their scales and default ranges:
/// the book's two first.
pub const DIMENSIONS: [Dimension; 8] = [
    range("lr", Scale::Log, 1e-6, 1e-2),
    range("l2", Scale::Log, 1e-8, 1e-4),
    range("dropout", Scale::Linear, 0.0, 0.5),
    range("momentum", Scale::OneMinusLog, 0.9, 0.999),
    range("beta1", Scale::OneMinusLog, 0.9, 0.999),
    list("batch", &[32.0, 64.0, 128.0, 256.0]),
    list("width", &[50.0, 100.0, 200.0]),
    list("depth", &[2.0, 4.0, 6.0]),
];

/// The two dimensions that are not training settings of their own.
const SHAPE: [(&str, Words); 2] = [
    ("width", ("hidden width", "은닉층 너비")),
    ("depth", ("depth (hidden layers)", "깊이(은닉층 수)")),
];

fn entry_of(key: &str) -> Option<Entry> {
    settings::entries().into_iter().find(|e| e.is(key))
}

impl Dimension {
    /// The dimension's name, in the current language.
    pub fn label(&self) -> String {
        match SHAPE.iter().find(|(k, _)| *k == self.key) {
            Some((_, (en, ko))) => tr(*en, *ko).to_string(),
            None => entry_of(self.key).map_or(self.key.to_string(), |e| e.label().to_string()),
        }
    }

    /// Whether the dimension picks from a list.
    pub fn is_list(&self) -> bool {
        !self.list.is_empty()
    }

    /// The scale's name in the text form.
    pub fn scale_id(&self) -> &'static str {
        if self.is_list() {
            return "list";
        }
        match self.scale {
            Scale::Linear => "linear",
            Scale::OneMinusLog => "one-minus-log",
            _ => "log",
        }
    }

    /// Checks one value of the dimension against its setting.
    fn check(&self, v: f64) -> Result<()> {
        let whole = |lo: f64, hi: f64| -> Result<()> {
            if v.fract() != 0.0 || !(lo..=hi).contains(&v) {
                fail!(
                    "The {} must be whole numbers from {} to {}, got {}.",
                    "{}은(는) {}~{}의 정수여야 하는데 {}입니다.",
                    self.label(),
                    num(lo),
                    num(hi),
                    num(v)
                );
            }
            Ok(())
        };
        match self.key {
            "width" => whole(1.0, 1000.0),
            "depth" => whole(1.0, 10.0),
            "batch" => whole(1.0, 4096.0),
            key => entry_of(key).map_or(Ok(()), |e| e.check_real(v).map(|_| ())),
        }
    }
}

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
            dims: DIMENSIONS[..2].to_vec(),
        }
    }
}

impl SearchSpace {
    /// Reads a space: `key=log:LO:HI` items (`linear:`, `one-minus-log:`
    /// with the ends of 1 − value, or `list:A,B,C`; the dimension's own
    /// scale when only `LO:HI`).
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
            let all = DIMENSIONS;
            let Some(known) = all
                .iter()
                .find(|d| d.key == key || entry_of(key).is_some_and(|e| e.key == d.key))
            else {
                let keys = DIMENSIONS.map(|d| d.key).join(", ");
                let what = tr(WHAT.0, WHAT.1);
                fail!(
                    "Unknown {what} \"{}\"; a search can vary {keys}.",
                    "\"{}\"은(는) 알 수 없는 {what}입니다. 탐색할 수 있는 것은 {keys}입니다.",
                    short(key)
                );
            };
            if dims.iter().any(|d: &Dimension| d.key == known.key) {
                fail!(
                    "The search names {} twice.",
                    "탐색에 {}이(가) 두 번 나옵니다.",
                    known.key
                );
            }
            dims.push(Self::dimension(known, item.value)?);
        }
        let space = Self { dims };
        space.validate()?;
        Ok(space)
    }

    /// Dimension `known` with the range or list `value`.
    fn dimension(known: &Dimension, value: &str) -> Result<Dimension> {
        let label = tr("end of the range", "범위의 끝");
        if let Some(values) = value.strip_prefix("list:") {
            let list = values
                .split(',')
                .map(|v| num::parse(v.trim(), tr("value of the list", "목록의 값")))
                .collect::<Result<Vec<f64>>>()?;
            let (lo, hi) = list
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                    (a.min(v), b.max(v))
                });
            return Ok(Dimension {
                range: (lo, hi),
                list: Cow::Owned(list),
                ..known.clone()
            });
        }
        let parts: Vec<&str> = value.split(':').map(str::trim).collect();
        let (scale, lo, hi) = match parts[..] {
            ["log", lo, hi] => (Scale::Log, lo, hi),
            ["linear", lo, hi] => (Scale::Linear, lo, hi),
            ["one-minus-log", lo, hi] => (Scale::OneMinusLog, lo, hi),
            [lo, hi] if !known.is_list() => (known.scale, lo, hi),
            _ => fail!(
                "The range of {} must be written scale:low:high (log, linear or one-minus-log), like log:1e-6:1e-2, or as list:A,B,C; got \"{}\".",
                "{}의 범위는 log:1e-6:1e-2처럼 눈금:아래:위(log, linear, one-minus-log)로, 또는 list:A,B,C로 써야 하는데 \"{}\"입니다.",
                known.key,
                short(value)
            ),
        };
        if known.is_list() {
            fail!(
                "The {} is chosen from a list: write it as list:A,B,C, got \"{}\".",
                "{}은(는) 목록에서 고릅니다. list:A,B,C로 써야 하는데 \"{}\"입니다.",
                known.label(),
                short(value)
            );
        }
        let (lo, hi) = (num::parse(lo, label)?, num::parse(hi, label)?);
        // On the 1 − 10^r scale the ends are written as 1 − value (seed
        // 004's 10^r): one-minus-log:1e-3:1e-1 is β from 0.9 to 0.999.
        let range = match scale {
            Scale::OneMinusLog => (1.0 - hi, 1.0 - lo),
            _ => (lo, hi),
        };
        Ok(Dimension {
            scale,
            range,
            list: Cow::Borrowed(&[]),
            ..known.clone()
        })
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
                    range: ends(lr, tr("learning-rate", "학습률"))?,
                    ..DIMENSIONS[0].clone()
                },
                Dimension {
                    range: ends(decay, tr("weight-decay", "가중치 감소"))?,
                    ..DIMENSIONS[1].clone()
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
                let value = if d.is_list() {
                    let values: Vec<String> =
                        d.list.iter().map(|v| catalogue::format_real(*v)).collect();
                    format!("list:{}", values.join(","))
                } else if d.scale == Scale::OneMinusLog {
                    // 1 − value, rounded back to what was written (0.001, not 0.0010000000000000009).
                    let gap = |v: f64| catalogue::format_real(((1.0 - v) * 1e12).round() / 1e12);
                    format!("one-minus-log:{}:{}", gap(d.range.1), gap(d.range.0))
                } else {
                    format!("{}:{}:{}", d.scale_id(), d.range.0, d.range.1)
                };
                (d.key, value)
            })
            .collect();
        grammar::write(None, &items)
    }

    /// Checks each range: increasing, within its setting's range, above 0
    /// on a log scale, below 1 on a 1 − 10^r scale; each list's values; one
    /// to eight dimensions.
    pub fn validate(&self) -> Result<()> {
        if self.dims.is_empty() || self.dims.len() > DIMENSIONS.len() {
            fail!(
                "A search varies one to {} settings, got {}.",
                "탐색은 설정을 1~{}개 바꿉니다. {}개를 받았습니다.",
                DIMENSIONS.len(),
                self.dims.len()
            );
        }
        for d in &self.dims {
            if d.is_list() {
                for &v in d.list.iter() {
                    d.check(v)?;
                }
                continue;
            }
            let (lo, hi) = d.range;
            let label = d.label();
            let bad_end = match d.scale {
                Scale::Log => lo <= 0.0,
                Scale::OneMinusLog => lo < 0.0 || hi >= 1.0 || lo.is_nan(),
                _ => false,
            };
            if lo > hi || lo.is_nan() || hi.is_nan() || bad_end {
                fail!(
                    "The {label} range must go up{}; got {} to {}.",
                    "{label} 범위는 커지는 방향이어야 합니다{}. 받은 값: {}~{}.",
                    match d.scale {
                        Scale::Log => tr(", from above 0", "(0보다 큰 값부터)"),
                        Scale::OneMinusLog => tr(
                            ", with 1 − value from above 0 to at most 1",
                            "(1 − 값이 0보다 크고 1 이하)",
                        ),
                        _ => "",
                    },
                    num(lo),
                    num(hi)
                );
            }
            d.check(lo)?;
            d.check(hi)?;
        }
        Ok(())
    }

    /// A trial's run: the book's search trial with the values `values`, one
    /// per dimension, set on it. Momentum makes the trial's optimizer
    /// Momentum, β1 makes it Adam (SGD reads neither); width and depth set
    /// the hidden layers (the book's 100 × 6 where one is not searched).
    pub fn trial(&self, values: &[f64], seed: u64) -> Result<TrainConfig> {
        let mut config = book_trial(seed);
        let value = |key: &str| {
            self.dims
                .iter()
                .zip(values)
                .find(|(d, _)| d.key == key)
                .map(|(_, v)| *v)
        };
        if value("beta1").is_some() {
            config.set("optimizer", "adam")?;
        } else if value("momentum").is_some() {
            config.set("optimizer", "momentum")?;
        }
        // The book's learning rate stays the optimizer's own unless searched.
        for (d, v) in self.dims.iter().zip(values) {
            match d.key {
                "width" | "depth" => {}
                key => {
                    config.set(key, &catalogue::format_real(*v))?;
                }
            }
        }
        let width = value("width").map_or(config.hidden.first().copied().unwrap_or(100), |w| {
            w as usize
        });
        let depth = value("depth").map_or(config.hidden.len(), |d| d as usize);
        config.hidden = vec![width; depth];
        config.validate()?;
        Ok(config)
    }
}
