//! The stepwise trainer: `step(n)` runs n mini-batch updates and returns what
//! happened; evaluation, early stopping and divergence detection happen on
//! the way. Seeded and deterministic.

use super::averages::Averages;
use super::config::TrainConfig;
use super::data::Data;
use super::evaluate::{self, Pass, Score};
pub use super::metrics::{Eval, Scores, Stop};
use crate::error::Result;
use crate::nn::mlp::Mlp;
use crate::nn::Scheme;
use crate::num::num;
use crate::rng::Rng;
use nalgebra::DMatrix;

/// Training accuracy is estimated on at most this many training examples.
pub const TRAIN_EVAL_MAX: usize = 2000;

/// The trainer.
pub struct Trainer {
    config: TrainConfig,
    data: Data,
    net: Mlp<f32>,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    iter: usize,
    total: usize,
    x: DMatrix<f32>,
    t: DMatrix<f32>,
    scratch: Vec<f32>,
    before: Vec<DMatrix<f32>>,
    loss_sum: f64,
    loss_count: usize,
    initial_loss: Option<f64>,
    /// Every evaluation so far.
    pub evals: Vec<Eval>,
    best: Option<(f64, usize, Mlp<f32>)>,
    stop: Option<Stop>,
    /// Each weight matrix's histogram range, fixed by its initial weights.
    weight_ranges: Vec<f64>,
    /// The moving average of the weights and the snapshots, when kept.
    averages: Averages,
    /// The weights at the start and at each evaluation, when recorded (for
    /// the loss landscape).
    path: Option<Vec<(usize, Vec<f32>)>>,
}

impl Trainer {
    /// A fresh run of `config` on `data`.
    pub fn new(config: TrainConfig, data: Data) -> Result<Self> {
        Self::start(config, data, None)
    }

    /// A run of `config` on `data` that starts from the trained network
    /// `source` (transfer learning, seed 001): `config.reuse_layers` of its
    /// hidden layers with a new output layer on top (σ 0.01; all of it, head
    /// included, when not set), the lowest `config.freeze_layers` of them
    /// left as they are. The network's shape, activation, batch norm and
    /// dropout are the source's.
    pub fn from_network(config: TrainConfig, data: Data, source: &Mlp<f32>) -> Result<Self> {
        Self::start(config, data, Some(source))
    }

    fn start(mut config: TrainConfig, data: Data, source: Option<&Mlp<f32>>) -> Result<Self> {
        config.validate()?;
        let mut rng = Rng::seeded(config.seed);
        let net = match source {
            None => Mlp::new(config.spec(data.features()), &mut rng)?,
            Some(source) => reused(&config, source, &data, &mut rng)?,
        };
        let total = config.total_updates(data.train.len());
        // Cosine, linear and restarting schedules span the whole run.
        config.schedule = config.schedule_over(data.train.len());
        let averages = Averages::new(&net, config.ema, config.schedule.cycle_ends());
        let batch = config.batch.min(data.train.len()).max(1);
        let before = net
            .params
            .iter()
            .filter(|p| p.decay)
            .map(|p| p.value.clone())
            .collect();
        let order = data.train.clone();
        let weight_ranges = super::weights::ranges(&net);
        Ok(Self {
            weight_ranges,
            averages,
            path: None,
            x: DMatrix::zeros(batch, data.features()),
            t: DMatrix::zeros(batch, 10),
            scratch: Vec::new(),
            config,
            data,
            net,
            rng,
            order,
            cursor: usize::MAX,
            iter: 0,
            total,
            before,
            loss_sum: 0.0,
            loss_count: 0,
            initial_loss: None,
            evals: Vec::new(),
            best: None,
            stop: None,
        })
    }

    /// A fresh run of `config` on `digits`, of which the last `test` are the
    /// test set (otherwise the standard split).
    pub fn on(
        config: TrainConfig,
        digits: std::sync::Arc<crate::data::Digits>,
        test: Option<usize>,
    ) -> Result<Self> {
        Self::new(config.clone(), Self::data_for(&config, digits, test)?)
    }

    /// The digits `config` trains and tests on, of `digits` (of which the
    /// last `test` are the test set, or the standard split).
    pub fn data_for(
        config: &TrainConfig,
        digits: std::sync::Arc<crate::data::Digits>,
        test: Option<usize>,
    ) -> Result<Data> {
        Data::select(
            digits,
            test,
            &config.selection,
            config.train_size,
            config.validation,
            config.scaling,
        )
    }

