//! The page's vocabulary, published by the engine: every lab's settings (its
//! catalogue entries), its lists and its presets, as one JSON document in the
//! current language. The page builds its controls, menus, link keys and
//! preset menus from it and spells none of them itself.
//!
//! ```text
//! { optim:  { settings, hyperparameters, optimizers: [{id, label, params, book}], presets },
//!   init:   { settings, presets },
//!   mnist:  { settings, training, defaults, experiments: [{id, label, sentence, runs, settings}],
//!            transfer_cases: [{task, per-class, reuse, freeze, advice}], length },
//!   search: { settings, dimensions: [{key, scale, range, list}] } }
//! ```
//!
//! A preset is `{id, title, sentence, settings: {key: text}}`: the settings
//! of the lab it sets (in canonical text, as links carry them).

use crate::catalogue;
use crate::i18n::tr;
use crate::init::presets::PRESETS as INIT_PRESETS;
use crate::init::settings::SETTINGS as INIT_SETTINGS;
use crate::json::Json;
use crate::optim::lab::{Lab, SETTINGS as OPTIM_SETTINGS};
use crate::optim::param::HYPERPARAMETERS;
use crate::optim::presets::{Preset, IDS as OPTIM_PRESETS};
use crate::optim::{Hyper, Kind};
use crate::train::presets::{self, EXPERIMENTS, SETTINGS as MNIST_SETTINGS};
use crate::train::search::{DIMENSIONS, SETTINGS as SEARCH_SETTINGS};
use crate::train::settings::{entries as training_entries, SETTINGS as TRAIN_SETTINGS};
use crate::train::TrainConfig;

fn settings_of<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Json {
    Json::Obj(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), Json::Str(v)))
            .collect(),
    )
}

fn optimizers() -> Json {
    Json::Arr(
        Kind::ALL
            .iter()
            .map(|&k| {
                let book = Hyper::book(k);
                let params = k.params();
                Json::obj([
                    ("id", Json::from(k.id())),
                    ("label", k.label().into()),
                    (
                        "params",
                        Json::Arr(params.iter().map(|p| p.key().into()).collect()),
                    ),
                    (
                        "book",
                        settings_of(
                            params
                                .iter()
                                .map(|p| (p.key(), catalogue::format_real(book.get(*p)))),
                        ),
                    ),
                ])
            })
            .collect(),
    )
}

/// The hyperparameters' entries, each with its `short` label for rows.
fn hyperparameters() -> Json {
    Json::Arr(
        HYPERPARAMETERS
            .iter()
            .map(|h| match h.entry.to_json() {
                Json::Obj(mut fields) => {
                    fields.push(("short".into(), tr(h.short.0, h.short.1).into()));
                    Json::Obj(fields)
                }
                other => other,
            })
            .collect(),
    )
}

fn optim_presets() -> Json {
    Json::Arr(
        OPTIM_PRESETS
            .iter()
            .filter_map(|id| Preset::named(id).ok())
            .map(|p| {
                let (id, title, sentence) = (p.id, p.title, p.sentence);
                let lab = Lab::from(p);
                let keys = OPTIM_SETTINGS
                    .iter()
                    .filter(|e| e.key != "seed" && !crate::optim::lab::VIEW_ONLY.contains(&e.key))
                    .map(|e| (e.key, lab.get(e.key)));
                Json::obj([
                    ("id", Json::from(id)),
                    ("title", title.into()),
                    ("sentence", sentence.into()),
                    ("settings", settings_of(keys)),
                ])
            })
            .collect(),
    )
}

fn init_presets() -> Json {
    Json::Arr(
        INIT_PRESETS
            .iter()
            .filter_map(|p| p.setup(1).ok().map(|s| (p, s)))
            .map(|(p, setup)| {
                let keys = INIT_SETTINGS
                    .iter()
                    .filter(|e| !["seed", "bins"].contains(&e.key))
                    .map(|e| (e.key, setup.get(e.key)));
                Json::obj([
                    ("id", Json::from(p.id)),
                    ("title", p.title().into()),
                    ("sentence", p.sentence().into()),
                    ("settings", settings_of(keys)),
                ])
            })
            .collect(),
    )
}

fn experiments() -> Json {
    Json::Arr(
        EXPERIMENTS
            .iter()
            .map(|c| {
                let runs = match c.id {
                    "custom" | "hyperparameter-search" => Vec::new(),
                    id => presets::runs(id, 1)
                        .map(|r| r.into_iter().map(|(name, _)| Json::Str(name)).collect())
                        .unwrap_or_default(),
                };
                Json::obj([
                    ("id", Json::from(c.id)),
                    ("label", tr(c.label.0, c.label.1).into()),
                    ("sentence", presets::sentence(c.id).into()),
                    ("runs", Json::Arr(runs)),
                    (
                        "settings",
                        Json::Arr(presets::keys_of(c.id).iter().map(|&k| k.into()).collect()),
                    ),
                ])
            })
            .collect(),
    )
}

