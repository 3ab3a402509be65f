//! Opening a canvas as a plotters drawing area.
//!
//! [`Canvas`] wraps plotters-canvas's backend and measures text with the 2-D
//! context's `measureText`. plotters' own web measurement inserts a `<span>`
//! with an inline `style` attribute into the page for every label, which the
//! page's Content-Security-Policy forbids, and which forces a layout each time.

use crate::plot::Style;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsError};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas backend whose text measurement uses `measureText`.
pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Failure = DrawingErrorKind<CanvasError>;

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failure> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), Failure> {
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(style.size() * 0.6 * text.chars().count() as f64);
        // A line box is about 1.15 em tall in the browsers' default fonts.
        Ok((width.ceil() as u32, (style.size() * 1.15).ceil() as u32))
    }
}

/// The canvas with element id `id` as a drawing area, with the style for its
/// device pixel ratio. The page sizes the canvas backing store
/// (`width`/`height` attributes) to its CSS size times the ratio.
pub fn open(id: &str) -> Result<(DrawingArea<Canvas, Shift>, Style), JsError> {
    let missing = || JsError::new(&format!("The page has no canvas with id '{id}'."));
    let window = web_sys::window().ok_or_else(missing)?;
    let element: HtmlCanvasElement = window
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(missing)?;
    let context: CanvasRenderingContext2d = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| JsError::new("This browser cannot draw on a 2-D canvas."))?;
    let inner = CanvasBackend::with_canvas_object(element).ok_or_else(missing)?;
    let scale = window.device_pixel_ratio().max(1.0);
    Ok((
        Canvas { inner, context }.into_drawing_area(),
        Style { scale },
    ))
}