    /// Keeps the test probabilities of each evaluation, for an ensemble of
    /// runs (`take_probabilities`).
    pub fn collect_probabilities(&mut self) {
        self.averages.collect = true;
    }

    /// The updates of the test probabilities collected and not yet taken.
    pub fn pending_probabilities(&self) -> impl Iterator<Item = usize> + '_ {
        self.averages.pending()
    }

    /// The test probabilities (10 per test digit) of each evaluation since
    /// the last call, with the update each was made at.
    pub fn take_probabilities(&mut self) -> Vec<(usize, Vec<f32>)> {
        self.averages.take_collected()
    }

    /// Updates in all.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Updates made.
    pub fn iteration(&self) -> usize {
        self.iter
    }

    /// Why the run stopped, once it has.
    pub fn stopped(&self) -> Option<&Stop> {
        self.stop.as_ref()
    }

    /// The network.
    pub fn net(&self) -> &Mlp<f32> {
        &self.net
    }

    /// The network and its input scaling as a model file.
    pub fn model(&self) -> Vec<u8> {
        let permute = self.data.permutation.as_ref().map(|p| p.seed);
        crate::nn::model_io::save(&self.net, &self.data.scaler, permute)
    }

    /// Each weight matrix now, as a histogram over the range its initial
    /// weights filled, with the share near zero.
    pub fn weight_layers(&self) -> Vec<super::weights::WeightLayer> {
        super::weights::layers(&self.net, &self.weight_ranges)
    }

    /// Changes a setting while the run goes on: any whose catalogue entry
    /// says it may (the optimizer's hyperparameters); returns its canonical
    /// text. Anything else needs a new run.
    pub fn set_live(&mut self, key: &str, value: &str) -> Result<String> {
        let live = super::settings::entries()
            .iter()
            .any(|e| e.is(key) && e.live);
        if !live {
            return Err(crate::error!(
                "The {} cannot change during a run; change it and start again.",
                "{}은(는) 학습 중에 바꿀 수 없습니다. 바꾼 뒤 다시 시작하세요.",
                crate::num::short(key)
            ));
        }
        let mut next = self.config.clone();
        let text = next.set(key, value)?;
        self.config.hyper = next.hyper;
        Ok(text)
    }

    /// The run's configuration.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The data parts.
    pub fn data(&self) -> &Data {
        &self.data
    }

    fn per_epoch(&self) -> usize {
        self.data.train.len().div_ceil(self.x.nrows()).max(1)
    }

    /// Epochs done so far (updates over updates per epoch).
    pub fn epochs(&self) -> f64 {
        self.iter as f64 / self.per_epoch() as f64
    }

    /// Whether the network is evaluated after update number `iter`.
    fn evaluates_at(&self, iter: usize) -> bool {
        let every = if self.config.eval_every == 0 {
            self.per_epoch()
        } else {
            self.config.eval_every
        };
        iter.is_multiple_of(every) || iter == self.total
    }

    /// Runs up to `n` updates; returns each update's training loss.
    pub fn step(&mut self, n: usize) -> Vec<f64> {
        let mut losses = Vec::with_capacity(n.min(self.total));
        for _ in 0..n {
            if self.stop.is_some() {
                break;
            }
            if self.iter >= self.total {
                self.stop = Some(Stop::Finished);
                break;
            }
            let loss = self.update();
            losses.push(loss);
            if let Some(reason) = self.divergence(loss) {
                self.stop = Some(Stop::Diverged(reason));
                break;
            }
            if self.evaluates_at(self.iter) {
                self.evaluate();
            }
            if self.iter >= self.total && self.stop.is_none() {
                self.stop = Some(Stop::Finished);
            }
        }
        losses
    }

    fn next_batch(&mut self) {
        let b = self.x.nrows();
        if self.cursor.saturating_add(b) > self.order.len() {
            self.rng.shuffle(&mut self.order);
            self.cursor = 0;
        }
        let indices = &self.order[self.cursor..self.cursor + b];
        self.cursor += b;
        let augment = self.config.augment;
        self.data.fill_listed(
            indices,
            &mut self.x,
            &mut self.t,
            augment,
            &mut self.rng,
            &mut self.scratch,
            self.net.input_listing(),
        );
    }

    fn update(&mut self) -> f64 {
        self.next_batch();
        let data_loss = self.net.train_batch(&self.x, &self.t, &mut self.rng);
        let penalty = self.config.decay.apply(&mut self.net.params);
        let loss = data_loss + penalty;
        let lr = self
            .config
            .schedule
            .lr_at(self.config.hyper.get(crate::optim::Param::Lr), self.iter);
        // Keep the weights before an update that will be evaluated, for ‖ΔW‖/‖W‖.
        if self.evaluates_at(self.iter + 1) {
            for (b, p) in self
                .before
                .iter_mut()
                .zip(self.net.params.iter().filter(|p| p.decay))
            {
                b.copy_from(&p.value);
            }
        }
        self.net.step(self.config.optimizer, &self.config.hyper, lr);
        self.iter += 1;
        self.averages
            .after_update(&mut self.net, &self.data, self.iter);
        self.initial_loss.get_or_insert(loss);
        self.loss_sum += loss;
        self.loss_count += 1;
        loss
    }

    fn divergence(&self, loss: f64) -> Option<String> {
        let initial = self.initial_loss.unwrap_or(loss);
        if !loss.is_finite() {
            Some(crate::i18n::tr(
                format!("Diverged at iteration {}: the loss became {}. The learning rate is probably too high.", self.iter, num(loss)),
                format!("{}번째 반복에서 발산했습니다. 손실이 {}이(가) 되었습니다. 학습률이 너무 높은 것 같습니다.", self.iter, num(loss)),
            ))
        } else if self.iter > 1 && loss > 3.0 * initial {
            Some(crate::i18n::tr(
                format!("Diverged at iteration {}: the loss {} is more than 3× the initial {}. The learning rate is probably too high.", self.iter, num(loss), num(initial)),
                format!("{}번째 반복에서 발산했습니다. 손실 {}이(가) 처음 값 {}의 3배를 넘었습니다. 학습률이 너무 높은 것 같습니다.", self.iter, num(loss), num(initial)),
            ))
        } else {
            None
        }
    }

    /// Accuracy of the current network on `indices` (eval mode).
    pub fn accuracy(&mut self, indices: &[usize]) -> f64 {
        self.score(indices, Pass::Eval).accuracy
    }

    /// Accuracy and mean cross-entropy of the current network on `indices`
    /// in `pass` (see `train::evaluate`).
    pub fn score(&mut self, indices: &[usize], pass: Pass) -> Score {
        // Dropout's masks in train mode differ from one evaluation to the next.
        evaluate::score(&mut self.net, &self.data, indices, pass, self.iter as u64)
    }

    /// Examples per update.
    pub fn batch_size(&self) -> usize {
        self.x.nrows()
    }

    /// Whether the network behaves differently in train and eval mode.
    pub fn has_modes(&self) -> bool {
        self.config.batch_norm || self.config.dropout > 0.0
    }

    /// Records the weights from now on: now, and at every evaluation.
    pub fn record_path(&mut self) {
        self.path = Some(vec![(self.iter, crate::landscape::flatten(&self.net))]);
    }

    /// The weights recorded so far, taken (empty when not recorded).
    pub fn take_path(&mut self) -> Vec<(usize, Vec<f32>)> {
        self.path.take().unwrap_or_default()
    }

    fn evaluate(&mut self) {
        if let Some(path) = self.path.as_mut() {
            path.push((self.iter, crate::landscape::flatten(&self.net)));
        }
        let train: Vec<usize> = self
            .data
            .train
            .iter()
            .copied()
            .take(TRAIN_EVAL_MAX)
            .collect();
        let test = self.data.test.clone();
        let validation = self.data.validation.clone();
        let on_train = self.score(&train, Pass::Eval);
        // A search's trial scores the test digits at its end only.
        let with_test = !self.config.test_at_end || self.iter >= self.total;
        let on_test = if with_test {
            self.score(&test, Pass::Eval)
        } else {
            Score {
                accuracy: f64::NAN,
                loss: f64::NAN,
            }
        };
        let val = (!validation.is_empty()).then(|| self.score(&validation, Pass::Eval));
        let (val_acc, val_loss) = (val.map(|v| v.accuracy), val.map(|v| v.loss));
        // Train mode costs a second pass: every fifth evaluation and the last.
        let train_mode = (self.has_modes()
            && with_test
            && (self.evals.len().is_multiple_of(5) || self.iter >= self.total))
            .then(|| {
                let pass = Pass::Train {
                    batch: self.batch_size(),
                };
                Scores {
                    train: self.score(&train, pass),
                    test: self.score(&test, pass),
                }
            });
        let (ema, snapshots) = self
            .averages
            .at_evaluation(&mut self.net, &self.data, self.iter);
        let update_ratios = self
            .before
            .iter()
            .zip(self.net.params.iter().filter(|p| p.decay))
            .map(|(b, p)| {
                let norm = p.value.norm();
                if norm > 0.0 {
                    f64::from((&p.value - b).norm() / norm)
                } else {
                    0.0
                }
            })
            .collect();
        let eval = Eval {
            iter: self.iter,
            epoch: self.epochs(),
            train_loss: if self.loss_count > 0 {
                self.loss_sum / self.loss_count as f64
            } else {
                f64::NAN
            },
            train_acc: on_train.accuracy,
            train_eval_loss: on_train.loss,
            val_acc,
            val_loss,
            test_acc: on_test.accuracy,
            test_loss: on_test.loss,
            lr: self.config.schedule.lr_at(
                self.config.hyper.get(crate::optim::Param::Lr),
                self.iter.saturating_sub(1),
            ),
            update_ratios,
            train_mode,
            ema,
            snapshots,
        };
        self.loss_sum = 0.0;
        self.loss_count = 0;
        // Early stopping watches validation accuracy (never the test set).
        if let Some(v) = eval.val_acc {
            let improved = self.best.as_ref().is_none_or(|(b, _, _)| v > *b);
            if improved {
                self.best = Some((v, self.evals.len(), self.net.without_buffers()));
            } else if let (Some(patience), Some((b, at, _))) = (self.config.patience, &self.best) {
                if self.evals.len() - at >= patience {
                    self.stop = Some(Stop::EarlyStopped(crate::i18n::tr(
                        format!("Stopped early at iteration {}: validation accuracy has not improved on {:.1}% for {patience} evaluations.", self.iter, 100.0 * b),
                        format!("{}번째 반복에서 조기 종료했습니다. 검증 정확도가 {patience}번의 평가 동안 {:.1}%보다 나아지지 않았습니다.", self.iter, 100.0 * b),
                    )));
                }
            }
        }
        self.evals.push(eval);
    }

    /// The evaluation with the best validation accuracy so far, as (index in `evals`, accuracy).
    pub fn best(&self) -> Option<(usize, f64)> {
        self.best.as_ref().map(|(v, at, _)| (*at, *v))
    }

    /// Puts back the network of the best validation accuracy; returns whether there was one.
    pub fn restore_best(&mut self) -> bool {
        match &self.best {
            Some((_, _, net)) => {
                self.net = net.without_buffers();
                true
            }
            None => false,
        }
    }
}

