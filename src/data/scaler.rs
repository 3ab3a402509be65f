//! How pixels (0–255) become a network's inputs: the choice ([`Scaling`])
//! and the fitted transform ([`Scaler`]), whose statistics come from the
//! training digits only. A model file keeps its scaler, so a network is
//! always fed as it was trained.

use super::Digits;
use crate::error::Result;
use crate::fail;

/// The input scalings a run may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scaling {
    /// 0–255 as they are: the failure the lecture warns about.
    Raw,
    /// Divided by 255, into [0, 1] (the book's `normalize=True`).
    #[default]
    Unit,
    /// (x − mean)/std with one mean and std over all training pixels.
    Standard,
    /// Each pixel standardized by its own mean and std over the training
    /// digits (seed 003's StandardScaler, per feature).
    Feature,
}

impl Scaling {
    /// Every scaling, in the order of a model file's numbers.
    pub const ALL: [Scaling; 4] = [
        Scaling::Raw,
        Scaling::Unit,
        Scaling::Standard,
        Scaling::Feature,
    ];

    /// Parses `raw`, `unit`, `standard` or `feature`.
    pub fn named(name: &str) -> Result<Self> {
        Ok(match name {
            "raw" | "none" => Scaling::Raw,
            "unit" | "minmax" => Scaling::Unit,
            "standard" | "standardize" => Scaling::Standard,
            "feature" | "per-feature" | "per-pixel" => Scaling::Feature,
            other => fail!(
                "Unknown input scaling \"{}\"; choose raw, unit, standard or feature.",
                "\"{}\"은(는) 알 수 없는 입력 스케일링입니다. raw, unit, standard, feature 중에서 고르세요.",
                crate::num::short(other)
            ),
        })
    }

    /// The name [`Scaling::named`] reads.
    pub fn id(self) -> &'static str {
        match self {
            Scaling::Raw => "raw",
            Scaling::Unit => "unit",
            Scaling::Standard => "standard",
            Scaling::Feature => "feature",
        }
    }
}

/// A scaling fitted to training digits.
#[derive(Debug, Clone, PartialEq)]
pub enum Scaler {
    /// 0–255 as they are.
    Raw,
    /// p / 255.
    Unit,
    /// (p − mean)/std, one mean and std (0–255 units).
    Standard {
        /// Mean of every training pixel.
        mean: f32,
        /// Their standard deviation.
        std: f32,
    },
    /// (p − meanⱼ)·(1/stdⱼ) for pixel j; 1/std is 1 for a pixel that never
    /// changes over the training digits (it is only centred, as
    /// StandardScaler does).
    Feature(Vec<(f32, f32)>),
}

impl Scaler {
    /// `scaling` fitted to the digits `examples` of `digits` (the training
    /// digits: never validation or test digits).
    pub fn fit(scaling: Scaling, digits: &Digits, examples: &[usize]) -> Self {
        match scaling {
            Scaling::Raw => Scaler::Raw,
            Scaling::Unit => Scaler::Unit,
            Scaling::Standard => {
                let (mut sum, mut sq) = (0.0_f64, 0.0_f64);
                for &i in examples {
                    for &p in digits.image(i) {
                        sum += f64::from(p);
                        sq += f64::from(p) * f64::from(p);
                    }
                }
                let n = (examples.len() * digits.image_len()).max(1) as f64;
                let mean = sum / n;
                let std = (sq / n - mean * mean).max(1e-12).sqrt();
                Scaler::Standard {
                    mean: mean as f32,
                    std: std as f32,
                }
            }
            Scaling::Feature => {
                let n = digits.image_len();
                let (mut sum, mut sq) = (vec![0.0_f64; n], vec![0.0_f64; n]);
                for &i in examples {
                    for (j, &p) in digits.image(i).iter().enumerate() {
                        let p = f64::from(p);
                        sum[j] += p;
                        sq[j] += p * p;
                    }
                }
                let count = examples.len().max(1) as f64;
                let pixels = sum
                    .iter()
                    .zip(&sq)
                    .map(|(&s, &q)| {
                        let mean = s / count;
                        let var = (q / count - mean * mean).max(0.0);
                        let inv = if var > 1e-9 { 1.0 / var.sqrt() } else { 1.0 };
                        (mean as f32, inv as f32)
                    })
                    .collect();
                Scaler::Feature(pixels)
            }
        }
    }

