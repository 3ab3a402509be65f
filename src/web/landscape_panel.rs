//! The loss landscape in the page. The training workers record each
//! experiment run's weights (`TrainingRun::record_path`) and send them when
//! the run ends; a worker then computes the plane and its grid level by level
//! (`LandscapeJob`), and the page draws each level as it comes
//! (`landscape_draw::draw_landscape`).

use super::js_error;
use super::training::{DigitSet, TrainingRun};
use crate::figures::landscape::{axes, caption};
use crate::json::Json;
use crate::landscape::line::alphas;
use crate::landscape::scorer::PlaneScorer;
use crate::landscape::sharpness::{
    along, report, Curvature, Lanczos, ALONG_POINTS, POWER_MOST, POWER_TOLERANCE,
};
use crate::landscape::study::{
    layout, line_scores, plane_of, sharpest_at, Directions, Landscape, RunPath,
};
use crate::nn::mlp::Mlp;
use crate::optim::{Hyper, Kind};
use crate::train::data::Data;
use crate::train::presets;
use crate::train::Trainer;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl TrainingRun {
    /// Records the run's weights from now on: now and at every evaluation.
    pub fn record_path(&mut self) {
        self.trainer_mut().record_path();
    }

    /// The recorded weights, taken: `[updates…]` and all the weights one
    /// recording after another (as many per recording as the network has).
    pub fn take_path(&mut self) -> js_sys::Array {
        let path = self.trainer_mut().take_path();
        let updates: Vec<u32> = path.iter().map(|(u, _)| *u as u32).collect();
        let weights: Vec<f32> = path.into_iter().flat_map(|(_, w)| w).collect();
        let out = js_sys::Array::new();
        out.push(&js_sys::Uint32Array::from(&updates[..]).into());
        out.push(&js_sys::Float32Array::from(&weights[..]).into());
        out
    }
}

/// A landscape being computed, in a worker.
#[wasm_bindgen]
pub struct LandscapeJob {
    landscape: Landscape,
    names: Vec<String>,
    levels: Vec<Vec<(usize, usize)>>,
    next: usize,
    scorer: PlaneScorer,
    net: Mlp<f32>,
    data: Data,
    indices: Vec<usize>,
    runs: Vec<RunPath>,
    caption: String,
    axes: [String; 2],
    /// Each run's optimizer and hyperparameters.
    optimizers: Vec<(Kind, Hyper)>,
    /// The run whose sharpness is being measured, and its Lanczos iteration.
    sharpening: Option<(usize, Curvature, Lanczos)>,
    /// The finished runs' sharpness reports.
    sharp: Vec<Json>,
}

