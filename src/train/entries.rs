//! The catalogue of a training run's settings: each setting's key, labels in
//! English and Korean, unit, range, default and scale, in the order the
//! page lists them (the optimizer's hyperparameters are `optim::param`'s).

use crate::catalogue::{Choice, Domain, Entry, Scale, Words};
use crate::nn::mlp::DropoutStyle;
use crate::nn::{Activation, Scheme};
use crate::optim::Kind;
use crate::schedule::Schedule;

/// Input scalings as a menu's choices.
pub const SCALINGS: [Choice; 4] = [
    Choice {
        id: "unit",
        label: ("Scaled to [0, 1] (min-max)", "[0, 1]로 스케일링(최소-최대)"),
    },
    Choice {
        id: "standard",
        label: (
            "Standardized (one mean and std)",
            "표준화(평균·표준편차 하나)",
        ),
    },
    Choice {
        id: "feature",
        label: ("Standardized per pixel", "픽셀마다 표준화"),
    },
    Choice {
        id: "raw",
        label: ("Raw 0–255", "원래 값 0–255"),
    },
];

/// Augmentations as choices.
pub const AUGMENTS: [Choice; 4] = [
    Choice {
        id: "shift",
        label: ("shift", "이동"),
    },
    Choice {
        id: "rotate",
        label: ("rotate", "회전"),
    },
    Choice {
        id: "cutout",
        label: ("cutout", "잘라내기"),
    },
    Choice {
        id: "mixup",
        label: ("mixup", "믹스업"),
    },
];

const NONE: Words = ("", "");

/// A whole-number entry.
const fn whole(
    key: &'static str,
    label: Words,
    unit: Words,
    (min, max): (i64, i64),
    default: Option<i64>,
    none: Option<&'static str>,
) -> Entry {
    Entry {
        key,
        aliases: &[],
        label,
        unit,
        domain: Domain::Whole {
            min,
            max,
            default,
            none,
        },
        live: false,
    }
}

