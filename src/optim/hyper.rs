//! Which optimizer, and its hyperparameters, validated for a student.

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
}

impl Kind {
    /// Every optimizer, in the order the lab lists them.
    pub const ALL: [Kind; 8] = [
        Kind::Sgd,
        Kind::Momentum,
        Kind::Nesterov,
        Kind::AdaGrad,
        Kind::RmsProp,
        Kind::Adam,
        Kind::AdaDelta,
        Kind::Newton,
    ];

    /// The name used on the command line and in links.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Sgd => "sgd",
            Kind::Momentum => "momentum",
            Kind::Nesterov => "nesterov",
            Kind::AdaGrad => "adagrad",
            Kind::RmsProp => "rmsprop",
            Kind::Adam => "adam",
            Kind::AdaDelta => "adadelta",
            Kind::Newton => "newton",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Sgd => "SGD",
            Kind::Momentum => "Momentum",
            Kind::Nesterov => "Nesterov",
            Kind::AdaGrad => "AdaGrad",
            Kind::RmsProp => "RMSProp",
            Kind::Adam => "Adam",
            Kind::AdaDelta => "AdaDelta",
            Kind::Newton => "Newton",
        }
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

    /// The hyperparameters this optimizer reads (beyond the learning rate).
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Kind::Sgd => &[],
            Kind::Momentum | Kind::Nesterov => &["alpha"],
            Kind::AdaGrad => &["eps"],
            Kind::RmsProp => &["rho", "eps"],
            Kind::Adam => &["beta1", "beta2", "eps", "bias_correction"],
            Kind::AdaDelta => &["rho", "eps"],
            Kind::Newton => &["damping"],
        }
    }
}

/// Hyperparameters of any optimizer; each reads the ones it needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper {
    /// Learning rate η.
    pub lr: f64,
    /// Momentum α (Momentum, Nesterov).
    pub alpha: f64,
    /// Decay ρ of the squared-gradient average (RMSProp, AdaDelta).
    pub rho: f64,
    /// Adam's decay of the gradient average.
    pub beta1: f64,
    /// Adam's decay of the squared-gradient average.
    pub beta2: f64,
    /// ε, added to a square root to avoid division by zero.
    pub eps: f64,
    /// Adam's bias correction of its zero-started averages.
    pub bias_correction: bool,
    /// λ added to the Hessian's diagonal in Newton's method.
    pub damping: f64,
}

impl Hyper {
    /// The book's defaults for `kind` (LECTURE-MAP.md's table; AdaDelta from
    /// Zeiler 2012: ρ 0.95, ε 1e-6, η 1; Newton: a full, undamped step).
    pub fn book(kind: Kind) -> Self {
        let mut h = Hyper {
            lr: 0.01,
            alpha: 0.9,
            rho: 0.99,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-7,
            bias_correction: true,
            damping: 0.0,
        };
        match kind {
            Kind::Adam => h.lr = 0.001,
            Kind::AdaDelta => {
                h.lr = 1.0;
                h.rho = 0.95;
                h.eps = 1e-6;
            }
            Kind::Newton => h.lr = 1.0,
            _ => {}
        }
        h
    }

