//! Optimizer paths over a surface, and the per-step side plots (loss,
//! effective learning rate, schedule).
//!
//! The paths are drawn on their own transparent layer in the same chart
//! layout as [`super::contour::draw_field`], so the page redraws only this
//! layer while an animation plays; a figure draws both layers on one backend.

use super::contour::{chart, View};
use super::{draw_err, Style, PALETTE};
use crate::error::Result;
use crate::i18n::tr;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One path to draw.
pub struct Path<'a> {
    /// Legend text.
    pub label: String,
    /// Colour and marker index (0..8).
    pub index: usize,
    /// The points, start first.
    pub points: &'a [[f64; 2]],
    /// f at each point.
    pub values: &'a [f64],
    /// Learning rate of each update.
    pub lrs: &'a [f64],
    /// Effective learning rate of each update, per axis.
    pub effective: &'a [[f64; 2]],
    /// Set when the run diverged.
    pub diverged_at: Option<usize>,
}

/// The marker symbols, in the same order as the canvas shapes, for legends
/// written as text.
pub const MARKER_SYMBOLS: [&str; 8] = ["●", "■", "▲", "◆", "▼", "✕", "✚", "★"];

fn marker_points(r: i32, index: usize) -> Vec<(i32, i32)> {
    let star = |n: usize, outer: f64, inner: f64, turn: f64| -> Vec<(i32, i32)> {
        (0..2 * n)
            .map(|k| {
                let rad = if k % 2 == 0 { outer } else { inner };
                let a = turn + k as f64 * std::f64::consts::PI / n as f64;
                (
                    (rad * a.cos()).round() as i32,
                    (rad * a.sin()).round() as i32,
                )
            })
            .collect()
    };
    let rf = f64::from(r);
    match index % 8 {
        1 => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
        2 => vec![(0, -r - 1), (r + 1, r), (-r - 1, r)],
        3 => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        4 => vec![(0, r + 1), (r + 1, -r), (-r - 1, -r)],
        5 => star(4, rf * 1.5, rf * 0.45, std::f64::consts::FRAC_PI_4),
        6 => star(4, rf * 1.4, rf * 0.45, 0.0),
        7 => star(5, rf * 1.5, rf * 0.6, -std::f64::consts::FRAC_PI_2),
        _ => star(12, rf, rf, 0.0),
    }
}

/// Draws marker `index` of radius `r` pixels centred at backend pixel `at`.
fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    r: i32,
    index: usize,
    color: RGBColor,
) -> Result<()> {
    let pts: Vec<(i32, i32)> = marker_points(r, index)
        .into_iter()
        .map(|(x, y)| (at.0 + x, at.1 + y))
        .collect();
    area.draw(&Polygon::new(pts.clone(), color.filled()))
        .map_err(draw_err)?;
    let mut outline = pts;
    outline.push(outline[0]);
    area.draw(&PathElement::new(outline, WHITE.stroke_width(1)))
        .map_err(draw_err)
}

/// `pixels` in pieces that share their ends, cut where the line turns back
/// by more than 120°: a wide line's mitred corner at such a turn reaches far
/// past its points in a bitmap (a zig-zag's every corner would).
fn unturned(pixels: &[(i32, i32)]) -> Vec<&[(i32, i32)]> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for k in 1..pixels.len().saturating_sub(1) {
        let (a, b, c) = (pixels[k - 1], pixels[k], pixels[k + 1]);
        let u = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let v = (f64::from(c.0 - b.0), f64::from(c.1 - b.1));
        let norms = (u.0.hypot(u.1)) * (v.0.hypot(v.1));
        if norms > 0.0 && (u.0 * v.0 + u.1 * v.1) < -0.5 * norms {
            pieces.push(&pixels[from..=k]);
            from = k;
        }
    }
    pieces.push(&pixels[from..]);
    pieces
}

