// Classroom and slides, as a lecturer and a student use them: links that
// reproduce a view (and Back that undoes a change), classroom links hiding
// controls, embedded panels and the example deck, presenter shortcuts, the
// Korean interface, exports, offline use and an inert hash payload.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

const hashOf = (page) => page.evaluate(() => location.hash);
const visible = (page, selector) => page.locator(selector).isVisible();

test('a non-default state round-trips through the link, and Back undoes a change', async () => {
  const hash = '#lab=init&seed=5&act=relu&init=he&layers=7&vs=xavier&lang=en';
  const { page, problems } = await openPage({ hash });
  assert.equal(await page.getByRole('tab', { name: 'Initialization' }).getAttribute('aria-selected'), 'true');
  const lab = page.locator('#panel-init');
  assert.equal(await lab.getByLabel('Activation', { exact: true }).inputValue(), 'relu');
  assert.equal(await lab.getByLabel('Initialization', { exact: true }).inputValue(), 'he');
  assert.equal(await page.getByRole('slider', { name: 'Layers' }).inputValue(), '7');
  assert.equal(await lab.getByLabel('Second row').inputValue(), 'xavier');
  assert.equal(await lab.getByLabel('Seed').inputValue(), '5');
  assert.equal(await page.locator('#init-stats tr').count(), 14, 'two rows of 7 layers');
  assert.equal(await page.locator('#notice').isHidden(), true);

  // A change is a new history entry; Back returns to the link's view.
  await lab.getByLabel('Activation', { exact: true }).selectOption('tanh');
  assert.match(await hashOf(page), /activation=tanh/);
  await page.goBack();
  await page.waitForFunction(() => /activation=relu/.test(location.hash));
  await page.waitForFunction(() => document.getElementById('init-activation').value === 'relu');
  await page.goForward();
  await page.waitForFunction(() => document.getElementById('init-activation').value === 'tanh');

  // Copy link: the dialog's link is the page's own, and opening it elsewhere gives the same view.
  await page.getByRole('button', { name: /share or embed/i }).click();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  assert.match(link, /&lang=en/, 'a shared link names its language');
  assert.equal(link.replace('&lang=en', ''), await page.evaluate(() => location.href));
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.locator('#share-link-status').filter({ hasText: /Copied|Selected/ }).waitFor();
  const embed = await page.getByLabel(/embed one panel/i).inputValue();
  assert.match(embed, /^<iframe src="[^"]*embed=1[^"]*" title="Descent: Initialization"/);
  const { page: other } = await openPage({ hash: new URL(link).hash });
  assert.equal(await other.locator('#panel-init').getByLabel('Activation', { exact: true }).inputValue(), 'tanh');
  assert.equal(await other.locator('#init-stats tr').count(), 14);
  assert.deepEqual(problems, []);
});

test('a classroom link hides the controls the lecturer chose', async () => {
  const { page } = await openPage({ hash: '#lang=en' });
  await page.getByRole('button', { name: /share or embed/i }).click();
  await page.getByRole('checkbox', { name: 'Surface' }).check();
  await page.getByRole('checkbox', { name: 'Optimizers' }).check();
  await page.getByRole('checkbox', { name: 'Open in presenter mode' }).check();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  assert.match(link, /hide=surface,optimizers/);
  assert.match(link, /present=1/);
  const { page: student } = await openPage({ hash: new URL(link).hash });
  assert.equal(await visible(student, '#optim-surface'), false);
  assert.equal(await visible(student, '#optim-runs'), false);
  assert.equal(await visible(student, '#optim-play'), true, 'other controls stay');
  assert.equal(await student.evaluate(() => document.body.classList.contains('present')), true);
  // Presenter mode: larger text than the normal page.
  const size = (p) => p.$eval('#optim-play', (b) => parseFloat(getComputedStyle(b).fontSize));
  assert.ok(await size(student) > 1.2 * await size(page), 'presenter text is larger');
  await screenshot(student, 'classroom-presenter');
});

test('embed mode shows one panel, no page chrome, and a link to the full lab', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init&embed=1&hide=export&lang=en', viewport: { width: 800, height: 450 } });
  assert.equal(await visible(page, 'header.top'), false);
  assert.equal(await visible(page, 'footer'), false);
  assert.equal(await visible(page, '#panel-init'), true);
  assert.equal(await visible(page, '#panel-optim'), false);
  assert.equal(await visible(page, '#panel-mnist'), false);
  assert.equal(await visible(page, '#init-csv'), false, 'the hidden downloads');
  const full = page.getByRole('link', { name: /open the full lab/i });
  const href = await full.getAttribute('href');
  assert.doesNotMatch(href, /embed=1|hide=/, 'the full lab shows everything');
  assert.match(href, /lab=init/);
  assert.equal(await full.getAttribute('target'), '_blank');
  // The panel fills the frame: the histograms are drawn within its height.
  const box = await page.locator('#init-canvas').boundingBox();
  assert.ok(box.width > 400 && box.y + box.height <= 450, JSON.stringify(box));
  assert.ok(await inkedFraction(page, '#init-canvas') > 0.02);
  await screenshot(page, 'classroom-embed');
  assert.deepEqual(problems, []);
});

