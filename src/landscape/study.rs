//! A landscape of finished runs: their recorded weights, a plane through
//! them, and the training loss over it on a fixed subset of the training
//! digits, evaluated in eval mode (batch norm with the running averages of
//! the network the plane is drawn around; dropout off).

use super::grid::{half_widths, Grid};
use super::scorer::PlaneScorer;
use super::{set_flat, Plane};
use crate::error::Result;
use crate::nn::mlp::Mlp;
use crate::train::data::Data;
use crate::train::evaluate::{self, Pass, Score};

/// How the plane's directions are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directions {
    /// The runs' top two principal directions.
    Pca,
    /// Two random filter-normalized directions around a run's final weights.
    Random {
        /// Which run (from 0).
        around: usize,
        /// The directions' seed.
        seed: u64,
    },
    /// Across and along a run's valley: the Hessian's sharpest direction at
    /// the run's end, and the run's own way (see [`Plane::across`]).
    Sharp {
        /// Which run (from 0).
        around: usize,
    },
}

impl Directions {
    /// `pca` or `random`, with the run and seed for random directions.
    pub fn parse(text: &str, around: usize, seed: u64) -> Result<Directions> {
        match text.trim() {
            "pca" => Ok(Directions::Pca),
            "random" => Ok(Directions::Random { around, seed }),
            "sharp" => Ok(Directions::Sharp { around }),
            other => crate::fail!(
                "The directions are pca (the runs' principal directions), random (filter-normalized) or sharp (across and along a run's valley), got \"{other}\".",
                "방향은 pca(실행들의 주성분 방향), random(필터 정규화) 또는 sharp(한 실행의 골짜기를 가로지르는 방향과 따라가는 방향)입니다. 받은 값: \"{other}\"."
            ),
        }
    }

    /// The directions' name, as the command line takes it.
    pub fn id(self) -> &'static str {
        match self {
            Directions::Pca => "pca",
            Directions::Random { .. } => "random",
            Directions::Sharp { .. } => "sharp",
        }
    }

    /// The run the plane is drawn around (its end the origin for random and
    /// sharp directions), of `runs` runs: the last for principal directions;
    /// an error when there is no such run.
    pub fn center(self, runs: usize) -> Result<usize> {
        let k = match self {
            Directions::Pca => runs.saturating_sub(1),
            Directions::Random { around, .. } | Directions::Sharp { around } => around,
        };
        if k >= runs {
            crate::fail!(
                "There is no run {} to draw the plane around: the experiment has {} runs.",
                "평면의 중심이 될 {}번째 실행이 없습니다. 실험의 실행은 {}개입니다.",
                k + 1,
                runs
            );
        }
        Ok(k)
    }
}

/// One run's recorded weights: the update of each, and the weights.
#[derive(Debug, Clone, PartialEq)]
pub struct RunPath {
    /// The run's name.
    pub name: String,
    /// (update, weights), the start first.
    pub path: Vec<(usize, Vec<f32>)>,
}

/// At most this many of a run's recorded networks enter the principal
/// directions (evenly spaced, the start and the end always among them).
pub const PCA_POINTS: usize = 25;

fn thinned<T>(items: &[T], most: usize) -> Vec<&T> {
    if items.len() <= most {
        return items.iter().collect();
    }
    let mut idx: Vec<usize> = (0..most)
        .map(|k| (k as f64 * (items.len() - 1) as f64 / (most - 1) as f64).round() as usize)
        .collect();
    idx.dedup();
    idx.into_iter().map(|i| &items[i]).collect()
}