/// Draws the paths (the first `frame + 1` points of each), the marked points
/// (minima) and a legend, on a transparent layer.
pub fn draw_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: View,
    paths: &[Path<'_>],
    marks: &[[f64; 2]],
    frame: usize,
    style: &Style,
) -> Result<()> {
    let chart = chart(area, view, style)?;
    let plot = chart.plotting_area();
    let to_px = |p: [f64; 2]| chart.backend_coord(&(p[0], p[1]));
    let (px_lo, px_hi) = plot.get_pixel_range();
    let inside = |(x, y): (i32, i32)| px_lo.contains(&x) && px_hi.contains(&y);
    let r = style.px(4.0) as i32;
    // Backend pixels are absolute; drawing on `area` is relative to its corner.
    let base = area.get_base_pixel();

    for m in marks {
        let c = to_px(*m);
        if inside(c) {
            let c = (c.0 - base.0, c.1 - base.1);
            let s = r + 2;
            for (a, b) in [((-s, -s), (s, s)), ((-s, s), (s, -s))] {
                area.draw(&PathElement::new(
                    vec![(c.0 + a.0, c.1 + a.1), (c.0 + b.0, c.1 + b.1)],
                    RGBColor(255, 255, 255).stroke_width(style.px(4.0)),
                ))
                .map_err(draw_err)?;
                area.draw(&PathElement::new(
                    vec![(c.0 + a.0, c.1 + a.1), (c.0 + b.0, c.1 + b.1)],
                    BLACK.stroke_width(style.px(2.0)),
                ))
                .map_err(draw_err)?;
            }
        }
    }

    let plot_area = area.clone().shrink(
        (px_lo.start - base.0, px_hi.start - base.1),
        (
            (px_lo.end - px_lo.start).max(1) as u32,
            (px_hi.end - px_hi.start).max(1) as u32,
        ),
    );
    let offset = (px_lo.start, px_hi.start);
    for path in paths {
        let color = PALETTE[path.index % PALETTE.len()];
        let shown = &path.points[..(frame + 1).min(path.points.len())];
        let pixels: Vec<(i32, i32)> = shown
            .iter()
            .map(|p| {
                let (x, y) = to_px(*p);
                (x - offset.0, y - offset.1)
            })
            .collect();
        for piece in unturned(&pixels) {
            plot_area
                .draw(&PathElement::new(
                    piece.to_vec(),
                    color.stroke_width(style.px(2.0)),
                ))
                .map_err(draw_err)?;
        }
        let every = (shown.len() / 60).max(1);
        for (i, &p) in pixels.iter().enumerate() {
            let head = i + 1 == pixels.len();
            if (i % every == 0 || head) && inside((p.0 + offset.0, p.1 + offset.1)) {
                let size = if head { r + style.px(2.0) as i32 } else { r };
                marker(&plot_area, p, size, path.index, color)?;
            }
        }
    }
    let entries: Vec<(String, usize)> = paths
        .iter()
        .map(|p| {
            let text = match p.diverged_at {
                Some(k) => tr(
                    format!("{} (diverged at step {k})", p.label),
                    format!("{} ({k}스텝에서 발산)", p.label),
                ),
                None => p.label.clone(),
            };
            (text, p.index)
        })
        .collect();
    draw_legend(
        area,
        (px_lo.end - base.0, px_hi.start - base.1),
        &entries,
        true,
        style,
    )
}

/// Draws a legend box whose top-right corner is at `top_right` (pixels of
/// `area`): a line per `(text, colour index)`, with the path marker when
/// `markers`.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top_right: (i32, i32),
    entries: &[(String, usize)],
    markers: bool,
    style: &Style,
) -> Result<()> {
    draw_legend_within(area, top_right, entries, markers, usize::MAX, style)
}

