//! The optimizers' hyperparameters: one catalogue entry each, and the values
//! of one optimizer ([`Hyper`]).
//!
//! To add a hyperparameter, add one entry to the list below (its key, labels,
//! range, scale, default, the optimizers that read it and the book's value
//! where it differs) and read it in the rule that uses it with
//! `h.get(Param::…)`. Its slider in both labs, its key in links and sets of
//! settings, its command-line flag, its Korean label and its validation all
//! come from the entry.

use super::kind::Kind;
use crate::catalogue::{Domain, Entry, Scale, Value};
use crate::error::Result;

/// A hyperparameter's catalogue entry, and which optimizers read it.
#[derive(Debug, Clone, Copy)]
pub struct Hyperparameter {
    /// Key, labels, range, default and scale.
    pub entry: Entry,
    /// Its symbol in legends ("α", "ρ"); "" for none.
    pub symbol: &'static str,
    /// Its label where space is short (an optimizer's row), English and Korean.
    pub short: (&'static str, &'static str),
    /// The optimizers that read it.
    pub used_by: &'static [Kind],
    /// The book's value for particular optimizers (the others take the
    /// entry's default).
    pub book: &'static [(Kind, f64)],
}

/// Declares [`Param`] and [`HYPERPARAMETERS`] from one list, so that each
/// hyperparameter is written once.
macro_rules! hyperparameters {
    ($( $(#[doc = $doc:literal])* $name:ident => $entry:expr ),* $(,)?) => {
        /// A hyperparameter of an optimizer.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Param {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Param {
            /// Every hyperparameter, in the order controls list them.
            pub const ALL: &'static [Param] = &[$(Param::$name),*];
        }

        /// How many hyperparameters there are.
        const COUNT: usize = [$(stringify!($name)),*].len();

        /// Each hyperparameter's entry, in the order of [`Param::ALL`].
        pub static HYPERPARAMETERS: [Hyperparameter; COUNT] = [$($entry),*];
    };
}

const UNITLESS: (&str, &str) = ("", "");

hyperparameters! {
    /// Learning rate η.
    Lr => Hyperparameter {
        entry: Entry {
            key: "lr",
            aliases: &["eta"],
            label: ("learning rate η", "학습률 η"),
            unit: UNITLESS,
            domain: Domain::Real { min: 1e-6, max: 10.0, default: 0.01, scale: Scale::Log, step: 0.01 },
            live: true,
        },
        symbol: "η",
        short: ("rate η", "학습률 η"),
        used_by: &Kind::ALL,
        book: &[(Kind::Adam, 0.001), (Kind::AdaDelta, 1.0), (Kind::Newton, 1.0), (Kind::Bfgs, 1.0), (Kind::Lbfgs, 1.0)],
    },
    /// Momentum α of the velocity (Momentum, Nesterov).
    Momentum => Hyperparameter {
        entry: Entry {
            key: "momentum",
            aliases: &["alpha"],
            label: ("momentum α", "모멘텀 α"),
            unit: UNITLESS,
            domain: Domain::Real { min: 0.0, max: 0.999, default: 0.9, scale: Scale::OneMinusLog, step: 0.01 },
            live: true,
        },
        symbol: "α",
        short: ("momentum α", "모멘텀 α"),
        used_by: &[Kind::Momentum, Kind::Nesterov],
        book: &[],
    },
    /// Decay ρ of the squared-gradient average (RMSProp, AdaDelta).
    Rho => Hyperparameter {
        entry: Entry {
            key: "rho",
            aliases: &[],
            label: ("decay rate ρ", "감쇠율 ρ"),
            unit: UNITLESS,
            domain: Domain::Real { min: 0.0, max: 0.9999, default: 0.99, scale: Scale::OneMinusLog, step: 0.01 },
            live: true,
        },
        symbol: "ρ",
        short: ("decay ρ", "감쇠 ρ"),
        used_by: &[Kind::RmsProp, Kind::AdaDelta],
        book: &[(Kind::AdaDelta, 0.95)],
    },
    /// Adam's decay β1 of the gradient average.
    Beta1 => Hyperparameter {
        entry: Entry {
            key: "beta1",
            aliases: &[],
            label: ("β1", "β1"),
            unit: UNITLESS,
            domain: Domain::Real { min: 0.0, max: 0.999, default: 0.9, scale: Scale::OneMinusLog, step: 0.01 },
            live: true,
        },
        symbol: "β1",
        short: ("β1", "β1"),
        used_by: &[Kind::Adam],
        book: &[],
    },
    /// Adam's decay β2 of the squared-gradient average.
    Beta2 => Hyperparameter {
        entry: Entry {
            key: "beta2",
            aliases: &[],
            label: ("β2", "β2"),
            unit: UNITLESS,
            domain: Domain::Real { min: 0.0, max: 0.99999, default: 0.999, scale: Scale::OneMinusLog, step: 0.01 },
            live: true,
        },
        symbol: "β2",
        short: ("β2", "β2"),
        used_by: &[Kind::Adam],
        book: &[],
    },
    /// ε, added to a square root to avoid dividing by zero.
    Eps => Hyperparameter {
        entry: Entry {
            key: "eps",
            aliases: &[],
            label: ("ε", "ε"),
            unit: UNITLESS,
            domain: Domain::Real { min: 1e-12, max: 1.0, default: 1e-7, scale: Scale::Log, step: 0.1 },
            live: true,
        },
        symbol: "ε",
        short: ("ε", "ε"),
        used_by: &[Kind::AdaGrad, Kind::RmsProp, Kind::Adam, Kind::AdaDelta],
        book: &[(Kind::AdaDelta, 1e-6)],
    },
    /// Where ε goes: the book's code adds it outside the square root,
    /// g/(√h + ε); seed 003 writes it inside, g/√(h + ε).
    EpsInside => Hyperparameter {
        entry: Entry {
            key: "eps-inside",
            aliases: &[],
            label: ("ε inside the square root", "제곱근 안의 ε"),
            unit: UNITLESS,
            domain: Domain::Flag { default: false },
            live: true,
        },
        symbol: "",
        short: ("ε inside √", "√ 안의 ε"),
        used_by: &[Kind::AdaGrad, Kind::RmsProp, Kind::Adam],
        book: &[],
    },
    /// Adam's bias correction of its zero-started averages.
    BiasCorrection => Hyperparameter {
        entry: Entry {
            key: "bias-correction",
            aliases: &["bias_correction"],
            label: ("bias correction", "편향 보정"),
            unit: UNITLESS,
            domain: Domain::Flag { default: true },
            live: true,
        },
        symbol: "",
        short: ("bias correction", "편향 보정"),
        used_by: &[Kind::Adam],
        book: &[],
    },
    /// λ added to the Hessian's diagonal in Newton's method.
    Damping => Hyperparameter {
        entry: Entry {
            key: "damping",
            aliases: &[],
            label: ("damping λ", "감쇠 λ"),
            unit: UNITLESS,
            domain: Domain::Real { min: 0.0, max: 1000.0, default: 0.0, scale: Scale::LogOrZero(0.001), step: 0.05 },
            live: true,
        },
        symbol: "λ",
        short: ("damping λ", "감쇠 λ"),
        used_by: &[Kind::Newton],
        book: &[],
    },
    /// Pairs L-BFGS keeps.
    Memory => Hyperparameter {
        entry: Entry {
            key: "memory",
            aliases: &[],
            label: ("memory m", "메모리 m"),
            unit: UNITLESS,
            domain: Domain::Whole { min: 1, max: 20, default: Some(10), none: None },
            live: true,
        },
        symbol: "m",
        short: ("memory m", "메모리 m"),
        used_by: &[Kind::Lbfgs],
        book: &[],
    },
}

impl Param {
    /// Its catalogue entry.
    pub fn entry(self) -> &'static Entry {
        &HYPERPARAMETERS[self as usize].entry
    }

    /// Its key.
    pub fn key(self) -> &'static str {
        self.entry().key
    }

    /// The hyperparameter named `key` (or an old alias of it).
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.entry().is(key))
    }

    /// The catalogue entries of every hyperparameter.
    pub fn entries() -> Vec<Entry> {
        HYPERPARAMETERS.iter().map(|h| h.entry).collect()
    }
}

