// What the page keeps of each run of an experiment: its progress, its
// latest scores (in both modes when it has two), its weights' histograms,
// the assistant's remarks, and the logs of everything its worker sent, so
// that its curves can be drawn again after the engine is replaced.

/** A run before it starts. */
export function freshRun(name) {
  return { name, iteration: 0, total: 0, last: null, lastModes: null, modes: null, weights: null, status: 'waiting', diagnostics: [], lossLog: [], evalLog: [] };
}

/** A worker's 'started' message: the run's length, its train mode (if any) and first weights. */
export function recordStarted(run, msg) {
  run.total = msg.total;
  run.status = 'training';
  run.modes = msg.modes;
  run.weights = msg.weights;
}

/**
 * A worker's 'progress' message: updates, losses, evaluations (the best
 * validation one remembered), weights, remarks and whether it stopped.
 */
export function recordProgress(run, msg) {
  run.iteration = msg.iteration;
  run.total = msg.total;
  run.lossLog.push(msg.losses);
  if (msg.losses.length) run.loss = msg.losses[msg.losses.length - 1];
  if (msg.weights) run.weights = msg.weights;
  for (const e of msg.evals) {
    run.evalLog.push(e);
    run.last = e;
    if (e.train_mode) run.lastModes = e;
    if (e.val_acc !== undefined && (run.bestVal === undefined || e.val_acc > run.bestVal)) {
      run.bestVal = e.val_acc;
      run.bestIter = e.iter;
    }
  }
  if (msg.diagnostics) run.diagnostics = msg.diagnostics;
  if (msg.timing?.epochs > 0) run.secondsPerEpoch = msg.timing.seconds / msg.timing.epochs;
  if (msg.outcome) run.outcome = msg.outcome;
  if (msg.stopped) {
    run.status = msg.stopped;
    run.diverged = !!msg.diverged;
  }
}
