//! The float type an optimizer works in: `f64` for the 2-D lab (exact to the
//! book's figure), `f32` for the network (fast). One trait, so that each
//! update rule is written once.

use std::fmt::Debug;
use std::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

/// `f32` or `f64`.
pub trait Float:
    Copy
    + Debug
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// Converts from `f64`, rounding if needed.
    fn of(v: f64) -> Self;
    /// Converts to `f64`.
    fn to_f64(self) -> f64;
    /// Square root.
    fn sqrt(self) -> Self;
    /// Absolute value.
    fn abs(self) -> Self;
    /// Neither NaN nor infinite.
    fn is_finite(self) -> bool;
    /// e^self.
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// Hyperbolic tangent.
    fn tanh(self) -> Self;
    /// The larger of two values (NaN-ignoring, as `f64::max`).
    fn max(self, other: Self) -> Self;
}

// `v as $t` is a no-op for one of the two types.
#[allow(trivial_numeric_casts)]
mod impls {
    use super::Float;

    macro_rules! impl_float {
        ($t:ty) => {
            impl Float for $t {
                const ZERO: Self = 0.0;
                const ONE: Self = 1.0;
                fn of(v: f64) -> Self {
                    v as $t
                }
                fn to_f64(self) -> f64 {
                    self as f64
                }
                fn sqrt(self) -> Self {
                    <$t>::sqrt(self)
                }
                fn abs(self) -> Self {
                    <$t>::abs(self)
                }
                fn is_finite(self) -> bool {
                    <$t>::is_finite(self)
                }
                fn exp(self) -> Self {
                    <$t>::exp(self)
                }
                fn ln(self) -> Self {
                    <$t>::ln(self)
                }
                fn tanh(self) -> Self {
                    <$t>::tanh(self)
                }
                fn max(self, other: Self) -> Self {
                    <$t>::max(self, other)
                }
            }
        };
    }

    impl_float!(f32);
    impl_float!(f64);
}