/// The training settings other than the optimizer's hyperparameters, in the
/// order the page lists them.
pub static SETTINGS: [Entry; 26] = [
    Entry {
        key: "hidden",
        aliases: &[],
        label: ("hidden layers", "은닉층"),
        unit: (
            "units per layer, comma-separated",
            "층마다 뉴런 수, 쉼표로 구분",
        ),
        domain: Domain::Text {
            default: "100,100,100,100",
            max_len: 80,
            choices: &[],
        },
        live: false,
    },
    Entry {
        key: "activation",
        aliases: &["act"],
        label: ("activation", "활성화 함수"),
        unit: NONE,
        domain: Domain::Choice {
            choices: &Activation::CHOICES,
            default: "relu",
        },
        live: false,
    },
    Entry {
        key: "init",
        aliases: &[],
        label: ("initialization", "초기화"),
        unit: NONE,
        domain: Domain::Text {
            default: "he",
            max_len: 40,
            choices: &Scheme::CHOICES,
        },
        live: false,
    },
    Entry {
        key: "bn",
        aliases: &[],
        label: ("batch normalization", "배치 정규화"),
        unit: NONE,
        domain: Domain::Flag { default: false },
        live: false,
    },
    Entry {
        key: "dropout",
        aliases: &[],
        label: ("dropout ratio", "드롭아웃 비율"),
        unit: NONE,
        domain: Domain::Real {
            min: 0.0,
            max: 0.9,
            default: 0.0,
            scale: Scale::Linear,
            step: 0.05,
        },
        live: false,
    },
    Entry {
        key: "dropout-style",
        aliases: &[],
        label: ("dropout form", "드롭아웃 방식"),
        unit: NONE,
        domain: Domain::Choice {
            choices: &DropoutStyle::CHOICES,
            default: "book",
        },
        live: false,
    },
    Entry {
        key: "optimizer",
        aliases: &[],
        label: ("optimizer", "옵티마이저"),
        unit: NONE,
        domain: Domain::Choice {
            choices: &Kind::CHOICES,
            default: "sgd",
        },
        live: false,
    },
    Entry {
        key: "schedule",
        aliases: &[],
        label: ("learning-rate schedule", "학습률 스케줄"),
        unit: NONE,
        domain: Domain::Text {
            default: "constant",
            max_len: 40,
            choices: &Schedule::CHOICES,
        },
        live: false,
    },
    whole(
        "batch",
        ("batch size", "배치 크기"),
        ("examples", "개"),
        (1, 4096),
        Some(128),
        None,
    ),
    whole(
        "iterations",
        ("number of iterations", "반복 횟수"),
        ("updates", "회"),
        (1, 1_000_000),
        Some(2000),
        None,
    ),
    whole(
        "epochs",
        ("number of epochs", "에폭 수"),
        ("passes over the data", "데이터 반복"),
        (1, 10_000),
        Some(20),
        None,
    ),
    Entry {
        key: "l1",
        aliases: &[],
        label: ("L1 weight decay λ₁ (of ‖W‖₁)", "L1 가중치 감소 λ₁ (‖W‖₁)"),
        unit: NONE,
        domain: Domain::Real {
            min: 0.0,
            max: 10.0,
            default: 0.0,
            scale: Scale::LogOrZero(1e-8),
            step: 0.1,
        },
        live: false,
    },
    Entry {
        key: "l2",
        aliases: &["weight-decay", "wd", "lambda"],
        label: ("L2 weight decay λ₂ (of ½‖W‖²)", "L2 가중치 감소 λ₂ (½‖W‖²)"),
        unit: NONE,
        domain: Domain::Real {
            min: 0.0,
            max: 10.0,
            default: 0.0,
            scale: Scale::LogOrZero(1e-8),
            step: 0.1,
        },
        live: false,
    },
    Entry {
        key: "scaling",
        aliases: &[],
        label: ("input scaling", "입력 스케일링"),
        unit: NONE,
        domain: Domain::Choice {
            choices: &SCALINGS,
            default: "unit",
        },
        live: false,
    },
    Entry {
        key: "augment",
        aliases: &[],
        label: ("augmentation", "데이터 증강"),
        unit: NONE,
        domain: Domain::Many { choices: &AUGMENTS },
        live: false,
    },
    whole(
        "train-size",
        ("training set size", "훈련 세트 크기"),
        ("digits", "개"),
        (10, 60_000),
        None,
        Some("all"),
    ),
    Entry {
        key: "validation",
        aliases: &[],
        label: ("validation share", "검증 비율"),
        unit: NONE,
        domain: Domain::Real {
            min: 0.0,
            max: 0.8,
            default: 0.0,
            scale: Scale::Linear,
            step: 0.05,
        },
        live: false,
    },
    whole(
        "eval-every",
        ("evaluation interval", "평가 간격"),
        ("updates (0 = each epoch)", "회 (0 = 에폭마다)"),
        (0, 1_000_000),
        Some(100),
        None,
    ),
    whole(
        "patience",
        ("early-stopping patience", "조기 종료 인내"),
        ("evaluations", "번의 평가"),
        (1, 1000),
        None,
        Some("off"),
    ),
    Entry {
        key: "ema",
        aliases: &["polyak"],
        label: (
            "Polyak averaging: decay of the weights' moving average",
            "폴리악 평균: 가중치 이동 평균의 감쇠",
        ),
        unit: ("0 = off", "0 = 끔"),
        domain: Domain::Real {
            min: 0.0,
            max: 0.9999,
            default: 0.0,
            scale: Scale::OneMinusLog,
            step: 0.01,
        },
        live: false,
    },
    Entry {
        key: "classes",
        aliases: &["digits"],
        label: ("digit classes", "숫자 클래스"),
        unit: ("all, or as 5-9 or 0,2,4", "all, 또는 5-9나 0,2,4처럼"),
        domain: Domain::Text {
            default: "all",
            max_len: 40,
            choices: &[],
        },
        live: false,
    },
    whole(
        "labelled",
        ("labelled examples per class", "클래스마다 레이블 있는 예"),
        ("digits", "개"),
        (1, 10_000),
        None,
        Some("all"),
    ),
    whole(
        "permute",
        (
            "scrambled pixels (number of one fixed order)",
            "섞은 픽셀(고정된 순서 하나의 번호)",
        ),
        NONE,
        (0, u32::MAX as i64),
        None,
        Some("off"),
    ),
    whole(
        "reuse-layers",
        (
            "layers kept from the starting network",
            "시작 신경망에서 가져올 층",
        ),
        (
            "when training a network further",
            "신경망을 이어서 학습할 때",
        ),
        (1, 10),
        None,
        Some("all"),
    ),
    whole(
        "freeze-layers",
        ("frozen lower layers", "고정할 아래쪽 층"),
        (
            "when training a network further",
            "신경망을 이어서 학습할 때",
        ),
        (0, 10),
        Some(0),
        None,
    ),
    whole(
        "seed",
        ("seed", "시드"),
        NONE,
        (0, u32::MAX as i64),
        Some(1),
        None,
    ),
];
