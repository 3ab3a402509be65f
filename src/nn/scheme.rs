//! Weight initialization schemes: how a layer's initial weights are drawn.
//!
//! With n inputs per neuron, weights are drawn from N(0, σ²) with
//! - std 1 or std 0.01 (fixed σ), or any σ,
//! - Xavier (Glorot & Bengio 2010): σ = √(1/n), for sigmoid and tanh,
//! - He (He et al. 2015): σ = √(2/n), for ReLU,
//! - zeros: σ = 0, which never breaks the symmetry between neurons.
//!
//! The network ([`super::mlp`]) and the initialization experiment
//! ([`crate::init`]) both draw their weights this way.

use crate::catalogue::Choice;
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;

/// How to draw initial weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scheme {
    /// N(0, σ²) with a fixed σ.
    Std(f64),
    /// σ = √(1/n).
    Xavier,
    /// σ = √(2/n).
    He,
    /// All weights 0.
    Zeros,
}

/// Largest fixed σ accepted.
pub const MAX_SIGMA: f64 = 100.0;

impl Scheme {
    /// The named schemes, as a menu's choices.
    pub const CHOICES: [Choice; 5] = [
        Choice {
            id: "std:1",
            label: ("std 1", "std 1"),
        },
        Choice {
            id: "std:0.01",
            label: ("std 0.01", "std 0.01"),
        },
        Choice {
            id: "xavier",
            label: ("Xavier √(1/n)", "Xavier √(1/n)"),
        },
        Choice {
            id: "he",
            label: ("He √(2/n)", "He √(2/n)"),
        },
        Choice {
            id: "zeros",
            label: ("All zeros", "모두 0"),
        },
    ];

    /// Parses `std:1`, `std:0.01`, `std:SIGMA`, `xavier`, `he` or `zeros`.
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let scheme = match text {
            "xavier" => Scheme::Xavier,
            "he" => Scheme::He,
            "zeros" => Scheme::Zeros,
            _ => match text.strip_prefix("std:") {
                Some(s) => Scheme::Std(crate::num::parse(s, tr("σ of std:σ", "std:σ의 σ"))?),
                None => fail!("Unknown initialization \"{text}\"; choose std:1, std:0.01, std:SIGMA, xavier, he or zeros.","\"{text}\"은(는) 알 수 없는 초기화입니다. std:1, std:0.01, std:SIGMA, xavier, he, zeros 중에서 고르세요.",),
            },
        };
        scheme.validate()?;
        Ok(scheme)
    }

    /// Checks a fixed σ.
    pub fn validate(&self) -> Result<()> {
        if let Scheme::Std(s) = *self {
            if !(s.is_finite() && s > 0.0 && s <= MAX_SIGMA) {
                fail!("The weights' standard deviation σ must be above 0 and at most {MAX_SIGMA}, got {}. (For all-zero weights, choose zeros.)","가중치의 표준편차 σ는 0보다 크고 {MAX_SIGMA} 이하여야 하는데 {}입니다. (가중치를 모두 0으로 하려면 zeros를 고르세요.)", crate::num::num(s));
            }
        }
        Ok(())
    }

    /// The text form [`Scheme::parse`] reads.
    pub fn id(&self) -> String {
        match self {
            Scheme::Std(s) => format!("std:{s}"),
            Scheme::Xavier => "xavier".into(),
            Scheme::He => "he".into(),
            Scheme::Zeros => "zeros".into(),
        }
    }

    /// A label for people.
    pub fn label(&self) -> String {
        match self {
            Scheme::Std(s) => format!("std {s}"),
            Scheme::Xavier => "Xavier √(1/n)".into(),
            Scheme::He => "He √(2/n)".into(),
            Scheme::Zeros => tr("zeros", "모두 0").into(),
        }
    }

    /// σ for a layer with `fan_in` inputs per neuron.
    pub fn sigma(&self, fan_in: usize) -> f64 {
        let n = fan_in.max(1) as f64;
        match *self {
            Scheme::Std(s) => s,
            Scheme::Xavier => (1.0 / n).sqrt(),
            Scheme::He => (2.0 / n).sqrt(),
            Scheme::Zeros => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmas_by_hand() {
        assert_eq!(Scheme::Xavier.sigma(100), 0.1);
        assert!((Scheme::He.sigma(100) - 0.141_421_356).abs() < 1e-9);
        assert_eq!(Scheme::Std(0.01).sigma(100), 0.01);
        assert_eq!(Scheme::Zeros.sigma(100), 0.0);
    }

    #[test]
    fn parse_and_messages() {
        assert_eq!(Scheme::parse("std:0.01").unwrap(), Scheme::Std(0.01));
        assert_eq!(Scheme::parse("he").unwrap(), Scheme::He);
        assert_eq!(Scheme::parse("std:0.01").unwrap().id(), "std:0.01");
        assert!(Scheme::parse("std:-1")
            .unwrap_err()
            .message()
            .contains("above 0"));
        assert!(Scheme::parse("std:x")
            .unwrap_err()
            .message()
            .contains("The σ of std:σ must be a number, got \"x\"."));
        assert!(Scheme::parse("lecun")
            .unwrap_err()
            .message()
            .starts_with("Unknown initialization"));
    }
}
