//! Saving and loading a network as bytes (a file the page can download and
//! load back).
//!
//! Little-endian: magic `DSCM`, u32 version 1, u32 input, u32 output, u32
//! hidden-layer count and each width, u8 activation, u8 batch norm, f64
//! dropout, then every parameter (u32 rows, u32 cols, f32 values), then each
//! batch-norm layer's running mean and variance (f32), and last the FNV-1a
//! checksum of everything before it.

use super::gemm::Scalar;
use super::layers::BatchNormState;
use super::mlp::{Mlp, MlpSpec};
use super::Activation;
use crate::checksum::fnv1a;
use crate::error::Result;
use crate::fail;
use crate::nn::Scheme;
use crate::rng::Rng;

const MAGIC: &[u8; 4] = b"DSCM";

/// The network as bytes.
pub fn save<F: Scalar>(net: &Mlp<F>) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    let s = &net.spec;
    let mut u32s = vec![1, s.input as u32, s.output as u32, s.hidden.len() as u32];
    u32s.extend(s.hidden.iter().map(|&h| h as u32));
    for v in u32s {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let act = Activation::ALL
        .iter()
        .position(|&a| a == s.activation)
        .unwrap_or(0) as u8;
    out.extend_from_slice(&[act, u8::from(s.batch_norm)]);
    out.extend_from_slice(&s.dropout.to_le_bytes());
    for p in &net.params {
        out.extend_from_slice(&(p.value.nrows() as u32).to_le_bytes());
        out.extend_from_slice(&(p.value.ncols() as u32).to_le_bytes());
        for v in p.value.iter() {
            out.extend_from_slice(&(v.to_f64() as f32).to_le_bytes());
        }
    }
    for bn in &net.bn {
        for v in bn.mean.iter().chain(&bn.var) {
            out.extend_from_slice(&(v.to_f64() as f32).to_le_bytes());
        }
    }
    let sum = fnv1a(&out);
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

/// Reads a network saved by [`save`].
pub fn load<F: Scalar>(bytes: &[u8]) -> Result<Mlp<F>> {
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
    if fnv1a(body) != stored {
        fail!(
            "The model file is corrupt: its checksum does not match.",
            "모델 파일이 손상되었습니다. 체크섬이 맞지 않습니다.",
        );
    }
    let mut r = Reader { bytes: body, at: 4 };
    let version = r.u32()?;
    if version != 1 {
        fail!(
            "The model file has version {version}; this Descent reads version 1.",
            "모델 파일의 버전이 {version}입니다. 이 Descent는 버전 1만 읽습니다.",
        );
    }
    let (input, output, layers) = (r.u32()?, r.u32()?, r.u32()?);
    if !(1..=65_536).contains(&input)
        || !(2..=1000).contains(&output)
        || !(1..=10).contains(&layers)
    {
        fail!("The model file describes an impossible network ({input} inputs, {output} outputs, {layers} hidden layers).","모델 파일이 있을 수 없는 신경망을 설명합니다(입력 {input}개, 출력 {output}개, 은닉층 {layers}개).",);
    }
    let hidden = (0..layers).map(|_| r.u32()).collect::<Result<Vec<_>>>()?;
    let flags = r.take(2)?.to_vec();
    let activation = *Activation::ALL.get(usize::from(flags[0])).ok_or_else(|| {
        crate::error!(
            "The model file names an unknown activation.",
            "모델 파일에 알 수 없는 활성화 함수가 적혀 있습니다."
        )
    })?;
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
    };
    let mut net = Mlp::<F>::new(spec, &mut Rng::seeded(0))?;
    for p in &mut net.params {
        let (rows, cols) = (r.u32()?, r.u32()?);
        if (rows, cols) != p.value.shape() {
            fail!("The model file's parameters do not match its network ({rows}×{cols} where {}×{} belongs).","모델 파일의 매개변수가 신경망과 맞지 않습니다({}×{}이어야 할 자리에 {rows}×{cols}).", p.value.nrows(), p.value.ncols());
        }
        for v in p.value.iter_mut() {
            *v = F::of(f64::from(r.f32()?));
        }
    }
    for bn in &mut net.bn {
        let units = bn.mean.len();
        let mut fresh = BatchNormState::new(units);
        for v in fresh.mean.iter_mut().chain(fresh.var.iter_mut()) {
            *v = F::of(f64::from(r.f32()?));
        }
        *bn = fresh;
    }
    if r.at != body.len() {
        fail!(
            "The model file has {} bytes more than its network needs.",
            "모델 파일이 신경망에 필요한 것보다 {}바이트 더 깁니다.",
            body.len() - r.at
        );
    }
    Ok(net)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;

    #[test]
    fn round_trip_gives_the_same_predictions() {
        let spec = MlpSpec {
            input: 12,
            hidden: vec![8, 6],
            output: 10,
            activation: Activation::Tanh,
            init: Scheme::He,
            batch_norm: true,
            dropout: 0.2,
        };
        let mut rng = Rng::seeded(4);
        let mut net = Mlp::<f32>::new(spec, &mut rng).unwrap();
        let x = DMatrix::from_fn(5, 12, |_, _| rng.normal() as f32);
        let t = DMatrix::from_fn(5, 10, |i, j| f32::from(u8::from(i == j)));
        net.train_batch(&x, &t, &mut rng); // moves the batch-norm averages
        let bytes = save(&net);
        let mut back = load::<f32>(&bytes).unwrap();
        let a = net.forward(&x, false, &mut rng).clone();
        let b = back.forward(&x, false, &mut rng).clone();
        assert_eq!(a, b);
        assert_eq!(back.spec.hidden, vec![8, 6]);

        let msg = |b: &[u8]| load::<f32>(b).unwrap_err().to_string();
        assert!(msg(b"nope").contains("not a Descent model"));
        let mut bad = bytes.clone();
        bad[40] ^= 1;
        assert!(msg(&bad).contains("checksum"));
        assert!(msg(&bytes[..bytes.len() - 9]).contains("checksum"));
    }
}
