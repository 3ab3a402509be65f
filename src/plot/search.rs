//! A hyperparameter search as a scatter: each trial at its two values (in
//! the axes' units, log10 for a log scale), coloured by its validation
//! accuracy; trials still running are hollow; the best are ringed.

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
}
