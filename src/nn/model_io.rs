//! Saving and loading a network as bytes (a file the page can download and
//! load back).
//!
//! A model file keeps the network and the input scaling it was trained
//! with, so that it is always fed as it was trained.
//!
//! Little-endian: magic `DSCM`, u32 version (3), u32 input, u32 output, u32
//! hidden-layer count and each width; four flag bytes: activation, batch
//! norm (0 or 1), dropout form (0 the book's, 1 inverted) and input scaling
//! (0 raw, 1 unit, 2 standard, 3 per pixel); f64 dropout ratio; every
//! parameter (u32 rows, u32 cols, f32 values); each batch-norm layer's
//! running mean and variance (f32); the scaling's statistics (f32: none,
//! mean and std, or each pixel's mean and 1/std); when bit 7 of the scaling
//! byte is set, the u64 seed of the fixed permutation of the pixels the
//! network was trained on (see `train::selection`); and last the checksum of
//! everything before it, FNV-1a over 32-bit words in four lanes
//! (`checksum::fnv1a_words`).
//!
//! Files saved before are still read: version 2 has two flag bytes (the
//! inverted dropout and [0, 1] inputs were then the only ones) and version
//! 1 also a byte-wise FNV-1a checksum.

use super::gemm::Scalar;
use super::layers::BatchNormState;
use super::mlp::{Mlp, MlpSpec};
use super::Activation;
use crate::checksum::{fnv1a, fnv1a_words};
use crate::data::scaler::Scaler;
use crate::error::Result;
use crate::fail;
use crate::nn::Scheme;

const MAGIC: &[u8; 4] = b"DSCM";
/// The inputs of every network Descent saves: a 28×28 digit.
pub const INPUTS: usize = 784;
/// The outputs: one per digit.
pub const OUTPUTS: usize = 10;

/// Bytes of the weights (and batch-norm averages) of a network of `spec`.
fn expected_len(spec: &MlpSpec) -> usize {
    let mut fan_in = spec.input;
    let mut total = 0;
    let bn = spec.batch_norm;
    for &units in &spec.hidden {
        // W and b; γ and β with batch norm; each with its rows and columns.
        total += 8 + 4 * fan_in * units + 8 + 4 * units;
        if bn {
            total += 2 * (8 + 4 * units) + 2 * 4 * units;
        }
        fan_in = units;
    }
    total + 8 + 4 * fan_in * spec.output + 8 + 4 * spec.output
}

/// The version [`save`] writes.
pub const VERSION: u32 = 3;

/// A network and the input scaling it was trained with.
#[derive(Debug, Clone)]
pub struct Model<F: Scalar> {
    /// The network.
    pub net: Mlp<F>,
    /// How its inputs are made from pixels.
    pub scaler: Scaler,
    /// The seed of the permutation of the pixels, when they were scrambled.
    pub permute: Option<u64>,
}

/// Bit 7 of the scaling byte: the pixels were permuted.
const PERMUTED: u8 = 0x80;

