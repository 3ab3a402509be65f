//! A run's settings by key: [`TrainConfig`]'s one setter and reader of the
//! catalogue's entries (`train::entries`; the hyperparameters of its
//! optimizer come from `optim::param`), as the command line's flags, the
//! page's "your own run" and links spell them
//! (`optimizer=adam;lr=0.001;hidden=100,100`, see `catalogue::grammar`).

use super::config::{Length, TrainConfig};
use super::data::Scaling;
pub use super::entries::{AUGMENTS, SCALINGS, SETTINGS};
use crate::catalogue::{self, grammar, Entry, Value, Words};
use crate::error::{Error, Result};
use crate::fail;
use crate::nn::mlp::DropoutStyle;
use crate::nn::{Activation, Scheme};
use crate::num::{self, short};
use crate::optim::{Hyper, Kind, Param};
use crate::schedule::Schedule;

/// Reads a seed (a whole number from 0 to 2³² − 1), as every lab takes it.
pub fn seed(text: &str) -> Result<u64> {
    let entry = catalogue::lookup(&SETTINGS, "seed", WHAT)?;
    Ok(entry.parse(text)?.count().unwrap_or(0) as u64)
}

/// Every entry a training run reads: [`SETTINGS`] and the hyperparameters.
pub fn entries() -> Vec<Entry> {
    let mut all = SETTINGS.to_vec();
    let at = all
        .iter()
        .position(|e| e.key == "optimizer")
        .map_or(0, |i| i + 1);
    all.splice(at..at, Param::entries());
    all
}

const WHAT: Words = ("training setting", "학습 설정");

fn widths(text: &str) -> Result<Vec<usize>> {
    text.split(',')
        .map(|w| {
            let n = num::whole(
                w,
                crate::i18n::tr("width of a hidden layer", "은닉층의 너비"),
            )?;
            usize::try_from(n).map_err(|_| {
                crate::error!(
                    "Each hidden layer needs 1 to 1000 units, got {n}.",
                    "은닉층마다 뉴런이 1~1000개여야 하는데 {n}개입니다."
                )
            })
        })
        .collect()
}

/// Older links and flags named the penalty (`decay=l1|l2|elastic|none`,
/// `--decay-type`) and one λ (`weight-decay`); they become `l1` and `l2`.
fn older_decay(pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let keep = |k: &str| -> &'static str {
        entries().into_iter().find(|e| e.is(k)).map_or_else(
            || Box::leak(k.to_string().into_boxed_str()) as &str,
            |e| e.key,
        )
    };
    let kind = pairs
        .iter()
        .rev()
        .find(|(k, _)| *k == "decay")
        .map(|(_, v)| v.trim());
    let Some(kind) = kind else {
        return pairs
            .iter()
            .map(|(k, v)| (keep(k), (*v).to_string()))
            .collect();
    };
    let is_lambda = |k: &str| ["weight-decay", "wd", "lambda"].contains(&k);
    let lambda = pairs
        .iter()
        .rev()
        .find(|(k, _)| is_lambda(k))
        .map_or("0", |(_, v)| *v)
        .to_string();
    let mut out: Vec<(&'static str, String)> = pairs
        .iter()
        .filter(|(k, _)| *k != "decay" && !is_lambda(k))
        .map(|(k, v)| (keep(k), (*v).to_string()))
        .collect();
    match kind {
        "l1" => out.push(("l1", lambda)),
        "elastic" => {
            out.push(("l1", lambda.clone()));
            out.push(("l2", lambda));
        }
        "none" => {}
        "l2" => out.push(("l2", lambda)),
        other => out.push(("decay", other.to_string())),
    }
    out
}

