//! The catalogue of settings: one typed entry per tunable setting.
//!
//! An [`Entry`] carries everything any part of Descent needs to know about a
//! setting: its key (and the old names links may still use), its English and
//! Korean label, its unit, its range, default and scale, and whether it may
//! change while a run trains. Validation ([`Entry::parse`]), the command
//! line's flags, the page's URL keys and its controls all come from it: the
//! page receives the entries as JSON ([`Entry::to_json`]) and builds its
//! sliders, boxes and menus from them.
//!
//! Each domain owns its table: the optimizers' hyperparameters
//! (`optim::param`), the training settings (`train::settings`), the
//! initialization lab's (`init::settings`), the optimizer lab's
//! (`optim::settings`) and the search's (`train::search`). Sets of settings
//! are written in one grammar ([`grammar`]).

pub mod grammar;

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::json::Json;
use crate::num::{self, num};

/// A text in English and Korean.
pub type Words = (&'static str, &'static str);

/// How a slider (and a search) moves through a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Evenly.
    Linear,
    /// Evenly in log10 (learning rates: 10^r).
    Log,
    /// Evenly in log10 from the given smallest nonzero value, with 0 below it
    /// (weight decay: off, or 10^r).
    LogOrZero(f64),
    /// Evenly in log10 of 1 − v (momentum β as 1 − 10^r, seed 004).
    OneMinusLog,
}

impl Scale {
    fn id(self) -> &'static str {
        match self {
            Scale::Linear => "linear",
            Scale::Log => "log",
            Scale::LogOrZero(_) => "log-or-zero",
            Scale::OneMinusLog => "one-minus-log",
        }
    }
}

/// One option of a menu.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// Its id in links and on the command line.
    pub id: &'static str,
    /// Its name for people.
    pub label: Words,
}

/// What values a setting takes, and its default.
#[derive(Debug, Clone, Copy)]
pub enum Domain {
    /// A real number in `[min, max]`; `step` is the slider's step in the
    /// scale's own units (log10 units for the log scales).
    Real {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Default.
        default: f64,
        /// Slider scale.
        scale: Scale,
        /// Slider step.
        step: f64,
    },
    /// A whole number in `[min, max]`, or the word `none` standing for "no
    /// value" (`all`, `off`), when there is one.
    Whole {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
        /// Default (`None` = the word).
        default: Option<i64>,
        /// The word for "no value".
        none: Option<&'static str>,
    },
    /// On (1) or off (0).
    Flag {
        /// Default.
        default: bool,
    },
    /// One of a list.
    Choice {
        /// The options.
        choices: &'static [Choice],
        /// The default option's id.
        default: &'static str,
    },
    /// Any of a list (none, one or several), written `a,b`.
    Many {
        /// The options.
        choices: &'static [Choice],
    },
    /// Text in a grammar of its own (a schedule, an expression, a scheme),
    /// which the setting's owner reads (and puts in canonical form);
    /// `choices` are named values the page offers in a menu.
    Text {
        /// Default.
        default: &'static str,
        /// Longest text accepted.
        max_len: usize,
        /// Named values.
        choices: &'static [Choice],
    },
}

/// A setting.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The key in links, sets of settings and (as `--key`) on the command line.
    pub key: &'static str,
    /// Older keys that still mean this setting (old links keep working).
    pub aliases: &'static [&'static str],
    /// What people call it.
    pub label: Words,
    /// Its unit ("" when it has none).
    pub unit: Words,
    /// Its values.
    pub domain: Domain,
    /// Whether it may change while a run trains.
    pub live: bool,
}

