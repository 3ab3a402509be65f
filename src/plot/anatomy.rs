//! One update taken apart, drawn over the paths: an arrow per term with its
//! symbol and numbers beside it, the per-axis scale as a box whose sides are
//! the two factors, Nesterov's heavy ball as a ring. Steps too short to see
//! are drawn longer by a round factor around their start, and the plot says so.
//! Drawn in the chart layout of [`super::contour::draw_field`].

use super::contour::{chart, View};
use super::{draw_err, Style};
use crate::error::Result;
use crate::i18n::tr;
use crate::num::three;
use crate::optim::anatomy::{Anatomy, Term};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// The colour of each term's arrow.
pub fn term_color(term: Term) -> RGBColor {
    match term {
        Term::Gradient => RGBColor(200, 30, 45),
        Term::Velocity => RGBColor(20, 90, 200),
        Term::LookAhead => RGBColor(90, 90, 90),
        Term::Before => RGBColor(130, 60, 170),
        Term::Step => RGBColor(0, 0, 0),
    }
}

/// The largest of 1, 2, 5, 10, 20, 50, … that is at most `r` (1 when `r` < 1).
fn round_at_most(r: f64) -> f64 {
    let mut best = 1.0;
    for k in 0..13 {
        for m in [1.0, 2.0, 5.0] {
            let zoom = m * 10f64.powi(k);
            if zoom <= r {
                best = zoom;
            }
        }
    }
    best
}

/// How many times longer than they are the arrows are drawn, for a step of
/// `step` pixels whose longest arrow is `longest` pixels (`px` pixels to a
/// point of the page): 1 for a step of 90 points or more; else a round
/// factor that keeps the step within 200 points and every arrow within 260;
/// and when a long term would leave the step under 10 points, the step's
/// own factor (the long term then runs off the plot).
pub fn magnification(step: f64, longest: f64, px: f64) -> f64 {
    if step.is_nan() || step <= 0.0 || step >= 90.0 * px {
        return 1.0;
    }
    let by_step = round_at_most(200.0 * px / step);
    let zoom = if longest > 0.0 {
        by_step.min(round_at_most(260.0 * px / longest))
    } else {
        by_step
    };
    if step * zoom < 10.0 * px {
        by_step
    } else {
        zoom
    }
}

