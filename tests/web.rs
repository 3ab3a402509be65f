//! The web layer in a real browser (wasm-bindgen-test, headless Chromium):
//! each panel draws visible pixels into a canvas, and errors cross the
//! boundary as exceptions, not panics.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
#![cfg(target_arch = "wasm32")]

use descent::web::{DigitSet, InitPanel, MnistPanel, OptimizerPanel};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(id: &str) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_id(id);
    canvas.set_width(400);
    canvas.set_height(200);
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Number of pixels that are neither transparent nor white.
fn inked(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 400.0, 200.0).unwrap().data();
    data.chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 250 || p[1] < 250 || p[2] < 250))
        .count()
}

#[wasm_bindgen_test]
fn optimizer_panel_draws_validates_and_maps_clicks() {
    let (bg, fg, side) = (canvas("t-bg"), canvas("t-fg"), canvas("t-side"));
    let mut panel = OptimizerPanel::new("t-bg", "t-fg", "t-side");
    panel.draw_background().unwrap();
    assert!(
        inked(&bg) > 400 * 200 / 2,
        "the contour fills most of the plot"
    );
    panel.draw(29).unwrap();
    let full = inked(&fg);
    assert!(full > 500, "paths and legend");
    assert!(inked(&side) > 500, "the loss plot");
    // Step 0 redraws the layer from scratch: only the starts and the legend.
    panel.draw(0).unwrap();
    assert!(
        inked(&fg) < full,
        "the path layer is cleared between frames"
    );

    assert!(panel.set("runs", "sgd;lr=-1").is_err());
    assert!(panel.set("surface", "x^2 + * y").is_err());
    assert!(panel.set("steps", "5000").is_err());
    assert!(panel.set("speed", "3").is_err());
    assert_eq!(panel.set("start", " -7, 2").unwrap(), "-7,2");
    assert!(
        panel.draw(29).unwrap().contains("\"label\":\"Adam\""),
        "a refused value changes nothing"
    );

    // A click in the plot maps back to the surface; outside it, to nothing.
    let p = panel.point_at(200.0, 100.0).unwrap();
    assert!(p[0].abs() < 2.0 && p[1].abs() < 2.0, "{p:?}");
    assert!(panel.point_at(1.0, 1.0).is_none());
}

#[wasm_bindgen_test]
fn init_panel_draws() {
    let c = canvas("t-init");
    InitPanel::new("t-init").draw().unwrap();
    assert!(inked(&c) > 1000);
}

#[wasm_bindgen_test]
fn digit_sets_refuse_bad_bytes_and_other_sizes_and_draw_good_ones() {
    assert!(DigitSet::new(b"not a digit file at all....").is_err());
    let small =
        descent::data::Digits::new(2, 2, vec![1, 7], vec![0, 255, 255, 0, 9, 9, 9, 9]).unwrap();
    let refused = match DigitSet::new(&descent::data::bundle::write(&small)) {
        Ok(_) => String::new(),
        Err(e) => message(e),
    };
    assert!(refused.contains("2×2 pixels"), "{refused}");
    let pixels = (0..2 * 784u32).map(|i| (i % 256) as u8).collect();
    let digits = descent::data::Digits::new(28, 28, vec![1, 7], pixels).unwrap();
    let Ok(set) = DigitSet::new(&descent::data::bundle::write(&digits)) else {
        panic!("28×28 digits load");
    };
    let c = canvas("t-mnist");
    let panel = MnistPanel::new("t-mnist", &set);
    panel.draw().unwrap();
    assert!(inked(&c) > 100);
}

#[wasm_bindgen_test]
fn seeded_streams_match_the_native_ones() {
    let mut r = descent::rng::Rng::seeded(1);
    let got = [r.normal(), r.normal(), r.uniform(), r.below(1000) as f64];
    assert_eq!(got, descent::rng::GOLDEN);
}

#[wasm_bindgen_test]
fn a_missing_canvas_is_an_error_not_a_panic() {
    assert!(
        OptimizerPanel::new("no-such-canvas", "nor-this", "nor-that")
            .draw(0)
            .is_err()
    );
}