test('the example slide deck embeds live panels', async () => {
  const { page, problems } = await openPage({ path: 'www/examples/slides.html', wait: false, viewport: { width: 1024, height: 640 } });
  const frames = page.locator('iframe');
  assert.equal(await frames.count(), 4);
  for (let i = 0; i < 4; i++) {
    await frames.nth(i).scrollIntoViewIfNeeded();
    const frame = page.frameLocator('iframe').nth(i);
    await frame.locator('body:not(.is-loading)').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('header.top').isVisible(), false, `slide ${i + 2} has no page header`);
    assert.equal(await frame.locator('section.panel:visible').count(), 1, `slide ${i + 2} shows one panel`);
  }
  const saddle = page.frameLocator('iframe').nth(1);
  assert.equal(await saddle.locator('.controls').first().isVisible(), false, 'the saddle slide hides every control');
  await screenshot(page, 'classroom-deck');
  assert.deepEqual(problems, []);
});

test('the optimizer lab works from the keyboard alone', async () => {
  const { page } = await openPage({ hash: '#lang=en' });
  const kb = page.keyboard;
  // Tab to the first learning-rate slider, as a keyboard user would.
  const slider = page.getByRole('slider', { name: 'SGD learning rate' });
  for (let i = 0; i < 60 && !(await slider.evaluate((e) => e === document.activeElement)); i++) await kb.press('Tab');
  assert.equal(await slider.evaluate((e) => e === document.activeElement), true, 'Tab reaches the slider');
  const outline = await slider.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await kb.press('ArrowLeft');
  await kb.press('ArrowLeft');
  await page.waitForFunction(() => /sgd;lr=0\.9[0-9]*[^5]/.test(decodeURIComponent(location.hash)));
  // Shortcuts on the plot: r rewinds, → steps, space plays, 2 switches lab, ? lists the keys.
  const plot = page.getByRole('img', { name: /paths of the optimizers/i });
  for (let i = 0; i < 80 && !(await plot.evaluate((e) => e === document.activeElement)); i++) await kb.press('Tab');
  assert.equal(await plot.evaluate((e) => e === document.activeElement), true, 'Tab reaches the plot');
  await kb.press('r');
  const step = () => page.$eval('#optim-readouts tr td:nth-child(2)', (td) => Number(td.textContent));
  assert.equal(await step(), 0);
  await kb.press('ArrowRight');
  assert.equal(await step(), 1);
  await kb.press(' ');
  await page.waitForFunction(() => Number(document.querySelector('#optim-readouts tr td:nth-child(2)').textContent) > 3);
  await kb.press(' ');
  await kb.press('?');
  assert.equal(await visible(page, '#shortcuts'), true);
  await kb.press('Escape');
  assert.equal(await visible(page, '#shortcuts'), false);
  await kb.press('2');
  assert.equal(await visible(page, '#panel-init'), true);
  assert.match(await hashOf(page), /lab=init/);
});

