//! The initialization experiment as histograms: one row per configuration,
//! one panel per layer, titled "1-layer" … as the book draws them.

use crate::error::Result;
use crate::i18n::tr;
use crate::init::experiment::{run, Config, LayerStats};
use crate::nn::Activation;
use crate::plot::histogram::{draw_panels, Heights};
use crate::plot::{draw_err, Style};
use crate::stats::Histogram;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A one-line description of a configuration.
pub fn title(c: &Config) -> String {
    let (act, scheme, layers, width, samples) = (
        c.activation.id(),
        c.scheme.label(),
        c.layers,
        c.width,
        c.samples,
    );
    let bn = if c.batch_norm {
        tr(" · batch norm", " · 배치 정규화")
    } else {
        ""
    };
    tr(
        format!("{act} · {scheme} · {layers} layers × {width} neurons · {samples} samples{bn}"),
        format!("{act} · {scheme} · {layers}층 × 뉴런 {width}개 · 샘플 {samples}개{bn}"),
    )
}

/// The panels of one row: activations, or weight gradients when `backward`.
pub fn panels(c: &Config, stats: &[LayerStats], backward: bool) -> Vec<(String, Histogram)> {
    stats
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let name = tr(format!("{}-layer", i + 1), format!("{}층", i + 1));
            if backward {
                return s.grad_histogram.clone().map(|h| (format!("{name} dW"), h));
            }
            let label = match c.activation {
                Activation::Relu => format!("{name} ({:.0}% = 0)", 100.0 * s.dead),
                _ => name,
            };
            Some((label, s.histogram.clone()))
        })
        .collect()
}

/// Draws one titled row of panels per entry.
pub fn draw_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, Vec<(String, Histogram)>)],
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    if rows.is_empty() {
        return Ok(());
    }
    for ((title, panels), cell) in rows.iter().zip(area.split_evenly((rows.len(), 1))) {
        let (strip, body) = cell.split_vertically(style.px(22.0));
        strip
            .draw_text(
                title,
                &("sans-serif", style.font(14.0)).into_text_style(&strip),
                (style.px(8.0) as i32, style.px(4.0) as i32),
            )
            .map_err(draw_err)?;
        draw_panels(&body, panels, Heights::SharedCounts, style)?;
    }
    Ok(())
}

/// Runs each configuration and draws its row.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    configs: &[Config],
    backward: bool,
    style: &Style,
) -> Result<()> {
    let mut rows = Vec::new();
    for c in configs {
        let stats = run(c, backward)?;
        rows.push((title(c), panels(c, &stats, backward)));
    }
    draw_rows(area, &rows, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Scheme;

    #[test]
    fn draws_the_book_rows() {
        let relu = Config {
            activation: Activation::Relu,
            scheme: Scheme::He,
            ..Config::default()
        };
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (1200, 600));
            draw(&area, &[Config::default(), relu], false, &Style::default()).unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("sigmoid · std 1 · 5 layers × 100 neurons · 1000 samples"));
        assert!(svg.contains("relu · He √(2/n)"));
        for i in 1..=5 {
            assert!(svg.contains(&format!("{i}-layer")));
        }
        assert!(svg.contains("% = 0)"), "ReLU panels count the zeros apart");
    }
}
