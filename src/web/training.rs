//! A training run in the page: the trainer behind a handle. JavaScript owns
//! the clock and calls `step(n)` with small n, so no call runs long.

use super::js_error;
use crate::data::bundle;
use crate::json::Json;
use crate::train::presets;
use crate::train::{Stop, Trainer};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// Digits parsed once and shared by the runs of a worker.
#[wasm_bindgen]
pub struct DigitSet {
    digits: Arc<crate::data::Digits>,
    /// How many of the digits (the last ones) are the test set; `None` for
    /// the bundle's standard split.
    test: Option<usize>,
}

#[wasm_bindgen]
impl DigitSet {
    /// Parses the digit bundle `bytes`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<DigitSet, JsError> {
        let digits = bundle::parse(bytes).map_err(js_error)?;
        digits
            .require_mnist_size(crate::i18n::tr("bundled digits", "번들 숫자"))
            .map_err(js_error)?;
        Ok(DigitSet {
            digits: Arc::new(digits),
            test: None,
        })
    }

    /// The full MNIST set from its four IDX files (each may be `.gz`).
    pub fn from_idx(
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<DigitSet, JsError> {
        let (digits, test) =
            crate::data::idx::parse_mnist(train_images, train_labels, test_images, test_labels)
                .map_err(js_error)?;
        Ok(DigitSet {
            digits: Arc::new(digits),
            test: Some(test),
        })
    }

    /// Digits in the test set.
    pub fn test_len(&self) -> usize {
        match self.test {
            Some(n) => n,
            None => crate::data::Split::standard(self.digits.len()).test.len(),
        }
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }
}

impl DigitSet {
    /// The digits, shared.
    pub(crate) fn shared(&self) -> Arc<crate::data::Digits> {
        self.digits.clone()
    }

    /// How many of the digits are the test set, when given apart.
    pub(crate) fn test(&self) -> Option<usize> {
        self.test
    }
}

/// One run of a training preset.
#[wasm_bindgen]
pub struct TrainingRun {
    name: String,
    trainer: Trainer,
}

#[wasm_bindgen]
impl TrainingRun {
    /// Run `index` of preset `preset`, seeded, on the digit bundle `bytes`;
    /// `iterations`, when given, replaces the preset's length (the bench).
    #[wasm_bindgen(constructor)]
    pub fn new(
        bytes: &[u8],
        preset: &str,
        index: usize,
        seed: u32,
        iterations: Option<usize>,
    ) -> Result<TrainingRun, JsError> {
        let set = DigitSet::new(bytes)?;
        let mut run = Self::planned(&set, preset, &format!("seed={seed}"), index, None)?;
        if let Some(n) = iterations {
            let mut config = run.trainer.config().clone();
            config.length = crate::train::Length::Iterations(n);
            let data = Trainer::data_for(&config, set.shared(), set.test()).map_err(js_error)?;
            run.trainer = Trainer::new(config, data).map_err(js_error)?;
        }
        Ok(run)
    }

    /// Run `index` of experiment `experiment` with the lab's settings
    /// `settings` (`seed=2;members=4;…`), on digits already parsed (a worker
    /// parses them once). A run that starts from an earlier run's network
    /// is given that network as a model file, `start`.
    pub fn planned(
        set: &DigitSet,
        experiment: &str,
        settings: &str,
        index: usize,
        start: Option<Vec<u8>>,
    ) -> Result<TrainingRun, JsError> {
        let choices = presets::Choices::parse(settings).map_err(js_error)?;
        let mut plan = presets::plan(experiment, &choices).map_err(js_error)?;
        if index >= plan.runs.len() {
            return Err(js_error(crate::error!(
                "Preset {experiment} has {} runs; there is no run {index}.",
                "프리셋 {experiment}의 실행은 {}개입니다. {index}번 실행은 없습니다.",
                plan.runs.len()
            )));
        }
        let ensemble = plan.ensemble;
        let run = plan.runs.swap_remove(index);
        let start = match (run.from, start) {
            (None, _) => None,
            (Some(_), Some(bytes)) => Some(bytes),
            (Some(from), None) => {
                return Err(js_error(crate::error!(
                    "Run {index} starts from run {from}'s network, which is not there yet.",
                    "{index}번 실행은 {from}번 실행의 신경망에서 시작하는데, 그 신경망이 아직 없습니다.",
                )))
            }
        };
        let mut trainer = Self::trainer(set, run.config, start.as_deref())?;
        if ensemble {
            trainer.collect_probabilities();
        }
        Ok(TrainingRun {
            name: run.name,
            trainer,
        })
    }