/// The network a run starting from `source` trains: see
/// [`Trainer::from_network`].
fn reused(config: &TrainConfig, source: &Mlp<f32>, data: &Data, rng: &mut Rng) -> Result<Mlp<f32>> {
    if source.spec.input != data.features() {
        crate::fail!(
            "The starting network takes {} inputs, but the digits have {} pixels.",
            "시작 신경망의 입력은 {}개인데 숫자 이미지의 픽셀은 {}개입니다.",
            source.spec.input,
            data.features()
        );
    }
    let layers = source.spec.hidden.len();
    let mut net = match config.reuse_layers {
        None => source.without_buffers(),
        // A new head starts with small weights (σ 0.01): every class about
        // equally likely at first, whatever the scale of the features it
        // reads (measured on the transfer preset: with He's scale the new
        // head's first loss was 6.5 instead of ln 10, and it ended worse).
        Some(k) if k <= layers => Mlp::reuse(source, k, Scheme::Std(0.01), rng)?,
        Some(k) => crate::fail!(
            "The starting network has {layers} hidden layers; it cannot give {k}.",
            "시작 신경망의 은닉층은 {layers}개라서 {k}개를 가져올 수 없습니다.",
        ),
    };
    let kept = net.spec.hidden.len();
    if config.freeze_layers > kept {
        crate::fail!(
            "Only {kept} hidden layers are kept, so at most {kept} can be frozen, not {}.",
            "가져온 은닉층이 {kept}개라서 최대 {kept}개까지만 고정할 수 있는데 {}입니다.",
            config.freeze_layers
        );
    }
    net.frozen = config.freeze_layers;
    Ok(net)
}
