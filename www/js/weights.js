// "The weights during training": one histogram per weight matrix of a chosen
// run, with the share near zero, from what its training worker last sent, so
// that L1's sparsity and L2's shrinkage can be watched as the run trains.
import { engine } from './engine.js';
import { el, fitCanvas, fitCanvasObserved, fmt, thousands } from './dom.js';
import { exportBar } from './export.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export class WeightsView {
  constructor() {
    this.attach();
    this.chosen = 0;
    $('mnist-weights-run').addEventListener('change', (e) => {
      this.chosen = Number(e.target.value);
      this.show(this.runs);
    });
    exportBar($('mnist-weight-hist'), {
      label: 'Downloads: the weights', name: 'descent-weights', redraw: () => this.panel.draw(), svg: () => this.panel.svg(),
    });
  }

  /** Makes the engine's panel (again, after the engine was replaced). */
  attach() {
    this.panel = new (engine().WeightsPanel)('mnist-weight-hist');
    this.shownFrom = null;
  }

  /** Offers the runs by name in the chooser, keeping the choice when it still exists. */
  setRuns(runs) {
    const box = $('mnist-weights-run');
    const names = runs.map((r) => r.name).join('\n');
    if (box.dataset.names !== names) {
      box.dataset.names = names;
      box.replaceChildren(...runs.map((r, i) => el('option', { value: String(i), text: r.name })));
      if (this.chosen >= runs.length) this.chosen = 0;
      box.value = String(this.chosen);
      this.shownFrom = null;
    }
  }

  /**
   * Shows the chosen run's latest weights (drawn only when they changed or the
   * canvas did); `training` takes the canvas size a ResizeObserver saw, as the
   * training loop's other redraws do.
   */
  show(runs, training = false) {
    this.runs = runs;
    if (!runs?.length) return;
    this.setRuns(runs);
    const weights = runs[this.chosen]?.weights;
    const resized = (training ? fitCanvasObserved : fitCanvas)($('mnist-weight-hist'));
    if (weights === this.shownFrom && !resized) return;
    this.shownFrom = weights;
    if (weights) this.panel.set(weights);
    else this.panel.clear();
    this.panel.draw();
    const { layers } = JSON.parse(this.panel.rows());
    $('mnist-weights-table').replaceChildren(...layers.map((l) => el('tr', {},
      el('td', { text: l.layer }),
      el('td', { text: thousands(l.count) }),
      el('td', { text: fmt(l.rms) }),
      el('td', { text: `${(100 * l.near_zero).toFixed(1)}%` }))));
    $('mnist-weights-note').textContent = weights ? '' : t('Start a run to see its weights.');
  }
}