    /// The same scaler for inputs reordered by `order` (input j is pixel
    /// `order[j]`): per-pixel statistics follow their pixels.
    pub fn permuted(self, order: &[u16]) -> Self {
        match self {
            Scaler::Feature(pixels) => Scaler::Feature(
                order
                    .iter()
                    .map(|&o| pixels.get(usize::from(o)).copied().unwrap_or((0.0, 1.0)))
                    .collect(),
            ),
            other => other,
        }
    }

    /// Which scaling this is.
    pub fn scaling(&self) -> Scaling {
        match self {
            Scaler::Raw => Scaling::Raw,
            Scaler::Unit => Scaling::Unit,
            Scaler::Standard { .. } => Scaling::Standard,
            Scaler::Feature(_) => Scaling::Feature,
        }
    }

    /// Pixel `j`'s value `p` (0–255) as an input.
    pub fn scale(&self, p: f32, j: usize) -> f32 {
        match self {
            Scaler::Raw => p,
            Scaler::Unit => p / 255.0,
            Scaler::Standard { mean, std } => (p - mean) / std,
            Scaler::Feature(pixels) => match pixels.get(j) {
                Some(&(mean, inv_std)) => (p - mean) * inv_std,
                None => p / 255.0,
            },
        }
    }

    /// Each of the 256 pixel values scaled, when the scaling is the same
    /// for every pixel (all but [`Scaler::Feature`]): what
    /// [`Scaler::scale_all`] makes of each, looked up instead of computed.
    pub fn table(&self) -> Option<[f32; 256]> {
        if matches!(self, Scaler::Feature(_)) {
            return None;
        }
        let mut values: [f32; 256] = std::array::from_fn(|p| p as f32);
        self.scale_all(&mut values);
        Some(values)
    }

    /// [`Scaler::scale`] of every input of one example in place (input `j`
    /// at `values[j]`), with the scaling chosen once for the whole example.
    pub fn scale_all(&self, values: &mut [f32]) {
        match self {
            Scaler::Raw => {}
            Scaler::Unit => values.iter_mut().for_each(|v| *v /= 255.0),
            Scaler::Standard { mean, std } => {
                values.iter_mut().for_each(|v| *v = (*v - mean) / std);
            }
            Scaler::Feature(pixels) => {
                for (j, v) in values.iter_mut().enumerate() {
                    *v = match pixels.get(j) {
                        Some(&(mean, inv_std)) => (*v - mean) * inv_std,
                        None => *v / 255.0,
                    };
                }
            }
        }
    }

    /// The numbers a model file keeps: the scaling's number, then its
    /// statistics as f32 (none; mean and std; each pixel's mean and 1/std).
    pub fn to_numbers(&self) -> (u8, Vec<f32>) {
        let id = Scaling::ALL
            .iter()
            .position(|&s| s == self.scaling())
            .unwrap_or(1) as u8;
        let values = match self {
            Scaler::Raw | Scaler::Unit => Vec::new(),
            Scaler::Standard { mean, std } => vec![*mean, *std],
            Scaler::Feature(pixels) => pixels.iter().flat_map(|&(m, s)| [m, s]).collect(),
        };
        (id, values)
    }

    /// How many f32 follow scaling number `id` for `inputs` inputs, or an
    /// explanation when `id` names no scaling.
    pub fn numbers_for(id: u8, inputs: usize) -> Result<usize> {
        match Scaling::ALL.get(usize::from(id)) {
            Some(Scaling::Raw | Scaling::Unit) => Ok(0),
            Some(Scaling::Standard) => Ok(2),
            Some(Scaling::Feature) => Ok(2 * inputs),
            None => fail!(
                "The model file names an unknown input scaling (number {id}); it knows 0 to 3.",
                "모델 파일에 알 수 없는 입력 스케일링(번호 {id})이 있습니다. 0~3만 압니다.",
            ),
        }
    }

