//! Training curves of one or more runs: the loss per update (raw, light, and
//! smoothed, bold) and the accuracies at each evaluation (test solid,
//! training dashed, validation dotted), the best validation marked.

use super::paths::draw_legend_within;
use super::{draw_err, line_chart, Axis, Chart, Style, PALETTE};
use crate::error::Result;
use crate::i18n::tr;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One evaluation: (update, training accuracy, validation accuracy, test accuracy).
pub type EvalPoint = (f64, f64, Option<f64>, f64);

/// One run's curves.
pub struct RunCurve<'a> {
    /// Legend text.
    pub label: &'a str,
    /// Colour index.
    pub index: usize,
    /// Loss of each update.
    pub losses: &'a [f64],
    /// The evaluations.
    pub evals: &'a [EvalPoint],
    /// Index in `evals` of the best validation accuracy.
    pub best: Option<usize>,
    /// The test loss at evaluations, (update, loss), where it is drawn
    /// (ensembles, averaged weights, transfer learning); else empty.
    pub test_losses: &'a [(f64, f64)],
}

/// Exponential moving average with bias correction (as TensorBoard smooths).
pub fn smooth(values: &[f64], beta: f64) -> Vec<f64> {
    let mut avg = 0.0;
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            avg = beta * avg + (1.0 - beta) * v;
            avg / (1.0 - beta.powi(i as i32 + 1))
        })
        .collect()
}

/// Above this many runs (a search's trials) the charts draw less: the loss
/// its smoothed lines only, the accuracy the runs of [`shown`]. A hundred
/// trials' dashed curves were up to 70 ms a redraw on the page's main thread
/// (every dash a path of its own) and could not be told apart anyway.
pub const MANY: usize = 20;
/// With more than [`MANY`] runs, the accuracy chart's best runs by validation.
pub const BEST_SHOWN: usize = 10;

/// The runs whose accuracy is drawn: every one, or with more than [`MANY`],
/// the [`BEST_SHOWN`] with the highest validation accuracy (training accuracy
/// for runs without validation), and every run still training (its last
/// evaluation before update `total`), in their order.
pub fn shown(runs: &[RunCurve<'_>], total: usize) -> Vec<usize> {
    if runs.len() <= MANY {
        return (0..runs.len()).collect();
    }
    let score = |r: &RunCurve<'_>| {
        r.evals
            .iter()
            .map(|e| e.2.unwrap_or(e.1))
            .filter(|v| v.is_finite())
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let mut ranked: Vec<usize> = (0..runs.len()).collect();
    ranked.sort_by(|&a, &b| score(&runs[b]).total_cmp(&score(&runs[a])));
    let mut keep: Vec<usize> = ranked.into_iter().take(BEST_SHOWN).collect();
    keep.extend(
        (0..runs.len()).filter(|&i| runs[i].evals.last().is_some_and(|e| e.0 < total as f64)),
    );
    keep.sort_unstable();
    keep.dedup();
    keep
}

/// At most `max` points of `values`, as (update, value), keeping each
/// stretch's first point.
fn thin(values: &[f64], max: usize) -> Vec<(f64, f64)> {
    let every = values.len().div_ceil(max.max(1)).max(1);
    values
        .iter()
        .enumerate()
        .step_by(every)
        .filter(|(_, v)| v.is_finite())
        .map(|(i, &v)| (i as f64 + 1.0, v))
        .collect()
}

fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    x_max: f64,
    y: (f64, f64),
    y_desc: &str,
    style: &Style,
) -> Result<Chart<'a, DB>> {
    line_chart(
        area,
        (title, 14.0),
        Axis {
            range: 0.0..x_max.max(1.0),
            title: tr("update", "갱신"),
            ticks: 6,
        },
        Axis {
            range: y.0..y.1,
            title: y_desc,
            ticks: 6,
        },
        style,
    )
}

