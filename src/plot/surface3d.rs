//! The surface as a shaded 3-D mesh with the optimizers' paths on it, turned
//! by a yaw and a pitch in degrees. The quads are drawn far to near (the
//! painter's order), each coloured by its height as the contour bands are and
//! shaded by the angle between its normal and a fixed light; the paths are
//! drawn over the mesh. Heights above the grid's 90th percentile are cut
//! flat, so that one steep corner does not flatten the rest.

use super::contour::View;
use super::paths::{draw_legend, Path};
use super::{draw_err, ramp, Style, PALETTE};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Quads across each side of the mesh.
pub const MESH: usize = 36;

/// A surface sampled on a square grid of corners, for the 3-D view.
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    /// The region sampled.
    pub view: View,
    /// Quads per side (`n + 1` corners).
    pub n: usize,
    /// f at each corner, row-major from the bottom (y) and left (x).
    pub values: Vec<f64>,
    /// The lowest finite value, and the height where the mesh is cut.
    pub range: (f64, f64),
}

impl Mesh {
    /// Samples `f` on an `n × n` grid of quads over `view`.
    pub fn sample(view: View, n: usize, f: impl Fn(f64, f64) -> f64) -> Mesh {
        let n = n.max(2);
        let mut values = Vec::with_capacity((n + 1) * (n + 1));
        for r in 0..=n {
            for c in 0..=n {
                let (x, y) = Mesh::corner(view, n, c, r);
                values.push(f(x, y));
            }
        }
        let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        finite.sort_by(f64::total_cmp);
        let range = match (finite.first(), finite.last()) {
            (Some(&lo), Some(&hi)) => {
                let cut = finite[(finite.len() - 1) * 9 / 10];
                let cut = if cut > lo { cut } else { hi };
                (lo, if cut > lo { cut } else { lo + 1.0 })
            }
            _ => (0.0, 1.0),
        };
        Mesh {
            view,
            n,
            values,
            range,
        }
    }

    fn corner(view: View, n: usize, c: usize, r: usize) -> (f64, f64) {
        (
            view.x.0 + (view.x.1 - view.x.0) * c as f64 / n as f64,
            view.y.0 + (view.y.1 - view.y.0) * r as f64 / n as f64,
        )
    }

    /// A value as drawn: cut at the top of the range.
    pub fn height(&self, v: f64) -> f64 {
        v.clamp(self.range.0, self.range.1)
    }
}

/// How the 3-D view is turned, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    /// About the vertical axis.
    pub yaw: f64,
    /// Up from the horizontal.
    pub pitch: f64,
}

/// The brightness of a face with unit normal `n` under the fixed light.
pub fn shade(n: [f64; 3]) -> f64 {
    let l: [f64; 3] = [-0.45, 0.75, -0.5];
    let len = (l[0] * l[0] + l[1] * l[1] + l[2] * l[2]).sqrt();
    let lambert = (n[0] * l[0] + n[1] * l[1] + n[2] * l[2]) / len;
    0.45 + 0.55 * lambert.abs().min(1.0)
}

