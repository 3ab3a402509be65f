//! Drawing a landscape report in the page: the worker's report (its grid,
//! the runs' projected paths, their names and the figure's words) drawn into
//! a canvas or as SVG by `figures::landscape`.

use super::{canvas, js_error, present};
use crate::figures::landscape::{draw_grid, Words};
use crate::landscape::grid::Grid;
use wasm_bindgen::prelude::*;

/// The grid and paths as the worker's report gives them, for drawing.
fn grid_of(n: usize, ranges: &[f64], values: &[f64]) -> Result<Grid, JsError> {
    let (&[x0, x1, y0, y1], true) = (
        ranges.try_into().unwrap_or(&[0.0; 4]),
        values.len() == n * n,
    ) else {
        return Err(JsError::new("a landscape grid of the wrong size"));
    };
    let mut g = Grid::new(n, [1.0, 1.0]);
    if g.n != n {
        return Err(JsError::new("a landscape grid of the wrong size"));
    }
    g.x = (x0, x1);
    g.y = (y0, y1);
    g.values = values.to_vec();
    g.done = values.iter().map(|v| v.is_finite()).collect();
    Ok(g)
}

fn paths_of(coords: &[f64], lens: &[u32]) -> Vec<Vec<[f64; 2]>> {
    let mut out = Vec::new();
    let mut at = 0;
    for &len in lens {
        let len = len as usize;
        let end = (at + 2 * len).min(coords.len());
        out.push(
            coords[at..end]
                .chunks_exact(2)
                .map(|c| [c[0], c[1]])
                .collect(),
        );
        at = end;
    }
    out
}

/// A report's grid, paths and run names, as the page passes them.
type Unpacked = (Grid, Vec<Vec<[f64; 2]>>, Vec<String>);

/// The figure's words from `words`: the caption, then the x and y axes'
/// titles, one per line.
fn words_of(words: &str) -> Words<'_> {
    let mut lines = words.lines();
    let title = lines.next().unwrap_or_default();
    let x = lines.next().unwrap_or_default();
    let y = lines.next().unwrap_or_default();
    Words {
        title,
        axes: [x, y],
    }
}

fn unpack(
    n: usize,
    ranges: &[f64],
    values: &[f64],
    coords: &[f64],
    lens: &[u32],
    names: &str,
) -> Result<Unpacked, JsError> {
    let grid = grid_of(n, ranges, values)?;
    Ok((
        grid,
        paths_of(coords, lens),
        names.lines().map(String::from).collect(),
    ))
}

/// Draws a landscape report into canvas `id`: `n` nodes a side over
/// `ranges` = [x0, x1, y0, y1], `values` (NaN where not computed yet), the
/// paths as (a, b) pairs one run after another (`lens` points each), the
/// runs' `names` (one per line) and the `words` (the caption, then the
/// axes' titles, one per line).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn draw_landscape(
    id: &str,
    n: usize,
    ranges: &[f64],
    values: &[f64],
    coords: &[f64],
    lens: &[u32],
    names: &str,
    words: &str,
) -> Result<(), JsError> {
    let (grid, paths, names) = unpack(n, ranges, values, coords, lens, names)?;
    let (area, style) = canvas::open(id)?;
    draw_grid(&area, &grid, &paths, &names, &words_of(words), &style).map_err(js_error)?;
    present(&area)
}

/// The same drawing as an SVG document, sized like canvas `id`.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn landscape_svg(
    id: &str,
    n: usize,
    ranges: &[f64],
    values: &[f64],
    coords: &[f64],
    lens: &[u32],
    names: &str,
    words: &str,
) -> Result<String, JsError> {
    let (grid, paths, names) = unpack(n, ranges, values, coords, lens, names)?;
    let words = words_of(words);
    canvas::svg_like(id, 1, |area, style| {
        draw_grid(area, &grid, &paths, &names, &words, style)
    })
}
