//! How a dimension of a search is shown: in the units of its scale (log10
//! of a learning rate, log10 of 1 − β), with its axis title, and its
//! values as the tables write them.

use super::Dimension;
use crate::catalogue::Scale;
use crate::num::num;

impl Dimension {
    /// A value in the units the plots and the page's range boxes use: log10
    /// of it on a log scale, log10 of 1 − it on the 1 − 10^r scale, the
    /// value itself otherwise.
    pub fn shown(&self, v: f64) -> f64 {
        if self.is_list() {
            return v;
        }
        match self.scale {
            Scale::Log | Scale::LogOrZero(_) => v.log10(),
            Scale::OneMinusLog => (1.0 - v).log10(),
            Scale::Linear => v,
        }
    }

    /// The ends of the range in the units of [`Dimension::shown`], low
    /// first (on the 1 − 10^r scale the low end is the largest β).
    pub fn shown_range(&self) -> (f64, f64) {
        let (a, b) = (self.shown(self.range.0), self.shown(self.range.1));
        (a.min(b), a.max(b))
    }

    /// The title of an axis in those units: "log10 learning rate η",
    /// "log10 (1 − β1)", "hidden width".
    pub fn axis_title(&self) -> String {
        let label = self.label();
        if self.is_list() {
            return label;
        }
        match self.scale {
            Scale::Log | Scale::LogOrZero(_) => format!("log10 {label}"),
            Scale::OneMinusLog => format!("log10 (1 − {label})"),
            Scale::Linear => label,
        }
    }

    /// A value as the tables show it: 3.16e-4 on a log scale, 0.9937 on
    /// the 1 − 10^r scale, 0.25 linear, 128 from a list.
    pub fn format(&self, v: f64) -> String {
        if self.is_list() {
            return num(v).to_string();
        }
        match self.scale {
            Scale::Log | Scale::LogOrZero(_) => format!("{v:.2e}"),
            Scale::OneMinusLog => format!("{v:.4}"),
            Scale::Linear => format!("{v:.3}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::train::search::SearchSpace;

    #[test]
    fn each_scale_is_shown_in_its_own_units() {
        let s = SearchSpace::parse(
            "lr=log:1e-6:1e-2;beta1=one-minus-log:1e-3:1e-1;dropout=linear:0:0.5;width=list:50,100",
        )
        .unwrap();
        let [lr, beta1, dropout, width] = &s.dims[..] else {
            panic!("four dimensions")
        };
        assert!((lr.shown(1e-4) + 4.0).abs() < 1e-12);
        assert_eq!(lr.shown_range(), (-6.0, -2.0));
        // β1 from 0.9 to 0.999: 1 − β1 from 10^-1 to 10^-3, low end first.
        let (lo, hi) = beta1.shown_range();
        assert!(
            (lo + 3.0).abs() < 1e-9 && (hi + 1.0).abs() < 1e-9,
            "{lo} {hi}"
        );
        assert!((beta1.shown(0.99) + 2.0).abs() < 1e-9);
        assert_eq!(dropout.shown(0.25), 0.25);
        assert_eq!(width.shown(100.0), 100.0);
        assert!(lr.axis_title().starts_with("log10 "), "{}", lr.axis_title());
        assert!(
            beta1.axis_title().starts_with("log10 (1 − "),
            "{}",
            beta1.axis_title()
        );
        assert!(!dropout.axis_title().contains("log10"));
        assert_eq!(lr.format(3.162e-4), "3.16e-4");
        assert_eq!(beta1.format(0.99371), "0.9937");
        assert_eq!(dropout.format(0.25), "0.250");
        assert_eq!(width.format(100.0), "100");
    }
}
