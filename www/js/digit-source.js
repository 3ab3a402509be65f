// The digits the MNIST lab trains on: the bundled 10,000 (www/data/digits.bin)
// or the full MNIST set from the four files a user chooses, read in the
// page. Keeps their bytes (what the training workers are given, and what a
// replaced engine parses again) and says how many there are.
import { engine } from './engine.js';
import { messageOf, thousands } from './dom.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** The four files of full MNIST, by what their names contain. */
const FILES = [
  ['train-images', /train.*images/i],
  ['train-labels', /train.*labels/i],
  ['t10k-images', /(t10k|test).*images/i],
  ['t10k-labels', /(t10k|test).*labels/i],
];

export class DigitSource {
  /** `onChange(set)` receives each new parsed digit set (an engine DigitSet). */
  constructor(onChange) {
    this.onChange = onChange;
    this.source = null;
    this.summary = null;
    $('mnist-files').addEventListener('change', (e) => {
      this.loadFiles([...(e.target.files ?? [])]);
      e.target.value = '';
    });
    $('mnist-bundled').addEventListener('click', () => this.setBundle(this.bundle));
  }

  /** Uses the bundled digits (bytes of www/data/digits.bin). */
  setBundle(bytes) {
    this.bundle = bytes;
    this.use({ bundle: bytes }, new (engine().DigitSet)(bytes), 'bundled');
  }

  /** The digits parsed again from their bytes (after the engine was replaced), or null. */
  parse() {
    if (!this.source) return null;
    return this.source.idx ? engine().DigitSet.from_idx(...this.source.idx) : new (engine().DigitSet)(this.source.bundle);
  }

  /** Training digits of the digits in use (8,000 of the bundle until they arrive). */
  trainDigits() {
    return this.summary ? this.summary.trainCount : 8000;
  }

  /** Reads the four MNIST files the user chose. */
  async loadFiles(files) {
    const picked = FILES.map(([, re]) => files.find((f) => re.test(f.name)));
    const missing = FILES.filter((_, i) => !picked[i]).map(([name]) => name);
    if (missing.length) {
      $('mnist-files-error').textContent = t('Choose the four MNIST files together; missing: {names}.', { names: missing.join(', ') });
      return;
    }
    $('mnist-files-error').textContent = t('Reading…');
    try {
      const bytes = await Promise.all(picked.map(async (f) => new Uint8Array(await f.arrayBuffer())));
      const set = engine().DigitSet.from_idx(...bytes);
      $('mnist-files-error').textContent = '';
      this.use({ idx: bytes }, set, 'MNIST');
    } catch (e) {
      $('mnist-files-error').textContent = messageOf(e);
    }
  }

  /** Switches to a parsed digit set; `source` is what the workers get. */
  use(source, set, kind) {
    this.source = source;
    const n = set.len();
    const test = set.test_len();
    this.summary = { n: thousands(n), kind, train: thousands(n - test), test: thousands(test), trainCount: n - test };
    this.showSummary();
    $('mnist-bundled').disabled = kind === 'bundled';
    this.onChange(set);
  }

  /** "10,000 bundled digits: 8,000 for training, 2,000 for testing." */
  showSummary() {
    if (!this.summary) return;
    const s = this.summary;
    const kind = s.kind === 'bundled' ? t('bundled') : 'MNIST';
    $('mnist-summary').textContent = t('{n} {kind} digits: {train} for training, {test} for testing.', { ...s, kind });
  }
}
