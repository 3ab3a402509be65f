//! Writing a figure to an SVG or PNG file. Both are drawn by the same
//! backend-generic plot code as the page.

use super::args::Args;
use descent::figures::optimizers::{animation_frames, draw_frame, field_of, Look, FIGURE_COLS};
use descent::optim::lab::Lab;
use descent::plot::apng::{rgb_to_rgba, Apng};
use descent::plot::Style;
use descent::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Something that draws itself on any backend.
pub trait Figure {
    /// Draws onto `area`.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()>;
}

/// Where and how large to draw.
pub struct Output {
    path: String,
    size: (u32, u32),
    font: Option<String>,
}

/// TrueType fonts tried, in order, for text in PNG figures.
const FONTS: [&str; 4] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
];

/// Fonts with Hangul, tried first for Korean figures.
const KOREAN_FONTS: [&str; 3] = [
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
    "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
];

impl Output {
    /// Reads --out (required), the size (--size WxH, or --width and
    /// --height where they do not name a lab setting) and --font.
    pub fn from_args(args: &mut Args, default: (u32, u32)) -> Result<Self> {
        let path = args
            .take("out")
            .ok_or_else(|| Error::new("--out FILE.svg or FILE.png is required."))?;
        let pixels = |flag: &str, v: &str| -> Result<u32> {
            v.trim()
                .parse()
                .ok()
                .filter(|n| (200..=8000).contains(n))
                .ok_or_else(|| {
                    Error::new(format!(
                        "--{flag} must be a whole number of pixels from 200 to 8000, got \"{}\".",
                        descent::num::short(v)
                    ))
                })
        };
        let mut size = default;
        if let Some(v) = args.take("size") {
            let Some((w, h)) = v.split_once('x') else {
                return Err(Error::new(format!(
                    "--size must be written WIDTHxHEIGHT, like 1200x900, got \"{}\".",
                    descent::num::short(&v)
                )));
            };
            size = (pixels("size", w)?, pixels("size", h)?);
        }
        for (flag, slot) in [("width", &mut size.0), ("height", &mut size.1)] {
            if let Some(v) = args.take(flag) {
                *slot = pixels(flag, &v)?;
            }
        }
        Ok(Self {
            path,
            size,
            font: args.take("font"),
        })
    }

    /// Draws with `draw` and writes the file; returns a line for the user.
    pub fn write(&self, figure: &impl Figure) -> Result<String> {
        let lower = self.path.to_ascii_lowercase();
        if lower.ends_with(".svg") {
            let mut svg = String::new();
            {
                let area = descent::plot::measured::svg(&mut svg, self.size);
                figure.draw(&area, &Style::default())?;
                area.present()
                    .map_err(|e| Error::new(format!("Drawing failed: {e:?}")))?;
            }
            write_file(&self.path, svg.as_bytes())?;
        } else if lower.ends_with(".png") {
            self.register_font()?;
            let (w, h) = self.size;
            let mut rgb = vec![0u8; (w * h * 3) as usize];
            {
                let area = BitMapBackend::with_buffer(&mut rgb, self.size).into_drawing_area();
                figure.draw(&area, &Style::default())?;
                area.present()
                    .map_err(|e| Error::new(format!("Drawing failed: {e:?}")))?;
            }
            write_file(&self.path, &encode_png(&rgb, w, h)?)?;
        } else {
            return Err(Error::new(format!(
                "--out must end in .svg or .png, got \"{}\".",
                self.path
            )));
        }
        Ok(format!(
            "wrote {} ({}×{})",
            self.path, self.size.0, self.size.1
        ))
    }

    /// Writes the optimizer animation of `lab` as an animated PNG: at most
    /// `frames` frames, `delay_ms` apart, the last one held for 2 s.
    pub fn write_animation(&self, lab: &Lab, frames: usize, delay_ms: u16) -> Result<String> {
        if !self.path.to_ascii_lowercase().ends_with(".png") {
            return Err(Error::new(format!(
                "--animate writes an animated PNG: --out must end in .png, got \"{}\".",
                self.path
            )));
        }
        self.register_font()?;
        let (w, h) = self.size;
        let trajectories = lab.run_all();
        let field = field_of(&lab.surface, FIGURE_COLS);
        let steps = animation_frames(lab.setting.steps, frames);
        let mut apng = Apng::new(w, h, steps.len() as u32)?;
        let mut rgb = vec![0u8; (w * h * 3) as usize];
        for (i, &frame) in steps.iter().enumerate() {
            {
                let area = BitMapBackend::with_buffer(&mut rgb, self.size).into_drawing_area();
                draw_frame(
                    &area,
                    lab,
                    &field,
                    &trajectories,
                    (frame, Look::default()),
                    &Style::default(),
                )?;
                area.present()
                    .map_err(|e| Error::new(format!("Drawing failed: {e:?}")))?;
            }
            let last = i + 1 == steps.len();
            apng.push(&rgb_to_rgba(&rgb), if last { 2000 } else { delay_ms })?;
        }
        let bytes = apng.finish()?;
        write_file(&self.path, &bytes)?;
        Ok(format!(
            "wrote {} ({}×{}, {} frames, {} KB)",
            self.path,
            w,
            h,
            steps.len(),
            bytes.len().div_ceil(1024)
        ))
    }

    fn register_font(&self) -> Result<()> {
        let candidates: Vec<&str> = match &self.font {
            Some(f) => vec![f.as_str()],
            None if descent::i18n::current() == descent::i18n::Lang::Ko => {
                KOREAN_FONTS.iter().chain(&FONTS).copied().collect()
            }
            None => FONTS.to_vec(),
        };
        let bytes = candidates
            .iter()
            .find_map(|p| std::fs::read(p).ok())
            .ok_or_else(|| Error::new(format!(
                "PNG figures need a TrueType font for their text, and none was found ({}). Install Debian's fonts-dejavu-core, pass --font FILE.ttf, or write an .svg.",
                candidates.join(", ")
            )))?;
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        plotters::style::register_font("sans-serif", FontStyle::Normal, leaked)
            .map_err(|_| Error::new("The font file could not be read as TrueType."))
    }
}

fn write_file(path: &str, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::new(format!("cannot write '{path}': {e}")))
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| Error::new(format!("PNG encoding failed: {e}")))?;
        writer
            .write_image_data(rgb)
            .map_err(|e| Error::new(format!("PNG encoding failed: {e}")))?;
    }
    Ok(out)
}