/// A setting's value, checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A real number.
    Real(f64),
    /// A whole number, or `None` for the entry's word (`all`, `off`).
    Whole(Option<i64>),
    /// On or off.
    Flag(bool),
    /// A choice's id.
    Choice(&'static str),
    /// The chosen ids of a [`Domain::Many`], in the list's order.
    Many(Vec<&'static str>),
    /// Canonical text.
    Text(String),
}

impl Value {
    /// The number (a flag is 0 or 1); NaN for text and choices.
    pub fn number(&self) -> f64 {
        match self {
            Value::Real(v) => *v,
            Value::Whole(Some(v)) => *v as f64,
            Value::Flag(b) => f64::from(u8::from(*b)),
            _ => f64::NAN,
        }
    }

    /// The whole number as a count (`None` for the word; negative counts
    /// never pass [`Entry::parse`]).
    pub fn count(&self) -> Option<usize> {
        match self {
            Value::Whole(Some(v)) => usize::try_from(*v).ok(),
            _ => None,
        }
    }

    /// The text of a choice or a text setting.
    pub fn text(&self) -> &str {
        match self {
            Value::Choice(id) => id,
            Value::Text(t) => t,
            _ => "",
        }
    }
}

impl Entry {
    /// Its label in the current language.
    pub fn label(&self) -> &'static str {
        tr(self.label.0, self.label.1)
    }

    /// Whether `key` names this setting (its key or an old alias).
    pub fn is(&self, key: &str) -> bool {
        self.key == key || self.aliases.contains(&key)
    }

    /// Its default value.
    pub fn default_value(&self) -> Value {
        match self.domain {
            Domain::Real { default, .. } => Value::Real(default),
            Domain::Whole { default, .. } => Value::Whole(default),
            Domain::Flag { default } => Value::Flag(default),
            Domain::Choice { default, .. } => Value::Choice(default),
            Domain::Many { .. } => Value::Many(Vec::new()),
            Domain::Text { default, .. } => Value::Text(default.to_string()),
        }
    }

    /// Reads `text` as this setting's value, with a sentence naming the
    /// setting, the value and what it must be when it is not. Text settings
    /// are only checked for length here; their owner reads the grammar.
    pub fn parse(&self, text: &str) -> Result<Value> {
        let t = text.trim();
        let label = self.label();
        match self.domain {
            Domain::Real { .. } => self.check_real(num::parse(t, label)?).map(Value::Real),
            Domain::Whole { none, .. } => {
                if none.is_some_and(|w| w == t) {
                    return Ok(Value::Whole(None));
                }
                let v = num::whole(t, label).map_err(|_| self.whole_error(t))?;
                self.check_whole(v).map(|v| Value::Whole(Some(v)))
            }
            Domain::Flag { .. } => match t {
                "1" | "true" | "on" => Ok(Value::Flag(true)),
                "0" | "false" | "off" => Ok(Value::Flag(false)),
                _ => Err(crate::error!(
                    "The {label} is 1 (on) or 0 (off), got \"{}\".",
                    "{label}은(는) 1(켜기) 또는 0(끄기)이어야 하는데 \"{}\"입니다.",
                    num::short(t)
                )),
            },
            Domain::Choice { choices, .. } => choices
                .iter()
                .find(|c| c.id == t)
                .map(|c| Value::Choice(c.id))
                .ok_or_else(|| {
                    let ids = choices.iter().map(|c| c.id).collect::<Vec<_>>().join(", ");
                    crate::error!(
                        "Unknown {label} \"{}\"; choose one of {ids}.",
                        "\"{}\"은(는) 알 수 없는 {label}입니다. 다음 중에서 고르세요: {ids}.",
                        num::short(t)
                    )
                }),
            Domain::Many { choices } => {
                let mut chosen = Vec::new();
                for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    if !choices.iter().any(|c| c.id == part) {
                        let ids = choices.iter().map(|c| c.id).collect::<Vec<_>>().join(", ");
                        return Err(crate::error!(
                            "Unknown {label} \"{}\"; choose among {ids}.",
                            "\"{}\"은(는) 알 수 없는 {label}입니다. {ids} 중에서 고르세요.",
                            num::short(part)
                        ));
                    }
                }
                for c in choices {
                    if t.split(',').any(|p| p.trim() == c.id) {
                        chosen.push(c.id);
                    }
                }
                Ok(Value::Many(chosen))
            }
            Domain::Text { max_len, .. } => {
                if t.chars().count() > max_len {
                    return Err(crate::error!(
                        "The {label} must be at most {max_len} characters long, got {}.",
                        "{label}은(는) {max_len}자 이하여야 하는데 {}자입니다.",
                        t.chars().count()
                    ));
                }
                Ok(Value::Text(t.to_string()))
            }
        }
    }

    /// Checks a real number against the range.
    pub fn check_real(&self, v: f64) -> Result<f64> {
        let label = self.label();
        let Domain::Real { min, max, .. } = self.domain else {
            return Err(crate::error!(
                "The {label} is not a number setting.",
                "{label}은(는) 숫자 설정이 아닙니다."
            ));
        };
        if !v.is_finite() {
            return Err(crate::error!(
                "The {label} must be a number, got {}.",
                "{label}은(는) 숫자여야 하는데 {}입니다.",
                num(v)
            ));
        }
        if !(min..=max).contains(&v) {
            return Err(crate::error!(
                "The {label} must be from {} to {}, got {}.",
                "{label}은(는) {}~{}이어야 하는데 {}입니다.",
                num(min),
                num(max),
                num(v)
            ));
        }
        Ok(v)
    }

    /// Checks a whole number against the range.
    pub fn check_whole(&self, v: i64) -> Result<i64> {
        match self.domain {
            Domain::Whole { min, max, .. } if (min..=max).contains(&v) => Ok(v),
            _ => Err(self.whole_error(&v.to_string())),
        }
    }

    fn whole_error(&self, got: &str) -> Error {
        let label = self.label();
        let (min, max, none) = match self.domain {
            Domain::Whole { min, max, none, .. } => (min, max, none),
            _ => (0, 0, None),
        };
        let got = num::short(got);
        match none {
            Some(word) => crate::error!(
                "The {label} must be a whole number from {min} to {max}, or {word}; got {got}.",
                "{label}은(는) {min}~{max}의 정수이거나 {word}여야 하는데 {got}입니다."
            ),
            None => crate::error!(
                "The {label} must be a whole number from {min} to {max}, got {got}.",
                "{label}은(는) {min}~{max}의 정수여야 하는데 {got}입니다."
            ),
        }
    }

    /// The canonical text of `value` (what [`Entry::parse`] reads back).
    pub fn format(&self, value: &Value) -> String {
        match value {
            Value::Real(v) => format_real(*v),
            Value::Whole(Some(v)) => v.to_string(),
            Value::Whole(None) => match self.domain {
                Domain::Whole { none: Some(w), .. } => w.to_string(),
                _ => String::new(),
            },
            Value::Flag(b) => if *b { "1" } else { "0" }.to_string(),
            Value::Choice(id) => (*id).to_string(),
            Value::Many(ids) => ids.join(","),
            Value::Text(t) => t.clone(),
        }
    }

    /// The entry as JSON, in the current language, for the page's controls:
    /// `{key, aliases, label, unit, live, kind, default, …}` with `min`,
    /// `max`, `scale`, `step` for numbers, `none` for whole numbers and
    /// `choices: [{id, label}]` for menus.
    pub fn to_json(&self) -> Json {
        let mut fields = vec![
            ("key", Json::from(self.key)),
            (
                "aliases",
                Json::Arr(self.aliases.iter().map(|&a| a.into()).collect()),
            ),
            ("label", self.label().into()),
            ("unit", tr(self.unit.0, self.unit.1).into()),
            ("live", Json::Bool(self.live)),
            (
                "default",
                self.format(&self.default_value()).as_str().into(),
            ),
        ];
        let choices = |list: &[Choice]| {
            Json::Arr(
                list.iter()
                    .map(|c| {
                        Json::obj([
                            ("id", Json::from(c.id)),
                            ("label", tr(c.label.0, c.label.1).into()),
                        ])
                    })
                    .collect(),
            )
        };
        match self.domain {
            Domain::Real {
                min,
                max,
                scale,
                step,
                ..
            } => {
                fields.push(("kind", "real".into()));
                fields.push(("min", min.into()));
                fields.push(("max", max.into()));
                fields.push(("scale", scale.id().into()));
                if let Scale::LogOrZero(smallest) = scale {
                    fields.push(("smallest", smallest.into()));
                }
                fields.push(("step", step.into()));
            }
            Domain::Whole { min, max, none, .. } => {
                fields.push(("kind", "whole".into()));
                fields.push(("min", Json::Num(min as f64)));
                fields.push(("max", Json::Num(max as f64)));
                fields.push(("none", Json::from(none)));
            }
            Domain::Flag { .. } => fields.push(("kind", "flag".into())),
            Domain::Choice { choices: list, .. } => {
                fields.push(("kind", "choice".into()));
                fields.push(("choices", choices(list)));
            }
            Domain::Many { choices: list } => {
                fields.push(("kind", "many".into()));
                fields.push(("choices", choices(list)));
            }
            Domain::Text {
                max_len,
                choices: list,
                ..
            } => {
                fields.push(("kind", "text".into()));
                fields.push(("max_len", max_len.into()));
                fields.push(("choices", choices(list)));
            }
        }
        Json::obj(fields)
    }
}

