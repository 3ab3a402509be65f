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
        if style.raster {
            // One image per digit (a canvas takes it at once), not a
            // rectangle per pixel: a page of weights is tens of thousands.
            let n = room.floor().max(1.0) as usize;
            let mut rgb = vec![255u8; n * n * 3];
            for (y, row) in rgb.chunks_exact_mut(n * 3).enumerate() {
                let r = y * side / n;
                for (x, pixel) in row.chunks_exact_mut(3).enumerate() {
                    let v = image.get(r * side + x * side / n).copied().unwrap_or(0.0);
                    pixel.fill((255.0 * (1.0 - v.clamp(0.0, 1.0))).round() as u8);
                }
            }
            inner
                .draw(&super::Raster {
                    size: (n as u32, n as u32),
                    rgb: &rgb,
                })
                .map_err(draw_err)?;
            continue;
        }
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

    type Image = ((i32, i32), (u32, u32), Vec<u8>);

    /// A backend that records the images given to it whole.
    struct Images(std::rc::Rc<std::cell::RefCell<Vec<Image>>>);

    impl plotters_backend::DrawingBackend for Images {
        type ErrorType = std::io::Error;
        fn get_size(&self) -> (u32, u32) {
            (100, 100)
        }
        fn ensure_prepared(
            &mut self,
        ) -> std::result::Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn present(
            &mut self,
        ) -> std::result::Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: plotters_backend::BackendCoord,
            _: plotters_backend::BackendColor,
        ) -> std::result::Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn blit_bitmap(
            &mut self,
            pos: plotters_backend::BackendCoord,
            size: (u32, u32),
            src: &[u8],
        ) -> std::result::Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            self.0.borrow_mut().push((pos, size, src.to_vec()));
            Ok(())
        }
        fn draw_text<S: plotters_backend::BackendTextStyle>(
            &mut self,
            _: &str,
            _: &S,
            _: plotters_backend::BackendCoord,
        ) -> std::result::Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
    }

    #[test]
    fn a_canvas_gets_each_digit_as_one_image_of_its_shades() {
        // 2×2 digit: white, black / grey, white; in a 100×100 cell.
        let img = vec![0.0, 1.0, 0.5, 0.0];
        let images = std::rc::Rc::default();
        let area = crate::plot::measured::Measured::new(
            Images(std::rc::Rc::clone(&images)),
            crate::plot::measured::Approximate,
        )
        .into_drawing_area();
        let style = Style {
            raster: true,
            ..Style::default()
        };
        draw_grid(&area, &[("7".into(), img)], 2, 1, &style).unwrap();
        drop(area);
        let drawn = images.borrow();
        assert_eq!(drawn.len(), 1, "one image, no rectangle per pixel");
        let ((x, y), (w, h), rgb) = &drawn[0];
        // The square is min(100, 100 − 1.6 × 14) = 77.6 px, whole pixels 77,
        // centred ((100 − 77.6) / 2 = 11) under the caption (1.5 × 14 = 21).
        assert_eq!((*w, *h), (77, 77));
        assert_eq!((*x, *y), (11, 21));
        let at = |px: usize, py: usize| rgb[(py * 77 + px) * 3];
        assert_eq!(at(0, 0), 255, "top left white");
        assert_eq!(at(76, 0), 0, "top right black");
        assert_eq!(at(0, 76), 128, "bottom left grey (0.5)");
        assert_eq!(at(76, 76), 255, "bottom right white");
        assert_eq!(at(38, 38), 255);
        // Column 2 · 38 / 77 = 0, 2 · 39 / 77 = 1.
        assert_eq!(at(39, 38), 0, "the halves meet in the middle");
    }
}
