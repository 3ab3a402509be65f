//! Activation functions and their derivatives.
//!
//! | id | h(a) | h'(a) |
//! |---|---|---|
//! | sigmoid | 1/(1 + e^(−a)) | h(1 − h) |
//! | tanh | tanh a | 1 − h² |
//! | relu | max(0, a) | 1 if a > 0 else 0 |
//! | leaky-relu | a if a > 0 else 0.01a | 1 if a > 0 else 0.01 |

use crate::catalogue::Choice;
use crate::error::Result;
use crate::fail;
use crate::float::Float;

/// Slope of leaky ReLU for negative inputs.
pub const LEAK: f32 = 0.01;

/// An elementwise nonlinearity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// The logistic function.
    Sigmoid,
    /// Hyperbolic tangent.
    Tanh,
    /// Rectified linear unit.
    Relu,
    /// ReLU with slope 0.01 below zero.
    LeakyRelu,
}

impl Activation {
    /// Every activation, in menu order.
    pub const ALL: [Activation; 4] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
    ];

    /// The activations as a menu's choices, in the order of [`Activation::ALL`].
    pub const CHOICES: [Choice; 4] = [
        Choice {
            id: "sigmoid",
            label: ("Sigmoid", "시그모이드"),
        },
        Choice {
            id: "tanh",
            label: ("tanh", "tanh"),
        },
        Choice {
            id: "relu",
            label: ("ReLU", "ReLU"),
        },
        Choice {
            id: "leaky-relu",
            label: ("Leaky ReLU", "Leaky ReLU"),
        },
    ];

    /// The id used in links and on the command line.
    pub fn id(self) -> &'static str {
        Self::CHOICES[self as usize].id
    }

    /// Looks an activation up by id.
    pub fn from_id(id: &str) -> Result<Self> {
        match Self::ALL.iter().find(|a| a.id() == id) {
            Some(&a) => Ok(a),
            None => fail!(
                "Unknown activation \"{id}\"; choose one of {}.",
                "\"{id}\"은(는) 알 수 없는 활성화 함수입니다. 다음 중에서 고르세요: {}.",
                Self::ALL.map(Activation::id).join(", ")
            ),
        }
    }

    /// h(a).
    pub fn apply<F: Float>(self, a: F) -> F {
        match self {
            Activation::Sigmoid => F::ONE / (F::ONE + (-a).exp()),
            Activation::Tanh => a.tanh(),
            Activation::Relu => {
                if a > F::ZERO {
                    a
                } else {
                    F::ZERO
                }
            }
            Activation::LeakyRelu => {
                if a > F::ZERO {
                    a
                } else {
                    F::of(f64::from(LEAK)) * a
                }
            }
        }
    }

    /// h'(a), given the pre-activation `a` and the output `h = h(a)`.
    pub fn derivative<F: Float>(self, a: F, h: F) -> F {
        match self {
            Activation::Sigmoid => h * (F::ONE - h),
            Activation::Tanh => F::ONE - h * h,
            Activation::Relu => {
                if a > F::ZERO {
                    F::ONE
                } else {
                    F::ZERO
                }
            }
            Activation::LeakyRelu => {
                if a > F::ZERO {
                    F::ONE
                } else {
                    F::of(f64::from(LEAK))
                }
            }
        }
    }
}

impl Activation {
    /// `h[i] = h(a[i])` for every entry: the choice of function made once,
    /// not per entry (a match per entry was most of an evaluation's time
    /// outside the products, and each function's loop now vectorizes).
    pub fn apply_all<F: Float>(self, a: &[F], h: &mut [F]) {
        fn each<F: Float>(a: &[F], h: &mut [F], f: impl Fn(F) -> F) {
            for (h, &a) in h.iter_mut().zip(a) {
                *h = f(a);
            }
        }
        match self {
            Activation::Sigmoid => each(a, h, |a| Activation::Sigmoid.apply(a)),
            Activation::Tanh => each(a, h, |a| Activation::Tanh.apply(a)),
            Activation::Relu => each(a, h, |a| Activation::Relu.apply(a)),
            Activation::LeakyRelu => each(a, h, |a| Activation::LeakyRelu.apply(a)),
        }
    }

    /// `d[i] *= h'(a[i])` for every entry, given the outputs `h` (as
    /// [`Activation::apply_all`], one choice for all entries).
    pub fn scale_by_derivative<F: Float>(self, a: &[F], h: &[F], d: &mut [F]) {
        fn each<F: Float>(a: &[F], h: &[F], d: &mut [F], f: impl Fn(F, F) -> F) {
            for ((d, &a), &h) in d.iter_mut().zip(a).zip(h) {
                *d *= f(a, h);
            }
        }
        match self {
            Activation::Sigmoid => each(a, h, d, |a, h| Activation::Sigmoid.derivative(a, h)),
            Activation::Tanh => each(a, h, d, |a, h| Activation::Tanh.derivative(a, h)),
            Activation::Relu => each(a, h, d, |a, h| Activation::Relu.derivative(a, h)),
            Activation::LeakyRelu => each(a, h, d, |a, h| Activation::LeakyRelu.derivative(a, h)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences() {
        for act in Activation::ALL {
            for &a in &[-2.3_f64, -0.4, 0.7, 1.9] {
                let h = 1e-5;
                let numeric = (act.apply(a + h) - act.apply(a - h)) / (2.0 * h);
                let exact = act.derivative(a, act.apply(a));
                assert!(
                    (numeric - exact).abs() < 1e-3,
                    "{act:?} at {a}: {numeric} vs {exact}"
                );
            }
        }
        assert_eq!(Activation::Sigmoid.apply(0.0_f64), 0.5);
        // All at once, exactly as one by one (NaN and ±0 included).
        let a = [-2.0f32, -0.0, 0.0, 0.5, 3.0, f32::NAN, -1e-30];
        for act in Activation::ALL {
            let mut h = [7.0f32; 7];
            act.apply_all(&a, &mut h);
            let mut d = [1.5f32; 7];
            act.scale_by_derivative(&a, &h, &mut d);
            for i in 0..a.len() {
                assert_eq!(
                    h[i].to_bits(),
                    act.apply(a[i]).to_bits(),
                    "{act:?} {}",
                    a[i]
                );
                let one = 1.5 * act.derivative(a[i], act.apply(a[i]));
                assert_eq!(d[i].to_bits(), one.to_bits(), "{act:?}' {}", a[i]);
            }
        }
        assert_eq!(Activation::Relu.apply(-3.0_f32), 0.0);
        assert!((Activation::LeakyRelu.apply(-3.0_f64) + 0.03).abs() < 1e-7);
    }

    #[test]
    fn ids_round_trip() {
        for (a, c) in Activation::ALL.into_iter().zip(Activation::CHOICES) {
            assert_eq!(Activation::from_id(a.id()).unwrap(), a);
            assert_eq!(c.id, a.id());
        }
        assert!(Activation::from_id("gelu")
            .unwrap_err()
            .message()
            .contains("sigmoid, tanh"));
    }
}