/// Draws the loss of every run over `total` updates; returns the plot's
/// left and right edges in backend pixels (for readouts under the pointer).
pub fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[RunCurve<'_>],
    total: usize,
    style: &Style,
) -> Result<(i32, i32)> {
    let with_test = runs.iter().any(|r| !r.test_losses.is_empty());
    // The start of the training losses, and every test loss (below 10: a
    // diverged ensemble member must not flatten the others).
    let top = runs
        .iter()
        .flat_map(|r| {
            let test = r.test_losses.iter().map(|p| p.1.min(10.0));
            r.losses.iter().take(20).copied().chain(test)
        })
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max)
        .max(0.1)
        * 1.15;
    let title = if with_test {
        tr(
            "Loss (light: each update; bold: smoothed; dots: test loss)",
            "손실(옅은 선: 갱신마다, 굵은 선: 평활, 점: 테스트 손실)",
        )
    } else if runs.len() > MANY {
        tr(
            "Training loss (smoothed; each update's loss with at most 20 runs)",
            "훈련 손실(평활; 갱신마다의 손실은 실행 20개 이하일 때)",
        )
    } else {
        tr(
            "Training loss (light: each update; bold: smoothed)",
            "훈련 손실(옅은 선: 갱신마다, 굵은 선: 평활)",
        )
    };
    let mut chart = chart(
        area,
        title,
        total as f64,
        (0.0, top),
        tr("loss", "손실"),
        style,
    )?;
    for r in runs {
        let color = PALETTE[r.index % PALETTE.len()];
        if runs.len() <= MANY {
            chart
                .draw_series(LineSeries::new(
                    thin(r.losses, 1500),
                    color.mix(0.25).stroke_width(1),
                ))
                .map_err(draw_err)?;
        }
        chart
            .draw_series(LineSeries::new(
                thin(&smooth(r.losses, 0.98), 1500),
                color.stroke_width(style.px(2.0)),
            ))
            .map_err(draw_err)?;
        let test: Vec<(f64, f64)> = r
            .test_losses
            .iter()
            .copied()
            .filter(|p| p.1.is_finite())
            .collect();
        chart
            .draw_series(DashedLineSeries::new(
                test.clone(),
                style.px(2.0),
                style.px(3.0),
                color.stroke_width(style.px(2.0)),
            ))
            .map_err(draw_err)?;
        chart
            .draw_series(
                test.into_iter()
                    .map(|p| Circle::new(p, style.px(3.0), color.filled())),
            )
            .map_err(draw_err)?;
    }
    legend(area, &chart, runs, style)?;
    Ok(chart.plotting_area().get_pixel_range().0.into_tuple())
}

/// The accuracy axis fitted to the later two thirds of each run's
/// evaluations (where runs that all learn differ by a point or two), from
/// a multiple of 0.05 below them up to 1.
pub fn fitted_floor(runs: &[RunCurve<'_>]) -> f64 {
    let low = runs
        .iter()
        .flat_map(|r| {
            let later = &r.evals[r.evals.len() / 3..];
            later.iter().flat_map(|e| [e.1, e.3].into_iter().chain(e.2))
        })
        .filter(|v| v.is_finite())
        .fold(1.0_f64, f64::min);
    (((low - 0.02) / 0.05).floor() * 0.05).clamp(0.0, 0.9)
}

/// Draws the accuracies of every run over `total` updates, from 0 to 1 or,
/// when `fit`, from [`fitted_floor`]; returns the plot's left and right
/// edges in backend pixels.
pub fn draw_accuracy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[RunCurve<'_>],
    total: usize,
    fit: bool,
    style: &Style,
) -> Result<(i32, i32)> {
    let floor = if fit { fitted_floor(runs) } else { 0.0 };
    let drawn = shown(runs, total);
    let title = if drawn.len() < runs.len() {
        let n = runs.len();
        tr(
            format!("Accuracy (solid: test, dashed: training, dotted: validation): the best {BEST_SHOWN} of {n} runs and those training"),
            format!("정확도(실선: 테스트, 파선: 훈련, 점선: 검증): 실행 {n}개 중 가장 좋은 {BEST_SHOWN}개와 학습 중인 실행"),
        )
    } else {
        tr(
            "Accuracy (solid: test, dashed: training, dotted: validation)".into(),
            "정확도(실선: 테스트, 파선: 훈련, 점선: 검증)".into(),
        )
    };
    let mut chart = chart(
        area,
        &title,
        total as f64,
        (floor, 1.0),
        tr("accuracy", "정확도"),
        style,
    )?;
    let w = style.px(2.0);
    for r in drawn.iter().map(|&i| &runs[i]) {
        let color = PALETTE[r.index % PALETTE.len()];
        // (A search's trial has its test accuracy at its end only.)
        let test: Vec<(f64, f64)> = r
            .evals
            .iter()
            .map(|e| (e.0, e.3))
            .filter(|p| p.1.is_finite())
            .collect();
        // Scores derived from runs (an ensemble) have no training accuracy.
        let train: Vec<(f64, f64)> = r
            .evals
            .iter()
            .filter(|e| e.1.is_finite())
            .map(|e| (e.0, e.1))
            .collect();
        let val: Vec<(f64, f64)> = r
            .evals
            .iter()
            .filter_map(|e| e.2.map(|v| (e.0, v)))
            .collect();
        chart
            .draw_series(LineSeries::new(test, color.stroke_width(w)))
            .map_err(draw_err)?;
        chart
            .draw_series(DashedLineSeries::new(
                train,
                style.px(6.0),
                style.px(4.0),
                color.stroke_width(w),
            ))
            .map_err(draw_err)?;
        chart
            .draw_series(DashedLineSeries::new(
                val.clone(),
                style.px(2.0),
                style.px(3.0),
                color.stroke_width(w),
            ))
            .map_err(draw_err)?;
        if let Some(&(x, y)) = r
            .best
            .and_then(|b| r.evals.get(b))
            .and_then(|e| e.2.map(|v| (e.0, v)))
            .as_ref()
        {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (x, y),
                    style.px(6.0),
                    color.stroke_width(w),
                )))
                .map_err(draw_err)?;
        }
    }
    // The legend names the runs drawn.
    legend(area, &chart, drawn.iter().map(|&i| &runs[i]), style)?;
    Ok(chart.plotting_area().get_pixel_range().0.into_tuple())
}

