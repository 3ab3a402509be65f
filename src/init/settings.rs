//! The initialization lab's settings: their catalogue entries, and the lab's
//! whole configuration ([`Setup`]: the experiment, an optional second row to
//! compare with, forward or backward view) with one checked setter.

use super::experiment::Config;
use crate::catalogue::{self, Choice, Domain, Entry, Words};
use crate::error::Result;
use crate::nn::{Activation, Scheme};

/// The two views of the experiment.
pub const VIEWS: [Choice; 2] = [
    Choice {
        id: "forward",
        label: ("Activations (forward)", "활성화 값(순전파)"),
    },
    Choice {
        id: "backward",
        label: ("Weight gradients (backward)", "가중치 기울기(역전파)"),
    },
];

const NONE: Words = ("", "");

const fn whole(
    key: &'static str,
    label: Words,
    unit: Words,
    min: i64,
    max: i64,
    default: i64,
) -> Entry {
    Entry {
        key,
        aliases: &[],
        label,
        unit,
        domain: Domain::Whole {
            min,
            max,
            default: Some(default),
            none: None,
        },
        live: true,
    }
}

/// The lab's settings, in the order the page lists them.
pub static SETTINGS: [Entry; 11] = [
    Entry {
        key: "activation",
        aliases: &["act"],
        label: ("activation", "활성화 함수"),
        unit: NONE,
        domain: Domain::Choice {
            choices: &Activation::CHOICES,
            default: "sigmoid",
        },
        live: true,
    },
    Entry {
        key: "init",
        aliases: &[],
        label: ("initialization", "초기화"),
        unit: NONE,
        domain: Domain::Text {
            default: "std:1",
            max_len: 40,
            choices: &Scheme::CHOICES,
        },
        live: true,
    },
    Entry {
        key: "bn",
        aliases: &[],
        label: ("batch normalization", "배치 정규화"),
        unit: NONE,
        domain: Domain::Flag { default: false },
        live: true,
    },
    Entry {
        key: "view",
        aliases: &[],
        label: ("view", "보기"),
        unit: NONE,
        domain: Domain::Choice {
            choices: &VIEWS,
            default: "forward",
        },
        live: true,
    },
    whole("layers", ("number of layers", "층 수"), NONE, 1, 10, 5),
    whole(
        "width",
        ("width (neurons per layer)", "너비(층마다 뉴런 수)"),
        ("neurons", "뉴런"),
        10,
        500,
        100,
    ),
    whole(
        "samples",
        ("number of samples", "샘플 수"),
        ("inputs", "입력"),
        10,
        5000,
        1000,
    ),
    whole(
        "bins",
        ("number of histogram bins", "히스토그램 구간 수"),
        NONE,
        5,
        100,
        30,
    ),
    whole("seed", ("seed", "시드"), NONE, 0, u32::MAX as i64, 1),
    Entry {
        key: "vs",
        aliases: &[],
        label: ("second row's initialization", "둘째 줄의 초기화"),
        unit: NONE,
        domain: Domain::Text {
            default: "",
            max_len: 40,
            choices: &Scheme::CHOICES,
        },
        live: true,
    },
    Entry {
        key: "vsbn",
        aliases: &[],
        label: (
            "batch normalization in the second row",
            "둘째 줄의 배치 정규화",
        ),
        unit: NONE,
        domain: Domain::Flag { default: false },
        live: true,
    },
];

/// The initialization lab: one experiment, optionally compared with a second
/// row that differs in its initialization and batch norm, seen forward
/// (activations) or backward (weight gradients).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setup {
    /// The experiment.
    pub config: Config,
    /// The second row's initialization and batch norm.
    pub compare: Option<Scheme>,
    /// Batch norm in the second row.
    pub compare_bn: bool,
    /// Weight gradients rather than activations.
    pub backward: bool,
}

impl Default for Setup {
    /// The book's experiment, one row, forward.
    fn default() -> Self {
        Self {
            config: Config::default(),
            compare: None,
            compare_bn: false,
            backward: false,
        }
    }
}