/// Draws the mesh, the paths (the first `frame + 1` points of each), the
/// marked points and a legend.
pub fn draw_surface3d<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mesh: &Mesh,
    paths: &[Path<'_>],
    marks: &[([f64; 2], f64)],
    (frame, turn): (usize, Turn),
    style: &Style,
) -> Result<()> {
    let v = mesh.view;
    let (lo, hi) = mesh.range;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(16.0))
        .build_cartesian_3d(v.x.0..v.x.1, lo..hi, v.y.0..v.y.1)
        .map_err(draw_err)?;
    chart.with_projection(|mut p| {
        p.yaw = turn.yaw.to_radians();
        p.pitch = turn.pitch.to_radians();
        p.scale = 0.8;
        p.into_matrix()
    });
    chart
        .configure_axes()
        .label_style(("sans-serif", style.font(11.0)))
        .max_light_lines(3)
        .draw()
        .map_err(draw_err)?;

    // Faces, far to near, in the axes' units scaled to the unit cube for the normals.
    let n = mesh.n;
    let span = [v.x.1 - v.x.0, hi - lo, v.y.1 - v.y.0];
    let at = |c: usize, r: usize| {
        let (x, y) = Mesh::corner(v, n, c, r);
        (x, mesh.values[r * (n + 1) + c], y)
    };
    let log_span = ((hi - lo) + 1.0).ln().max(1e-12);
    let mut faces = Vec::with_capacity(n * n);
    for r in 0..n {
        for c in 0..n {
            let q = [at(c, r), at(c + 1, r), at(c + 1, r + 1), at(c, r + 1)];
            if q.iter().any(|p| !p.1.is_finite()) {
                continue;
            }
            let q = q.map(|(x, f, y)| (x, mesh.height(f), y));
            let unit = |p: (f64, f64, f64)| [p.0 / span[0], p.1 / span[1], p.2 / span[2]];
            let (a, b, d) = (unit(q[0]), unit(q[1]), unit(q[3]));
            let (e, g) = (
                [b[0] - a[0], b[1] - a[1], b[2] - a[2]],
                [d[0] - a[0], d[1] - a[1], d[2] - a[2]],
            );
            let normal = [
                e[1] * g[2] - e[2] * g[1],
                e[2] * g[0] - e[0] * g[2],
                e[0] * g[1] - e[1] * g[0],
            ];
            let len = (normal[0].powi(2) + normal[1].powi(2) + normal[2].powi(2))
                .sqrt()
                .max(1e-300);
            let mean = q.iter().map(|p| p.1).sum::<f64>() / 4.0;
            let (cx, cz) = ((q[0].0 + q[2].0) / 2.0, (q[0].2 + q[2].2) / 2.0);
            let depth = chart.as_coord_spec().projected_depth(&cx, &mean, &cz);
            // The contour's colour for this height (its log bands).
            let t = 0.05 + 0.8 * ((mean - lo + 1.0).ln() / log_span);
            let k = shade(normal.map(|x| x / len));
            let RGBColor(r0, g0, b0) = ramp(t);
            let lit = |x: u8| (f64::from(x) * k).round().min(255.0) as u8;
            faces.push((depth, q, RGBColor(lit(r0), lit(g0), lit(b0))));
        }
    }
    faces.sort_by_key(|f| std::cmp::Reverse(f.0));
    chart
        .draw_series(faces.into_iter().flat_map(|(_, q, color)| {
            // The outline in the face's colour closes the seams between faces.
            let mut outline = q.to_vec();
            outline.push(q[0]);
            [
                Polygon::new(q.to_vec(), color.filled()).into_dyn(),
                PathElement::new(outline, color.stroke_width(1)).into_dyn(),
            ]
        }))
        .map_err(draw_err)?;

    // Points off the region are drawn at its edge.
    let lift = |p: [f64; 2], f: f64| {
        (
            p[0].clamp(v.x.0, v.x.1),
            mesh.height(f),
            p[1].clamp(v.y.0, v.y.1),
        )
    };
    for (m, f) in marks {
        if f.is_finite() {
            chart
                .draw_series(std::iter::once(Cross::new(
                    lift(*m, *f),
                    style.px(6.0),
                    BLACK.stroke_width(style.px(2.0)),
                )))
                .map_err(draw_err)?;
        }
    }
    for path in paths {
        let color = PALETTE[path.index % PALETTE.len()];
        let shown = (frame + 1).min(path.points.len());
        let points: Vec<(f64, f64, f64)> = path.points[..shown]
            .iter()
            .zip(path.values)
            .map(|(p, f)| lift(*p, *f))
            .collect();
        chart
            .draw_series(std::iter::once(PathElement::new(
                points.clone(),
                WHITE.stroke_width(style.px(5.0)),
            )))
            .map_err(draw_err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                points.clone(),
                color.stroke_width(style.px(2.5)),
            )))
            .map_err(draw_err)?;
        if let Some(&head) = points.last() {
            chart
                .draw_series(std::iter::once(Circle::new(
                    head,
                    style.px(6.0),
                    color.filled(),
                )))
                .map_err(draw_err)?;
        }
    }
    let (_, h) = area.dim_in_pixel();
    let cut = crate::num::three(hi);
    let note = crate::i18n::tr(
        format!("Height f(x, y), cut flat above {cut}"),
        format!("높이는 f(x, y), {cut} 위는 평평하게 자름"),
    );
    area.draw(&Text::new(
        note,
        (style.px(8.0) as i32, h as i32 - style.px(20.0) as i32),
        ("sans-serif", style.font(13.0)).into_font().color(&BLACK),
    ))
    .map_err(draw_err)?;
    let entries: Vec<(String, usize)> = paths.iter().map(|p| (p.label.clone(), p.index)).collect();
    let (w, _) = area.dim_in_pixel();
    draw_legend(
        area,
        (w as i32 - style.px(8.0) as i32, style.px(8.0) as i32),
        &entries,
        true,
        style,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mesh_is_cut_at_its_90th_percentile() {
        // f = x on [0, 1]²: corners at x = 0, 0.1, …, 1 in 11 columns; the
        // 90th percentile of the 121 values is x = 0.9.
        let view = View {
            x: (0.0, 1.0),
            y: (0.0, 1.0),
        };
        let m = Mesh::sample(view, 10, |x, _| x);
        assert_eq!(m.values.len(), 121);
        assert!(
            (m.range.0 - 0.0).abs() < 1e-12 && (m.range.1 - 0.9).abs() < 1e-12,
            "{:?}",
            m.range
        );
        assert_eq!(m.height(5.0), 0.9);
        // A flat surface still has a range to draw in, and NaN is left out.
        let flat = Mesh::sample(view, 4, |x, _| if x > 0.5 { f64::NAN } else { 2.0 });
        assert_eq!(flat.range, (2.0, 3.0));
    }

    #[test]
    fn faces_towards_the_light_are_brighter() {
        let up = shade([0.0, 1.0, 0.0]);
        let edge = shade([1.0, 0.0, 0.0]);
        assert!(up > edge && up <= 1.0 && edge >= 0.45, "{up} {edge}");
    }
}