#[wasm_bindgen]
impl LandscapeJob {
    /// The landscape of experiment `experiment` (with the lab's `settings`)
    /// whose runs are named `names` (one per line) and recorded
    /// `updates` (every run's, one after another; `counts` per run) with
    /// `weights` (as `take_path` gives them, one run after another); `model`
    /// is the model file of the network the plane is drawn around (the last
    /// run for principal directions, run `around` for random and sharp ones:
    /// its batch norm's running averages are used).
    /// `directions` is pca, random or sharp.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        set: &DigitSet,
        experiment: &str,
        settings: &str,
        names: &str,
        counts: &[u32],
        updates: &[u32],
        weights: &[f32],
        model: &[u8],
        directions: &str,
        around: usize,
        samples: usize,
        grid: usize,
    ) -> Result<LandscapeJob, JsError> {
        let choices = presets::Choices::parse(settings).map_err(js_error)?;
        let plan = presets::plan(experiment, &choices).map_err(js_error)?;
        let directions = Directions::parse(directions, around, choices.seed).map_err(js_error)?;
        let center = crate::nn::model_io::load::<f32>(model)
            .map_err(js_error)?
            .net;
        let size: usize = center.params.iter().map(|p| p.value.len()).sum();
        let names: Vec<String> = names.lines().map(String::from).collect();
        let total: usize = counts.iter().map(|&c| c as usize).sum();
        if names.len() != counts.len() || updates.len() != total || weights.len() != total * size {
            return Err(js_error(crate::error!(
                "The runs' recorded weights do not fit their network ({} numbers for {total} recordings of {size}).",
                "실행들의 기록된 가중치가 신경망과 맞지 않습니다(기록 {total}개, 크기 {size}에 숫자 {}개).",
                weights.len()
            )));
        }
        let mut runs = Vec::new();
        let mut at = 0;
        for (name, &count) in names.iter().zip(counts) {
            let path = (at..at + count as usize)
                .map(|k| {
                    (
                        updates[k] as usize,
                        weights[k * size..(k + 1) * size].to_vec(),
                    )
                })
                .collect();
            runs.push(RunPath {
                name: name.clone(),
                path,
            });
            at += count as usize;
        }
        let finals: Vec<Mlp<f32>> = runs
            .iter()
            .map(|r| {
                let mut net = center.without_buffers();
                if let Some((_, w)) = r.path.last() {
                    crate::landscape::set_flat(&mut net, w);
                }
                net
            })
            .collect();
        let refs: Vec<&Mlp<f32>> = finals.iter().collect();
        let config = plan
            .runs
            .first()
            .map(|r| r.config.clone())
            .unwrap_or_default();
        let data = Trainer::data_for(&config, set.shared(), set.test()).map_err(js_error)?;
        let indices: Vec<usize> = data.train.iter().copied().take(samples.max(10)).collect();
        let sharpest = match directions {
            Directions::Sharp { around } => runs
                .get(around)
                .and_then(|r| sharpest_at(r, &center, &data, &indices)),
            _ => None,
        };
        let plane = plane_of(&runs, &refs, directions, sharpest.as_deref()).map_err(js_error)?;
        let (grid, paths) = layout(&plane, &runs, grid, directions);
        let scorer = PlaneScorer::new(&center, &data, &indices, &plane);
        let landscape = Landscape { plane, grid, paths };
        let caption = caption(&landscape, directions, indices.len());
        let axes = axes(&landscape, directions);
        let optimizers = plan
            .runs
            .iter()
            .map(|r| (r.config.optimizer, r.config.hyper))
            .collect();
        let levels = landscape.grid.levels();
        Ok(LandscapeJob {
            landscape,
            names,
            levels,
            next: 0,
            scorer,
            net: center,
            data,
            indices,
            runs,
            caption,
            axes,
            optimizers,
            sharpening: None,
            sharp: Vec::new(),
        })
    }

    /// Computes the next level of the grid; false when every node is done.
    pub fn step(&mut self) -> bool {
        let Some(level) = self.levels.get(self.next) else {
            return false;
        };
        let (plane, grid, scorer) = (
            &self.landscape.plane,
            &mut self.landscape.grid,
            &mut self.scorer,
        );
        for &(i, j) in level {
            let (a, b) = grid.coords(i, j);
            let v = scorer.score((a, b), &plane.at(a, b)).loss;
            let n = grid.n;
            grid.values[j * n + i] = v;
            grid.done[j * n + i] = true;
        }
        self.next += 1;
        self.next < self.levels.len()
    }

    /// The grid so far and the paths, for `draw_landscape`: JSON `{n, x, y,
    /// values (null where not computed), done, paths, names, caption,
    /// explained}`.
    pub fn report(&self) -> String {
        let g = &self.landscape.grid;
        Json::obj([
            ("n", g.n.into()),
            ("x", Json::nums(&[g.x.0, g.x.1])),
            ("y", Json::nums(&[g.y.0, g.y.1])),
            (
                "values",
                Json::Arr(
                    g.values
                        .iter()
                        .zip(&g.done)
                        .map(|(&v, &d)| {
                            if d && v.is_finite() {
                                Json::Num(v)
                            } else {
                                Json::Null
                            }
                        })
                        .collect(),
                ),
            ),
            ("computed", g.computed().into()),
            (
                "paths",
                Json::Arr(
                    self.landscape
                        .paths
                        .iter()
                        .map(|p| Json::Arr(p.iter().map(|q| Json::nums(q)).collect()))
                        .collect(),
                ),
            ),
            (
                "names",
                Json::Arr(self.names.iter().map(|n| Json::Str(n.clone())).collect()),
            ),
            ("caption", Json::Str(self.caption.clone())),
            (
                "axes",
                Json::Arr(self.axes.iter().map(|a| Json::Str(a.clone())).collect()),
            ),
            (
                "explained",
                self.landscape
                    .plane
                    .explained
                    .map_or(Json::Null, |e| Json::nums(&e)),
            ),
        ])
        .to_string()
    }

    /// One Hessian–vector product of the sharpness at the runs' final
    /// weights, run after run (see `landscape::sharpness`); false when every
    /// run's is measured.
    pub fn sharpen(&mut self) -> bool {
        let next = self.sharp.len();
        let Some(w) = self
            .runs
            .get(next)
            .and_then(|r| r.path.last())
            .map(|(_, w)| w.clone())
        else {
            return false;
        };
        let (_, curvature, power) = self.sharpening.get_or_insert_with(|| {
            (
                next,
                Curvature::new(&self.net, &self.data, &self.indices),
                Lanczos::new(w.len(), (POWER_MOST, POWER_TOLERANCE), 1),
            )
        });
        if power.iterate(curvature, &w) {
            return true;
        }
        let found = power.result().map(|s| {
            let a = along(curvature, &w, &s, ALONG_POINTS);
            (s, a)
        });
        let (kind, hyper) = self
            .optimizers
            .get(next)
            .copied()
            .unwrap_or((Kind::Sgd, Hyper::book(Kind::Sgd)));
        self.sharp.push(report(
            &self.runs[next].name,
            found.as_ref().map(|(s, a)| (s, a)),
            kind,
            &hyper,
        ));
        self.sharpening = None;
        self.sharp.len() < self.runs.len()
    }

    /// The sharpness measured so far as JSON `{runs: [report…], measuring:
    /// {run, iterations} | null}`.
    pub fn sharpness(&self) -> String {
        Json::obj([
            ("runs", Json::Arr(self.sharp.clone())),
            (
                "measuring",
                self.sharpening
                    .as_ref()
                    .map_or(Json::Null, |(run, _, power)| {
                        Json::obj([
                            ("run", (*run).into()),
                            ("iterations", power.iterations().into()),
                        ])
                    }),
            ),
        ])
        .to_string()
    }

    /// The loss and accuracy along each run's line from its start to its
    /// end and between consecutive runs' ends, α from −0.5 to 1.5, as JSON
    /// `[{name, alpha, loss, accuracy}]`.
    pub fn lines(&mut self) -> String {
        let alpha = alphas(21);
        let mut out = Vec::new();
        let mut line = |name: String, from: &[f32], to: &[f32], net: &Mlp<f32>| {
            let s = line_scores(net, &self.data, &self.indices, (from, to), &alpha);
            out.push(Json::obj([
                ("name", Json::Str(name)),
                ("alpha", Json::nums(&alpha)),
                (
                    "loss",
                    Json::nums(&s.iter().map(|s| s.loss).collect::<Vec<_>>()),
                ),
                (
                    "accuracy",
                    Json::nums(&s.iter().map(|s| s.accuracy).collect::<Vec<_>>()),
                ),
            ]));
        };
        let net = self.net.without_buffers();
        for r in &self.runs {
            if let (Some((_, a)), Some((_, b))) = (r.path.first(), r.path.last()) {
                line(
                    crate::i18n::tr(
                        format!("{}: start → end", r.name),
                        format!("{}: 시작 → 끝", r.name),
                    ),
                    a,
                    b,
                    &net,
                );
            }
        }
        for pair in self.runs.windows(2) {
            if let (Some((_, a)), Some((_, b))) = (pair[0].path.last(), pair[1].path.last()) {
                line(format!("{} → {}", pair[0].name, pair[1].name), a, b, &net);
            }
        }
        Json::Arr(out).to_string()
    }
}