    /// Sets the hyperparameter `name` to `value`, checking it first.
    /// Booleans take 0 or 1.
    pub fn set(&mut self, name: &str, value: f64) -> Result<()> {
        if !value.is_finite() {
            fail!(
                "The {} must be a number, got {value}.",
                "{}은(는) 숫자여야 하는데 {value}입니다.",
                describe(name)
            );
        }
        let in_unit = |v: f64| (0.0..1.0).contains(&v);
        match name {
            "lr" => {
                if value <= 0.0 {
                    fail!("The learning rate must be positive, got {value}.","학습률은 양수여야 하는데 {value}입니다.",);
                }
                if value > 1e4 {
                    fail!("The learning rate must be at most 10000, got {value}.","학습률은 10000 이하여야 하는데 {value}입니다.",);
                }
                self.lr = value;
            }
            "alpha" | "rho" | "beta1" | "beta2" => {
                if !in_unit(value) {
                    fail!(
                        "The {} must be at least 0 and below 1, got {value}.","{}은(는) 0 이상 1 미만이어야 하는데 {value}입니다.",
                        describe(name)
                    );
                }
                match name {
                    "alpha" => self.alpha = value,
                    "rho" => self.rho = value,
                    "beta1" => self.beta1 = value,
                    _ => self.beta2 = value,
                }
            }
            "eps" => {
                if !(value > 0.0 && value <= 1.0) {
                    fail!("ε must be above 0 and at most 1, got {value}.","ε은 0보다 크고 1 이하여야 하는데 {value}입니다.",);
                }
                self.eps = value;
            }
            "damping" => {
                if !(0.0..=1e6).contains(&value) {
                    fail!("The damping λ must be between 0 and 1000000, got {value}.","감쇠 λ는 0~1000000이어야 하는데 {value}입니다.",);
                }
                self.damping = value;
            }
            "bias_correction" => {
                if value != 0.0 && value != 1.0 {
                    fail!("Bias correction is on (1) or off (0), got {value}.","편향 보정은 켜기(1) 또는 끄기(0)여야 하는데 {value}입니다.",);
                }
                self.bias_correction = value == 1.0;
            }
            other => fail!(
                "Unknown hyperparameter \"{other}\"; the names are lr, alpha, rho, beta1, beta2, eps, damping, bias_correction.",
            "\"{other}\"은(는) 알 수 없는 하이퍼파라미터입니다. 이름은 lr, alpha, rho, beta1, beta2, eps, damping, bias_correction입니다.",),
        }
        Ok(())
    }
}

fn describe(name: &str) -> &str {
    use crate::i18n::tr;
    match name {
        "lr" => tr("learning rate", "학습률"),
        "alpha" => tr("momentum α", "모멘텀 α"),
        "rho" => tr("decay rate ρ", "감쇠율 ρ"),
        "beta1" => "β1",
        "beta2" => "β2",
        "eps" => "ε",
        "damping" => tr("damping λ", "감쇠 λ"),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_reads_well() {
        let mut h = Hyper::book(Kind::Adam);
        let msg = |h: &mut Hyper, n: &str, v: f64| h.set(n, v).unwrap_err().to_string();
        assert_eq!(
            msg(&mut h, "lr", -0.1),
            "The learning rate must be positive, got -0.1."
        );
        assert_eq!(
            msg(&mut h, "lr", 1e5),
            "The learning rate must be at most 10000, got 100000."
        );
        assert_eq!(
            msg(&mut h, "lr", f64::NAN),
            "The learning rate must be a number, got NaN."
        );
        assert_eq!(
            msg(&mut h, "alpha", 1.0),
            "The momentum α must be at least 0 and below 1, got 1."
        );
        assert_eq!(
            msg(&mut h, "beta2", -0.5),
            "The β2 must be at least 0 and below 1, got -0.5."
        );
        assert_eq!(
            msg(&mut h, "eps", 0.0),
            "ε must be above 0 and at most 1, got 0."
        );
        assert_eq!(
            msg(&mut h, "damping", -1.0),
            "The damping λ must be between 0 and 1000000, got -1."
        );
        assert_eq!(
            msg(&mut h, "bias_correction", 0.5),
            "Bias correction is on (1) or off (0), got 0.5."
        );
        assert!(msg(&mut h, "gamma", 0.5).starts_with("Unknown hyperparameter \"gamma\""));
        assert_eq!(
            h,
            Hyper::book(Kind::Adam),
            "a refused value changes nothing"
        );
        h.set("bias_correction", 0.0).unwrap();
        assert!(!h.bias_correction);
    }

    #[test]
    fn ids_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_id(k.id()).unwrap(), k);
        }
        assert!(Kind::from_id("lbfgs")
            .unwrap_err()
            .message()
            .contains("sgd, momentum"));
    }

    #[test]
    fn book_defaults() {
        assert_eq!(Hyper::book(Kind::Sgd).lr, 0.01);
        assert_eq!(Hyper::book(Kind::Adam).lr, 0.001);
        assert_eq!(Hyper::book(Kind::RmsProp).rho, 0.99);
        assert_eq!(Hyper::book(Kind::Momentum).alpha, 0.9);
        assert_eq!(Hyper::book(Kind::AdaGrad).eps, 1e-7);
    }
}