/// The network `net`, fed through `scaler` (and pixels permuted by the seed
/// `permute`), as bytes.
pub fn save<F: Scalar>(net: &Mlp<F>, scaler: &Scaler, permute: Option<u64>) -> Vec<u8> {
    let (scaling, stats) = scaler.to_numbers();
    let scaling = if permute.is_some() {
        scaling | PERMUTED
    } else {
        scaling
    };
    let mut out = Vec::with_capacity(
        4 + 4 * 5 + 4 * net.spec.hidden.len() + 12 + expected_len(&net.spec) + 4 * stats.len() + 4,
    );
    out.extend_from_slice(MAGIC);
    let s = &net.spec;
    let mut u32s = vec![
        VERSION,
        s.input as u32,
        s.output as u32,
        s.hidden.len() as u32,
    ];
    u32s.extend(s.hidden.iter().map(|&h| h as u32));
    for v in u32s {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let act = Activation::ALL
        .iter()
        .position(|&a| a == s.activation)
        .unwrap_or(0) as u8;
    let style = u8::from(s.dropout_style == super::dropout::DropoutStyle::Inverted);
    out.extend_from_slice(&[act, u8::from(s.batch_norm), style, scaling]);
    out.extend_from_slice(&s.dropout.to_le_bytes());
    for p in &net.params {
        out.extend_from_slice(&(p.value.nrows() as u32).to_le_bytes());
        out.extend_from_slice(&(p.value.ncols() as u32).to_le_bytes());
        for v in p.value.as_slice() {
            out.extend_from_slice(&(v.to_f64() as f32).to_le_bytes());
        }
    }
    for bn in &net.bn {
        for v in bn.mean.iter().chain(&bn.var) {
            out.extend_from_slice(&(v.to_f64() as f32).to_le_bytes());
        }
    }
    for v in stats {
        out.extend_from_slice(&v.to_le_bytes());
    }
    if let Some(seed) = permute {
        out.extend_from_slice(&seed.to_le_bytes());
    }
    let sum = fnv1a_words(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        if self.at + n > self.bytes.len() {
            fail!(
                "The model file is truncated: it ends at byte {} of at least {}.",
                "모델 파일이 잘렸습니다. 최소 {1}바이트여야 하는데 {0}바이트에서 끝납니다.",
                self.bytes.len(),
                self.at + n
            );
        }
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<usize> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn f32(&mut self) -> Result<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Reads a network and its input scaling saved by [`save`].
pub fn load<F: Scalar>(bytes: &[u8]) -> Result<Model<F>> {
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        fail!(
            "This is not a Descent model file (it does not start with \"DSCM\").",
            "Descent 모델 파일이 아닙니다(\"DSCM\"으로 시작하지 않습니다).",
        );
    }
    let body = &bytes[..bytes.len() - 4];
    let stored = u32::from_le_bytes([
        bytes[bytes.len() - 4],
        bytes[bytes.len() - 3],
        bytes[bytes.len() - 2],
        bytes[bytes.len() - 1],
    ]);
    let mut r = Reader { bytes: body, at: 4 };
    let version = r.u32()? as u32;
    let sum = match version {
        1 => fnv1a(body),
        2 | VERSION => fnv1a_words(body),
        _ => fail!(
            "The model file has version {version}; this Descent reads versions 1 to {VERSION}.",
            "모델 파일의 버전이 {version}입니다. 이 Descent는 버전 1~{VERSION}을 읽습니다.",
        ),
    };
    if sum != stored {
        fail!(
            "The model file is corrupt: its checksum does not match.",
            "모델 파일이 손상되었습니다. 체크섬이 맞지 않습니다.",
        );
    }
    let (input, output, layers) = (r.u32()?, r.u32()?, r.u32()?);
    if input != INPUTS {
        fail!(
            "This model takes {input} inputs; Descent's networks take the {INPUTS} pixels (28×28) of an MNIST digit.",
            "이 모델의 입력은 {input}개입니다. Descent의 신경망은 MNIST 숫자의 픽셀 {INPUTS}개(28×28)를 입력으로 받습니다.",
        );
    }
    if output != OUTPUTS {
        fail!(
            "This model has {output} outputs; a digit classifier has {OUTPUTS}, one per digit.",
            "이 모델의 출력은 {output}개입니다. 숫자 분류기의 출력은 숫자마다 하나씩 {OUTPUTS}개입니다.",
        );
    }
    if !(1..=10).contains(&layers) {
        fail!(
            "This model has {layers} hidden layers; Descent's networks have 1 to 10.",
            "이 모델의 은닉층은 {layers}개입니다. Descent의 신경망은 은닉층이 1~10개입니다.",
        );
    }
    let hidden = (0..layers).map(|_| r.u32()).collect::<Result<Vec<_>>>()?;
    let flags = r.take(if version < VERSION { 2 } else { 4 })?.to_vec();
    let activation = *Activation::ALL.get(usize::from(flags[0])).ok_or_else(|| {
        crate::error!(
            "The model file names an unknown activation (number {}); it knows {}.",
            "모델 파일에 알 수 없는 활성화 함수(번호 {})가 적혀 있습니다. 알려진 것은 {}입니다.",
            flags[0],
            Activation::ALL.map(Activation::id).join(", ")
        )
    })?;
    if flags[1] > 1 {
        fail!(
            "The model file's batch-norm flag must be 0 or 1, got {}.",
            "모델 파일의 배치 정규화 표시는 0 또는 1이어야 하는데 {}입니다.",
            flags[1]
        );
    }
    let dropout_style = match flags.get(2) {
        None | Some(1) => super::dropout::DropoutStyle::Inverted,
        Some(0) => super::dropout::DropoutStyle::Book,
        Some(other) => fail!(
            "The model file's dropout form must be 0 (the book's) or 1 (inverted), got {other}.",
            "모델 파일의 드롭아웃 방식은 0(책의 방식) 또는 1(역 드롭아웃)이어야 하는데 {other}입니다.",
        ),
    };
    let dropout =
        f64::from_le_bytes(r.take(8)?.try_into().map_err(|_| {
            crate::error!("The model file is truncated.", "모델 파일이 잘렸습니다.")
        })?);
    let spec = MlpSpec {
        input,
        hidden,
        output,
        activation,
        init: Scheme::Zeros,
        batch_norm: flags[1] == 1,
        dropout,
        dropout_style,
    };
    // Widths, layer count and dropout, checked before anything is allocated.
    spec.validate()?;
    let scaling_byte = flags.get(3).copied().unwrap_or(1);
    let permuted = scaling_byte & PERMUTED != 0;
    let scaling = scaling_byte & !PERMUTED;
    let stats = Scaler::numbers_for(scaling, input)?;
    let expected = expected_len(&spec) + 4 * stats + if permuted { 8 } else { 0 };
    let left = body.len() - r.at;
    if left != expected {
        fail!(
            "The model file should hold {expected} bytes of weights for its network, but it holds {left}. It may be truncated or corrupt.",
            "모델 파일의 신경망에는 가중치가 {expected}바이트 있어야 하는데 {left}바이트 있습니다. 잘렸거나 손상되었을 수 있습니다.",
        );
    }
    let mut net = Mlp::<F>::zeroed(spec)?;
    let count = net.params.len();
    for (i, p) in net.params.iter_mut().enumerate() {
        let (rows, cols) = (r.u32()?, r.u32()?);
        if (rows, cols) != p.value.shape() {
            fail!("The model file's parameters do not match its network ({rows}×{cols} where {}×{} belongs).","모델 파일의 매개변수가 신경망과 맞지 않습니다({}×{}이어야 할 자리에 {rows}×{cols}).", p.value.nrows(), p.value.ncols());
        }
        let raw = r.take(4 * rows * cols)?;
        // One pass without a branch per value (a large network has millions),
        // then the first value that is not finite named, if any.
        let mut finite = true;
        // A slice, not the matrix's strided iterator: the loop vectorizes.
        let values = p.value.as_mut_slice();
        for (v, b) in values.iter_mut().zip(raw.chunks_exact(4)) {
            let x = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            finite &= x.is_finite();
            *v = F::of(f64::from(x));
        }
        if !finite {
            let x = values
                .iter()
                .find(|v| !v.is_finite())
                .map_or(f64::NAN, |v| v.to_f64());
            fail!(
                "The model's parameter {} of {count} holds a value that is not a finite number ({x}); the network cannot be used.",
                "모델의 매개변수 {}/{count}에 유한한 숫자가 아닌 값({x})이 있습니다. 이 신경망은 쓸 수 없습니다.",
                i + 1
            );
        }
    }
    for (l, bn) in net.bn.iter_mut().enumerate() {
        let units = bn.mean.len();
        let mut fresh = BatchNormState::new(units);
        for v in fresh.mean.iter_mut() {
            *v = F::of(f64::from(r.f32()?));
        }
        for v in fresh.var.iter_mut() {
            *v = F::of(f64::from(r.f32()?));
        }
        let bad = |v: &F| !v.is_finite();
        if fresh.mean.iter().any(bad) || fresh.var.iter().any(|v| bad(v) || *v < F::ZERO) {
            fail!(
                "The batch-norm averages of hidden layer {} are not usable (a mean that is not finite, or a variance below 0).",
                "은닉층 {}의 배치 정규화 평균을 쓸 수 없습니다(유한하지 않은 평균, 또는 0보다 작은 분산).",
                l + 1
            );
        }
        *bn = fresh;
    }
    let values = (0..stats).map(|_| r.f32()).collect::<Result<Vec<_>>>()?;
    let scaler = Scaler::from_numbers(scaling, &values)?;
    let permute = if permuted {
        let b = r.take(8)?;
        Some(u64::from_le_bytes([
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
        ]))
    } else {
        None
    };
    if r.at != body.len() {
        fail!(
            "The model file has {} bytes more than its network needs.",
            "모델 파일이 신경망에 필요한 것보다 {}바이트 더 깁니다.",
            body.len() - r.at
        );
    }
    Ok(Model {
        net,
        scaler,
        permute,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::mlp::Mode;
    use crate::rng::Rng;
    use nalgebra::DMatrix;

    fn net(batch_norm: bool) -> Mlp<f32> {
        let spec = MlpSpec {
            input: INPUTS,
            hidden: vec![8, 6],
            output: OUTPUTS,
            activation: Activation::Tanh,
            init: Scheme::He,
            batch_norm,
            dropout: 0.2,
            dropout_style: crate::nn::dropout::DropoutStyle::Book,
        };
        Mlp::<f32>::new(spec, &mut Rng::seeded(4)).unwrap()
    }

    /// A model file's bytes with its checksum made right again.
    fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
        let n = bytes.len() - 4;
        let sum = fnv1a_words(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn round_trip_gives_the_same_predictions_and_scaling() {
        let mut net = net(true);
        let mut rng = Rng::seeded(4);
        let x = DMatrix::from_fn(5, INPUTS, |_, _| rng.normal() as f32);
        let t = DMatrix::from_fn(5, 10, |i, j| f32::from(u8::from(i == j)));
        net.train_batch(&x, &t, &mut rng); // moves the batch-norm averages
        let bytes = save(&net, &Scaler::Unit, None);
        assert_eq!(bytes.len() - 4 - 4 - 4 * 6 - 4 - 8, expected_len(&net.spec));
        let Model {
            net: mut back,
            scaler,
            permute,
        } = load::<f32>(&bytes).unwrap();
        assert_eq!(permute, None);
        // A permuted network keeps its permutation's seed.
        let scrambled = load::<f32>(&save(&net, &Scaler::Unit, Some(77))).unwrap();
        assert_eq!(
            (scrambled.permute, scrambled.scaler),
            (Some(77), Scaler::Unit)
        );
        let a = net.forward(&x, Mode::Eval, &mut rng).clone();
        let b = back.forward(&x, Mode::Eval, &mut rng).clone();
        assert_eq!(
            back.spec.dropout_style,
            crate::nn::dropout::DropoutStyle::Book
        );
        assert_eq!(scaler, Scaler::Unit);
        assert_eq!(a, b);
        assert_eq!(back.spec.hidden, vec![8, 6]);

        // Each scaler comes back as it went.
        let pixels: Vec<(f32, f32)> = (0..INPUTS).map(|j| (j as f32, 0.5)).collect();
        for scaler in [
            Scaler::Raw,
            Scaler::Standard {
                mean: 33.0,
                std: 78.5,
            },
            Scaler::Feature(pixels),
        ] {
            assert_eq!(
                load::<f32>(&save(&net, &scaler, None)).unwrap().scaler,
                scaler
            );
        }

        let msg = |b: &[u8]| load::<f32>(b).unwrap_err().to_string();
        assert!(msg(b"nope").contains("not a Descent model"));
        let mut bad = bytes.clone();
        bad[40] ^= 1;
        assert!(msg(&bad).contains("checksum"));
        assert!(msg(&bytes[..bytes.len() - 9]).contains("checksum"));
    }

    #[test]
    fn files_of_earlier_versions_still_load() {
        let net = net(true);
        let bytes = save(&net, &Scaler::Unit, None);
        // Version 2: no dropout-form or scaling byte (the inverted form and
        // [0, 1] inputs), the four-lane checksum; version 1: a byte-wise one.
        let mut old = bytes[..bytes.len() - 4].to_vec();
        old.drain(30..32);
        for (version, sum) in [(2u32, fnv1a_words as fn(&[u8]) -> u32), (1, fnv1a)] {
            let mut file = old.clone();
            file[4..8].copy_from_slice(&version.to_le_bytes());
            let s = sum(&file);
            file.extend_from_slice(&s.to_le_bytes());
            let back = load::<f32>(&file).unwrap();
            assert_eq!(
                back.net.spec.dropout_style,
                crate::nn::dropout::DropoutStyle::Inverted
            );
            assert_eq!(back.scaler, Scaler::Unit);
            assert_eq!(back.net.params[0].value, net.params[0].value);
            assert_eq!(back.net.bn[1].var, net.bn[1].var);
        }
    }

    #[test]
    fn each_problem_of_a_well_sealed_file_is_a_sentence() {
        let bytes = save(&net(true), &Scaler::Unit, None);
        let msg = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut b = bytes.clone();
            edit(&mut b);
            load::<f32>(&resealed(b)).unwrap_err().to_string()
        };
        // Header: magic, version 1, input at 8, output at 12, layers at 16, widths, flags.
        assert_eq!(
            msg(&|b| b[12..16].copy_from_slice(&2u32.to_le_bytes())),
            "This model has 2 outputs; a digit classifier has 10, one per digit."
        );
        assert_eq!(
            msg(&|b| b[8..12].copy_from_slice(&64u32.to_le_bytes())),
            "This model takes 64 inputs; Descent's networks take the 784 pixels (28×28) of an MNIST digit."
        );
        assert_eq!(
            msg(&|b| b[16..20].copy_from_slice(&11u32.to_le_bytes())),
            "This model has 11 hidden layers; Descent's networks have 1 to 10."
        );
        assert!(msg(&|b| b[20..24].copy_from_slice(&5000u32.to_le_bytes()))
            .contains("1 to 1000 units, got 5000"));
        assert!(msg(&|b| b[20..24].copy_from_slice(&9u32.to_le_bytes())).contains("should hold"));
        assert_eq!(
            msg(&|b| b[29] = 2),
            "The model file's batch-norm flag must be 0 or 1, got 2."
        );
        assert!(msg(&|b| b[28] = 9).contains("unknown activation (number 9)"));
        assert!(msg(&|b| b[30] = 7).contains("dropout form must be 0"));
        assert!(msg(&|b| b[31] = 4).contains("unknown input scaling (number 4)"));
        // Standardization needs two numbers the file does not hold.
        assert!(msg(&|b| b[31] = 2).contains("should hold"));
        assert!(
            msg(&|b| b[32..40].copy_from_slice(&0.99f64.to_le_bytes())).contains("dropout ratio")
        );
        // The first weight (after its rows and columns).
        assert!(msg(&|b| b[48..52].copy_from_slice(&f32::NAN.to_le_bytes()))
            .contains("not a finite number"));
        // The last running variance, just before the checksum.
        let n = bytes.len();
        assert!(
            msg(&|b| b[n - 8..n - 4].copy_from_slice(&(-1.0f32).to_le_bytes()))
                .contains("batch-norm averages of hidden layer 2")
        );
    }
}
