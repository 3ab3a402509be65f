//! The loss landscape as one figure: the training loss over the plane as
//! contour bands, each run's path projected onto it with the lab's colours
//! and markers (its end the larger marker, its start a cross), and a line
//! saying what the plane is. The bands are of the log of the loss. The command line writes it as SVG or PNG; the page draws the same.

use crate::error::Result;
use crate::landscape::grid::Grid;
use crate::landscape::study::{Directions, Landscape};
use crate::plot::contour::{band_colors, draw_field, Field, View, BANDS};
use crate::plot::paths::{draw_paths, Path};
use crate::plot::{draw_err, Style};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Cells of the contour across.
pub const COLS: usize = 160;

/// What the plane is, in a sentence for the figure's title.
pub fn caption(l: &Landscape, directions: Directions, samples: usize) -> String {
    use crate::num::three;
    match (directions, l.plane.explained) {
        (Directions::Pca, Some([a, b])) => crate::i18n::tr(
            format!("Training loss on {samples} digits, on the plane of the runs' two principal directions ({}% + {}% of their variance), eval mode; bands of the log of the loss, × where the runs start", three(100.0 * a), three(100.0 * b)),
            format!("숫자 {samples}개의 학습 손실, 실행들의 두 주성분 방향이 이루는 평면 위(분산의 {}% + {}%), 평가 모드; 띠는 손실의 로그, ×는 실행들이 시작한 곳", three(100.0 * a), three(100.0 * b)),
        ),
        (Directions::Sharp { .. }, e) => {
            let [a, b] = e.unwrap_or([f64::NAN; 2]).map(|x| three(100.0 * x));
            // Each axis spans its own range; the same length on the page is
            // this many times less weight-space distance across than along.
            let g = &l.grid;
            let k = three((g.y.1 - g.y.0) / (g.x.1 - g.x.0));
            crate::i18n::tr(
                format!("Training loss on {samples} digits, eval mode; across one run's valley at its end (its sharpest direction, {a}% of the path's spread) and along it (its way, {b}%); across is magnified {k}× against along; bands of the log of the loss, × where the runs start"),
                format!("숫자 {samples}개의 학습 손실, 평가 모드; 한 실행이 끝난 골짜기를 가로질러(그곳에서 가장 날카로운 방향, 경로 퍼짐의 {a}%) 그리고 따라서(실행이 지나온 방향, {b}%); 가로지르는 축을 따라가는 축보다 {k}배 확대했습니다; 띠는 손실의 로그, ×는 실행들이 시작한 곳"),
            )
        }
        _ => crate::i18n::tr(
            format!("Training loss on {samples} digits, on two random filter-normalized directions around the final weights, eval mode; bands of the log of the loss, × where the runs start"),
            format!("숫자 {samples}개의 학습 손실, 최종 가중치 주위의 필터 정규화된 두 무작위 방향 위, 평가 모드; 띠는 손실의 로그, ×는 실행들이 시작한 곳"),
        ),
    }
}

/// The plane's two axes, titled (x first).
pub fn axes(l: &Landscape, directions: Directions) -> [String; 2] {
    use crate::i18n::tr;
    use crate::num::three;
    match (directions, l.plane.explained) {
        (Directions::Pca, Some(e)) => [0, 1].map(|k| {
            tr(
                format!(
                    "principal direction {} ({}% of the variance)",
                    k + 1,
                    three(100.0 * e[k])
                ),
                format!("주성분 방향 {} (분산의 {}%)", k + 1, three(100.0 * e[k])),
            )
        }),
        (Directions::Sharp { .. }, e) => {
            let [a, b] = e.unwrap_or([f64::NAN; 2]).map(|x| three(100.0 * x));
            [
                tr(
                    format!(
                        "across the valley: the sharpest direction ({a}% of the path's spread)"
                    ),
                    format!("골짜기를 가로질러: 가장 날카로운 방향(경로 퍼짐의 {a}%)"),
                ),
                tr(
                    format!("along the valley: the run's way, start to end ({b}%)"),
                    format!("골짜기를 따라: 실행이 시작부터 끝까지 지나온 방향({b}%)"),
                ),
            ]
        }
        _ => [1, 2].map(|k| {
            tr(
                format!("random direction {k} (filter-normalized)"),
                format!("무작위 방향 {k} (필터 정규화)"),
            )
        }),
    }
}