/// The plane through `runs` chosen by `directions`; `finals` are the runs'
/// final networks (random directions are drawn around one of them), and
/// `sharpest` the unit eigenvector of the largest curvature at the end of
/// the run sharp directions are drawn around ([`sharpest_at`]).
pub fn plane_of(
    runs: &[RunPath],
    finals: &[&Mlp<f32>],
    directions: Directions,
    sharpest: Option<&[f32]>,
) -> Result<Plane> {
    let center = directions.center(runs.len().min(finals.len()))?;
    match directions {
        Directions::Pca => {
            let points: Vec<&[f32]> = runs
                .iter()
                .flat_map(|r| {
                    thinned(&r.path, PCA_POINTS)
                        .into_iter()
                        .map(|(_, w)| w.as_slice())
                })
                .collect();
            Plane::pca(&points)
        }
        Directions::Random { seed, .. } => Ok(Plane::random(finals[center], seed)),
        Directions::Sharp { .. } => {
            let run = &runs[center];
            let Some(v) = sharpest else {
                crate::fail!(
                    "The sharpest direction at the end of {} could not be measured (a diverged run has none); choose principal directions.",
                    "{}의 끝에서 가장 날카로운 방향을 잴 수 없었습니다(발산한 실행에는 없습니다). 주성분 방향을 고르세요.",
                    run.name
                );
            };
            let path: Vec<&[f32]> = run.path.iter().map(|(_, w)| w.as_slice()).collect();
            Plane::across(v, &path)
        }
    }
}

/// The unit eigenvector of the Hessian's largest curvature at the end of
/// `run` (in the shape of `net`) on `indices` of `data`, when the run has an
/// end and its curvature is finite.
pub fn sharpest_at(
    run: &RunPath,
    net: &Mlp<f32>,
    data: &Data,
    indices: &[usize],
) -> Option<Vec<f32>> {
    use super::sharpness::{sharpness, Curvature, POWER_MOST, POWER_TOLERANCE};
    let (_, w) = run.path.last()?;
    let mut curvature = Curvature::new(net, data, indices);
    sharpness(&mut curvature, w, (POWER_MOST, POWER_TOLERANCE), 1).map(|s| s.direction)
}

/// The training loss and accuracy of `net`'s shape with weights `w`, on
/// `indices` of `data`, in eval mode. `net`'s running averages are used.
pub fn score_at(net: &mut Mlp<f32>, data: &Data, indices: &[usize], w: &[f32]) -> Score {
    set_flat(net, w);
    evaluate::score(net, data, indices, Pass::Eval, 0)
}

/// A finished landscape: the plane, the loss over it, and each run's path
/// in the plane's coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Landscape {
    /// The plane.
    pub plane: Plane,
    /// The loss over it.
    pub grid: Grid,
    /// Each run's projected path, start first.
    pub paths: Vec<Vec<[f64; 2]>>,
}

/// The runs' paths projected onto `plane`, and a grid of `n` nodes a side
/// that holds them (for random directions at least ±1, Li et al.'s range).
pub fn layout(
    plane: &Plane,
    runs: &[RunPath],
    n: usize,
    directions: Directions,
) -> (Grid, Vec<Vec<[f64; 2]>>) {
    let paths: Vec<Vec<[f64; 2]>> = runs
        .iter()
        .map(|r| r.path.iter().map(|(_, w)| plane.project(w)).collect())
        .collect();
    let all: Vec<[f64; 2]> = paths.iter().flatten().copied().collect();
    let least = match directions {
        Directions::Pca | Directions::Sharp { .. } => 1e-3,
        Directions::Random { .. } => 1.0,
    };
    (Grid::new(n, half_widths(&all, least)), paths)
}

/// The loss along the line from `from` to `to` at each of `alphas`: the
/// line is a plane whose second direction is zero, so its points are scored
/// as the grid's are.
pub fn line_scores(
    net: &Mlp<f32>,
    data: &Data,
    indices: &[usize],
    (from, to): (&[f32], &[f32]),
    alphas: &[f64],
) -> Vec<Score> {
    let line = Plane {
        origin: from.to_vec(),
        dirs: [
            to.iter().zip(from).map(|(b, a)| b - a).collect(),
            vec![0.0; from.len()],
        ],
        explained: None,
    };
    let mut scorer = PlaneScorer::new(net, data, indices, &line);
    alphas
        .iter()
        .map(|&a| scorer.score((a, 0.0), &line.at(a, 0.0)))
        .collect()
}
