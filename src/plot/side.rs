//! The optimizer lab's side plot: the loss, the effective learning rate or
//! the scheduled learning rate of every path, step by step.

use super::paths::Path;
use super::{draw_err, line_chart, Axis, Style, PALETTE};
use crate::error::Result;
use crate::i18n::tr;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the side plot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideView {
    /// f at each step.
    Loss,
    /// |Δw_i| / |g_i| per update: solid for x, dashed for y.
    EffectiveLr,
    /// The scheduled learning rate of each update.
    Schedule,
}

impl SideView {
    /// The view named `id` (`loss`, `effective-lr`, `schedule`).
    pub fn from_id(id: &str) -> Option<SideView> {
        match id {
            "loss" => Some(SideView::Loss),
            "effective-lr" => Some(SideView::EffectiveLr),
            "schedule" => Some(SideView::Schedule),
            _ => None,
        }
    }
}

/// A line of the side plot: colour index, points, dashed.
type Series = (usize, Vec<(f64, f64)>, bool);

/// Draws the side plot of every path up to `frame`, over `steps` updates.
/// `loss_range` (the surface's values over the plotted region) bounds the
/// loss axis, so that one run falling off an unbounded surface does not
/// flatten the others.
pub fn draw_side<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    paths: &[Path<'_>],
    steps: usize,
    frame: usize,
    what: SideView,
    loss_range: Option<(f64, f64)>,
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let build = |frame: usize| -> Vec<Series> {
        paths
            .iter()
            .flat_map(|p| {
                let upto = |n: usize| n.min(frame.saturating_add(1));
                match what {
                    SideView::Loss => vec![(
                        p.index,
                        p.values[..upto(p.values.len())]
                            .iter()
                            .enumerate()
                            .map(|(i, &v)| (i as f64, v))
                            .collect(),
                        false,
                    )],
                    SideView::Schedule => vec![(
                        p.index,
                        p.lrs
                            .iter()
                            .enumerate()
                            .map(|(i, &v)| (i as f64 + 1.0, v))
                            .collect(),
                        false,
                    )],
                    SideView::EffectiveLr => (0..2)
                        .map(|axis| {
                            let n = upto(p.effective.len());
                            (
                                p.index,
                                p.effective[..n]
                                    .iter()
                                    .enumerate()
                                    .map(|(i, e)| (i as f64 + 1.0, e[axis]))
                                    .collect(),
                                axis == 1,
                            )
                        })
                        .collect(),
                }
            })
            .collect()
    };
    let series = build(frame);
    // The axes fit the whole run, so that they stay still while it plays.
    let whole = build(usize::MAX);
    let values = whole
        .iter()
        .flat_map(|s| s.1.iter().map(|p| p.1))
        .filter(|v| v.is_finite());
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if what != SideView::Loss {
        lo = lo.min(0.0);
    } else if let Some((a, b)) = loss_range.filter(|(a, b)| a.is_finite() && b.is_finite() && a < b)
    {
        lo = lo.max(a - 0.05 * (b - a));
        hi = hi.min(b).max(lo + 1e-9);
    }
    let pad = ((hi - lo) * 0.05).max(1e-9);
    let (title, y_desc) = match what {
        SideView::Loss => (tr("Loss f at each step", "스텝마다의 손실 f"), "f"),
        SideView::EffectiveLr => (
            tr(
                "Effective learning rate |Δw|/|g| (x solid, y dashed)",
                "실제 학습률 |Δw|/|g| (x 실선, y 파선)",
            ),
            tr("rate", "학습률"),
        ),
        SideView::Schedule => (tr("Learning rate of each update", "갱신마다의 학습률"), "η"),
    };
    let mut chart = line_chart(
        area,
        (title, 13.0),
        Axis {
            range: 0.0..(steps.max(1) as f64),
            title: tr("step", "스텝"),
            ticks: 6,
        },
        Axis {
            range: (lo - pad)..(hi + pad),
            title: y_desc,
            ticks: 5,
        },
        style,
    )?;
    for (index, points, dashed) in series {
        let color = PALETTE[index % PALETTE.len()];
        if dashed {
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    style.px(5.0),
                    style.px(4.0),
                    color.stroke_width(style.px(2.0)),
                ))
                .map_err(draw_err)?;
        } else {
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(style.px(2.0))))
                .map_err(draw_err)?;
        }
    }
    if what == SideView::Schedule || frame < steps {
        let x = frame as f64;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, lo - pad), (x, hi + pad)],
                RGBColor(120, 120, 120).stroke_width(1),
            )))
            .map_err(draw_err)?;
    }
    Ok(())
}
