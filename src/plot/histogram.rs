//! Histograms side by side, one panel each, sharing one count axis.
//!
//! The initialization lab draws one panel per layer ("1-layer" … "5-layer",
//! as the book titles them).

use super::{draw_err, Style, PALETTE};
use crate::error::Result;
use crate::stats::Histogram;
use plotters::coord::Shift;
use plotters::prelude::*;

/// How the panels' heights are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heights {
    /// Counts, on one axis shared by every panel (the book's figure).
    SharedCounts,
    /// Each panel's share of its own values, on its own axis (panels of
    /// very different sizes, such as the weight matrices of a network).
    OwnShares,
}

/// Draws `panels` left to right, each titled, their heights as `heights` says.
pub fn draw_panels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panels: &[(String, Histogram)],
    heights: Heights,
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    if panels.is_empty() {
        return Ok(());
    }
    let most = |h: &Histogram| h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let shared_top = panels.iter().map(|(_, h)| most(h)).fold(1.0, f64::max) * 1.05;
    let areas = area.split_evenly((1, panels.len()));
    for (i, ((title, hist), cell)) in panels.iter().zip(&areas).enumerate() {
        let total = hist.counts.iter().sum::<usize>().max(1) as f64;
        // Heights in the panel's own units: a count, or a share in percent.
        let (unit, top, labelled) = match heights {
            Heights::SharedCounts => (1.0, shared_top, i == 0),
            Heights::OwnShares => (100.0 / total, most(hist) * 100.0 / total * 1.05, true),
        };
        let mut chart = ChartBuilder::on(cell)
            .caption(title, ("sans-serif", style.font(14.0)))
            .margin(style.px(6.0))
            .x_label_area_size(style.px(24.0))
            .y_label_area_size(style.px(if labelled { 44.0 } else { 8.0 }))
            .build_cartesian_2d(hist.lo..hist.hi, 0.0..top)
            .map_err(draw_err)?;
        let mut mesh = chart.configure_mesh();
        mesh.disable_x_mesh()
            .x_labels(3)
            .y_labels(5)
            .x_label_formatter(&|v| super::format_tick(*v))
            .label_style(("sans-serif", style.font(11.0)));
        let blank = |_: &f64| String::new();
        let count = |v: &f64| format_count(*v);
        let percent = |v: &f64| format!("{}%", format_count(*v));
        if !labelled {
            mesh.y_label_formatter(&blank);
        } else if heights == Heights::OwnShares {
            mesh.y_label_formatter(&percent);
        } else {
            mesh.y_label_formatter(&count);
        }
        mesh.draw().map_err(draw_err)?;
        let w = hist.bin_width();
        chart
            .draw_series(hist.counts.iter().enumerate().map(|(b, &c)| {
                let x0 = hist.lo + b as f64 * w;
                Rectangle::new(
                    [(x0 + w * 0.06, 0.0), (x0 + w * 0.94, c as f64 * unit)],
                    PALETTE[0].filled(),
                )
            }))
            .map_err(draw_err)?;
    }
    Ok(())
}

/// A count for an axis: 0, 250, 1.5k, 20k, 1.2M.
pub fn format_count(v: f64) -> String {
    let a = v.abs();
    let trim = |s: String| s.trim_end_matches('0').trim_end_matches('.').to_string();
    if a >= 1e6 {
        format!("{}M", trim(format!("{:.1}", v / 1e6)))
    } else if a >= 1e3 {
        format!("{}k", trim(format!("{:.1}", v / 1e3)))
    } else {
        trim(format!("{v:.1}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_short() {
        assert_eq!(format_count(0.0), "0");
        assert_eq!(format_count(250.0), "250");
        assert_eq!(format_count(1500.0), "1.5k");
        assert_eq!(format_count(20000.0), "20k");
        assert_eq!(format_count(1_200_000.0), "1.2M");
    }

    #[test]
    fn draws_one_bar_per_bin() {
        let h = Histogram::of([0.1, 0.2, 0.9], 0.0, 1.0, 3);
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (400, 200));
            draw_panels(
                &area,
                &[("1-layer".into(), h.clone()), ("2-layer".into(), h.clone())],
                Heights::SharedCounts,
                &Style::default(),
            )
            .unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("1-layer") && svg.contains("2-layer"));
        assert!(svg.matches("<rect").count() >= 6);
        // As shares: two of the three values in the first bin is 66.7 %, so
        // the axis goes past 60 %.
        let mut shares = String::new();
        {
            let area = crate::plot::measured::svg(&mut shares, (400, 200));
            draw_panels(
                &area,
                &[("W1".into(), h)],
                Heights::OwnShares,
                &Style::default(),
            )
            .unwrap();
            area.present().unwrap();
        }
        assert!(shares.contains("60%"), "{shares}");
    }
}