    /// The scaler of scaling number `id` with the statistics `values`
    /// (as [`Scaler::numbers_for`] counts them), checked: finite numbers,
    /// a positive standard deviation.
    pub fn from_numbers(id: u8, values: &[f32]) -> Result<Self> {
        if values.iter().any(|v| !v.is_finite()) {
            fail!(
                "The model file's input scaling holds a number that is not finite.",
                "모델 파일의 입력 스케일링에 유한하지 않은 수가 있습니다.",
            );
        }
        let scaler = match (Scaling::ALL.get(usize::from(id)), values) {
            (Some(Scaling::Raw), []) => Scaler::Raw,
            (Some(Scaling::Unit), []) => Scaler::Unit,
            (Some(Scaling::Standard), &[mean, std]) if std > 0.0 => Scaler::Standard { mean, std },
            (Some(Scaling::Feature), v) if v.len() % 2 == 0 && v.chunks(2).all(|p| p[1] > 0.0) => {
                Scaler::Feature(v.chunks(2).map(|p| (p[0], p[1])).collect())
            }
            _ => fail!(
                "The model file's input scaling (number {id}) has statistics that cannot be used (a standard deviation of 0 or below, or the wrong count).",
                "모델 파일의 입력 스케일링(번호 {id})의 통계를 쓸 수 없습니다(표준편차가 0 이하이거나 개수가 맞지 않습니다).",
            ),
        };
        Ok(scaler)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits() -> Digits {
        // Pixel j of digit i is (784·i + j) mod 251.
        let n = 100;
        let labels = (0..n).map(|i| (i % 10) as u8).collect();
        let pixels = (0..n * 784).map(|i| (i % 251) as u8).collect();
        Digits::new(28, 28, labels, pixels).unwrap()
    }

    #[test]
    fn scaling_an_example_at_once_is_scaling_each_input() {
        let d = digits();
        let train: Vec<usize> = (0..d.len()).collect();
        for scaling in Scaling::ALL {
            let s = Scaler::fit(scaling, &d, &train);
            let mut values: Vec<f32> = d.image(1).iter().map(|&p| f32::from(p)).collect();
            let want: Vec<f32> = values
                .iter()
                .enumerate()
                .map(|(j, &p)| s.scale(p, j))
                .collect();
            s.scale_all(&mut values);
            assert_eq!(values, want, "{scaling:?}");
        }
    }

    #[test]
    fn per_pixel_standardization_is_mean_0_std_1_over_the_digits_it_was_fitted_to() {
        let d = digits();
        let train: Vec<usize> = (0..40).collect();
        let s = Scaler::fit(Scaling::Feature, &d, &train);
        for j in [0, 100, 783] {
            let v: Vec<f64> = train
                .iter()
                .map(|&i| f64::from(s.scale(f32::from(d.image(i)[j]), j)))
                .collect();
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64;
            assert!(
                mean.abs() < 1e-4 && (var - 1.0).abs() < 1e-4,
                "pixel {j}: {mean} {var}"
            );
        }
        // Other digits would give other statistics.
        let more: Vec<usize> = (0..80).collect();
        assert_ne!(s, Scaler::fit(Scaling::Feature, &d, &more));
        // A pixel that never changes is centred only.
        let flat = Digits::new(28, 28, vec![0; 10], vec![7; 7840]).unwrap();
        let f = Scaler::fit(Scaling::Feature, &flat, &(0..10).collect::<Vec<_>>());
        assert_eq!((f.scale(7.0, 3), f.scale(9.0, 3)), (0.0, 2.0));
    }

    #[test]
    fn global_standardization_worked_by_hand() {
        // Two digits, one all 0 and one all 255: mean 127.5, std 127.5.
        let d = Digits::new(1, 2, vec![0, 1], vec![0, 0, 255, 255]).unwrap();
        let s = Scaler::fit(Scaling::Standard, &d, &[0, 1]);
        assert_eq!(
            s,
            Scaler::Standard {
                mean: 127.5,
                std: 127.5
            }
        );
        assert_eq!((s.scale(0.0, 0), s.scale(255.0, 1)), (-1.0, 1.0));
        assert_eq!(Scaler::Unit.scale(51.0, 0), 0.2);
    }

    #[test]
    fn a_scaler_survives_its_numbers_and_bad_numbers_are_explained() {
        let d = digits();
        for scaling in Scaling::ALL {
            let s = Scaler::fit(scaling, &d, &[1, 2, 3]);
            let (id, values) = s.to_numbers();
            assert_eq!(Scaler::numbers_for(id, 784).unwrap(), values.len());
            assert_eq!(Scaler::from_numbers(id, &values).unwrap(), s);
            assert_eq!(Scaling::named(scaling.id()).unwrap(), scaling);
        }
        let msg = |id, v: &[f32]| Scaler::from_numbers(id, v).unwrap_err().to_string();
        assert!(msg(2, &[1.0, 0.0]).contains("cannot be used"));
        assert!(msg(2, &[f32::NAN, 1.0]).contains("not finite"));
        assert!(Scaler::numbers_for(9, 784)
            .unwrap_err()
            .to_string()
            .contains("number 9"));
        assert!(Scaling::named("zscore")
            .unwrap_err()
            .to_string()
            .contains("\"zscore\""));
    }
}
