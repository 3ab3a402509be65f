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