/// The hyperparameters of one optimizer: a value for each [`Param`] (flags
/// are 0 or 1); each rule reads the ones it needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper {
    values: [f64; COUNT],
}

impl Hyper {
    /// The book's values for `kind` (LECTURE-MAP.md's table; AdaDelta from
    /// Zeiler 2012: ρ 0.95, ε 1e-6, η 1; Newton: a full, undamped step).
    pub fn book(kind: Kind) -> Self {
        let mut values = [0.0; COUNT];
        for (v, h) in values.iter_mut().zip(&HYPERPARAMETERS) {
            *v = h.entry.default_value().number();
            if let Some(&(_, book)) = h.book.iter().find(|(k, _)| *k == kind) {
                *v = book;
            }
        }
        Hyper { values }
    }

    /// The value of `p`.
    pub fn get(&self, p: Param) -> f64 {
        self.values[p as usize]
    }

    /// Whether flag `p` is on.
    pub fn flag(&self, p: Param) -> bool {
        self.get(p) != 0.0
    }

    /// Sets `p` to `value`, checked against its entry (flags take 0 or 1).
    pub fn set(&mut self, p: Param, value: f64) -> Result<()> {
        let entry = p.entry();
        let v = match entry.domain {
            Domain::Flag { .. } | Domain::Whole { .. } => {
                entry.parse(&crate::catalogue::format_real(value))?.number()
            }
            _ => entry.check_real(value)?,
        };
        self.values[p as usize] = v;
        Ok(())
    }