/// The message of an error thrown at the boundary.
fn message(e: wasm_bindgen::JsError) -> String {
    let value: wasm_bindgen::JsValue = e.into();
    value
        .dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn korean_sentences_svg_and_animation_cross_the_boundary() {
    let _ = canvas("k-bg");
    let mut panel = OptimizerPanel::new("k-bg", "k-fg", "k-side");
    descent::web::set_language("ko");
    let refused = message(panel.set("surface", "x^2 + foo").unwrap_err());
    descent::web::set_language("en");
    let presets = descent::web::vocabulary("ko");
    assert!(presets.contains("책의 그림"), "{presets}");
    assert!(refused.contains("알 수 없는 이름"), "{refused}");
    assert!(descent::web::vocabulary("en").contains("The book's figure"));
    assert_eq!(
        descent::web::check_setting("mnist", "seed", "7").unwrap(),
        "7"
    );
    assert!(
        message(descent::web::check_setting("mnist", "seed", "-5").unwrap_err()).contains("got -5")
    );

    let svg = panel.svg(10).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("SGD"),
        "{}",
        &svg[..100]
    );

    let mut apng = descent::web::ApngEncoder::new(2, 1, 2).unwrap();
    apng.push(&[0, 0, 0, 255, 255, 255, 255, 255], 100).unwrap();
    assert!(
        apng.push(&[0; 3], 100).is_err(),
        "a frame of the wrong size"
    );
    apng.push(&[255, 0, 0, 255, 255, 255, 255, 255], 100)
        .unwrap();
    let bytes = apng.finish().unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    assert!(bytes.windows(4).any(|w| w == b"acTL"));
}

/// The wasm build's own matrix products (`nn::kernel`, through `gemm`)
/// against `matrixmultiply`, the kernel nalgebra uses and the one before
/// them, on the network's shapes and on edge sizes of every dimension, for
/// the three products a training step makes (X·W, Xᵀ·dZ, dZ·Wᵀ). Two sums
/// of k terms in different orders differ by at most 2·k·u·Σ|a||b| (u = 2⁻²⁴).
#[wasm_bindgen_test]
fn the_wasm_kernel_matches_matrixmultiply_within_f32_rounding() {
    use nalgebra::DMatrix;
    let mut rng = descent::rng::Rng::seeded(11);
    let mut products = 0;
    for (ta, tb) in [(false, false), (true, false), (false, true)] {
        for m in [1, 3, 4, 7, 8, 9, 100, 131] {
            for k in [1, 5, 100, 257, 784] {
                for n in [1, 3, 4, 5, 10, 100] {
                    let shape = |r: usize, c: usize, t: bool| if t { (c, r) } else { (r, c) };
                    let (ar, ac) = shape(m, k, ta);
                    let (br, bc) = shape(k, n, tb);
                    let a = DMatrix::<f32>::from_fn(ar, ac, |_, _| rng.normal() as f32);
                    let b = DMatrix::<f32>::from_fn(br, bc, |_, _| rng.normal() as f32);
                    let mut mine = DMatrix::<f32>::from_element(m, n, f32::NAN);
                    descent::nn::gemm::gemm(1.0, &a, ta, &b, tb, 0.0, &mut mine);
                    let mut theirs = DMatrix::<f32>::zeros(m, n);
                    let (rsa, csa) = if ta {
                        (ar as isize, 1)
                    } else {
                        (1, ar as isize)
                    };
                    let (rsb, csb) = if tb {
                        (br as isize, 1)
                    } else {
                        (1, br as isize)
                    };
                    // SAFETY: the strides describe the matrices just made.
                    #[allow(unsafe_code)]
                    unsafe {
                        matrixmultiply::sgemm(
                            m,
                            k,
                            n,
                            1.0,
                            a.as_ptr(),
                            rsa,
                            csa,
                            b.as_ptr(),
                            rsb,
                            csb,
                            0.0,
                            theirs.as_mut_ptr(),
                            1,
                            m as isize,
                        );
                    }
                    let abs_a = if ta { a.transpose().abs() } else { a.abs() };
                    let abs_b = if tb { b.transpose().abs() } else { b.abs() };
                    let bound = abs_a * abs_b * (2.0 * k as f32 * f32::EPSILON / 2.0);
                    for i in 0..m {
                        for j in 0..n {
                            let (x, y) = (mine[(i, j)], theirs[(i, j)]);
                            assert!(
                                (x - y).abs() <= bound[(i, j)] + f32::MIN_POSITIVE,
                                "{m}×{k}·{k}×{n} (ta {ta}, tb {tb}) at ({i}, {j}): {x} vs {y}"
                            );
                        }
                    }
                    products += 1;
                }
            }
        }
    }
    assert_eq!(products, 3 * 8 * 5 * 6);
}
