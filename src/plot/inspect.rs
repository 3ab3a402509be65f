//! Pictures of a trained network: the confusion matrix, the softmax
//! probabilities of one input, and batch norm's running averages against a
//! batch's own statistics.

use super::{draw_err, line_chart, ramp, Axis, Style, PALETTE};
use crate::error::Result;
use crate::i18n::tr;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws a 10×10 confusion matrix (rows: true label, columns: predicted),
/// each cell shaded by its share of its row and labelled with its count;
/// `mode` (such as "train mode") follows the title when not empty.
pub fn draw_confusion<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &[[usize; 10]; 10],
    mode: &str,
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let title = tr(
        "Confusion matrix on the test digits",
        "테스트 숫자의 혼동 행렬",
    );
    let caption = if mode.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({mode})")
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", style.font(13.0)))
        .margin(style.px(6.0))
        .x_label_area_size(style.px(30.0))
        .y_label_area_size(style.px(30.0))
        .build_cartesian_2d(-0.5..9.5, 9.5..-0.5)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(tr("predicted", "예측"))
        .y_desc(tr("true", "정답"))
        .x_labels(10)
        .y_labels(10)
        .x_label_formatter(&|v: &f64| format!("{}", v.round() as i32))
        .y_label_formatter(&|v: &f64| format!("{}", v.round() as i32))
        .label_style(("sans-serif", style.font(11.0)))
        .axis_desc_style(("sans-serif", style.font(12.0)))
        .draw()
        .map_err(draw_err)?;
    let font = ("sans-serif", style.font(10.0))
        .into_text_style(area)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for (r, row) in m.iter().enumerate() {
        let total = row.iter().sum::<usize>().max(1) as f64;
        for (c, &n) in row.iter().enumerate() {
            let share = n as f64 / total;
            let fill = if n == 0 {
                WHITE
            } else {
                ramp(0.15 + 0.8 * share)
            };
            let (x, y) = (c as f64, r as f64);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                    fill.filled(),
                )))
                .map_err(draw_err)?;
            if n > 0 {
                let ink = if share > 0.5 { WHITE } else { BLACK };
                chart
                    .draw_series(std::iter::once(Text::new(
                        n.to_string(),
                        (x, y),
                        font.clone().color(&ink),
                    )))
                    .map_err(draw_err)?;
            }
        }
    }
    Ok(())
}

/// Draws the ten class probabilities as bars, the most likely (the hardmax) highlighted.
pub fn draw_probabilities<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    p: &[f64],
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let best = (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b]));
    let title = match best {
        Some(b) => tr(
            format!("softmax: p({b}) = {:.2}; hardmax: {b}", p[b]),
            format!("소프트맥스: p({b}) = {:.2}, 하드맥스: {b}", p[b]),
        ),
        None => tr("Softmax probabilities", "소프트맥스 확률").to_string(),
    };
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", style.font(13.0)))
        .margin(style.px(6.0))
        .x_label_area_size(style.px(24.0))
        .y_label_area_size(style.px(36.0))
        .build_cartesian_2d(-0.5..9.5, 0.0..1.0)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(10)
        .y_labels(5)
        .x_label_formatter(&|v: &f64| format!("{}", v.round() as i32))
        .label_style(("sans-serif", style.font(11.0)))
        .draw()
        .map_err(draw_err)?;
    chart
        .draw_series(p.iter().enumerate().map(|(i, &v)| {
            let color = if Some(i) == best {
                PALETTE[1]
            } else {
                PALETTE[0]
            };
            Rectangle::new(
                [(i as f64 - 0.35, 0.0), (i as f64 + 0.35, v)],
                color.filled(),
            )
        }))
        .map_err(draw_err)?;
    Ok(())
}

/// A batch-norm layer's running averages and one batch's statistics, per unit.
#[derive(Debug, Clone, Copy)]
pub struct NormView<'a> {
    /// The hidden layer (from 0).
    pub layer: usize,
    /// Examples in the batch.
    pub batch: usize,
    /// Running means and the batch's means.
    pub mean: (&'a [f64], &'a [f64]),
    /// Running variances and the batch's variances.
    pub var: (&'a [f64], &'a [f64]),
}

/// Draws two scatter plots side by side, one dot per unit: the running
/// mean against the batch's mean, and the running variance against the
/// batch's variance, each with the diagonal where they agree.
pub fn draw_norm_statistics<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    stats: &NormView<'_>,
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let (w, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(w / 2);
    let layer = stats.layer + 1;
    let panels = [
        (
            &left,
            tr(
                format!("layer {layer}: mean per unit"),
                format!("{layer}층: 뉴런별 평균"),
            ),
            stats.mean.0,
            stats.mean.1,
        ),
        (
            &right,
            tr(
                format!("layer {layer}: variance per unit"),
                format!("{layer}층: 뉴런별 분산"),
            ),
            stats.var.0,
            stats.var.1,
        ),
    ];
    let batch = tr(
        format!("a batch of {} (train mode)", stats.batch),
        format!("배치 {}개 (학습 모드)", stats.batch),
    );
    for (cell, title, running, batch_values) in panels {
        let all = running
            .iter()
            .chain(batch_values.iter())
            .copied()
            .filter(|v| v.is_finite());
        let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let (lo, hi) = if lo.is_finite() && hi > lo {
            let pad = 0.05 * (hi - lo);
            (lo - pad, hi + pad)
        } else if lo.is_finite() {
            (lo - 1.0, lo + 1.0)
        } else {
            (0.0, 1.0)
        };
        let mut chart = line_chart(
            cell,
            (&title, 12.0),
            Axis {
                range: lo..hi,
                title: tr("running average (eval mode)", "이동 평균 (평가 모드)"),
                ticks: 4,
            },
            Axis {
                range: lo..hi,
                title: &batch,
                ticks: 4,
            },
            style,
        )?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(lo, lo), (hi, hi)],
                RGBColor(170, 170, 170).stroke_width(style.px(1.0)),
            )))
            .map_err(draw_err)?;
        chart
            .draw_series(
                running.iter().zip(batch_values.iter()).map(|(&x, &y)| {
                    Circle::new((x, y), style.px(2.5), PALETTE[0].mix(0.7).filled())
                }),
            )
            .map_err(draw_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_counts_and_bars() {
        let mut m = [[0; 10]; 10];
        for (i, row) in m.iter_mut().enumerate() {
            row[i] = 90 + i;
        }
        m[4][9] = 7;
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (500, 400));
            let (a, b) = area.split_vertically(250);
            draw_confusion(&a, &m, "train mode", &Style::default()).unwrap();
            draw_probabilities(
                &b,
                &[0.05, 0.8, 0.15, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                &Style::default(),
            )
            .unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains(">\n7\n</text>") && svg.contains(">\n99\n</text>"));
        assert!(svg.contains("p(1) = 0.80; hardmax: 1"));
        assert!(svg.contains("test digits (train mode)"));
    }

    #[test]
    fn draws_one_dot_per_unit_in_each_panel() {
        let stats = NormView {
            layer: 1,
            batch: 100,
            mean: (&[0.0, 1.0, 2.0], &[0.1, 0.9, 2.2]),
            var: (&[1.0, 1.0, 1.0], &[0.8, 1.1, 1.3]),
        };
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (600, 260));
            draw_norm_statistics(&area, &stats, &Style::default()).unwrap();
            area.present().unwrap();
        }
        assert_eq!(svg.matches("<circle").count(), 6);
        assert!(svg.contains("layer 2: mean per unit") && svg.contains("a batch of 100"));
    }
}
