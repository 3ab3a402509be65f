//! The optimizers of the lecture, by name.

use super::param::{Param, HYPERPARAMETERS};
use crate::catalogue::Choice;
use crate::error::Result;
use crate::fail;

/// The optimizers of the lecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// W ← W − ηg.
    Sgd,
    /// v ← αv − ηg; W ← W + v.
    Momentum,
    /// Nesterov's accelerated gradient, in the book's form.
    Nesterov,
    /// h ← h + g²; W ← W − ηg/(√h + ε).
    AdaGrad,
    /// h ← ρh + (1 − ρ)g²; W ← W − ηg/(√h + ε).
    RmsProp,
    /// Momentum + RMSProp with bias correction.
    Adam,
    /// Zeiler's AdaDelta: step sizes from running averages, no base rate needed.
    AdaDelta,
    /// Newton's method (damped): W ← W − η(H + λI)⁻¹g.
    Newton,
    /// BFGS: a dense inverse-Hessian estimate and a line search.
    Bfgs,
    /// L-BFGS: the last m curvature pairs and a line search.
    Lbfgs,
}

impl Kind {
    /// Every optimizer, in the order the lab lists them.
    pub const ALL: [Kind; 10] = [
        Kind::Sgd,
        Kind::Momentum,
        Kind::Nesterov,
        Kind::AdaGrad,
        Kind::RmsProp,
        Kind::Adam,
        Kind::AdaDelta,
        Kind::Newton,
        Kind::Bfgs,
        Kind::Lbfgs,
    ];

    /// The name used on the command line and in links.
    pub fn id(self) -> &'static str {
        Self::CHOICES[self as usize].id
    }

    /// The name shown to people (the lecture's own, in both languages).
    pub fn label(self) -> &'static str {
        Self::CHOICES[self as usize].label.0
    }

    /// Looks an optimizer up by its id.
    pub fn from_id(id: &str) -> Result<Kind> {
        match Kind::ALL.iter().find(|k| k.id() == id) {
            Some(&k) => Ok(k),
            None => fail!(
                "Unknown optimizer \"{id}\"; choose one of {}.",
                "\"{id}\"은(는) 알 수 없는 옵티마이저입니다. 다음 중에서 고르세요: {}.",
                Kind::ALL.map(Kind::id).join(", ")
            ),
        }
    }

    /// The hyperparameters this optimizer reads, the learning rate first
    /// (from each hyperparameter's catalogue entry).
    pub fn params(self) -> Vec<Param> {
        Param::ALL
            .iter()
            .copied()
            .filter(|p| HYPERPARAMETERS[*p as usize].used_by.contains(&self))
            .collect()
    }

    /// The optimizers as a menu's choices.
    pub const CHOICES: [Choice; 10] = [
        Choice {
            id: "sgd",
            label: ("SGD", "SGD"),
        },
        Choice {
            id: "momentum",
            label: ("Momentum", "Momentum"),
        },
        Choice {
            id: "nesterov",
            label: ("Nesterov", "Nesterov"),
        },
        Choice {
            id: "adagrad",
            label: ("AdaGrad", "AdaGrad"),
        },
        Choice {
            id: "rmsprop",
            label: ("RMSProp", "RMSProp"),
        },
        Choice {
            id: "adam",
            label: ("Adam", "Adam"),
        },
        Choice {
            id: "adadelta",
            label: ("AdaDelta", "AdaDelta"),
        },
        Choice {
            id: "newton",
            label: ("Newton", "Newton"),
        },
        Choice {
            id: "bfgs",
            label: ("BFGS", "BFGS"),
        },
        Choice {
            id: "lbfgs",
            label: ("L-BFGS", "L-BFGS"),
        },
    ];

    /// Whether it needs more than a gradient per update (the Hessian, or
    /// values of f for a line search): the optimizer lab runs these, the
    /// network trainer does not.
    pub fn second_order(self) -> bool {
        matches!(self, Kind::Newton | Kind::Bfgs | Kind::Lbfgs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for (k, c) in Kind::ALL.iter().zip(Kind::CHOICES) {
            assert_eq!(Kind::from_id(k.id()).unwrap(), *k);
            assert_eq!(c.id, k.id());
        }
        assert!(Kind::from_id("cg")
            .unwrap_err()
            .message()
            .contains("sgd, momentum"));
        assert_eq!(Kind::Sgd.params(), vec![Param::Lr]);
        assert_eq!(
            Kind::Adam.params(),
            vec![
                Param::Lr,
                Param::Beta1,
                Param::Beta2,
                Param::Eps,
                Param::EpsInside,
                Param::BiasCorrection
            ]
        );
    }
}