    /// Sets `p` from its text (`0.01`, `1`), checked against its entry.
    pub fn set_text(&mut self, p: Param, text: &str) -> Result<()> {
        let v = p.entry().parse(text)?;
        self.values[p as usize] = match v {
            Value::Flag(b) => f64::from(u8::from(b)),
            other => other.number(),
        };
        Ok(())
    }

    /// The settings of `kind` that differ from the book's, as `(key, text)`
    /// pairs, the learning rate always first (the text form of a run).
    pub fn differences(&self, kind: Kind) -> Vec<(&'static str, String)> {
        let book = Hyper::book(kind);
        kind.params()
            .into_iter()
            .filter(|&p| p == Param::Lr || self.get(p) != book.get(p))
            .map(|p| (p.key(), crate::catalogue::format_real(self.get(p))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_reads_well() {
        let mut h = Hyper::book(Kind::Adam);
        let mut msg = |p: Param, v: f64| h.set(p, v).unwrap_err().to_string();
        assert_eq!(
            msg(Param::Lr, -0.1),
            "The learning rate η must be from 1e-6 to 10, got -0.1."
        );
        assert_eq!(
            msg(Param::Lr, 1e5),
            "The learning rate η must be from 1e-6 to 10, got 100000."
        );
        assert_eq!(
            msg(Param::Lr, f64::NAN),
            "The learning rate η must be a number, got NaN."
        );
        assert_eq!(
            msg(Param::Momentum, 1.0),
            "The momentum α must be from 0 to 0.999, got 1."
        );
        assert_eq!(
            msg(Param::Beta2, -0.5),
            "The β2 must be from 0 to 0.99999, got -0.5."
        );
        assert_eq!(
            msg(Param::Eps, 0.0),
            "The ε must be from 1e-12 to 1, got 0."
        );
        assert_eq!(
            msg(Param::Damping, -1.0),
            "The damping λ must be from 0 to 1000, got -1."
        );
        assert_eq!(
            msg(Param::BiasCorrection, 0.5),
            "The bias correction is 1 (on) or 0 (off), got \"0.5\"."
        );
        assert_eq!(
            h,
            Hyper::book(Kind::Adam),
            "a refused value changes nothing"
        );
        h.set(Param::BiasCorrection, 0.0).unwrap();
        assert!(!h.flag(Param::BiasCorrection));
        assert_eq!(Param::from_key("alpha"), Some(Param::Momentum));
        assert_eq!(
            Param::from_key("bias_correction"),
            Some(Param::BiasCorrection)
        );
    }

    #[test]
    fn book_defaults() {
        assert_eq!(Hyper::book(Kind::Sgd).get(Param::Lr), 0.01);
        assert_eq!(Hyper::book(Kind::Adam).get(Param::Lr), 0.001);
        assert_eq!(Hyper::book(Kind::RmsProp).get(Param::Rho), 0.99);
        assert_eq!(Hyper::book(Kind::AdaDelta).get(Param::Rho), 0.95);
        assert_eq!(Hyper::book(Kind::Momentum).get(Param::Momentum), 0.9);
        assert_eq!(Hyper::book(Kind::AdaGrad).get(Param::Eps), 1e-7);
        assert!(Hyper::book(Kind::Adam).flag(Param::BiasCorrection));
        assert!(!Hyper::book(Kind::Adam).flag(Param::EpsInside));
    }

    #[test]
    fn every_entry_is_in_range_with_its_book_values_and_korean() {
        for (p, h) in Param::ALL.iter().zip(&HYPERPARAMETERS) {
            assert_eq!(p.entry().key, h.entry.key);
            for k in Kind::ALL {
                let v = Hyper::book(k).get(*p);
                assert!(
                    h.entry.parse(&crate::catalogue::format_real(v)).is_ok(),
                    "{p:?} {k:?}"
                );
            }
            assert!(
                h.entry.label.1.chars().any(|c| ('가'..='힣').contains(&c))
                    || h.entry.label.1 == h.entry.label.0,
                "{p:?} has a Korean label"
            );
        }
    }
}