impl Setup {
    /// The rows' configurations: the experiment, and the comparison.
    pub fn configs(&self) -> Vec<Config> {
        let mut out = vec![self.config];
        if let Some(scheme) = self.compare {
            out.push(Config {
                scheme,
                batch_norm: self.compare_bn,
                ..self.config
            });
        }
        out
    }

    /// Sets `key` (see [`SETTINGS`]) from its text; returns its canonical
    /// text. A refused value changes nothing.
    pub fn set(&mut self, key: &str, text: &str) -> Result<String> {
        let entry = catalogue::lookup(
            &SETTINGS,
            key,
            ("initialization-lab setting", "초기화 실험실 설정"),
        )?;
        let value = entry.parse(text)?;
        let count = value.count().unwrap_or(0);
        let c = &mut self.config;
        match entry.key {
            "activation" => c.activation = Activation::from_id(value.text())?,
            "init" => c.scheme = Scheme::parse(value.text())?,
            "bn" => c.batch_norm = value.number() != 0.0,
            "view" => self.backward = value.text() == "backward",
            "layers" => c.layers = count,
            "width" => c.width = count,
            "samples" => c.samples = count,
            "bins" => c.bins = count,
            "seed" => c.seed = count as u64,
            "vs" => {
                self.compare = match value.text() {
                    "" => None,
                    t => Some(Scheme::parse(t)?),
                }
            }
            _ => self.compare_bn = value.number() != 0.0,
        }
        Ok(self.get(entry.key))
    }

    /// The canonical text of setting `key`.
    pub fn get(&self, key: &str) -> String {
        let c = &self.config;
        let flag = |b: bool| if b { "1" } else { "0" }.to_string();
        match key {
            "activation" => c.activation.id().into(),
            "init" => c.scheme.id(),
            "bn" => flag(c.batch_norm),
            "view" => if self.backward { "backward" } else { "forward" }.into(),
            "layers" => c.layers.to_string(),
            "width" => c.width.to_string(),
            "samples" => c.samples.to_string(),
            "bins" => c.bins.to_string(),
            "seed" => c.seed.to_string(),
            "vs" => self.compare.map_or_else(String::new, |s| s.id()),
            "vsbn" => flag(self.compare_bn),
            _ => String::new(),
        }
    }

    /// Multiply-adds of one computation of every row (forward, and backward
    /// too when shown): layers × samples × width² per pass.
    pub fn work(&self) -> f64 {
        let c = &self.config;
        let pass = c.layers as f64 * c.samples as f64 * (c.width as f64).powi(2);
        let passes = if self.backward { 3.0 } else { 1.0 };
        pass * passes * self.configs().len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_reads_back_its_default() {
        let mut s = Setup::default();
        for e in &SETTINGS {
            let default = e.format(&e.default_value());
            assert_eq!(s.set(e.key, &default).unwrap(), default, "{}", e.key);
            assert_eq!(s.get(e.key), default);
        }
        assert_eq!(s, Setup::default());
        assert_eq!(s.set("act", "relu").unwrap(), "relu", "the old link key");
        assert_eq!(s.set("vs", "xavier").unwrap(), "xavier");
        assert_eq!(s.configs().len(), 2);
    }

    #[test]
    fn sizes_are_checked_with_sentences() {
        let mut s = Setup::default();
        let msg = |s: &mut Setup, k: &str, v: &str| s.set(k, v).unwrap_err().to_string();
        assert_eq!(
            msg(&mut s, "width", "600"),
            "The width (neurons per layer) must be a whole number from 10 to 500, got 600."
        );
        assert_eq!(
            msg(&mut s, "layers", "-5"),
            "The number of layers must be a whole number from 1 to 10, got -5."
        );
        assert!(msg(&mut s, "init", "std:-1").contains("above 0"));
        assert!(msg(&mut s, "vs", "lecun").contains("Unknown initialization"));
        assert_eq!(s, Setup::default());
    }
}