/// Seed 001's four cases of transfer learning, each as the transfer
/// preset's settings and the advice it follows.
fn transfer_cases() -> Json {
    use crate::train::presets::{transfer::CASES, Task};
    Json::Arr(
        CASES
            .iter()
            .map(|c| {
                let task = match c.task {
                    Task::Similar => "similar",
                    Task::Different => "different",
                };
                Json::obj([
                    ("task", task.into()),
                    ("per-class", c.per_class.into()),
                    ("reuse", c.reuse.into()),
                    ("freeze", c.freeze.into()),
                    ("advice", tr(c.advice.0, c.advice.1).into()),
                ])
            })
            .collect(),
    )
}

fn dimensions() -> Json {
    Json::Arr(
        DIMENSIONS
            .iter()
            .map(|d| {
                Json::obj([
                    ("key", Json::from(d.key)),
                    ("scale", d.scale_id().into()),
                    ("range", Json::nums(&[d.range.0, d.range.1])),
                    ("list", Json::nums(&d.list)),
                ])
            })
            .collect(),
    )
}

/// The whole vocabulary, in the current language.
pub fn json() -> Json {
    let defaults = TrainConfig::default();
    Json::obj([
        (
            "optim",
            Json::obj([
                ("settings", catalogue::to_json(&OPTIM_SETTINGS)),
                ("hyperparameters", hyperparameters()),
                ("optimizers", optimizers()),
                ("presets", optim_presets()),
            ]),
        ),
        (
            "init",
            Json::obj([
                ("settings", catalogue::to_json(&INIT_SETTINGS)),
                ("presets", init_presets()),
            ]),
        ),
        (
            "mnist",
            Json::obj([
                ("settings", catalogue::to_json(&MNIST_SETTINGS)),
                ("training", catalogue::to_json(&training_entries())),
                (
                    "defaults",
                    settings_of(TRAIN_SETTINGS.iter().map(|e| (e.key, defaults.get(e.key)))),
                ),
                ("experiments", experiments()),
                ("transfer_cases", transfer_cases()),
                // Two settings that are one choice: a run's length in
                // iterations or in epochs.
                (
                    "length",
                    Json::Arr(vec!["iterations".into(), "epochs".into()]),
                ),
            ]),
        ),
        (
            "search",
            Json::obj([
                ("settings", catalogue::to_json(&SEARCH_SETTINGS)),
                ("dimensions", dimensions()),
            ]),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labs_keys_do_not_collide_in_the_pages_one_state_table() {
        // The page keeps every lab's settings in one table keyed by name (the
        // first lab to name a key owns it), so two labs may share a key only
        // when it means the same: the seed. A 3-D "view" in the optimizer lab
        // once hid the initialization lab's forward/backward view this way.
        let labs: [(&str, Vec<&str>); 4] = [
            ("optim", OPTIM_SETTINGS.iter().map(|e| e.key).collect()),
            ("init", INIT_SETTINGS.iter().map(|e| e.key).collect()),
            ("mnist", MNIST_SETTINGS.iter().map(|e| e.key).collect()),
            ("search", SEARCH_SETTINGS.iter().map(|e| e.key).collect()),
        ];
        let mut owner = std::collections::HashMap::new();
        for (lab, keys) in &labs {
            for key in keys {
                if let Some(first) = owner.insert(*key, *lab) {
                    assert!(
                        *key == "seed" && first != *lab,
                        "\"{key}\" is a setting of both {first} and {lab}"
                    );
                }
            }
        }
        assert!(owner.contains_key("plot") && owner.contains_key("view"));
    }

    #[test]
    fn the_vocabulary_names_every_setting_and_preset_in_both_languages() {
        let en = json().to_string();
        let ko = crate::i18n::with(crate::i18n::Lang::Ko, || json().to_string());
        for key in [
            "\"lr\"",
            "\"eps-inside\"",
            "\"surface\"",
            "\"hidden\"",
            "\"vsbn\"",
            "\"space\"",
        ] {
            assert!(en.contains(key), "{key}");
        }
        assert!(en.contains("learning rate η") && ko.contains("학습률 η"));
        assert!(en.contains("The book's figure") && ko.contains("책의 그림"));
        assert!(en.contains("ReLU: He vs Xavier") && ko.contains("ReLU: He 대 Xavier"));
        assert!(en.contains("\"runs\":\"sgd;lr=0.95|momentum;lr=0.1|adagrad;lr=1.5|adam;lr=0.3\""));
    }
}
