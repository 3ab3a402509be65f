//! Why Newton's method cannot scale: the memory its Hessian needs against the
//! parameter count, beside what BFGS and L-BFGS keep instead (seed 001: the
//! N × N Hessian does not fit in memory). Sizes are for f32 numbers, four
//! bytes each, in decimal units (1 GB = 10⁹ bytes).

use crate::i18n::tr;
use crate::num::num;

/// Layer widths of the MNIST lab's five-layer network, 784-100×4-10.
pub const MNIST_NETWORK: [usize; 6] = [784, 100, 100, 100, 100, 10];

/// Bytes of one f32.
const F32: f64 = 4.0;

/// Weights and biases of a fully connected network with these layer widths.
pub fn parameters(widths: &[usize]) -> usize {
    widths.windows(2).map(|w| w[0] * w[1] + w[1]).sum()
}

/// What each method keeps for `n` parameters, in bytes: the gradient (n),
/// Newton's Hessian (n²), BFGS's inverse-Hessian estimate (n²) and
/// L-BFGS's `m` pairs (2·m·n).
pub fn bytes(n: usize, m: usize) -> [f64; 4] {
    let n = n as f64;
    let m = m as f64;
    [F32 * n, F32 * n * n, F32 * n * n, F32 * 2.0 * m * n]
}

/// Bytes as a person reads them: "8 B", "39.1 KB", "48.2 GB".
pub fn size(bytes: f64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB", "PB"];
    let mut v = bytes;
    let mut k = 0;
    while v >= 1000.0 && k + 1 < units.len() {
        v /= 1000.0;
        k += 1;
    }
    let rounded: f64 = format!("{v:.2e}").parse().unwrap_or(v);
    format!("{} {}", num(rounded), units[k])
}

/// The table: a row per parameter count (this lab's 2, then larger, the
/// MNIST lab's network marked), each `[what, n, gradient, Newton, BFGS,
/// L-BFGS]` as text, L-BFGS keeping `m` pairs.
pub fn table(m: usize) -> Vec<[String; 6]> {
    let mnist = parameters(&MNIST_NETWORK);
    let cases = [
        (
            tr("this lab: a point (x, y)", "이 실험실: 점 (x, y)").to_string(),
            2,
        ),
        (tr("a small network", "작은 신경망").to_string(), 1_000),
        (
            tr(
                "the MNIST lab's 784-100×4-10 network",
                "MNIST 실험실의 784-100×4-10 신경망",
            )
            .to_string(),
            mnist,
        ),
        (
            tr(
                "a ten-million-parameter network",
                "매개변수 천만 개인 신경망",
            )
            .to_string(),
            10_000_000,
        ),
    ];
    cases
        .into_iter()
        .map(|(what, n)| {
            let [g, newton, bfgs, lbfgs] = bytes(n, m);
            [
                what,
                thousands(n),
                size(g),
                size(newton),
                size(bfgs),
                size(lbfgs),
            ]
        })
        .collect()
}

/// A count with commas between thousands: 109,810.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mnist_network_worked_by_hand() {
        // 784·100 + 100 + 3·(100·100 + 100) + 100·10 + 10 = 78,500 + 30,300 + 1,010.
        assert_eq!(parameters(&MNIST_NETWORK), 109_810);
        // Its Hessian: 109,810² = 12,058,236,100 numbers × 4 bytes ≈ 48.2 GB;
        // L-BFGS with m = 10: 20 × 109,810 × 4 = 8,784,800 bytes ≈ 8.78 MB.
        let [g, newton, bfgs, lbfgs] = bytes(109_810, 10);
        assert_eq!(newton, 48_232_944_400.0);
        assert_eq!(bfgs, newton);
        assert_eq!(lbfgs, 8_784_800.0);
        assert_eq!(g, 439_240.0);
        assert_eq!(size(newton), "48.2 GB");
        assert_eq!(size(lbfgs), "8.78 MB");
        assert_eq!(size(8.0), "8 B");
        let rows = table(10);
        assert_eq!(rows[2][1], "109,810");
        assert_eq!(rows[2][3], "48.2 GB");
        assert_eq!(rows[0][3], "16 B");
    }
}