/// A legend of at most `rows` rows: when there are more entries, the last
/// row says how many more there are.
pub fn draw_legend_within<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top_right: (i32, i32),
    entries: &[(String, usize)],
    markers: bool,
    rows: usize,
    style: &Style,
) -> Result<()> {
    if entries.is_empty() || rows == 0 {
        return Ok(());
    }
    let (entries, more) = if entries.len() > rows {
        (&entries[..rows - 1], entries.len() - (rows - 1))
    } else {
        (entries, 0)
    };
    let font = ("sans-serif", style.font(13.0)).into_text_style(area);
    let line = style.font(19.0) as i32;
    let r = style.px(4.0) as i32;
    let width = entries
        .iter()
        .map(|(text, _)| {
            area.estimate_text_size(text, &font)
                .map_or(80, |s| s.0 as i32)
        })
        .max()
        .unwrap_or(80)
        + 9 * r;
    let pad = style.px(6.0) as i32;
    let x0 = top_right.0 - width - pad;
    let y0 = top_right.1 + pad;
    let shown = entries.len() + usize::from(more > 0);
    let height = line * shown as i32 + pad;
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + width, y0 + height)],
        RGBColor(255, 255, 255).mix(0.85).filled(),
    ))
    .map_err(draw_err)?;
    for (i, (text, index)) in entries.iter().enumerate() {
        let cy = y0 + pad / 2 + line * i as i32 + line / 2;
        let color = PALETTE[index % PALETTE.len()];
        area.draw(&PathElement::new(
            vec![(x0 + pad, cy), (x0 + pad + 6 * r, cy)],
            color.stroke_width(style.px(2.0)),
        ))
        .map_err(draw_err)?;
        if markers {
            marker(area, (x0 + pad + 3 * r, cy), r, *index, color)?;
        }
        area.draw_text(
            text,
            &font.pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
            (x0 + pad + 7 * r, cy),
        )
        .map_err(draw_err)?;
    }
    if more > 0 {
        let cy = y0 + pad / 2 + line * entries.len() as i32 + line / 2;
        area.draw_text(
            &crate::i18n::tr(format!("… and {more} more"), format!("… 외 {more}개")),
            &font.pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
            (x0 + pad, cy),
        )
        .map_err(draw_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::format_tick;
    use super::super::side::{draw_side, SideView};
    use super::*;

    fn svg_of(
        f: impl Fn(
            &DrawingArea<
                crate::plot::measured::Measured<SVGBackend<'_>, crate::plot::measured::Approximate>,
                Shift,
            >,
        ),
    ) -> String {
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (600, 300));
            f(&area);
            area.present().unwrap();
        }
        svg
    }

    #[test]
    fn paths_legend_and_side_plot() {
        let points = [[-7.0, 2.0], [-6.0, -1.0], [-5.0, 0.5]];
        let values = [6.45, 2.8, 1.5];
        let lrs = [0.1, 0.1];
        let eff = [[0.1, 0.1], [0.1, 0.1]];
        let path = |i: usize| Path {
            label: format!("run {i}"),
            index: i,
            points: &points,
            values: &values,
            lrs: &lrs,
            effective: &eff,
            diverged_at: (i == 1).then_some(2),
        };
        let view = View {
            x: (-10.0, 10.0),
            y: (-5.0, 5.0),
        };
        let svg = svg_of(|a| {
            draw_paths(
                a,
                view,
                &[path(0), path(1)],
                &[[0.0, 0.0]],
                2,
                &Style::default(),
            )
            .unwrap();
        });
        assert!(svg.contains("run 0") && svg.contains("run 1 (diverged at step 2)"));
        assert!(svg.contains("<polyline"), "paths are drawn");
        for what in [SideView::Loss, SideView::EffectiveLr, SideView::Schedule] {
            let svg = svg_of(|a| {
                draw_side(
                    a,
                    &[path(0)],
                    2,
                    1,
                    what,
                    Some((0.0, 10.0)),
                    &Style::default(),
                )
                .unwrap();
            });
            assert!(svg.contains("step"));
        }
    }

    #[test]
    fn a_path_is_cut_only_where_it_turns_back() {
        // Straight on, a right angle at (20, 0), back along itself (180°)
        // at (20, 10), then turns of 135° at (20, 0) and (30, 10): cut at
        // the last three corners, the pieces sharing their ends.
        let p = [
            (0, 0),
            (10, 0),
            (20, 0),
            (20, 10),
            (20, 0),
            (30, 10),
            (20, 10),
        ];
        let pieces = unturned(&p);
        assert_eq!(pieces, vec![&p[..4], &p[3..5], &p[4..6], &p[5..]]);
        assert_eq!(unturned(&p[..4]), vec![&p[..4]], "a right angle is not cut");
        assert_eq!(unturned(&[(1, 1)]).concat(), vec![(1, 1)]);
        assert!(unturned(&[]).concat().is_empty());
    }

    #[test]
    fn tick_labels() {
        assert_eq!(format_tick(0.0), "0");
        assert_eq!(format_tick(2.5), "2.5");
        assert_eq!(format_tick(0.125), "0.125");
        assert_eq!(format_tick(150.0), "150");
        assert_eq!(format_tick(1e-5), "1e-5");
    }

    #[test]
    fn every_marker_is_a_closed_shape() {
        for i in 0..8 {
            assert!(marker_points(4, i).len() >= 3);
        }
    }
}