/// A real number in its shortest text that reads back exactly.
pub fn format_real(v: f64) -> String {
    format!("{v}")
}

/// The entry of `key` (or of an old alias) in `table`.
pub fn find<'a>(table: &'a [Entry], key: &str) -> Option<&'a Entry> {
    table.iter().find(|e| e.is(key.trim()))
}

/// The entry of `key` in `table`, or a sentence listing the keys of `what`
/// (for example "training setting").
pub fn lookup<'a>(table: &'a [Entry], key: &str, what: Words) -> Result<&'a Entry> {
    find(table, key).ok_or_else(|| {
        let keys = table.iter().map(|e| e.key).collect::<Vec<_>>().join(", ");
        let what = tr(what.0, what.1);
        crate::error!(
            "Unknown {what} \"{}\"; the settings are {keys}.",
            "\"{}\"은(는) 알 수 없는 {what}입니다. 설정 이름은 {keys}입니다.",
            num::short(key.trim())
        )
    })
}

/// A table as JSON (see [`Entry::to_json`]).
pub fn to_json(table: &[Entry]) -> Json {
    Json::Arr(table.iter().map(Entry::to_json).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: Entry = Entry {
        key: "lr",
        aliases: &["eta"],
        label: ("learning rate", "학습률"),
        unit: ("", ""),
        domain: Domain::Real {
            min: 1e-6,
            max: 10.0,
            default: 0.01,
            scale: Scale::Log,
            step: 0.01,
        },
        live: true,
    };
    const SIZE: Entry = Entry {
        key: "train-size",
        aliases: &[],
        label: ("training set size", "훈련 세트 크기"),
        unit: ("digits", "개"),
        domain: Domain::Whole {
            min: 10,
            max: 60000,
            default: None,
            none: Some("all"),
        },
        live: false,
    };

    #[test]
    fn values_are_checked_with_sentences() {
        let msg = |e: &Entry, t: &str| e.parse(t).unwrap_err().to_string();
        assert_eq!(RATE.parse(" 0.3 ").unwrap(), Value::Real(0.3));
        assert_eq!(
            msg(&RATE, "10000"),
            "The learning rate must be from 1e-6 to 10, got 10000."
        );
        assert_eq!(
            msg(&RATE, "1e308"),
            "The learning rate must be from 1e-6 to 10, got 1e308."
        );
        assert_eq!(
            msg(&RATE, "fast"),
            "The learning rate must be a number, got \"fast\"."
        );
        assert_eq!(SIZE.parse("all").unwrap(), Value::Whole(None));
        assert_eq!(SIZE.parse("300").unwrap().count(), Some(300));
        assert_eq!(
            msg(&SIZE, "-5"),
            "The training set size must be a whole number from 10 to 60000, or all; got -5."
        );
        assert_eq!(
            msg(&SIZE, "1"),
            "The training set size must be a whole number from 10 to 60000, or all; got 1."
        );
        assert!(msg(&SIZE, "2.5").contains("got 2.5"));
        assert_eq!(
            crate::i18n::with(crate::i18n::Lang::Ko, || msg(&RATE, "20")),
            "학습률은(는) 1e-6~10이어야 하는데 20입니다."
        );
    }

    #[test]
    fn keys_and_old_names_are_found() {
        let table = [RATE, SIZE];
        assert_eq!(find(&table, "eta").unwrap().key, "lr");
        assert_eq!(
            lookup(&table, "speed", ("training setting", "학습 설정"))
                .unwrap_err()
                .message(),
            "Unknown training setting \"speed\"; the settings are lr, train-size."
        );
    }

    #[test]
    fn canonical_text_reads_back() {
        for (e, t) in [(&RATE, "0.001"), (&SIZE, "all"), (&SIZE, "8000")] {
            let v = e.parse(t).unwrap();
            assert_eq!(e.format(&v), t);
            assert_eq!(e.parse(&e.format(&v)).unwrap(), v);
        }
        let json = RATE.to_json().to_string();
        assert!(json.contains("\"scale\":\"log\"") && json.contains("\"min\":0.000001"));
    }
}
