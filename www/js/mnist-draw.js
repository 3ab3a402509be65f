// The MNIST lab's drawing: the redraw of its charts and tables, at once or,
// while runs train, one part per animation frame (mixed into MnistLab, as
// mnist-runs.js's RunControl is).
import { fitCanvas, fitCanvasObserved, messageOf } from './dom.js';
import { renderRunTable } from './run-table.js';

const $ = (id) => document.getElementById(id);

export const Drawing = {
  /**
   * Redraws at most four times a second while data arrives, and less often
   * as a redraw grows dearer (a search's hundred trials): the gap is sixteen
   * times the last redraw's own time, since handing freshly drawn canvases
   * to the compositor costs about as much again as drawing them (measured in
   * a search with two workers: frames lost 1.2–1.3 a second with eight
   * times and at most ten a second, 0.8–1.0 with this; all but one or two
   * of them in frames that drew). A redraw while runs train is spread over several
   * frames, one part a frame (see `redraw`): in one frame, drawing four
   * canvases and a hundred rows and then handing them to the compositor
   * made 50–70 ms tasks (measured in a search), three or four dropped
   * frames each.
   */
  tick() {
    const gap = Math.min(2000, Math.max(250, 16 * (this.renderCost ?? 0)));
    if (this.parts) {
      const t0 = performance.now();
      if (this.parts.next().done) this.parts = null;
      this.renderCost += performance.now() - t0;
    } else if (this.dirty && performance.now() - (this.lastDraw ?? 0) > gap) {
      const t0 = performance.now();
      this.parts = this.redraw();
      if (this.parts.next().done) this.parts = null;
      this.renderCost = performance.now() - t0;
    }
    if (this.running || this.dirty || this.parts) requestAnimationFrame(() => this.tick());
  },

  /**
   * The strip of augmented digits of your run: before training at update 0,
   * while it trains at the run's update, redrawn every two seconds.
   */
  drawAugment(s) {
    const run = this.runs[0];
    if (this.running && this.preset === 'custom' && performance.now() - (this.augmentAt ?? 0) > 2000) {
      this.augmentAt = performance.now();
      this.augmentUpdate = run?.iteration ?? 0;
    } else if (!this.running && !run?.iteration) {
      this.augmentUpdate = 0;
    }
    this.augment.draw(this.digits, this.runCheck?.text ?? '', Number(s.seed) >>> 0, this.augmentUpdate);
  },

  /**
   * The page's layout changed size (a table grew, the inspector's views
   * appeared): while runs train, the next frame starts a redraw in parts
   * (at once, four canvases and the tables made a task of 50–80 ms, the
   * frames lost early in a batch-norm comparison); otherwise at once.
   */
  resized() {
    if (this.running) {
      this.dirty = true;
      this.lastDraw = 0;
    } else {
      this.render();
    }
  },

  /** Redraws everything at once. */
  render() {
    this.parts = null;
    for (const _ of this.redraw());
  },

  /**
   * The redraw in parts, a `yield` between them: the loss chart, the
   * accuracy chart, the search's scatter, then the tables and the rest.
   */
  *redraw() {
    if ($('panel-mnist').hidden) return;
    const s = this.page.state();
    this.lastDraw = performance.now();
    this.dirty = false;
    // Sizes first, then drawing, then tables: a table grown before a canvas
    // is measured would make the browser lay the page out once more. While
    // runs train, the sizes a ResizeObserver saw (messages change text
    // between redraws, and measuring then would lay the page out each time).
    const fit = this.running ? fitCanvasObserved : fitCanvas;
    fit($('mnist-loss'));
    fit($('mnist-accuracy'));
    if (this.trials) {
      fit($('mnist-scatter'));
      fit($('mnist-marginals'));
    }
    const digitsResized = this.digits ? fitCanvas($('mnist-canvas')) : false;
    try {
      this.curves.draw_loss_chart();
      yield;
      this.curves.draw_accuracy_chart();
    } catch (e) {
      $('mnist-status').textContent = messageOf(e);
    }
    if (this.trials) {
      yield;
      this.search.draw();
    }
    // The average digits change only with the digits, the size or the mode.
    if (this.digits && (digitsResized || !this.digitsDrawn)) {
      this.digits.draw();
      this.digitsDrawn = true;
    }
    yield;
    renderRunTable(this.runs, this.derived.records);
    this.weights.show(this.runs, this.running);
    if (s.experiment === 'custom') this.drawAugment(s);
    if (this.trials) this.search.renderTables();
    this.inspect.render({ onlyIfResized: true });
    if (!this.running) this.custom.drawSchedule();
  },
};
