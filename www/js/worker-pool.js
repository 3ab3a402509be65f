// The training workers of one experiment: each is given some of its runs
// (by index) and reports on them. A worker that hits an internal error is
// handed to `onCrash(entry, index, why)`, which may replace it.
export class WorkerPool {
  /** `onMessage(msg, entry)` receives each report; `onCrash(entry, index, why)` each internal error. */
  constructor({ onMessage, onCrash }) {
    this.onMessage = onMessage;
    this.onCrash = onCrash;
    this.entries = [];
  }

  /** How many workers are alive. */
  get size() {
    return this.entries.length;
  }

  /** Starts a worker on the runs `indices` with the message `start` (paused when `paused`). */
  spawn(indices, start, paused) {
    const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
    const entry = { worker, indices };
    worker.onmessage = (e) => {
      if (entry.dead) return;
      if (e.data.type === 'panic') this.onCrash(entry, e.data.index ?? null, e.data.message);
      else this.onMessage(e.data, entry);
    };
    // An error the worker did not catch is an internal one too.
    worker.onerror = (e) => {
      e.preventDefault();
      this.onCrash(entry, null, e.message);
    };
    worker.postMessage({ ...start, type: 'start', indices });
    if (paused) worker.postMessage({ type: 'pause' });
    this.entries.push(entry);
    return entry;
  }

  /** Ends one worker (after a crash); returns false when it had ended already. */
  end(entry) {
    if (entry.dead) return false;
    entry.dead = true;
    entry.worker.terminate();
    this.entries = this.entries.filter((e) => e !== entry);
    return true;
  }

  /** Sends `msg` to every worker. */
  post(msg) {
    for (const e of this.entries) e.worker.postMessage(msg);
  }

  /** Cancels and ends every worker. */
  stop() {
    for (const e of this.entries) {
      e.dead = true;
      e.worker.postMessage({ type: 'cancel' });
      e.worker.terminate();
    }
    this.entries = [];
  }
}
