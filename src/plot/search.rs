//! A hyperparameter search as a scatter: each trial at its two values (in
//! the axes' units, log10 for a log scale), coloured by its validation
//! accuracy; trials still running are hollow; the best are ringed. And
//! Bergstra and Bengio's figure: each dimension's marginal.

use super::{draw_err, line_chart, ramp, Axis, Style};
use crate::error::Result;
use crate::i18n::tr;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One trial: its x and y in the axes' units, its validation accuracy once
/// known, and whether it sits on a grid (drawn as a square) or was drawn at
/// random (a circle).
pub type Trial = (f64, f64, Option<f64>, bool);

/// A scatter's axis: its title and its range.
pub type Range<'a> = (&'a str, (f64, f64));

/// Draws `trials` over the axes `x` and `y`, ringing `best`.
pub fn draw_search<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trials: &[Trial],
    (x_title, x_range): Range<'_>,
    (y_title, y_range): Range<'_>,
    best: &[usize],
    style: &Style,
) -> Result<()> {
    let pad = |(lo, hi): (f64, f64)| {
        let p = ((hi - lo) * 0.05).max(0.05);
        (lo - p)..(hi + p)
    };
    let caption = tr(
        "Trials: darker = higher validation accuracy; ringed = the best",
        "시도: 진할수록 검증 정확도가 높음, 고리 = 최고",
    );
    let mut chart = line_chart(
        area,
        (caption, 13.0),
        Axis {
            range: pad(x_range),
            title: x_title,
            ticks: 8,
        },
        Axis {
            range: pad(y_range),
            title: y_title,
            ticks: 8,
        },
        style,
    )?;
    let r = style.px(5.0);
    let shape = |acc: Option<f64>| match acc {
        Some(a) => ramp(0.1 + 0.85 * a.clamp(0.0, 1.0)).filled(),
        None => RGBColor(150, 150, 150).stroke_width(style.px(1.5)),
    };
    // One series per kind of mark: random trials as circles, grid trials as
    // squares, then the rings around the best.
    chart
        .draw_series(
            trials
                .iter()
                .filter(|t| !t.3)
                .map(|&(x, y, acc, _)| Circle::new((x, y), r, shape(acc))),
        )
        .map_err(draw_err)?;
    let h = r as i32;
    chart
        .draw_series(trials.iter().filter(|t| t.3).map(|&(x, y, acc, _)| {
            EmptyElement::at((x, y)) + Rectangle::new([(-h, -h), (h, h)], shape(acc))
        }))
        .map_err(draw_err)?;
    let ring = RGBColor(213, 94, 0).stroke_width(style.px(2.0));
    chart
        .draw_series(
            best.iter()
                .filter_map(|&i| trials.get(i))
                .map(|&(x, y, _, _)| Circle::new((x, y), r + style.px(4.0), ring)),
        )
        .map_err(draw_err)?;
    Ok(())
}

/// One dimension of a search in Bergstra and Bengio's figure: its title,
/// axis title and range (in shown units), and each trial's value, accuracy
/// once known, and whether it sits on a grid.
pub struct Marginal {
    /// The panel's title ("learning rate η: 10 random values, 3 on the grid").
    pub title: String,
    /// The x axis's title.
    pub axis: String,
    /// The x axis's range.
    pub range: (f64, f64),
    /// Each trial: value, validation accuracy, on a grid.
    pub points: Vec<(f64, Option<f64>, bool)>,
}

/// Draws one panel per dimension, up to four in a row: each trial's
/// validation accuracy against that dimension's value (random trials as
/// blue circles, grid trials as orange squares, trials still running
/// left out), on one accuracy axis fitted to the finished trials. Grid
/// trials stack in a few columns; random ones spread.
pub fn draw_marginals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panels: &[Marginal],
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let cols = panels.len().clamp(1, 4);
    let rows = panels.len().div_ceil(cols).max(1);
    let areas = area.split_evenly((rows, cols));
    let r = style.px(3.5);
    let random = RGBColor(0, 114, 178).mix(0.7).filled();
    let grid = RGBColor(213, 94, 0).stroke_width(style.px(1.5));
    // One accuracy axis for all panels, fitted to the finished trials.
    let (lo, hi) = panels
        .iter()
        .flat_map(|p| p.points.iter().filter_map(|q| q.1))
        .filter(|a| a.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    let accuracy = if lo <= hi {
        (lo - 0.05).max(0.0)..(hi + 0.05).min(1.0)
    } else {
        0.0..1.0
    };
    for (panel, cell) in panels.iter().zip(&areas) {
        let (lo, hi) = panel.range;
        let pad = ((hi - lo) * 0.06).max(0.05);
        let mut chart = line_chart(
            cell,
            (&panel.title, 11.0),
            Axis {
                range: (lo - pad)..(hi + pad),
                title: &panel.axis,
                ticks: 5,
            },
            Axis {
                range: accuracy.clone(),
                title: tr("validation accuracy", "검증 정확도"),
                ticks: 5,
            },
            style,
        )?;
        let done = |want_grid: bool| {
            panel
                .points
                .iter()
                .filter(move |p| p.2 == want_grid)
                .filter_map(|&(x, acc, _)| Some((x, acc?)))
        };
        chart
            .draw_series(done(false).map(|p| Circle::new(p, r, random)))
            .map_err(draw_err)?;
        let h = r as i32;
        chart
            .draw_series(
                done(true).map(|p| EmptyElement::at(p) + Rectangle::new([(-h, -h), (h, h)], grid)),
            )
            .map_err(draw_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_point_per_trial_and_rings_the_best() {
        let trials = [
            (-3.0, -6.0, Some(0.8), false),
            (-5.0, -7.0, Some(0.1), false),
            (-2.0, -5.0, None, false),
            (-4.0, -6.0, None, true),
        ];
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (500, 400));
            draw_search(
                &area,
                &trials,
                ("log10 learning rate", (-6.0, -2.0)),
                ("log10 weight decay", (-8.0, -4.0)),
                &[0],
                &Style::default(),
            )
            .unwrap();
            area.present().unwrap();
        }
        assert_eq!(
            svg.matches("<circle").count(),
            4,
            "three random trials and one ring"
        );
        assert_eq!(
            svg.matches("<rect").count(),
            2,
            "the background and the grid trial's square"
        );
        assert!(svg.contains("log10 learning rate"));
    }

    #[test]
    fn draws_one_panel_per_dimension_with_finished_trials_only() {
        let panel = |title: &str| Marginal {
            title: title.into(),
            axis: "x".into(),
            range: (-6.0, -2.0),
            points: vec![
                (-3.0, Some(0.8), false),
                (-5.0, Some(0.1), true),
                (-4.0, None, false),
            ],
        };
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (900, 300));
            draw_marginals(
                &area,
                &[panel("first"), panel("second"), panel("third")],
                &Style::default(),
            )
            .unwrap();
            area.present().unwrap();
        }
        for t in ["first", "second", "third"] {
            assert!(svg.contains(t), "{t}");
        }
        assert_eq!(
            svg.matches("<circle").count(),
            3,
            "one finished random trial a panel"
        );
    }
}
