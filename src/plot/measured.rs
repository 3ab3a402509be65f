//! A backend wrapper that measures text its own way.
//!
//! plotters asks the backend for text sizes when it lays out captions and
//! axis labels. Its default asks the font system: on the web that inserts a
//! styled `<span>` into the page (which the page's Content-Security-Policy
//! forbids, and which forces a layout per label), natively it needs a
//! TrueType file. [`Measured`] answers from a [`TextMeasure`] instead: the
//! canvas's `measureText` on the page, and a width-per-character estimate for
//! SVG, whose text the viewer lays out anyway.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// Measures a line of text in pixels (and, where the surface can, copies
/// an image onto it at once and strokes lines on it directly).
pub trait TextMeasure {
    /// Width and height of `text` in `family` at `size` pixels.
    fn measure(&self, text: &str, family: &str, style: &str, size: f64) -> (u32, u32);

    /// Copies the RGB image `rgb` (`size` pixels) to the surface at `pos`
    /// in one operation, when the surface can (a canvas); returns false
    /// otherwise, and the backend draws it pixel by pixel.
    fn blit(&self, _pos: (i32, i32), _size: (u32, u32), _rgb: &[u8]) -> bool {
        false
    }

    /// Strokes the polyline `path` in `color`, `width` pixels wide, when
    /// the surface can, keeping the stroke style it set last when that is
    /// the same; returns false otherwise, and the backend draws it.
    fn stroke(&self, _path: &[BackendCoord], _color: BackendColor, _width: u32) -> bool {
        false
    }

    /// Something other than [`TextMeasure::stroke`] is about to draw, and
    /// may change the surface's stroke style.
    fn forget_style(&self) {}
}

/// An estimate good enough for layout: 0.6 em per character, 1.15 em per line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Approximate;

impl TextMeasure for Approximate {
    fn measure(&self, text: &str, _family: &str, _style: &str, size: f64) -> (u32, u32) {
        let width = text.chars().count() as f64 * size * 0.6;
        (width.ceil() as u32, (size * 1.15).ceil() as u32)
    }
}

/// `B` with text measured by `M`.
pub struct Measured<B, M> {
    inner: B,
    measure: M,
}

impl<B: DrawingBackend, M: TextMeasure> Measured<B, M> {
    /// Wraps `inner`.
    pub fn new(inner: B, measure: M) -> Self {
        Self { inner, measure }
    }
}

type Failure<B> = DrawingErrorKind<<B as DrawingBackend>::ErrorType>;

impl<B: DrawingBackend, M: TextMeasure> DrawingBackend for Measured<B, M> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure<B>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failure<B>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure<B>> {
        self.measure.forget_style();
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.measure.forget_style();
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<B>> {
        self.measure.forget_style();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure<B>> {
        let path: Vec<BackendCoord> = path.into_iter().collect();
        if self
            .measure
            .stroke(&path, style.color(), style.stroke_width())
        {
            return Ok(());
        }
        self.measure.forget_style();
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<B>> {
        self.measure.forget_style();
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.measure.forget_style();
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), Failure<B>> {
        self.measure.forget_style();
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), Failure<B>> {
        Ok(self.measure.measure(
            text,
            style.family().as_str(),
            style.style().as_str(),
            style.size(),
        ))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Failure<B>> {
        if self.measure.blit(pos, size, src) {
            return Ok(());
        }
        self.measure.forget_style();
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// An SVG drawing into `out`, `size` pixels, with approximate text measure.
pub fn svg(
    out: &mut String,
    size: (u32, u32),
) -> DrawingArea<Measured<SVGBackend<'_>, Approximate>, plotters::coord::Shift> {
    Measured::new(SVGBackend::with_string(out, size), Approximate).into_drawing_area()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A surface that records what it is asked, and strokes paths itself
    /// when `takes`.
    struct Recorder {
        calls: Rc<RefCell<Vec<String>>>,
        takes: bool,
    }

    impl TextMeasure for Recorder {
        fn measure(&self, text: &str, family: &str, style: &str, size: f64) -> (u32, u32) {
            Approximate.measure(text, family, style, size)
        }
        fn stroke(&self, path: &[BackendCoord], color: BackendColor, width: u32) -> bool {
            let (r, g, b) = color.rgb;
            let n = path.len();
            self.calls
                .borrow_mut()
                .push(format!("stroke {n} ({r},{g},{b}) {width}"));
            self.takes
        }
        fn forget_style(&self) {
            self.calls.borrow_mut().push("forget".into());
        }
    }

    fn draw(takes: bool) -> (Vec<String>, String) {
        let calls = Rc::new(RefCell::new(Vec::new()));
        let mut svg = String::new();
        {
            let surface = Recorder {
                calls: calls.clone(),
                takes,
            };
            let area = Measured::new(SVGBackend::with_string(&mut svg, (100, 100)), surface)
                .into_drawing_area();
            let red = PathElement::new(
                vec![(0, 0), (10, 10), (20, 5)],
                Color::stroke_width(&RED, 2),
            );
            let blue = PathElement::new(vec![(1, 1), (9, 9)], Color::stroke_width(&BLUE, 1));
            let square = Rectangle::new([(30, 30), (40, 40)], GREEN.filled());
            area.draw(&red).unwrap();
            area.draw(&square).unwrap();
            area.draw(&blue).unwrap();
        }
        let calls = calls.borrow().clone();
        (calls, svg)
    }

    /// Paths go to the surface, which keeps its stroke style only while
    /// nothing else draws; a surface that cannot stroke leaves them to the
    /// backend.
    #[test]
    fn paths_go_to_the_surface_and_other_drawing_makes_it_forget_its_style() {
        let (calls, svg) = draw(true);
        assert_eq!(
            calls,
            ["stroke 3 (255,0,0) 2", "forget", "stroke 2 (0,0,255) 1"],
        );
        assert!(!svg.contains("<polyline") && svg.contains("<rect"), "{svg}");

        let (calls, svg) = draw(false);
        assert_eq!(calls.iter().filter(|c| c.starts_with("stroke")).count(), 2);
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
    }
}
