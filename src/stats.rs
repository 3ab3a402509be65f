//! Summaries of many numbers that several labs share: a histogram's bin
//! counts. Computed by the domain (the initialization experiment, a network's
//! weights), drawn by `plot::histogram`.

/// Counts of values in equal-width bins over `[lo, hi]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Left edge of the first bin.
    pub lo: f64,
    /// Right edge of the last bin.
    pub hi: f64,
    /// Count per bin.
    pub counts: Vec<usize>,
}

impl Histogram {
    /// Bins `values` into `bins` bins over `[lo, hi]`; values outside the
    /// range (and non-finite ones) are not counted.
    pub fn of(values: impl IntoIterator<Item = f64>, lo: f64, hi: f64, bins: usize) -> Self {
        let mut counts = vec![0; bins];
        let width = (hi - lo) / bins as f64;
        for v in values {
            if v.is_finite() && v >= lo && v <= hi {
                let b = (((v - lo) / width) as usize).min(bins - 1);
                counts[b] += 1;
            }
        }
        Self { lo, hi, counts }
    }

    /// Width of one bin.
    pub fn bin_width(&self) -> f64 {
        (self.hi - self.lo) / self.counts.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_by_hand() {
        // Bins of width 0.25 over [0, 1]: 0.1 → 0, 0.3 → 1, 0.5 → 2, 1.0 → 3 (the
        // right edge belongs to the last bin); -0.1, 1.5 and NaN are not counted.
        let h = Histogram::of([0.1, 0.3, 0.5, 1.0, -0.1, 1.5, f64::NAN], 0.0, 1.0, 4);
        assert_eq!(h.counts, vec![1, 1, 1, 1]);
        assert_eq!(h.bin_width(), 0.25);
    }
}
