// "What training sees": training digits of your own run as its augmentation
// changes them (shift, rotation, cutout, mixup with its weight λ), made by
// the engine's own batch-filling code, seeded: the same settings, seed and
// update give the same strip. Drawn before training and, as the run goes,
// again every two seconds with the digits and random changes of that update.
import { exportBar } from './export.js';
import { fitCanvas, messageOf } from './dom.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
/** Digits in the strip, and per row. */
const COUNT = 6;

export class AugmentView {
  constructor() {
    exportBar($('mnist-augment'), {
      label: 'Downloads: the augmented digits', name: 'descent-augmented', redraw: () => this.redraw(), svg: () => this.panel?.strip_svg('mnist-augment', COUNT),
    });
  }

  /**
   * Draws the strip for the training settings `settings` with `panel` (the
   * lab's MnistPanel), seeded by `seed` at update `update`.
   */
  draw(panel, settings, seed, update = 0) {
    if (!panel || $('mnist-augment-view').hidden) return;
    this.panel = panel;
    const key = `${settings}|${seed}|${update}`;
    const resized = fitCanvas($('mnist-augment'));
    if (key === this.key && !resized) return;
    this.key = key;
    try {
      const any = panel.augment_strip(settings, update, COUNT, (seed + update) >>> 0);
      panel.draw_strip('mnist-augment', COUNT);
      $('mnist-augment-note').textContent = any
        ? t('Top row: training digits as stored; bottom row: as this update of training sees them (seed {seed}, update {update}).', { seed, update })
        : t('No augmentation is chosen: training sees the digits as they are (both rows are the same).');
    } catch (e) {
      // Digits the settings cannot take (a training set larger than the digits):
      // the controls of the run say why.
      $('mnist-augment-note').textContent = t('The digits cannot be shown for these settings: {why}', { why: messageOf(e) });
    }
  }

  redraw() {
    this.panel?.draw_strip('mnist-augment', COUNT);
  }
}
