//! An experiment's plan for the page (its runs, which start from which, and
//! what is scored beside them), and the ensemble of a plan's members,
//! combined on the page's thread from the probabilities its workers send.

use super::js_error;
use super::training::DigitSet;
use crate::json::Json;
use crate::train::ensemble::Ensemble;
use crate::train::presets::{self, Choices, DerivedKind};
use crate::train::Trainer;
use wasm_bindgen::prelude::*;

/// The plan of experiment `experiment` with the lab's settings `settings`
/// (`seed=2;members=4;…`), as JSON: `{runs: [{name, from}], ensemble,
/// derived: [{name, kind: "ensemble"|"ema"|"snapshots", of}]}`, where
/// `from` is the index of the run whose final network a run starts from
/// (or null) and `of` the run a derived score belongs to (null for the
/// ensemble). Throws the sentence of a refused setting.
#[wasm_bindgen]
pub fn experiment_plan(experiment: &str, settings: &str) -> Result<String, JsError> {
    let choices = Choices::parse(settings).map_err(js_error)?;
    let plan = presets::plan(experiment, &choices).map_err(js_error)?;
    let mut fields = plan_fields(&plan);
    // The guided session says what its step is for.
    if experiment == "guided-tuning" {
        let note = presets::tuning::sentence(choices.step);
        fields.push(("note".into(), note.into()));
    }
    Ok(Json::Obj(fields).to_string())
}

/// The guided session's check of the step in `settings`, given its runs'
/// outcomes (`TrainingRun.outcome`, seven numbers each, in the plan's
/// order), as JSON `{passed, text, space, best}`: `space` and `best` (or
/// null) are what the step hands on, written for the lab's settings.
#[wasm_bindgen]
pub fn tuning_check(settings: &str, outcomes: &[f64]) -> Result<String, JsError> {
    use presets::tuning::{check_step, Outcome};
    let choices = Choices::parse(settings).map_err(js_error)?;
    let c = check_step(&choices, &Outcome::from_numbers(outcomes)).map_err(js_error)?;
    let link = |v: Option<String>| Json::from(v.map(|t| t.replace(';', ",")));
    Ok(Json::obj([
        ("passed", Json::Bool(c.passed)),
        ("text", Json::Str(c.text)),
        ("space", link(c.space)),
        ("best", link(c.best)),
    ])
    .to_string())
}

/// The plan of your own run with the training settings `settings`, as
/// `experiment_plan` gives it: one run, and its averaged weights and
/// snapshots when it keeps them.
#[wasm_bindgen]
pub fn custom_plan(settings: &str) -> Result<String, JsError> {
    let mut config = crate::train::TrainConfig::default();
    config.apply(settings).map_err(js_error)?;
    let plan = presets::Plan {
        runs: vec![presets::PlannedRun {
            name: crate::i18n::tr("Your run", "나의 실행").into(),
            config,
            from: None,
        }],
        ensemble: false,
    };
    Ok(Json::Obj(plan_fields(&plan)).to_string())
}

/// The fields of a plan's JSON (see `experiment_plan`).
fn plan_fields(plan: &presets::Plan) -> Vec<(String, Json)> {
    let runs = plan
        .runs
        .iter()
        .map(|r| {
            Json::obj([
                ("name", Json::Str(r.name.clone())),
                ("from", Json::from(r.from)),
            ])
        })
        .collect();
    let derived = plan
        .derived()
        .into_iter()
        .map(|d| {
            let (kind, of) = match d.kind {
                DerivedKind::Ensemble => ("ensemble", None),
                DerivedKind::Ema(i) => ("ema", Some(i)),
                DerivedKind::Snapshots(i) => ("snapshots", Some(i)),
            };
            Json::obj([
                ("name", Json::Str(d.name)),
                ("kind", Json::from(kind)),
                ("of", Json::from(of)),
            ])
        })
        .collect();
    vec![
        ("runs".into(), Json::Arr(runs)),
        ("ensemble".into(), Json::Bool(plan.ensemble)),
        ("derived".into(), Json::Arr(derived)),
    ]
}

/// The ensemble of an experiment's members, scored on their test digits.
#[wasm_bindgen]
pub struct EnsemblePanel {
    ensemble: Ensemble,
}

#[wasm_bindgen]
impl EnsemblePanel {
    /// The ensemble of the runs of `experiment` with `settings`, on `set`.
    #[wasm_bindgen(constructor)]
    pub fn new(set: &DigitSet, experiment: &str, settings: &str) -> Result<EnsemblePanel, JsError> {
        let choices = Choices::parse(settings).map_err(js_error)?;
        let plan = presets::plan(experiment, &choices).map_err(js_error)?;
        let Some(first) = plan.runs.first() else {
            return Err(js_error(crate::error!(
                "The experiment has no runs.",
                "실험에 실행이 없습니다."
            )));
        };
        let data = Trainer::data_for(&first.config, set.shared(), set.test()).map_err(js_error)?;
        let labels = data.test.iter().map(|&i| data.digits.label(i)).collect();
        Ok(EnsemblePanel {
            ensemble: Ensemble::new(plan.runs.len(), labels),
        })
    }

    /// Member `member`'s test probabilities after update `iter` (10 per
    /// test digit). Once every member has given its own for `iter`, returns
    /// JSON `{iter, test_acc, test_loss, best_member_loss, members: [{test_acc,
    /// test_loss}]}`; `undefined` until then.
    pub fn add(&mut self, member: usize, iter: usize, probabilities: &[f32]) -> Option<String> {
        self.ensemble.add(member, iter, probabilities.to_vec())?;
        let (iter, s, each) = self.ensemble.scores.last()?;
        let best = each.iter().map(|m| m.loss).fold(f64::INFINITY, f64::min);
        Some(
            Json::obj([
                ("iter", (*iter).into()),
                ("test_acc", s.accuracy.into()),
                ("test_loss", s.loss.into()),
                ("best_member_loss", best.into()),
                (
                    "members",
                    Json::Arr(
                        each.iter()
                            .map(|m| {
                                Json::obj([
                                    ("test_acc", m.accuracy.into()),
                                    ("test_loss", m.loss.into()),
                                ])
                            })
                            .collect(),
                    ),
                ),
            ])
            .to_string(),
        )
    }
}
