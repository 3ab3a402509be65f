//! The sparse products against the dense ones, and a listing from images
//! against one read from the matrix.

use super::*;
use crate::nn::gemm::gemm;
use crate::rng::Rng;

/// A random m×k matrix with about `density` of its entries nonzero.
fn sparse_matrix(m: usize, k: usize, density: f64, rng: &mut Rng) -> DMatrix<f32> {
    DMatrix::from_fn(m, k, |_, _| {
        if rng.uniform() < density {
            rng.normal() as f32
        } else {
            0.0
        }
    })
}

fn max_diff(a: &DMatrix<f32>, b: &DMatrix<f32>) -> f32 {
    (a - b).abs().max()
}

#[test]
fn forward_and_weight_gradient_equal_the_dense_products() {
    let mut rng = Rng::seeded(7);
    // Edge sizes: one example, one pixel, one unit, widths that are not
    // a multiple of the SIMD lanes, a pixel lit nowhere.
    for &(m, k, n) in &[
        (1, 1, 1),
        (3, 5, 7),
        (128, 784, 100),
        (17, 33, 10),
        (500, 50, 3),
        (2, 9, 1000),
        (40, 20, 60),
    ] {
        let x = sparse_matrix(m, k, 0.2, &mut rng);
        let w = DMatrix::from_fn(k, n, |_, _| rng.normal() as f32);
        let b = DMatrix::from_fn(1, n, |_, _| rng.normal() as f32);
        let d = DMatrix::from_fn(m, n, |_, _| rng.normal() as f32);
        let mut s = SparseInput::default();
        // Tiny matrices may be denser than 0.2 by chance: list them all.
        assert!(s.read_below(&x, 1.0));

        let mut want = DMatrix::zeros(m, n);
        gemm(1.0, &x, false, &w, false, 0.0, &mut want);
        for j in 0..n {
            want.column_mut(j).add_scalar_mut(b[j]);
        }
        let mut got = DMatrix::from_element(m, n, f32::NAN);
        s.affine_forward(&w, &b, &mut got);
        // Sums of at most k terms of size ≈ 1: f32 rounding is ≈ k·2⁻²⁴.
        let tol = 1e-5 * (k as f32).max(1.0);
        assert!(max_diff(&got, &want) < tol, "forward {m}×{k}×{n}");

        let mut want = DMatrix::zeros(k, n);
        gemm(1.0, &x, true, &d, false, 0.0, &mut want);
        let mut got = DMatrix::from_element(k, n, f32::NAN);
        s.weight_grad(&d, &mut got);
        let tol = 1e-5 * (m as f32).max(1.0);
        assert!(max_diff(&got, &want) < tol, "weight gradient {m}×{k}×{n}");
    }
}

#[test]
fn dense_batches_are_left_to_the_dense_product() {
    let mut rng = Rng::seeded(3);
    let mut s = SparseInput::default();
    assert!(!s.read(&sparse_matrix(64, 100, 0.9, &mut rng)));
    assert!(!s.is_sparse());
    assert!(s.read(&sparse_matrix(64, 100, 0.1, &mut rng)));
    assert!((s.density() - 0.1).abs() < 0.03, "{}", s.density());
    // All zeros (a blank batch) is as sparse as can be.
    assert!(s.read(&DMatrix::zeros(4, 9)));
    assert_eq!(s.density(), 0.0);
    // No examples: nothing to list, the dense product handles it.
    assert!(!s.read(&DMatrix::zeros(0, 9)));
}

#[test]
fn a_listing_from_images_gives_the_products_of_reading_them() {
    let mut rng = Rng::seeded(5);
    let (m, k, n) = (37, 50, 20);
    // Bytes mostly 0, as digits; a table that keeps 0 at 0 (x/255).
    let images: Vec<Vec<u8>> = (0..m)
        .map(|_| {
            (0..k)
                .map(|_| {
                    if rng.uniform() < 0.2 {
                        rng.below(255) as u8 + 1
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    let table: [f32; 256] = std::array::from_fn(|b| b as f32 / 255.0);
    let x = DMatrix::from_fn(m, k, |i, p| table[usize::from(images[i][p])]);
    let w = DMatrix::from_fn(k, n, |_, _| rng.normal() as f32);
    let b = DMatrix::from_fn(1, n, |_, _| rng.normal() as f32);
    let d = DMatrix::from_fn(m, n, |_, _| rng.normal() as f32);

    let mut read = SparseInput::default();
    assert!(read.read(&x));
    let mut listed = SparseInput::default();
    listed.list_images(k, images.iter().map(Vec::as_slice), &table);
    assert!(listed.take_given(m, k) && listed.is_sparse());
    assert_eq!(listed.density(), read.density());
    let mut outs = [DMatrix::zeros(m, n), DMatrix::zeros(m, n)];
    let mut grads = [DMatrix::zeros(k, n), DMatrix::zeros(k, n)];
    for (s, (o, g)) in [&mut read, &mut listed]
        .into_iter()
        .zip(outs.iter_mut().zip(&mut grads))
    {
        s.affine_forward(&w, &b, o);
        s.weight_grad(&d, g);
    }
    // The same entries in the same order: the same sums, bit for bit.
    assert_eq!(outs[0], outs[1]);
    assert_eq!(grads[0], grads[1]);

    // A listing is for the next forward pass of that shape only.
    assert!(!listed.take_given(m, k));
    listed.list_images(k, images.iter().map(Vec::as_slice), &table);
    assert!(!listed.take_given(m + 1, k));
    // A table that moves 0 (inputs standardized) lists nothing.
    let shifted: [f32; 256] = std::array::from_fn(|b| b as f32 - 0.5);
    listed.list_images(k, images.iter().map(Vec::as_slice), &shifted);
    assert!(listed.take_given(m, k) && !listed.is_sparse());
}
