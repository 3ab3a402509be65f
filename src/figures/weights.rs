//! A network's weights during training: one histogram per weight matrix,
//! each on its own axis of shares (the first matrix has 78,400 weights, the
//! last 1,000), titled with its share of weights near zero.

use crate::error::Result;
use crate::plot::histogram::{draw_panels, Heights};
use crate::plot::Style;
use crate::stats::Histogram;
use crate::train::weights::WeightLayer;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The panels: "W1 · 12% ≈ 0" and its histogram, per weight matrix.
pub fn panels(layers: &[WeightLayer]) -> Vec<(String, Histogram)> {
    layers
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let share = 100.0 * l.near_zero;
            let share = if share > 0.0 && share < 0.1 {
                "<0.1".to_string()
            } else {
                format!("{share:.1}")
            };
            (format!("W{} · {share}% ≈ 0", i + 1), l.histogram.clone())
        })
        .collect()
}

/// Draws the weights of `layers`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layers: &[WeightLayer],
    style: &Style,
) -> Result<()> {
    draw_panels(area, &panels(layers), Heights::OwnShares, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_the_share_near_zero() {
        let layer = |near_zero| WeightLayer {
            histogram: Histogram::of([0.0, 0.01], -0.1, 0.1, 5),
            near_zero,
            rms: 0.01,
            count: 2,
        };
        let p = panels(&[layer(0.5), layer(0.0004), layer(0.0)]);
        let titles: Vec<&str> = p.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            titles,
            ["W1 · 50.0% ≈ 0", "W2 · <0.1% ≈ 0", "W3 · 0.0% ≈ 0"]
        );
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (600, 200));
            draw(&area, &[layer(0.5)], &Style::default()).unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("W1 · 50.0% ≈ 0"));
    }
}