test('the Korean interface: labels, presets, engine errors, plots; the browser language chooses it', async () => {
  const { page, problems } = await openPage({ hash: '', context: { locale: 'ko-KR' } });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  assert.equal(await page.getByRole('tab', { name: '옵티마이저' }).getAttribute('aria-selected'), 'true');
  assert.ok(await page.getByRole('slider', { name: 'SGD 학습률' }).isVisible());
  assert.match(await page.locator('#optim-sentence').textContent(), /지그재그/);
  // Every visible word of the optimizer lab is Korean, except names a Korean lecture keeps.
  // Every visible word of every lab is Korean, except names a Korean lecture keeps.
  const keep = /^(Descent|SGD|Momentum|Nesterov|AdaGrad|RMSProp|Adam|AdaDelta|Newton|BFGS|GB|MB|KB|TB|MNIST|LeCun|Cortes|Burges|CSV|PNG|SVG|APNG|MIT|MiB|npm|mnist|std|ReLU|Leaky|Xavier|He|dW|idx|ubyte|images|labels|train|gz|Bergstra|Bengio|Li|lr|wd|log|RMS)$/;
  const englishWords = () => page.evaluate(() => {
    const words = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !el.checkVisibility() || el.closest('[data-i18n-skip], .formula, option')) continue;
      words.push(...(n.data.match(/[A-Za-z]{2,}/g) ?? []));
    }
    return words;
  });
  assert.deepEqual((await englishWords()).filter((w) => !keep.test(w)), []);
  await page.getByRole('tab', { name: '초기화' }).click();
  assert.deepEqual((await englishWords()).filter((w) => !keep.test(w)), []);
  await page.getByRole('tab', { name: 'MNIST 학습' }).click();
  await page.waitForFunction(() => document.getElementById('mnist-summary').textContent !== '');
  assert.deepEqual((await englishWords()).filter((w) => !keep.test(w)), []);
  await page.getByLabel('실험', { exact: true }).selectOption('custom');
  assert.deepEqual((await englishWords()).filter((w) => !keep.test(w)), []);
  await page.getByLabel('실험', { exact: true }).selectOption('hyperparameter-search');
  assert.deepEqual((await englishWords()).filter((w) => !keep.test(w)), []);
  await page.getByRole('tab', { name: '옵티마이저' }).click();
  // An engine error, in Korean.
  await page.getByLabel('곡면').selectOption('custom');
  await page.getByLabel('나의 함수 f(x, y)').fill('x^2 + foo');
  await page.getByLabel('나의 함수 f(x, y)').press('Enter');
  await page.waitForFunction(() => /알 수 없는 이름/.test(document.getElementById('optim-expr-error').textContent));
  // A link notice, in Korean.
  await page.evaluate(() => { location.hash = '#lang=ko&steps=abc'; });
  await page.waitForFunction(() => /무시했습니다/.test(document.getElementById('notice').textContent));
  // The switch in the header goes back to English.
  await page.getByLabel('언어').selectOption('en');
  await page.getByRole('tab', { name: 'Optimizers' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok(await page.getByRole('slider', { name: 'SGD learning rate' }).isVisible());
  await page.getByRole('tab', { name: 'Initialization' }).click();
  await page.getByLabel('Language').selectOption('ko');
  await page.getByRole('tab', { name: '초기화' }).waitFor();
  assert.match(await page.locator('#init-stats').textContent(), /1층/);
  await screenshot(page, 'classroom-korean');
  assert.deepEqual(problems, []);
});

test('exports: PNG at twice the resolution, SVG, and the animation as an animated PNG', async () => {
  const { page } = await openPage({ hash: '#lang=en&steps=40' });
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return readFileSync(await download.path());
  };
  const css = await page.$eval('#optim-bg', (c) => c.getBoundingClientRect().width);
  const png = await save('Download PNG');
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), Math.round(2 * css), 'twice the on-screen width');
  const svg = (await save('Download SVG')).toString();
  assert.match(svg, /^<svg/);
  for (const label of ['SGD', 'Adam', 'x²/20 + y²']) assert.ok(svg.includes(label), label);
  const anim = await save(/download animation/i);
  assert.equal(anim.subarray(1, 4).toString(), 'PNG');
  const actl = anim.indexOf('acTL');
  assert.ok(actl > 0, 'an animated PNG');
  assert.equal(anim.readUInt32BE(actl + 4), 41, 'one frame per step, 0 to 40');
  assert.match(await page.locator('#optim-export-status').textContent(), /41 frames/);
  await page.getByRole('tab', { name: 'Initialization' }).click();
  assert.match((await save('Download SVG')).toString(), /1-layer/);
});

test('the offline worker keeps a copy of every script of the page', () => {
  const sw = readFileSync(new URL('../../www/sw.js', import.meta.url), 'utf8');
  const dir = new URL('../../www/js/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    assert.ok(sw.includes(`'www/js/${file}'`), `www/sw.js does not keep www/js/${file}`);
  }
});

test('after one visit the page works offline', async () => {
  const { page, context } = await openPage({ hash: '#lang=en' });
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The first visit leaves a copy of everything, the digits included (kept by the page, not downloaded twice).
  const cached = () => page.evaluate(async () => {
    const found = await Promise.all(['index.html', `www/pkg/${globalThis.descentEngineFile}`, 'www/js/search.js', 'www/data/digits.bin'].map((p) => caches.match(new URL(p, location.href))));
    return found.every(Boolean);
  });
  for (let i = 0; i < 100 && !(await cached()); i++) await page.waitForTimeout(200);
  assert.equal(await cached(), true, 'the first visit kept a copy of every file');
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => !document.body.classList.contains('is-loading'), null, { timeout: 30_000 });
  assert.equal(await page.locator('#error').isHidden(), true, await page.locator('#error').textContent());
  assert.ok(await inkedFraction(page, '#optim-bg') > 0.3, 'the contour is drawn offline');
  await page.getByRole('tab', { name: 'MNIST training' }).click();
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await context.setOffline(false);
});

