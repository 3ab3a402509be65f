//! The Hessian's eigenvectors as two axes on the contour plot: through the
//! quadratic's centre, each as long as the contour ellipse is along it
//! (∝ 1/√|λ|, the longer scaled to a third of the view), labelled with its
//! eigenvalue. Drawn in the chart layout of [`super::contour::draw_field`].

use super::contour::{chart, View};
use super::{draw_err, Style};
use crate::error::Result;
use crate::optim::quadratic::Quadratic;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The two axes' ends in data coordinates, the steep one (λ₁) first.
pub fn axis_ends(q: &Quadratic, view: View) -> [([f64; 2], [f64; 2]); 2] {
    let span = (view.x.1 - view.x.0).min(view.y.1 - view.y.0);
    let inv = q.eigenvalues.map(|l| 1.0 / l.abs().max(1e-12).sqrt());
    let longest = inv[0].max(inv[1]);
    let c = q.center;
    let mut ends = [([0.0; 2], [0.0; 2]); 2];
    for (i, end) in ends.iter_mut().enumerate() {
        // At least a tenth of the longest, so a very steep axis still shows.
        let half = span / 3.0 * (inv[i] / longest).max(0.1);
        let v = q.eigenvectors[i];
        *end = (
            [c[0] - half * v[0], c[1] - half * v[1]],
            [c[0] + half * v[0], c[1] + half * v[1]],
        );
    }
    ends
}

/// Draws the axes of `q` over the contour of `view`.
pub fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: View,
    q: &Quadratic,
    style: &Style,
) -> Result<()> {
    let chart = chart(area, view, style)?;
    let plot = chart.plotting_area();
    let font = ("sans-serif", style.font(14.0)).into_font().color(&BLACK);
    for (i, (a, b)) in axis_ends(q, view).into_iter().enumerate() {
        let line = vec![(a[0], a[1]), (b[0], b[1])];
        plot.draw(&PathElement::new(
            line.clone(),
            WHITE.stroke_width(style.px(5.0)),
        ))
        .map_err(draw_err)?;
        plot.draw(&PathElement::new(line, BLACK.stroke_width(style.px(2.0))))
            .map_err(draw_err)?;
        let label = format!("λ{} = {}", ["₁", "₂"][i], crate::num::num(q.eigenvalues[i]));
        plot.draw(&Text::new(label, (b[0], b[1]), font.clone()))
            .map_err(draw_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::surface::Surface;

    #[test]
    fn axes_follow_the_ellipse_of_the_books_bowl() {
        // λ = 2 along y and 0.1 along x: the x axis is √20 ≈ 4.47 times
        // longer, and it is a third of the 8-unit span of y from the centre.
        let q = Quadratic::of(&Surface::Bowl, [-7.0, 2.0]);
        let view = View {
            x: (-10.0, 10.0),
            y: (-4.0, 4.0),
        };
        let [(a0, b0), (a1, b1)] = axis_ends(&q, view);
        let len = |a: [f64; 2], b: [f64; 2]| (b[0] - a[0]).hypot(b[1] - a[1]);
        assert!((len(a1, b1) - 2.0 * 8.0 / 3.0).abs() < 1e-12);
        assert!((len(a1, b1) / len(a0, b0) - 20f64.sqrt()).abs() < 1e-9);
        assert!(
            a0[0].abs() < 1e-12 && b0[0].abs() < 1e-12,
            "the steep axis is vertical"
        );
        assert!(
            a1[1].abs() < 1e-12 && b1[1].abs() < 1e-12,
            "the shallow one horizontal"
        );
    }
}
