//! The network's working memory for one batch size: each hidden layer's
//! affine output, normalized output, activation, output after dropout,
//! dropout mask and gradient, then the logits, probabilities and their
//! gradient. A network keeps those of its current batch size and of the
//! few others it used last.

use super::gemm::Scalar;
use super::spec::MlpSpec;
use nalgebra::DMatrix;

/// Per-batch-size working memory of one hidden layer.
#[derive(Debug, Clone)]
pub(super) struct LayerBuf<F: Scalar> {
    pub a: DMatrix<F>,
    pub z: DMatrix<F>,
    pub h: DMatrix<F>,
    pub out: DMatrix<F>,
    pub mask: DMatrix<F>,
    pub d: DMatrix<F>,
}

/// The working memory of a whole network for batches of `rows` examples.
#[derive(Debug, Clone)]
pub(super) struct Buffers<F: Scalar> {
    pub rows: usize,
    pub layers: Vec<LayerBuf<F>>,
    pub logits: DMatrix<F>,
    pub probs: DMatrix<F>,
    pub d_logits: DMatrix<F>,
}

/// An r×c matrix of zeros.
pub(super) fn zeros<F: Scalar>(r: usize, c: usize) -> DMatrix<F> {
    DMatrix::from_element(r, c, F::ZERO)
}

impl<F: Scalar> Buffers<F> {
    /// Fresh (zeroed) memory for `spec` at batches of `rows`.
    fn new(spec: &MlpSpec, rows: usize) -> Self {
        let layers = spec
            .hidden
            .iter()
            .map(|&u| LayerBuf {
                a: zeros(rows, u),
                z: zeros(rows, u),
                h: zeros(rows, u),
                out: zeros(rows, u),
                mask: zeros(rows, u),
                d: zeros(rows, u),
            })
            .collect();
        let o = spec.output;
        Self {
            rows,
            layers,
            logits: zeros(rows, o),
            probs: zeros(rows, o),
            d_logits: zeros(rows, o),
        }
    }

    /// Makes `current` the memory for batches of `rows`: as it is, or taken
    /// back from `spare` (memory of other batch sizes used lately, the most
    /// recent last), or made; the one it replaces goes to `spare`.
    /// Training's and evaluation's batches alternate; remaking their memory
    /// each time was 5 % of a hyperparameter search, zeroing memory.
    pub fn ensure(current: &mut Option<Self>, spare: &mut Vec<Self>, spec: &MlpSpec, rows: usize) {
        if current.as_ref().is_some_and(|b| b.rows == rows) {
            return;
        }
        /// Batch sizes kept besides the current one.
        const KEPT: usize = 3;
        let previous = current.take();
        if let Some(k) = spare.iter().position(|b| b.rows == rows) {
            *current = Some(spare.remove(k));
            spare.extend(previous);
            return;
        }
        spare.extend(previous);
        if spare.len() > KEPT {
            spare.remove(0);
        }
        *current = Some(Self::new(spec, rows));
    }
}