/// The runs' legend in the top-right corner of the plot.
fn legend<'r, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    runs: impl IntoIterator<Item = &'r RunCurve<'r>>,
    style: &Style,
) -> Result<()> {
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let base = area.get_base_pixel();
    // As many rows as fit in the plot (a search has up to 400 runs).
    let rows = ((yr.end - yr.start) as f64 / style.font(19.0) - 1.0).max(1.0) as usize;
    let entries: Vec<(String, usize)> = runs
        .into_iter()
        .map(|r| (r.label.to_string(), r.index))
        .collect();
    draw_legend_within(
        area,
        (xr.end - base.0, yr.start - base.1),
        &entries,
        false,
        rows,
        style,
    )
}

/// Draws a learning-rate schedule: (update, rate) points over `total` updates.
pub fn draw_schedule<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, f64)],
    total: usize,
    style: &Style,
) -> Result<()> {
    let top = points
        .iter()
        .map(|p| p.1)
        .fold(0.0_f64, f64::max)
        .max(1e-12)
        * 1.1;
    let mut chart = chart(
        area,
        tr("Learning rate over the run", "학습 동안의 학습률"),
        total as f64,
        (0.0, top),
        "η",
        style,
    )?;
    chart
        .draw_series(LineSeries::new(
            points.iter().copied(),
            PALETTE[0].stroke_width(style.px(2.0)),
        ))
        .map_err(draw_err)?;
    Ok(())
}

trait IntoTuple {
    fn into_tuple(self) -> (i32, i32);
}

impl IntoTuple for std::ops::Range<i32> {
    fn into_tuple(self) -> (i32, i32) {
        (self.start, self.end)
    }
}

/// What the runs show at `update`: each run's smoothed loss there and its
/// latest evaluation at or before it, as one line per run.
pub fn readout(runs: &[RunCurve<'_>], update: f64) -> Vec<String> {
    runs.iter()
        .map(|r| {
            let k = (update.round().max(1.0) as usize).min(r.losses.len());
            let loss = if k > 0 {
                smooth(&r.losses[..k], 0.98).last().copied()
            } else {
                None
            };
            let eval = r.evals.iter().rev().find(|e| e.0 <= update.max(1.0));
            let mut line = format!("{}: ", r.label);
            match loss {
                Some(l) => line.push_str(&format!("{} {l:.4}", tr("loss", "손실"))),
                None => line.push_str(tr("not started", "시작 전")),
            }
            if let Some(e) = eval {
                line.push_str(&tr(
                    format!(", at update {}", e.0),
                    format!(", 갱신 {}", e.0),
                ));
                if e.1.is_finite() {
                    line.push_str(&format!(": {} {:.1}%", tr("train", "훈련"), 100.0 * e.1));
                }
                if let Some(v) = e.2 {
                    line.push_str(&format!(", {} {:.1}%", tr("validation", "검증"), 100.0 * v));
                }
                if e.3.is_finite() {
                    line.push_str(&format!(", {} {:.1}%", tr("test", "테스트"), 100.0 * e.3));
                }
                let test_loss = r.test_losses.iter().rev().find(|p| p.0 <= update.max(1.0));
                if let Some((_, l)) = test_loss.filter(|p| p.0 == e.0) {
                    line.push_str(&format!(", {} {l:.4}", tr("test loss", "테스트 손실")));
                }
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests;
