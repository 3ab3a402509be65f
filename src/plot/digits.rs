//! Greyscale images in a grid (digits, first-layer weights).

use super::{draw_err, Style};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws each `(title, image)` as a `side × side` grid of grey cells, values
/// in [0, 1] from white (0) to black (1), `per_row` images a row.
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    images: &[(String, Vec<f64>)],
    side: usize,
    per_row: usize,
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    if images.is_empty() || side == 0 || per_row == 0 {
        return Ok(());
    }
    let rows = images.len().div_ceil(per_row);
    let cells = area.split_evenly((rows, per_row));
    // On a narrow screen every title keeps only its first word.
    let shorten = images.iter().any(|(title, _)| {
        cells[0]
            .estimate_text_size(
                title,
                &("sans-serif", style.font(14.0)).into_text_style(&cells[0]),
            )
            .is_ok_and(|(tw, _)| tw >= cells[0].dim_in_pixel().0)
    });
    for ((title, image), cell) in images.iter().zip(&cells) {
        let (w, h) = cell.dim_in_pixel();
        let caption = style.font(14.0);
        let room = (w as f64).min(h as f64 - caption * 1.6);
        if room < side as f64 {
            continue;
        }
        let inner = cell.margin(
            (caption * 1.5) as u32,
            0,
            ((w as f64 - room) / 2.0) as u32,
            ((w as f64 - room) / 2.0) as u32,
        );
        let font = ("sans-serif", caption)
            .into_text_style(cell)
            .pos(Pos::new(HPos::Center, VPos::Top));
        let shown = if shorten {
            title.split(' ').next().unwrap_or("")
        } else {
            title.as_str()
        };
        cell.draw_text(shown, &font, ((w / 2) as i32, 2))
            .map_err(draw_err)?;
        let px = room / side as f64;
        for (i, &v) in image.iter().enumerate() {
            let shade = (255.0 * (1.0 - v.clamp(0.0, 1.0))).round() as u8;
            if shade == 255 {
                continue;
            }
            let (r, c) = ((i / side) as f64, (i % side) as f64);
            inner
                .draw(&Rectangle::new(
                    [
                        ((c * px) as i32, (r * px) as i32),
                        (
                            ((c + 1.0) * px).ceil() as i32,
                            ((r + 1.0) * px).ceil() as i32,
                        ),
                    ],
                    RGBColor(shade, shade, shade).filled(),
                ))
                .map_err(draw_err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_only_inked_pixels() {
        let img = vec![0.0, 1.0, 0.5, 0.0];
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (100, 100));
            draw_grid(&area, &[("7".into(), img)], 2, 1, &Style::default()).unwrap();
            area.present().unwrap();
        }
        // Background plus the two inked pixels.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains(">\n7\n</text>"));
    }
}
