//! The quadratic model as the optimizer lab's table: what each number is,
//! in the current language, to three digits.

use super::Quadratic;
use crate::i18n::tr;
use crate::num::three;

impl Quadratic {
    /// The model as the optimizer lab's table: (what, value) rows in the
    /// current language, numbers to three digits.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let [a, b, d] = self.hessian;
        let [l1, l2] = self.eigenvalues;
        let vector = |v: [f64; 2]| format!("({}, {})", three(v[0]), three(v[1]));
        let [x, y] = self.at;
        let mut rows = vec![
            (
                tr("Where it holds", "성립하는 곳"),
                if self.exact {
                    tr(
                        "everywhere: this surface is a quadratic",
                        "어디서나: 이 곡면은 2차식입니다",
                    )
                    .to_string()
                } else {
                    crate::i18n::tr(
                        format!("near the start ({}, {}) only: this surface is not a quadratic, so the Hessian changes from point to point", three(x), three(y)),
                        format!("시작점 ({}, {}) 근처에서만: 이 곡면은 2차식이 아니어서 헤세 행렬이 점마다 달라집니다", three(x), three(y)),
                    )
                },
            ),
            (
                tr("Hessian H", "헤세 행렬 H"),
                format!("[{}, {}; {}, {}]", three(a), three(b), three(b), three(d)),
            ),
            (
                tr("Eigenvalues λ₁, λ₂ and their axes", "고윳값 λ₁, λ₂와 그 축"),
                crate::i18n::tr(
                    format!(
                        "{} along {}; {} along {}",
                        three(l1),
                        vector(self.eigenvectors[0]),
                        three(l2),
                        vector(self.eigenvectors[1])
                    ),
                    format!(
                        "{}: {} 방향, {}: {} 방향",
                        three(l1),
                        vector(self.eigenvectors[0]),
                        three(l2),
                        vector(self.eigenvectors[1])
                    ),
                ),
            ),
            (
                tr("SGD's stability limit 2/λ₁", "SGD의 안정 한계 2/λ₁"),
                match self.gd_limit() {
                    Some(v) => crate::i18n::tr(
                        format!("{}: a larger η diverges along the steep axis", three(v)),
                        format!("{}: η가 이보다 크면 가파른 축을 따라 발산합니다", three(v)),
                    ),
                    None => tr(
                        "none: no direction curves up",
                        "없음: 위로 휘는 방향이 없습니다",
                    )
                    .to_string(),
                },
            ),
        ];
        match self.optimal() {
            Some(o) => {
                rows.push((
                    tr("Condition number κ = λ₁/λ₂", "조건수 κ = λ₁/λ₂"),
                    three(o.condition).to_string(),
                ));
                rows.push((
                    tr(
                        "Best fixed SGD step 2/(λ₁ + λ₂)",
                        "가장 좋은 고정 SGD 보폭 2/(λ₁ + λ₂)",
                    ),
                    crate::i18n::tr(
                        format!(
                            "η = {}: the distance shrinks ×{} = (κ − 1)/(κ + 1) per step",
                            three(o.gd_lr),
                            three(o.gd_rate)
                        ),
                        format!(
                            "η = {}: 거리가 스텝마다 ×{} = (κ − 1)/(κ + 1)로 줄어듭니다",
                            three(o.gd_lr),
                            three(o.gd_rate)
                        ),
                    ),
                ));
                rows.push((
                    tr("Best Momentum (heavy ball)", "가장 좋은 모멘텀(무거운 공)"),
                    crate::i18n::tr(
                        format!(
                            "η = {}, α = {}: ×{} = (√κ − 1)/(√κ + 1) per step",
                            three(o.momentum_lr),
                            three(o.momentum),
                            three(o.momentum_rate)
                        ),
                        format!(
                            "η = {}, α = {}: 스텝마다 ×{} = (√κ − 1)/(√κ + 1)",
                            three(o.momentum_lr),
                            three(o.momentum),
                            three(o.momentum_rate)
                        ),
                    ),
                ));
            }
            None => rows.push((
                tr("Condition number κ = λ₁/λ₂", "조건수 κ = λ₁/λ₂"),
                tr(
                    "none: λ₂ ≤ 0, so this is not a bowl here and no fixed step is best",
                    "없음: λ₂ ≤ 0이라 여기는 그릇 모양이 아니며, 가장 좋은 고정 보폭도 없습니다",
                )
                .to_string(),
            )),
        }
        rows
    }
}

/// `v` to three significant digits, as a sentence writes it.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::surface::Surface;

    #[test]
    fn the_page_table_says_what_the_numbers_are() {
        let rows = Quadratic::of(&Surface::Bowl, [-7.0, 2.0]).rows();
        let text = |what: &str| {
            rows.iter()
                .find(|(w, _)| *w == what)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(text("Hessian H"), "[0.1, 0; 0, 2]");
        assert_eq!(
            text("Eigenvalues λ₁, λ₂ and their axes"),
            "2 along (0, 1); 0.1 along (-1, 0)"
        );
        assert_eq!(text("Condition number κ = λ₁/λ₂"), "20");
        assert!(text("Best fixed SGD step 2/(λ₁ + λ₂)")
            .starts_with("η = 0.952: the distance shrinks ×0.905"));
        assert!(text("Best Momentum (heavy ball)").starts_with("η = 1.34, α = 0.403: ×0.635"));
        assert!(text("Where it holds").starts_with("everywhere"));
        // A saddle: no condition number, no best step.
        let rows = Quadratic::of(&Surface::Saddle, [1.0, 1.0]).rows();
        assert!(rows.iter().any(|(_, v)| v.starts_with("none: λ₂ ≤ 0")));
        assert!(!rows.iter().any(|(w, _)| w.starts_with("Best")));
        // Away from a quadratic the table says where it holds.
        let rows = Quadratic::of(&Surface::Rosenbrock, [-1.2, 1.0]).rows();
        assert!(
            rows[0].1.starts_with("near the start (-1.2, 1) only"),
            "{}",
            rows[0].1
        );
    }
}
