//! Opening a canvas as a plotters drawing area, with text measured by the
//! canvas itself (see `plot::measured`).

use crate::plot::measured::{Measured, TextMeasure};
use crate::plot::Style;
use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::BackendColor;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsError};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Text measure by the 2-D context's `measureText`, and lines stroked on
/// the context directly: the style is set only when it changes (plotters'
/// canvas backend sets it, as a colour string made in Rust and decoded in
/// JavaScript, for every line and every dash; in a search's charts that was
/// twice the time of the drawing itself).
pub struct CanvasMeasure {
    context: CanvasRenderingContext2d,
    /// The stroke colour, opacity and width set last by `stroke`, while
    /// nothing else has drawn since.
    stroke: std::cell::Cell<Option<StrokeKey>>,
}

/// A stroke style: colour, opacity (its bits) and width.
type StrokeKey = ((u8, u8, u8), u64, u32);

impl CanvasMeasure {
    fn new(context: CanvasRenderingContext2d) -> Self {
        Self {
            context,
            stroke: std::cell::Cell::new(None),
        }
    }
}

impl TextMeasure for CanvasMeasure {
    fn measure(&self, text: &str, family: &str, style: &str, size: f64) -> (u32, u32) {
        self.context.set_font(&format!("{style} {size}px {family}"));
        let width = self
            .context
            .measure_text(text)
            .map_or(size * 0.6 * text.chars().count() as f64, |m| m.width());
        // A line box is about 1.15 em tall in the browsers' default fonts.
        (width.ceil() as u32, (size * 1.15).ceil() as u32)
    }

    fn blit(&self, (x, y): (i32, i32), (w, h): (u32, u32), rgb: &[u8]) -> bool {
        let rgba = crate::plot::apng::rgb_to_rgba(rgb);
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(&rgba), w, h)
            .and_then(|image| {
                self.context
                    .put_image_data(&image, f64::from(x), f64::from(y))
            })
            .is_ok()
    }

    fn stroke(&self, path: &[(i32, i32)], color: BackendColor, width: u32) -> bool {
        // As plotters' canvas backend: nothing for a transparent colour.
        if color.alpha == 0.0 {
            return true;
        }
        let key = (color.rgb, color.alpha.to_bits(), width);
        if self.stroke.get() != Some(key) {
            let (r, g, b) = color.rgb;
            let alpha = color.alpha;
            self.context
                .set_stroke_style_str(&format!("rgba({r},{g},{b},{alpha})"));
            self.context.set_line_width(f64::from(width));
            self.stroke.set(Some(key));
        }
        self.context.begin_path();
        if let Some((&(x, y), rest)) = path.split_first() {
            self.context.move_to(f64::from(x), f64::from(y));
            for &(x, y) in rest {
                self.context.line_to(f64::from(x), f64::from(y));
            }
        }
        self.context.stroke();
        true
    }

    fn forget_style(&self) {
        self.stroke.set(None);
    }
}

thread_local! {
    static BOOST: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
}

/// Sets how much larger fonts, lines and markers are drawn (1 normally,
/// larger in presenter mode).
pub fn set_display_boost(boost: f64) {
    BOOST.with(|b| {
        b.set(if boost.is_finite() {
            boost.clamp(0.5, 3.0)
        } else {
            1.0
        });
    });
}

fn display_boost() -> f64 {
    BOOST.with(std::cell::Cell::get)
}

/// The canvas backend the page draws with.
pub type Canvas = Measured<CanvasBackend, CanvasMeasure>;

/// Makes the canvas with element id `id` fully transparent again (plotters
/// skips transparent fills, so a layer is cleared here).
pub fn clear(id: &str) {
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
    if let Some(canvas) = canvas {
        if let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        {
            ctx.clear_rect(
                0.0,
                0.0,
                f64::from(canvas.width()),
                f64::from(canvas.height()),
            );
        }
    }
}

/// The canvas with element id `id` and its 2-D context.
fn element(id: &str) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsError> {
    let missing = || {
        JsError::new(&format!(
            "The page has no canvas with id '{id}'. / 페이지에 id가 '{id}'인 캔버스가 없습니다."
        ))
    };
    let element: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(missing)?;
    let context: CanvasRenderingContext2d = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| {
            JsError::new(crate::i18n::tr(
                "This browser cannot draw on a 2-D canvas.",
                "이 브라우저는 2-D 캔버스에 그릴 수 없습니다.",
            ))
        })?;
    Ok((element, context))
}

/// The canvas with element id `id` as a drawing area, with the style for its
/// device pixel ratio. The page sizes the canvas backing store
/// (`width`/`height` attributes) to its CSS size times the ratio.
pub fn open(id: &str) -> Result<(DrawingArea<Canvas, Shift>, Style), JsError> {
    let (element, context) = element(id)?;
    // Backing-store pixels per CSS pixel: the device pixel ratio, or more
    // while a PNG is exported at a higher resolution; times the display boost
    // (presenter mode).
    let css = f64::from(element.client_width());
    let ratio = if css > 0.0 {
        f64::from(element.width()) / css
    } else {
        web_sys::window().map_or(1.0, |w| w.device_pixel_ratio())
    };
    let scale = ratio.max(0.5) * display_boost();
    let inner = CanvasBackend::with_canvas_object(element).ok_or_else(|| {
        JsError::new(crate::i18n::tr(
            "The canvas cannot be drawn on.",
            "이 캔버스에는 그릴 수 없습니다.",
        ))
    })?;
    Ok((
        Measured::new(inner, CanvasMeasure::new(context)).into_drawing_area(),
        Style {
            scale,
            raster: true,
        },
    ))
}

/// An SVG drawing area in an SVG document.
pub type SvgArea<'a> = DrawingArea<Measured<SVGBackend<'a>, CanvasMeasure>, Shift>;

/// Draws with `paint` into an SVG the CSS size of canvas `id` (times
/// `rows` in height, for figures that stack several canvases) and returns
/// the SVG text. Text is measured by the canvas, as on the page.
pub fn svg_like(
    id: &str,
    rows: u32,
    paint: impl FnOnce(&SvgArea<'_>, &Style) -> crate::Result<()>,
) -> Result<String, JsError> {
    let (element, context) = element(id)?;
    let w = element.client_width().max(200) as u32;
    let h = element.client_height().max(100) as u32 * rows.max(1);
    let mut out = String::new();
    {
        let area = Measured::new(
            SVGBackend::with_string(&mut out, (w, h)),
            CanvasMeasure::new(context),
        )
        .into_drawing_area();
        paint(
            &area,
            &Style {
                scale: display_boost(),
                raster: false,
            },
        )
        .map_err(super::js_error)?;
        super::present(&area)?;
    }
    Ok(out)
}
