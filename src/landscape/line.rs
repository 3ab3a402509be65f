//! The loss along a straight line through weight space (Goodfellow et al.
//! 2015, "Qualitatively characterizing neural network optimization
//! problems"): w(α) = (1 − α)·from + α·to, from α = −0.5 to 1.5, from the
//! initial to the final weights of one run, or between two runs' final
//! weights (scored by `study::line_scores`).

/// The α of a line of `n` points from −0.5 to 1.5 (α = 0 and 1 among them
/// when `n` is 4k + 1).
pub fn alphas(n: usize) -> Vec<f64> {
    let n = n.max(2);
    (0..n)
        .map(|k| -0.5 + 2.0 * k as f64 / (n - 1) as f64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_passes_through_both_ends() {
        let a = alphas(21);
        assert_eq!(a.len(), 21);
        assert_eq!((a[0], a[5], a[15], a[20]), (-0.5, 0.0, 1.0, 1.5));
    }
}
