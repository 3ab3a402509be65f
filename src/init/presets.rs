//! Presets of the initialization lab: each makes one claim of the lecture
//! visible, with a sentence saying what to look for. A preset is a set of
//! settings (`catalogue::grammar`) applied to the book's experiment; the
//! claims themselves are tested in `tests/init_claims.rs`.

use super::settings::Setup;
use crate::catalogue::grammar;
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;

/// A one-click configuration of the lab.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// Its id.
    pub id: &'static str,
    /// Its title, English and Korean.
    pub title: (&'static str, &'static str),
    /// What to look for, English and Korean.
    pub sentence: (&'static str, &'static str),
    /// Its settings, on top of the book's experiment.
    pub settings: &'static str,
}

/// Every preset, in menu order.
pub const PRESETS: [Preset; 7] = [
    Preset {
        id: "book",
        title: ("The book: sigmoid, std 1", "책의 예: 시그모이드, std 1"),
        sentence: ("With std 1 the sigmoid saturates: activations pile up at 0 and 1, where its gradient is almost zero.", "표준편차 1이면 시그모이드가 포화됩니다. 활성화 값이 기울기가 거의 0인 0과 1에 몰립니다."),
        settings: "",
    },
    Preset {
        id: "small",
        title: ("Sigmoid, std 0.01", "시그모이드, std 0.01"),
        sentence: ("With std 0.01 every activation collapses near 0.5: the neurons all say the same thing, so the layers lose their expressive power.", "표준편차 0.01이면 활성화 값이 모두 0.5 근처로 모입니다. 뉴런들이 모두 같은 말을 하니 층의 표현력이 사라집니다."),
        settings: "init=std:0.01",
    },
    Preset {
        id: "xavier",
        title: ("Sigmoid, Xavier", "시그모이드, Xavier"),
        sentence: ("Xavier (σ = 1/√n) keeps the activations spread in every layer.", "Xavier(σ = 1/√n)는 모든 층에서 활성화 값을 고르게 퍼뜨립니다."),
        settings: "init=xavier",
    },
    Preset {
        id: "relu",
        title: ("ReLU: He vs Xavier", "ReLU: He 대 Xavier"),
        sentence: ("With ReLU, He (σ = √(2/n)) keeps each layer as wide as the one before; Xavier shrinks them layer by layer toward 0.", "ReLU에서 He(σ = √(2/n))는 층마다 앞 층만큼 넓게 유지하지만, Xavier는 층을 지날수록 0 쪽으로 좁아집니다."),
        settings: "activation=relu;init=he;vs=xavier",
    },
    Preset {
        id: "vanishing",
        title: ("Vanishing gradients", "기울기 소실"),
        sentence: ("Backward view: with std 0.01 the weight gradients shrink by orders of magnitude on their way down to the first layer (see dW std).", "역전파 보기: 표준편차 0.01이면 가중치 기울기가 첫 층까지 내려가면서 몇 자릿수나 작아집니다(dW 표준편차를 보세요)."),
        settings: "init=std:0.01;vs=xavier;view=backward",
    },
    Preset {
        id: "batch-norm",
        title: ("Batch norm rescues std 1", "std 1을 구하는 배치 정규화"),
        sentence: ("The same bad initialization, with batch normalization below: every layer is forced back to a good spread.", "같은 나쁜 초기화에 아래 줄은 배치 정규화를 적용했습니다. 모든 층이 좋은 분포로 되돌아옵니다."),
        settings: "vs=std:1;vsbn=1",
    },
    Preset {
        id: "zeros",
        title: ("All-zero weights", "모두 0인 가중치"),
        sentence: ("With all weights 0, every neuron computes the same thing and receives the same gradient: the symmetry is never broken.", "가중치가 모두 0이면 모든 뉴런이 같은 값을 계산하고 같은 기울기를 받습니다. 대칭이 깨지지 않습니다."),
        settings: "init=zeros",
    },
];

impl Preset {
    /// The preset with id `id`.
    pub fn named(id: &str) -> Result<Preset> {
        match PRESETS.iter().find(|p| p.id == id) {
            Some(p) => Ok(*p),
            None => fail!(
                "Unknown preset \"{}\"; choose one of {}.",
                "\"{}\"은(는) 알 수 없는 프리셋입니다. 다음 중에서 고르세요: {}.",
                crate::num::short(id),
                PRESETS.map(|p| p.id).join(", ")
            ),
        }
    }

    /// Its title in the current language.
    pub fn title(&self) -> &'static str {
        tr(self.title.0, self.title.1)
    }

    /// Its sentence in the current language.
    pub fn sentence(&self) -> &'static str {
        tr(self.sentence.0, self.sentence.1)
    }

    /// The lab as the preset sets it up, with `seed`.
    pub fn setup(&self, seed: u64) -> Result<Setup> {
        let mut s = Setup::default();
        s.config.seed = seed;
        for item in grammar::items(self.settings)? {
            s.set(item.key.unwrap_or(""), item.value)?;
        }
        Ok(s)
    }

    /// The preset whose setup `setup` is (whatever its seed), if any.
    pub fn matching(setup: &Setup) -> Option<Preset> {
        PRESETS
            .iter()
            .find(|p| p.setup(setup.config.seed).is_ok_and(|s| s == *setup))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_sets_up_and_is_recognised() {
        for p in PRESETS {
            let s = p.setup(7).unwrap();
            assert_eq!(Preset::matching(&s).map(|m| m.id), Some(p.id));
            assert!(p.sentence.1.chars().any(|c| ('가'..='힣').contains(&c)));
        }
        assert_eq!(
            Preset::matching(&Setup::default()).map(|p| p.id),
            Some("book")
        );
        let mut wider = Setup::default();
        wider.set("width", "200").unwrap();
        assert_eq!(Preset::matching(&wider), None);
        assert!(Preset::named("nope").is_err());
    }
}