    /// A trainer for `config` on `set`, from scratch or from the network of
    /// the model file `start`: its inputs are made as the network's were
    /// (its scaling, and its scrambled pixel order unless `config` gives one).
    fn trainer(
        set: &DigitSet,
        mut config: crate::train::TrainConfig,
        start: Option<&[u8]>,
    ) -> Result<Trainer, JsError> {
        let Some(bytes) = start else {
            return Trainer::on(config, set.shared(), set.test()).map_err(js_error);
        };
        let model = crate::nn::model_io::load::<f32>(bytes).map_err(js_error)?;
        config.scaling = model.scaler.scaling();
        if config.selection.permute.is_none() {
            config.selection.permute = model.permute;
        }
        let data = Trainer::data_for(&config, set.shared(), set.test()).map_err(js_error)?;
        Trainer::from_network(config, data, &model.net).map_err(js_error)
    }

    /// The run's trainer, for the landscape's recording (`landscape_panel`).
    pub(super) fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }

    /// The run's name.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// A run of your own: the book's SGD baseline changed by `settings`
    /// (a set of training settings, `key=value;…`), from scratch or, given
    /// the model file `start`, from its network (trained further: its
    /// layers kept, frozen or fine-tuned as the settings say).
    pub fn custom(
        set: &DigitSet,
        settings: &str,
        start: Option<Vec<u8>>,
    ) -> Result<TrainingRun, JsError> {
        let mut config = crate::train::TrainConfig::default();
        config.apply(settings).map_err(js_error)?;
        Ok(TrainingRun {
            name: crate::i18n::tr("Your run", "나의 실행").into(),
            trainer: Self::trainer(set, config, start.as_deref())?,
        })
    }

    /// One trial of a search over `space` (its text form) at `values`, one
    /// per dimension, training `epochs` epochs (the search's `trial-epochs`).
    pub fn trial(
        set: &DigitSet,
        space: &str,
        values: &[f64],
        seed: u32,
        epochs: u32,
    ) -> Result<TrainingRun, JsError> {
        let space = crate::train::search::SearchSpace::parse(space).map_err(js_error)?;
        let mut config = space.trial(values, u64::from(seed)).map_err(js_error)?;
        let epochs = crate::catalogue::format_real(f64::from(epochs));
        config.set("epochs", &epochs).map_err(js_error)?;
        Ok(TrainingRun {
            name: String::new(),
            trainer: Trainer::on(config, set.digits.clone(), set.test).map_err(js_error)?,
        })
    }

    /// Checks a set of training settings without training, for digits with
    /// `train_digits` training examples: JSON `{text, values: {key: text},
    /// refused: [{item, why}], error}`, where `text` is the canonical set of
    /// the settings kept, `values` every setting of the run, `refused` each
    /// item that was not kept and why, and `error` the sentence explaining
    /// why the run as a whole cannot start (or null).
    pub fn check(settings: &str, train_digits: usize) -> String {
        let mut config = crate::train::TrainConfig::default();
        let refused = config.apply_each(settings);
        let error = config
            .validate()
            .and_then(|()| config.check_data(train_digits))
            .err();
        let values = crate::train::settings::entries()
            .iter()
            .map(|e| (e.key.to_string(), Json::Str(config.get(e.key))))
            .collect();
        Json::obj([
            ("text", Json::Str(config.text())),
            ("values", Json::Obj(values)),
            (
                "refused",
                Json::Arr(
                    refused
                        .into_iter()
                        .map(|(item, why)| {
                            Json::obj([
                                ("item", Json::Str(item)),
                                ("why", Json::Str(why.message().into())),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("error", Json::from(error.map(|e| e.message().to_string()))),
        ])
        .to_string()
    }

    /// Changes a setting that may change mid-run (the optimizer's
    /// hyperparameters); returns its canonical text.
    pub fn set_live(&mut self, key: &str, value: &str) -> Result<String, JsError> {
        self.trainer.set_live(key, value).map_err(js_error)
    }

    /// Puts back the network of the best validation accuracy so far (early
    /// stopping's snapshot); returns whether there was one.
    pub fn restore_best(&mut self) -> bool {
        self.trainer.restore_best()
    }

    /// The current network and its input scaling as a model file.
    pub fn model(&self) -> Vec<u8> {
        self.trainer.model()
    }

    /// Each weight matrix now as numbers (see `train::weights::to_numbers`):
    /// a histogram over the range its initial weights filled, the share
    /// near zero and the root mean square.
    pub fn weights(&self) -> Vec<f64> {
        crate::train::weights::to_numbers(&self.trainer.weight_layers())
    }

    /// For a network that behaves differently in train and eval mode (batch
    /// norm or dropout), what its train mode is ("train mode: dropout on");
    /// `undefined` otherwise.
    pub fn train_mode_label(&self) -> Option<String> {
        use crate::train::evaluate::{describe, Pass};
        self.trainer.has_modes().then(|| {
            let batch = self.trainer.batch_size();
            describe(Pass::Train { batch }, &self.trainer.net().spec)
        })
    }

    /// The updates at which an ensemble member's test probabilities were
    /// taken since the last `take_probabilities`.
    pub fn probability_updates(&self) -> Vec<u32> {
        self.trainer
            .pending_probabilities()
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect()
    }

    /// Those probabilities, one table of 10 per test digit after another,
    /// in the order of `probability_updates`; forgets them.
    pub fn take_probabilities(&mut self) -> Vec<f32> {
        self.trainer
            .take_probabilities()
            .into_iter()
            .flat_map(|(_, p)| p)
            .collect()
    }

    /// Runs up to `n` updates; returns their losses.
    pub fn step(&mut self, n: usize) -> Vec<f64> {
        self.trainer.step(n)
    }

    /// Scores the network on every training digit in eval mode, as an
    /// evaluation does (batch assembly included); returns the accuracy and
    /// the number of digits. The benchmark times it: evaluation's examples
    /// per second.
    pub fn score_training_digits(&mut self) -> Vec<f64> {
        let digits = self.trainer.data().train.clone();
        let score = self
            .trainer
            .score(&digits, crate::train::evaluate::Pass::Eval);
        vec![score.accuracy, digits.len() as f64]
    }

    /// Updates made.
    pub fn iteration(&self) -> usize {
        self.trainer.iteration()
    }

    /// What the run did, for the guided session's check, given every loss
    /// so far (kept by the worker): seven numbers (see `tuning::Outcome`).
    pub fn outcome(&self, losses: &[f64]) -> Vec<f64> {
        crate::train::presets::tuning::Outcome::of(
            losses,
            &self.trainer.evals,
            self.trainer.stopped(),
        )
        .to_numbers()
        .to_vec()
    }

    /// Epochs done so far.
    pub fn epochs(&self) -> f64 {
        self.trainer.epochs()
    }

    /// Updates in all.
    pub fn total(&self) -> usize {
        self.trainer.total()
    }

    /// Why the run stopped ("finished", or the reason), or `undefined` while it runs.
    pub fn stopped(&self) -> Option<String> {
        self.trainer.stopped().map(|s| match s {
            Stop::Finished => "finished".to_string(),
            Stop::Diverged(why) | Stop::EarlyStopped(why) => why.clone(),
        })
    }

    /// Whether the run stopped because it diverged.
    pub fn diverged(&self) -> bool {
        matches!(self.trainer.stopped(), Some(Stop::Diverged(_)))
    }

    /// The run's diagnostics, as JSON `[{level: "good"|"warn"|"bad", text}]`,
    /// given every loss so far (kept by the page).
    pub fn diagnostics(&self, losses: &[f64]) -> String {
        use crate::train::diagnostics::diagnose;
        Json::Arr(
            diagnose(losses, &self.trainer.evals, self.trainer.stopped())
                .into_iter()
                .map(|r| {
                    let level = r.level.id();
                    Json::obj([
                        ("level", Json::Str(level.into())),
                        ("text", Json::Str(r.text)),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// Evaluations from number `since` on, as JSON.
    pub fn evals(&self, since: usize) -> String {
        Json::Arr(
            self.trainer
                .evals
                .iter()
                .skip(since)
                .map(crate::train::Eval::json)
                .collect(),
        )
        .to_string()
    }
}
