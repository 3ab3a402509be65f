//! Pictures of a trained network: the confusion matrix and the softmax
//! probabilities of one input.

use super::{draw_err, ramp, Style, PALETTE};
use crate::error::Result;
use crate::i18n::tr;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws a 10×10 confusion matrix (rows: true label, columns: predicted),
/// each cell shaded by its share of its row and labelled with its count.
pub fn draw_confusion<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &[[usize; 10]; 10],
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(
            tr(
                "Confusion matrix on the test digits",
                "테스트 숫자의 혼동 행렬",
            ),
            ("sans-serif", style.font(13.0)),
        )
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
            draw_confusion(&a, &m, &Style::default()).unwrap();
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
    }
}
