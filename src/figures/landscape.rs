//! The loss landscape as one figure: the training loss over the plane as
//! contour bands, each run's path projected onto it with the lab's colours
//! and markers (its end the larger marker, its start a cross), and a line
//! saying what the plane is. The bands are of the log of the loss. The command line writes it as SVG or PNG; the page draws the same.

use crate::error::Result;
use crate::landscape::grid::Grid;
use crate::landscape::study::{Directions, Landscape};
use crate::plot::contour::{draw_field, Field, View};
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
        _ => crate::i18n::tr(
            format!("Training loss on {samples} digits, on two random filter-normalized directions around the final weights, eval mode; bands of the log of the loss, × where the runs start"),
            format!("숫자 {samples}개의 학습 손실, 최종 가중치 주위의 필터 정규화된 두 무작위 방향 위, 평가 모드; 띠는 손실의 로그, ×는 실행들이 시작한 곳"),
        ),
    }
}

/// Draws the loss `grid` (nodes not computed yet take their nearest
/// computed neighbour's value) and the runs' `paths` with their `names`
/// (legend order, colour index = order) under `title`.
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    grid: &Grid,
    paths: &[Vec<[f64; 2]>],
    names: &[String],
    title: &str,
    style: &Style,
) -> Result<()> {
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
    let (w, h) = rest.dim_in_pixel();
    let rows =
        ((COLS as f64 * f64::from(h) / f64::from(w.max(1))).round() as usize).clamp(20, 2 * COLS);
    // Bands of the log of the loss: a trained network's loss spans decades.
    let field = Field::sample(view, COLS, rows, |a, b| g.value_at(a, b).max(1e-6).ln());
    draw_field(&rest, &field, style)?;
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
