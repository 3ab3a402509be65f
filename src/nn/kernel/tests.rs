//! The kernels' blocking, on plain arrays, against the definition.

use super::*;
use crate::rng::Rng;

/// The product in f64 by the definition, for column-major `a` (m × k,
/// or k × m when transposed) and `b`.
fn reference(
    (m, k, n): (usize, usize, usize),
    (a, ta): (&[f32], bool),
    (b, tb): (&[f32], bool),
) -> Vec<f64> {
    let at = |i: usize, p: usize| if ta { a[p + i * k] } else { a[i + p * m] } as f64;
    let bt = |p: usize, j: usize| if tb { b[j + p * n] } else { b[p + j * k] } as f64;
    let mut c = vec![0.0; m * n];
    for j in 0..n {
        for i in 0..m {
            c[i + j * m] = (0..k).map(|p| at(i, p) * bt(p, j)).sum();
        }
    }
    c
}

#[test]
fn every_shape_and_edge_matches_the_definition() {
    let mut rng = Rng::seeded(3);
    let sizes = [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 33];
    let mut cases = 0;
    for (ta, tb) in [(false, false), (false, true), (true, false)] {
        for &m in &sizes {
            // 257: past one slice of KC terms, so later slices add to C.
            for &k in &[1, 3, 4, 5, 8, 31, 257] {
                for &n in &sizes[..9] {
                    let a: Vec<f32> = (0..m * k).map(|_| rng.normal() as f32).collect();
                    let b: Vec<f32> = (0..k * n).map(|_| rng.normal() as f32).collect();
                    let c0: Vec<f32> = (0..m * n).map(|_| rng.normal() as f32).collect();
                    let want = reference((m, k, n), (&a, ta), (&b, tb));
                    let sa = if ta { (k as isize, 1) } else { (1, m as isize) };
                    let sb = if tb { (n as isize, 1) } else { (1, k as isize) };
                    for (alpha, beta) in [(1.0f32, 0.0f32), (0.5, 2.0)] {
                        // β = 0 must ignore what C held, NaN included.
                        let mut c: Vec<f32> = if beta == 0.0 {
                            vec![f32::NAN; m * n]
                        } else {
                            c0.clone()
                        };
                        // SAFETY: the strides describe the vectors' shapes.
                        let done = unsafe {
                            sgemm::<[f32; 4]>(
                                (m, k, n),
                                alpha,
                                (a.as_ptr(), sa.0, sa.1),
                                (b.as_ptr(), sb.0, sb.1),
                                beta,
                                (c.as_mut_ptr(), 1, m as isize),
                            )
                        };
                        assert!(done, "{ta} {tb} is a covered shape");
                        for idx in 0..m * n {
                            let w = alpha as f64 * want[idx]
                                + beta as f64 * c0[idx] as f64 * (beta != 0.0) as u8 as f64;
                            let tol = 1e-5 * (1.0 + w.abs() + k as f64);
                            assert!(
                                (c[idx] as f64 - w).abs() < tol,
                                "{m}×{k}·{k}×{n} ta={ta} tb={tb} α={alpha} β={beta} at {idx}: {} vs {w}",
                                c[idx]
                            );
                        }
                        cases += 1;
                    }
                }
            }
        }
    }
    assert!(cases > 1000);
}

#[test]
fn both_operands_transposed_is_left_to_the_caller() {
    let (a, b) = ([1.0f32; 4], [1.0f32; 4]);
    let mut c = [7.0f32; 4];
    // SAFETY: 2 × 2 operands.
    let done = unsafe {
        sgemm::<[f32; 4]>(
            (2, 2, 2),
            1.0,
            (a.as_ptr(), 2, 1),
            (b.as_ptr(), 2, 1),
            0.0,
            (c.as_mut_ptr(), 1, 2),
        )
    };
    assert!(!done);
    assert_eq!(c, [7.0; 4]);
}