test('links written before the one grammar open the same views as before', async () => {
  // tests/e2e/old-links.json: what each README and slide-deck link showed before the catalogue.
  const golden = JSON.parse(readFileSync(new URL('./old-links.json', import.meta.url), 'utf8'));
  const tables = {
    optim: '#optim-readouts tr', init: '#init-stats tr', mnist: '#mnist-runs tr',
  };
  for (const [hash, want] of Object.entries(golden.links)) {
    const { page, problems } = await openPage({ hash });
    const got = await page.evaluate((selector) => ({
      notice: document.getElementById('notice').textContent,
      rows: [...document.querySelectorAll(selector)].map((tr) => [...tr.children].map((td) => td.textContent.trim()).join(' | ')),
      presets: [document.getElementById('optim-preset').value, document.getElementById('init-preset').value, document.getElementById('mnist-preset').value],
    }), tables[want.lab]);
    assert.equal(got.notice, '', hash);
    const rows = want.lab === 'mnist' ? got.rows.map((r) => r.split(' | ')[0]) : got.rows;
    assert.deepEqual(rows, want.table, hash);
    assert.deepEqual(got.presets, want.presets, hash);
    assert.deepEqual(problems, [], hash);
  }
});

test('every link of the README and of the example deck opens without a notice', async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const deck = readFileSync(new URL('../../www/examples/slides.html', import.meta.url), 'utf8');
  const hashes = [
    ...[...readme.matchAll(/http:\/\/127\.0\.0\.1:8000\/(#[^\s`"')]+)/g)].map((m) => m[1]),
    ...[...deck.matchAll(/index\.html(#[^"]+)/g)].map((m) => m[1].replace(/&amp;/g, '&')),
  ];
  assert.ok(hashes.length >= 6, `only ${hashes.length} links found`);
  for (const hash of hashes) {
    const { page, problems } = await openPage({ hash });
    assert.equal(await page.locator('#notice').textContent(), '', hash);
    assert.deepEqual(problems, [], hash);
  }
});

test('a script in the hash stays text', async () => {
  const payloads = [
    '#surface=<img src=x onerror="window.__pwned=1">',
    '#runs=sgd,lr:0.1;<script>window.__pwned=2</script>',
    '#"><svg onload=window.__pwned=3>=1',
    '#lang=en&hide=<b>bold</b>&start=javascript:alert(1)',
  ];
  for (const hash of payloads) {
    const dialogs = [];
    const { page } = await openPage({ hash: encodeURI(hash).replace(/#/g, '') ? `#${encodeURIComponent(hash.slice(1)).replace(/%3D/g, '=').replace(/%26/g, '&')}` : hash });
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, hash);
    assert.equal(await page.locator('body img, body svg, main script, #notice *').count(), 0, hash);
    assert.deepEqual(dialogs, []);
    const notice = await page.locator('#notice').textContent();
    assert.ok(notice.includes('<') || notice.includes('"'), `the payload is shown as text: ${notice}`);
  }
});

test('your own run and the search live in the link too', async () => {
  const { page } = await openPage({ hash: '#lab=mnist&experiment=custom&run=hidden=50,50;optimizer=adam;lr=0.01;batch=64&lang=en' });
  assert.equal(await page.getByLabel('Hidden layers').inputValue(), '50,50');
  assert.equal(await page.getByLabel('Optimizer', { exact: true }).inputValue(), 'adam');
  assert.equal(await page.getByLabel('Batch size').inputValue(), '64');
  assert.equal(await page.getByRole('slider', { name: /learning rate/i }).getAttribute('aria-valuetext'), '0.01');
  await page.getByLabel('Batch size').fill('32');
  await page.getByLabel('Batch size').dispatchEvent('change');
  await page.waitForFunction(() => /batch%3D32|batch=32/.test(location.hash));
  const bad = await openPage({ hash: '#lab=mnist&experiment=custom&run=batch=0&lang=en' });
  assert.match(await bad.page.locator('#notice').textContent(), /run="batch=0".*batch size must be a whole number from 1 to 4096, got 0/);
  const search = await openPage({ hash: '#lab=mnist&experiment=hyperparameter-search&trials=16&lr=-5,-1&layout=grid&lang=en' });
  assert.equal(await search.page.getByRole('spinbutton', { name: 'Trials' }).inputValue(), '16');
  assert.equal(await search.page.getByRole('spinbutton', { name: /learning rate η: from/i }).inputValue(), '-5');
  assert.equal(await search.page.getByRole('radio', { name: 'grid' }).isChecked(), true);
  assert.equal(await search.page.locator('#mnist-runs tr').count(), 16);
});