/// Draws `anatomy` over the contour of `view`.
pub fn draw_anatomy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: View,
    anatomy: &Anatomy,
    style: &Style,
) -> Result<()> {
    let chart = chart(area, view, style)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let base = area.get_base_pixel();
    let plot = area.clone().shrink(
        (xr.start - base.0, yr.start - base.1),
        (
            (xr.end - xr.start).max(1) as u32,
            (yr.end - yr.start).max(1) as u32,
        ),
    );
    // In fractional pixels of the plot: a short step keeps its direction.
    let (w, h) = (f64::from(xr.end - xr.start), f64::from(yr.end - yr.start));
    let px = |p: [f64; 2]| {
        (
            (p[0] - view.x.0) / (view.x.1 - view.x.0) * w,
            (view.y.1 - p[1]) / (view.y.1 - view.y.0) * h,
        )
    };
    let origin = px(anatomy.at);
    let length = |a: [f64; 2], b: [f64; 2]| {
        let (p, q) = (px(a), px(b));
        (q.0 - p.0).hypot(q.1 - p.1)
    };
    let longest_of = |step: bool| {
        anatomy
            .arrows
            .iter()
            .filter(|a| !step || a.term == Term::Step)
            .map(|a| length(a.from, a.to))
            .filter(|l| l.is_finite())
            .fold(0.0, f64::max)
    };
    let zoom = magnification(
        longest_of(true),
        longest_of(false),
        f64::from(style.px(1.0)),
    );
    // Magnified about the start of the update.
    let place = |p: [f64; 2]| {
        let q = px(p);
        (
            origin.0 + zoom * (q.0 - origin.0),
            origin.1 + zoom * (q.1 - origin.1),
        )
    };
    let font = ("sans-serif", style.font(13.0)).into_font();
    let (pw, ph) = plot.dim_in_pixel();
    // Placed labels' boxes, so that no label covers another.
    let placed = std::cell::RefCell::new(Vec::<(i32, i32, i32, i32)>::new());
    let draw_label = |text: &str, at: (f64, f64), color: RGBColor| -> Result<()> {
        let (w, h) = plot
            .estimate_text_size(text, &font.clone().into_text_style(&plot))
            .unwrap_or((text.len() as u32 * 7, 14));
        let (w, h) = (w as i32, h as i32);
        let pad = style.px(2.0) as i32;
        let fit = |x: i32, y: i32| {
            (
                x.min(pw as i32 - w - pad).max(pad),
                y.min(ph as i32 - h - pad).max(pad),
            )
        };
        let free = |(x, y): (i32, i32)| {
            placed.borrow().iter().all(|&(l, t, r, b)| {
                x + w + pad < l || x - pad > r || y + h + pad < t || y - pad > b
            })
        };
        let start = fit(at.0 as i32, at.1 as i32 - h / 2);
        let (x, y) = (0..12)
            .map(|k| {
                let shift = (k + 1) / 2 * (h + 2 * pad);
                fit(start.0, start.1 + if k % 2 == 1 { shift } else { -shift })
            })
            .find(|&p| free(p))
            .unwrap_or(start);
        placed
            .borrow_mut()
            .push((x - pad, y - pad, x + w + pad, y + h + pad));
        plot.draw(&Rectangle::new(
            [(x - pad, y - pad), (x + w + pad, y + h + pad)],
            WHITE.mix(0.85).filled(),
        ))
        .map_err(draw_err)?;
        plot.draw(&Text::new(
            text.to_string(),
            (x, y),
            font.clone().color(&color),
        ))
        .map_err(draw_err)
    };
    // Labels go on top of every arrow, so they are queued and drawn last.
    let queue = std::cell::RefCell::new(Vec::<(String, (f64, f64), RGBColor)>::new());
    let label = |text: &str, at: (f64, f64), color: RGBColor| -> Result<()> {
        queue.borrow_mut().push((text.to_string(), at, color));
        Ok(())
    };
    let ipt = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);

    if let Some(s) = anatomy.scale {
        // A box whose half-sides are the two factors, the larger 30 px.
        let big = s[0].abs().max(s[1].abs());
        if big > 0.0 && big.is_finite() {
            let half = f64::from(style.px(30.0));
            let (hx, hy) = (half * s[0].abs() / big, half * s[1].abs() / big);
            let (a, b) = (
                ipt((origin.0 - hx, origin.1 - hy)),
                ipt((origin.0 + hx, origin.1 + hy)),
            );
            let orange = RGBColor(230, 130, 0);
            plot.draw(&Rectangle::new([a, b], orange.mix(0.18).filled()))
                .map_err(draw_err)?;
            plot.draw(&Rectangle::new([a, b], orange.stroke_width(style.px(2.0))))
                .map_err(draw_err)?;
            label(
                &format!("s = ({}, {})", three(s[0]), three(s[1])),
                (origin.0 + hx + f64::from(style.px(4.0)), origin.1 + hy),
                RGBColor(150, 80, 0),
            )?;
        }
    }
    if let Some(ball) = anatomy.ball {
        let c = ipt(place(ball));
        plot.draw(&Circle::new(
            c,
            style.px(6.0),
            term_color(Term::LookAhead).stroke_width(style.px(2.0)),
        ))
        .map_err(draw_err)?;
    }
    for (i, arrow) in anatomy.arrows.iter().enumerate() {
        let (p, q) = (place(arrow.from), place(arrow.to));
        let color = term_color(arrow.term);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = dx.hypot(dy);
        let width = if arrow.term == Term::Step { 3.0 } else { 2.0 };
        let line = vec![ipt(p), ipt(q)];
        if arrow.term == Term::Step {
            plot.draw(&PathElement::new(
                line.clone(),
                WHITE.stroke_width(style.px(6.0)),
            ))
            .map_err(draw_err)?;
        }
        if matches!(arrow.term, Term::LookAhead | Term::Before) {
            plot.draw(&DashedPathElement::new(
                line,
                style.px(6.0),
                style.px(4.0),
                color.stroke_width(style.px(width)),
            ))
            .map_err(draw_err)?;
        } else {
            plot.draw(&PathElement::new(line, color.stroke_width(style.px(width))))
                .map_err(draw_err)?;
        }
        if len >= 1.0 && len.is_finite() {
            let (ux, uy) = (dx / len, dy / len);
            let head = f64::from(style.px(10.0)).min(len * 0.6);
            let wing = head * 0.5;
            let tip = [
                ipt(q),
                ipt((q.0 - head * ux - wing * uy, q.1 - head * uy + wing * ux)),
                ipt((q.0 - head * ux + wing * uy, q.1 - head * uy - wing * ux)),
            ];
            plot.draw(&Polygon::new(tip.to_vec(), color.filled()))
                .map_err(draw_err)?;
        }
        // Beside the middle, on alternate sides, the later arrows further out.
        let v = arrow.vector();
        let mut text = format!("{} ({}, {})", arrow.symbol, three(v[0]), three(v[1]));
        if arrow.term == Term::Step {
            if let Some(k) = anatomy.bias {
                text.push_str(&tr(
                    format!(", bias correction ×{}", three(k)),
                    format!(", 편향 보정 ×{}", three(k)),
                ));
            }
        }
        let side = if i % 2 == 0 { 1.0 } else { -1.0 };
        let (nx, ny) = if len > 0.0 {
            (-dy / len, dx / len)
        } else {
            (0.0, 1.0)
        };
        let out = f64::from(style.px(10.0 + 6.0 * (i % 3) as f64)) * side;
        let mid = ((p.0 + q.0) / 2.0 + nx * out, (p.1 + q.1) / 2.0 + ny * out);
        label(&text, mid, color)?;
    }
    let mut note = tr(
        format!(
            "Update {} of {} taken apart",
            anatomy.update,
            anatomy.kind.label()
        ),
        format!(
            "{}의 {}번째 갱신을 분해",
            anatomy.kind.label(),
            anatomy.update
        ),
    );
    if zoom > 1.0 {
        note.push_str(&tr(
            format!(", every arrow drawn ×{} longer", three(zoom)),
            format!(", 모든 화살표를 {}배 길게 그림", three(zoom)),
        ));
    }
    label(
        &note,
        (
            f64::from(style.px(8.0)),
            f64::from(ph) - f64::from(style.px(14.0)),
        ),
        BLACK,
    )?;
    for (text, at, color) in queue.take() {
        draw_label(&text, at, color)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::magnification;

    #[test]
    fn short_steps_are_magnified_by_round_factors() {
        // Long enough: as it is.
        assert_eq!(magnification(120.0, 300.0, 1.0), 1.0);
        // Adam's first step on the book's bowl: 17 px, its longest term 56 px:
        // ×5 would take the term to 280 > 260, so ×2.
        assert_eq!(magnification(17.0, 56.0, 1.0), 2.0);
        // A step alone: within 200 px.
        assert_eq!(magnification(3.0, 3.0, 1.0), 50.0);
        // BFGS: a 2.5 px step beside a 1200 px gradient: the step's factor.
        assert_eq!(magnification(2.5, 1200.0, 1.0), 50.0);
        // On a page drawn at twice the pixels, the same in points.
        assert_eq!(magnification(34.0, 112.0, 2.0), 2.0);
        assert_eq!(magnification(0.0, 10.0, 1.0), 1.0);
        assert_eq!(magnification(f64::NAN, 10.0, 1.0), 1.0);
    }
}