/// What a figure of the landscape says besides its paths: the title (its
/// clauses, split at "; ", on lines of their own) and the axes' titles.
pub struct Words<'a> {
    /// The title.
    pub title: &'a str,
    /// The axes' titles, x first.
    pub axes: [&'a str; 2],
}

/// Draws the loss `grid` (nodes not computed yet take their nearest
/// computed neighbour's value), a key of its bands' losses, and the runs'
/// `paths` with their `names` (legend order, colour index = order).
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    grid: &Grid,
    paths: &[Vec<[f64; 2]>],
    names: &[String],
    words: &Words<'_>,
    style: &Style,
) -> Result<()> {
    let title = words.title;
    area.fill(&WHITE).map_err(draw_err)?;
    // The caption's clauses ("…; …") on lines of their own.
    let lines: Vec<&str> = title.split("; ").collect();
    let line_h = style.px(18.0);
    let (head, rest) = area.split_vertically(line_h * lines.len() as u32 + style.px(8.0));
    for (k, line) in lines.iter().enumerate() {
        head.draw_text(
            line,
            &("sans-serif", style.font(14.0)).into_text_style(&head),
            (
                style.px(12.0) as i32,
                style.px(5.0) as i32 + (line_h as i32) * k as i32,
            ),
        )
        .map_err(draw_err)?;
    }
    let g = &grid.filled();
    let view = View { x: g.x, y: g.y };
    let (w, _) = rest.dim_in_pixel();
    let (rest, key) = rest.split_horizontally(w.saturating_sub(style.px(90.0)));
    let (w, h) = rest.dim_in_pixel();
    let rows =
        ((COLS as f64 * f64::from(h) / f64::from(w.max(1))).round() as usize).clamp(20, 2 * COLS);
    // Bands of the log of the loss: a trained network's loss spans decades.
    let field = Field::sample(view, COLS, rows, |a, b| g.value_at(a, b).max(1e-6).ln());
    draw_field(&rest, &field, (words.axes[0], words.axes[1]), style)?;
    draw_key(&key, &field, style)?;
    let drawn: Vec<Path<'_>> = paths
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (p, name))| Path {
            label: name.clone(),
            index: i,
            points: p,
            values: &[],
            lrs: &[],
            effective: &[],
            diverged_at: None,
        })
        .collect();
    let frame = paths.iter().map(Vec::len).max().unwrap_or(1);
    // The runs' starts, marked as the lab marks minima.
    let starts: Vec<[f64; 2]> = paths.iter().filter_map(|p| p.first().copied()).collect();
    draw_paths(&rest, view, &drawn, &starts, frame, style)
}

/// The bands' colours from the lowest loss (bottom) to the highest, with the
/// loss at every third edge: the bands are of the log of the loss.
fn draw_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    field: &Field,
    style: &Style,
) -> Result<()> {
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = (style.px(30.0) as i32, h as i32 - style.px(60.0) as i32);
    let (x0, x1) = (style.px(10.0) as i32, style.px(26.0) as i32);
    let text = ("sans-serif", style.font(11.0)).into_text_style(area);
    area.draw_text(
        crate::i18n::tr("loss", "손실"),
        &text,
        (x0, top - style.px(18.0) as i32),
    )
    .map_err(draw_err)?;
    let colors = band_colors();
    let y_of = |b: usize| bottom - (bottom - top) * b as i32 / BANDS as i32;
    for (b, color) in colors.iter().enumerate() {
        area.draw(&Rectangle::new(
            [(x0, y_of(b + 1)), (x1, y_of(b))],
            color.filled(),
        ))
        .map_err(draw_err)?;
    }
    for b in (0..=BANDS).step_by(3).chain(std::iter::once(BANDS)) {
        let loss = field.band_edge(b).exp();
        area.draw_text(
            &format!("{}", crate::num::three(loss)),
            &text,
            (x1 + style.px(4.0) as i32, y_of(b) - style.px(6.0) as i32),
        )
        .map_err(draw_err)?;
    }
    Ok(())
}