impl TrainConfig {
    /// Sets one setting from its text; returns its canonical text. The run
    /// is checked as a whole by [`TrainConfig::validate`]. Choosing an
    /// optimizer resets its hyperparameters to the book's; a hyperparameter
    /// the optimizer does not read is refused.
    pub fn set(&mut self, key: &str, text: &str) -> Result<String> {
        if let Some(p) = Param::from_key(key.trim()) {
            if !self.optimizer.params().contains(&p) {
                fail!(
                    "{} does not read the {}; its settings are {}.",
                    "{}은(는) {}을(를) 쓰지 않습니다. 이 옵티마이저의 설정은 {}입니다.",
                    self.optimizer.label(),
                    p.entry().label(),
                    self.optimizer
                        .params()
                        .iter()
                        .map(|p| p.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            self.hyper.set_text(p, text)?;
            return Ok(catalogue::format_real(self.hyper.get(p)));
        }
        let entry = catalogue::lookup(&SETTINGS, key, WHAT)?;
        let value = entry.parse(text)?;
        match entry.key {
            "hidden" => {
                let hidden = widths(value.text())?;
                let mut spec = self.spec(784);
                spec.hidden = hidden.clone();
                spec.validate()?;
                self.hidden = hidden;
            }
            "activation" => self.activation = Activation::from_id(value.text())?,
            "init" => self.init = Scheme::parse(value.text())?,
            "bn" => self.batch_norm = value.number() != 0.0,
            "dropout" => self.dropout = value.number(),
            "dropout-style" => self.dropout_style = DropoutStyle::from_id(value.text())?,
            "optimizer" => {
                let kind = Kind::from_id(value.text())?;
                if kind != self.optimizer {
                    self.optimizer = kind;
                    self.hyper = Hyper::book(kind);
                }
            }
            "schedule" => self.schedule = Schedule::parse(value.text(), 1)?,
            "batch" => self.batch = value.count().unwrap_or(1),
            "iterations" => self.length = Length::Iterations(value.count().unwrap_or(1)),
            "epochs" => self.length = Length::Epochs(value.count().unwrap_or(1)),
            "l1" => self.decay.l1 = value.number(),
            "l2" => self.decay.l2 = value.number(),
            "scaling" => self.scaling = Scaling::named(value.text())?,
            "augment" => {
                let on = |id: &str| matches!(&value, Value::Many(ids) if ids.contains(&id));
                self.augment.shift = on("shift");
                self.augment.rotate = on("rotate");
                self.augment.cutout = on("cutout");
                self.augment.mixup = on("mixup");
            }
            "train-size" => self.train_size = value.count(),
            "validation" => self.validation = value.number(),
            "eval-every" => self.eval_every = value.count().unwrap_or(0),
            "patience" => self.patience = value.count(),
            "ema" => self.ema = value.number(),
            "classes" => self.selection.classes = super::selection::Classes::parse(value.text())?,
            "labelled" => self.selection.per_class = value.count(),
            "permute" => self.selection.permute = value.count().map(|n| n as u64),
            "reuse-layers" => self.reuse_layers = value.count(),
            "freeze-layers" => self.freeze_layers = value.count().unwrap_or(0),
            "seed" => self.seed = value.count().unwrap_or(0) as u64,
            other => fail!(
                "The training setting \"{other}\" has no setter.",
                "학습 설정 \"{other}\"을(를) 바꿀 수 없습니다."
            ),
        }
        Ok(self.get(entry.key))
    }

    /// The canonical text of setting `key` ("" for one this run does not use,
    /// such as `epochs` in a run measured in iterations).
    pub fn get(&self, key: &str) -> String {
        if let Some(p) = Param::from_key(key) {
            return if self.optimizer.params().contains(&p) {
                catalogue::format_real(self.hyper.get(p))
            } else {
                String::new()
            };
        }
        match key {
            "hidden" => self
                .hidden
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
            "activation" => self.activation.id().into(),
            "init" => self.init.id(),
            "bn" => if self.batch_norm { "1" } else { "0" }.into(),
            "dropout" => catalogue::format_real(self.dropout),
            "dropout-style" => self.dropout_style.id().into(),
            "optimizer" => self.optimizer.id().into(),
            "schedule" => self.schedule.text(),
            "batch" => self.batch.to_string(),
            "iterations" => match self.length {
                Length::Iterations(n) => n.to_string(),
                Length::Epochs(_) => String::new(),
            },
            "epochs" => match self.length {
                Length::Epochs(n) => n.to_string(),
                Length::Iterations(_) => String::new(),
            },
            "l1" => catalogue::format_real(self.decay.l1),
            "l2" => catalogue::format_real(self.decay.l2),
            "scaling" => self.scaling.id().into(),
            "augment" => {
                let a = self.augment;
                [
                    (a.shift, "shift"),
                    (a.rotate, "rotate"),
                    (a.cutout, "cutout"),
                    (a.mixup, "mixup"),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, id)| *id)
                .collect::<Vec<_>>()
                .join(",")
            }
            "train-size" => self
                .train_size
                .map_or_else(|| "all".into(), |n| n.to_string()),
            "validation" => catalogue::format_real(self.validation),
            "eval-every" => self.eval_every.to_string(),
            "patience" => self
                .patience
                .map_or_else(|| "off".into(), |n| n.to_string()),
            "ema" => catalogue::format_real(self.ema),
            "classes" => self.selection.classes.text(),
            "labelled" => self
                .selection
                .per_class
                .map_or_else(|| "all".into(), |n| n.to_string()),
            "permute" => self
                .selection
                .permute
                .map_or_else(|| "off".into(), |n| n.to_string()),
            "reuse-layers" => self
                .reuse_layers
                .map_or_else(|| "all".into(), |n| n.to_string()),
            "freeze-layers" => self.freeze_layers.to_string(),
            "seed" => self.seed.to_string(),
            _ => String::new(),
        }
    }

    /// The run as a set of settings, listing what differs from the book's
    /// SGD baseline (`TrainConfig::default()`) and from the optimizer's book
    /// values: the text that links carry.
    pub fn text(&self) -> String {
        let base = TrainConfig::default();
        let book = Hyper::book(self.optimizer);
        let mut items = Vec::new();
        for e in entries() {
            let mine = self.get(e.key);
            let differs = match Param::from_key(e.key) {
                Some(p) => !mine.is_empty() && self.hyper.get(p) != book.get(p),
                None => mine != base.get(e.key),
            };
            if differs && !mine.is_empty() {
                items.push((e.key, mine));
            }
        }
        grammar::write(None, &items)
    }

    /// Applies a set of settings (`key=value;…`), then checks the whole run;
    /// stops at the first problem. The optimizer is chosen first, wherever
    /// it stands, so that the hyperparameters after it are not reset; a set
    /// naming both iterations and epochs is refused.
    pub fn apply(&mut self, text: &str) -> Result<()> {
        match self.apply_each(text).into_iter().next() {
            Some((_, e)) => Err(e),
            None => self.validate(),
        }
    }

    /// Applies every setting of a set that can be applied, and returns each
    /// one refused, as (its text, why); the run is not checked as a whole.
    pub fn apply_each(&mut self, text: &str) -> Vec<(String, Error)> {
        let items = match grammar::items(text) {
            Ok(items) => items,
            Err(e) => return vec![(short(text), e)],
        };
        let mut refused = Vec::new();
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for item in items {
            match item.key {
                Some(k) => pairs.push((k, item.value)),
                None => refused.push((
                    short(item.value),
                    crate::error!(
                        "Write each setting as name=value, like lr=0.1, not \"{}\".",
                        "설정은 lr=0.1처럼 이름=값으로 쓰세요. \"{}\"는 그런 꼴이 아닙니다.",
                        short(item.value)
                    ),
                )),
            }
        }
        refused.extend(self.apply_pairs(&pairs));
        refused
    }

    /// Applies `(key, text)` pairs: the optimizer first, wherever it stands,
    /// so that the hyperparameters given with it are not reset; a length in
    /// both iterations and epochs is refused. Returns each pair refused, as
    /// (its text, why).
    pub fn apply_pairs(&mut self, pairs: &[(&str, &str)]) -> Vec<(String, Error)> {
        let mut refused = Vec::new();
        let translated = older_decay(pairs);
        let pairs: Vec<(&str, &str)> = translated.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let both = pairs.iter().any(|(k, _)| *k == "iterations")
            && pairs.iter().any(|(k, _)| *k == "epochs");
        let mut ordered = pairs.clone();
        ordered.sort_by_key(|(k, _)| *k != "optimizer");
        for (k, v) in ordered {
            if both && k == "epochs" {
                refused.push((
                    format!("{k}={}", short(v)),
                    crate::error!(
                        "Give the run's length in iterations or in epochs, not both.",
                        "학습 길이는 반복 횟수나 에폭 수 중 하나로만 주세요."
                    ),
                ));
                continue;
            }
            if let Err(e) = self.set(k, v) {
                refused.push((format!("{k}={}", short(v)), e));
            }
        }
        refused
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::data::Augment;

    #[test]
    fn settings_from_text() {
        let mut c = TrainConfig::default();
        c.apply("hidden=50,50;activation=tanh;init=xavier;bn=1;dropout=0.3;dropout-style=inverted;lr=0.002;optimizer=adam;batch=64;epochs=3;l1=0.01;augment=shift,mixup;train-size=1000;validation=0.2;seed=7")
            .unwrap();
        assert_eq!(c.hidden, vec![50, 50]);
        assert_eq!(c.optimizer, Kind::Adam);
        assert_eq!(c.hyper.get(Param::Lr), 0.002, "the optimizer is set first");
        assert_eq!(c.length, Length::Epochs(3));
        assert_eq!((c.decay.l1, c.decay.l2), (0.01, 0.0));
        assert_eq!(c.dropout_style, DropoutStyle::Inverted);
        assert!(c.augment.shift && c.augment.mixup && !c.augment.cutout);
        assert_eq!((c.train_size, c.validation, c.seed), (Some(1000), 0.2, 7));
        assert!(c.batch_norm);
        // The canonical text reads back into the same run.
        let mut back = TrainConfig::default();
        back.apply(&c.text()).unwrap();
        assert_eq!(back, c);
        assert_eq!(TrainConfig::default().text(), "");
    }

    #[test]
    fn old_names_still_work() {
        let mut c = TrainConfig::default();
        c.apply("optimizer=momentum;alpha=0.8;wd=0.1;act=tanh")
            .unwrap();
        assert_eq!(c.hyper.get(Param::Momentum), 0.8);
        assert_eq!(c.decay, crate::nn::mlp::Decay::l2(0.1));
        assert_eq!(c.activation, Activation::Tanh);
        assert_eq!(
            c.text(),
            "activation=tanh;optimizer=momentum;momentum=0.8;l2=0.1"
        );
    }

    #[test]
    fn each_problem_is_a_sentence() {
        let msg = |t: &str| TrainConfig::default().apply(t).unwrap_err().to_string();
        assert_eq!(
            msg("lr=-1"),
            "The learning rate η must be from 1e-6 to 10, got -1."
        );
        assert_eq!(
            msg("lr=fast"),
            "The learning rate η must be a number, got \"fast\"."
        );
        assert_eq!(
            msg("batch=0"),
            "The batch size must be a whole number from 1 to 4096, got 0."
        );
        assert_eq!(
            msg("batch=-5"),
            "The batch size must be a whole number from 1 to 4096, got -5."
        );
        assert!(msg("hidden=100,x").contains("width of a hidden layer"));
        assert!(msg("optimizer=newton").contains("Hessian"));
        assert!(msg("augment=flip").contains("Unknown augmentation \"flip\""));
        assert!(msg("speed=3").starts_with("Unknown training setting \"speed\""));
        assert!(msg("dropout=0.99").contains("dropout ratio"));
        assert!(msg("patience=5").starts_with("Early stopping watches the validation accuracy"));
        assert_eq!(
            msg("momentum=0.9"),
            "SGD does not read the momentum α; its settings are lr."
        );
        assert!(msg("iterations=10;epochs=3").contains("not both"));
        assert!(msg("train-size=1").contains("from 10 to 60000, or all; got 1"));
        assert!(msg("seed=4294967296").contains("got 4294967296"));
    }

    #[test]
    fn refused_settings_are_named_and_the_rest_applied() {
        let mut c = TrainConfig::default();
        let refused = c.apply_each("lr=10000;dropout=0.94;batch=64;eval-every=50");
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert_eq!(refused[0].0, "lr=10000");
        assert_eq!(refused[1].0, "dropout=0.94");
        assert_eq!((c.dropout, c.batch, c.eval_every), (0.0, 64, 50));
        assert_eq!(c.augment, Augment::default());
        assert!(c.validate().is_ok());
    }

    #[test]
    fn every_entry_reads_back_its_default_and_speaks_korean() {
        for e in entries() {
            assert!(
                e.label.1.chars().any(|c| ('가'..='힣').contains(&c)) || e.label.0 == e.label.1,
                "{} has a Korean label",
                e.key
            );
        }
        let mut c = TrainConfig::default();
        for e in &SETTINGS {
            let default = e.format(&e.default_value());
            if e.key == "epochs" {
                continue;
            }
            assert_eq!(c.set(e.key, &default).unwrap(), default, "{}", e.key);
        }
        assert_eq!(c, TrainConfig::default());
    }
}
