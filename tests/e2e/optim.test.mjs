// The optimizer lab as a lecturer and a student use it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

/** The readout table as [{name, step, f, x, y, status}]. */
async function readouts(page) {
  return page.locator('#optim-readouts tr').evaluateAll((rows) => rows.map((tr) => {
    const c = [...tr.children].map((td) => td.textContent.trim());
    return { name: c[0], step: Number(c[1]), f: c[2], x: c[3], y: c[4], status: c[5] };
  }));
}

test('the default view is the book figure: four paths of 29 updates', async () => {
  const { page, problems } = await openPage();
  const rows = await readouts(page);
  assert.deepEqual(rows.map((r) => r.name.replace(/^\S+\s/, '')), ['SGD', 'Momentum', 'AdaGrad', 'Adam']);
  assert.ok(rows.every((r) => r.step === 29 && r.status === 'ok'));
  // SGD after 29 updates of η 0.95, from scripts/golden-optimizers.py: (-0.38717…, -0.09420…).
  assert.equal(rows[0].x, '-0.3872');
  assert.equal(rows[0].y, '-0.0942');
  assert.equal(await page.locator('#optim-preset').inputValue(), 'book');
  assert.match(await page.locator('#optim-sentence').textContent(), /zig-zags/);
  assert.ok((await inkedFraction(page, '#optim-fg')) > 0.005, 'paths are drawn');
  assert.ok((await inkedFraction(page, '#optim-bg')) > 0.5, 'contour is drawn');
  await screenshot(page, 'optim-book');
  assert.deepEqual(problems, []);
});

test("moving Adam's learning-rate slider changes Adam's readout and the link", async () => {
  const { page, problems } = await openPage();
  const before = (await readouts(page))[3];
  const slider = page.getByRole('slider', { name: /adam learning rate/i });
  const element = await slider.elementHandle();
  await slider.fill('-2');
  assert.ok(await element.evaluate((e) => e.isConnected), 'the slider under the pointer is kept, not rebuilt');
  const after = (await readouts(page))[3];
  assert.notEqual(after.x, before.x);
  assert.match(decodeURIComponent(page.url()), /adam;lr=0\.01/);
  assert.equal(await page.locator('#optim-preset').inputValue(), '', 'no longer the book preset');
  assert.deepEqual(problems, []);
});

test('a bad expression is explained and the page keeps working', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('combobox', { name: 'Surface' }).selectOption('custom');
  const box = page.getByRole('textbox', { name: /your function/i });
  await box.fill('x^2 + * y');
  await box.press('Enter');
  const alert = page.locator('#optim-expr-error');
  await assert.doesNotReject(alert.getByText(/position 7/).waitFor());
  await box.fill('x^2/20 + y^2/2');
  await box.press('Enter');
  await page.getByText('f(x, y) = x^2/20 + y^2/2').waitFor();
  assert.equal(await alert.textContent(), '');
  assert.ok((await readouts(page)).every((r) => r.status === 'ok'));
  assert.deepEqual(problems, []);
});

test('a drag on the plot moves the start point', async () => {
  const { page, problems } = await openPage();
  const box = await page.locator('#optim-fg').boundingBox();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.25, { steps: 4 });
  await page.mouse.up();
  const x = Number(await page.getByRole('spinbutton', { name: 'x' }).inputValue());
  const y = Number(await page.getByRole('spinbutton', { name: 'y' }).inputValue());
  assert.ok(x > 2 && x < 8, `x = ${x}`);
  assert.ok(y > 1 && y < 5, `y = ${y}`);
  assert.match(page.url(), /start=/);
  assert.deepEqual(problems, []);
});

test('CSV export downloads every point', async () => {
  const { page, problems } = await openPage();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /download csv/i }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'optimizer,run,step,x,y,f,lr');
  assert.equal(lines.length, 1 + 4 * 30);
  assert.match(lines[1], /^sgd,1,0,-7,2,6\.45,$/);
  assert.deepEqual(problems, []);
});

test('presets, playback, divergence and links', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('saddle');
  assert.match(await page.locator('#optim-sentence').textContent(), /saddle/i);
  assert.match(page.url(), /surface=saddle/);
  const full = await inkedFraction(page, '#optim-fg');
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.ok((await readouts(page)).every((r) => r.step === 0));
  // The path layer is redrawn from scratch: at step 0 only the start and the legend remain.
  assert.ok((await inkedFraction(page, '#optim-fg')) < full * 0.7, 'old paths were not cleared');
  await page.getByRole('button', { name: 'Step' }).click();
  assert.ok((await readouts(page)).every((r) => r.step === 1));
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('240');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('#optim-readouts td:nth-child(2)').textContent) >= 60, null, { timeout: 5000 });
  await screenshot(page, 'optim-saddle');

  // A huge learning rate: the run is shown as diverged, the others go on.
  await page.getByRole('slider', { name: /sgd learning rate/i }).fill('1');
  await page.getByRole('slider', { name: /sgd learning rate/i }).fill('1');
  const sgd = (await readouts(page))[0];
  assert.ok(sgd.status.startsWith('ok') || sgd.status.startsWith('diverged'));

  const linked = await openPage({ hash: '#runs=sgd;lr=1.2&steps=50&start=0,2' });
  const rows = await readouts(linked.page);
  assert.equal(rows.length, 1);
  assert.match(rows[0].status, /diverged at step \d+/);
  assert.deepEqual(linked.problems, []);

  const bad = await openPage({ hash: '#runs=sgd,lr:-3&surface=x^^2' });
  const notice = await bad.page.locator('#notice').textContent();
  assert.match(notice, /learning rate η must be from 1e-6 to 10, got -3/);
  assert.match(notice, /surface=/);
  assert.equal((await readouts(bad.page)).length, 4, 'falls back to the book figure');
  assert.deepEqual(bad.problems, []);
  assert.deepEqual(problems, []);
});

test('L-BFGS and BFGS race down Rosenbrock\'s valley, with a memory slider and a link that keeps it', async () => {
  const { page, problems } = await openPage({ hash: '#lab=optim&lang=en' });
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('lbfgs-rosenbrock');
  assert.match(await page.locator('#optim-sentence').textContent(), /L-BFGS in 35/);
  const rows = await readouts(page);
  // Newton, BFGS and both L-BFGS runs end on (1, 1); Momentum and Adam do not.
  for (const r of rows.slice(0, 4)) assert.deepEqual([r.x, r.y], ['1', '1'], JSON.stringify(r));
  assert.notEqual(rows[4].x, '1');
  // The memory is a slider of its own, written into the link.
  const memory = page.getByRole('slider', { name: 'L-BFGS memory m' }).first();
  await memory.fill('3');
  await page.waitForFunction(() => /lbfgs;lr=1;memory=3/.test(decodeURIComponent(location.hash)));
  assert.equal((await readouts(page))[2].x, '1');
  // A memory out of range in a hand-typed link is refused with a sentence, the page stays.
  await page.goto(page.url().replace(/memory=3/, 'memory=50'));
  await page.getByText(/memory m must be a whole number from 1 to 20/).first().waitFor();
  await page.locator('#optim-fg').scrollIntoViewIfNeeded();
  await screenshot(page, 'optim-lbfgs-rosenbrock');
  assert.deepEqual(problems, []);
});

test('the quadratic model: the bowl\'s numbers, its axes drawn, and SGD and Momentum snapped to their optimum', async () => {
  const { page, problems } = await openPage({ hash: '#lab=optim&lang=en' });
  const table = page.getByRole('table', { name: /quadratic model/ });
  assert.match(await table.textContent(), /Condition number κ = λ₁\/λ₂20/);
  assert.match(await table.textContent(), /η = 0\.952/);
  assert.match(await page.locator('#optim-sentence').textContent(), /2\/2\.1 ≈ 0\.952/);
  const before = await inkedFraction(page, '#optim-fg');
  await page.getByRole('checkbox', { name: "Hessian's eigenvectors on the plot" }).check();
  await page.waitForFunction(() => /axes=1/.test(location.hash));
  assert.ok((await inkedFraction(page, '#optim-fg')) > before, 'the axes are drawn');
  const momentumBefore = Number((await readouts(page))[1].f);
  await page.getByRole('button', { name: 'Snap to the optimal step: optimizer 1 (SGD)' }).click();
  await page.getByRole('button', { name: 'Snap to the optimal step: optimizer 2 (Momentum)' }).click();
  const hash = decodeURIComponent(new URL(page.url()).hash);
  assert.match(hash, /sgd;lr=0\.952380952/);
  assert.match(hash, /momentum;lr=1\.33581\d*;momentum=0\.402605/);
  // The heavy ball at its optimum ends far lower than the book's Momentum (0.1, 0.9).
  assert.ok(Number((await readouts(page))[1].f) < momentumBefore / 1000);
  // Why Newton cannot scale: the MNIST lab's network is the marked row.
  const marked = page.getByRole('table', { name: /Why Newton cannot scale/ }).locator('tr.marked');
  assert.match(await marked.textContent(), /784-100×4-10.*109,810.*48\.2 GB.*48\.2 GB.*8\.78 MB/);
  // Rosenbrock is no quadratic: the table says the numbers hold near the start only; no snap.
  await page.getByRole('combobox', { name: 'Surface' }).selectOption('rosenbrock');
  await table.getByText(/near the start \(-7, 2\) only/).waitFor();
  await page.locator('#optim-quadratic').scrollIntoViewIfNeeded();
  await screenshot(page, 'optim-quadratic');
  // In Korean.
  await page.getByRole('combobox', { name: /Language/ }).selectOption('ko');
  await page.getByRole('table', { name: /2차 모델/ }).getByText(/시작점/).waitFor();
  assert.deepEqual(problems, []);
});

test("one update taken apart: Adam's first step, Momentum's velocity, and the arrows follow the step slider", async () => {
  const { page, problems } = await openPage({ hash: '#lab=optim&lang=en' });
  const table = page.getByRole('table', { name: /taken apart/ });
  assert.equal(await table.count(), 0, 'no table until an optimizer is chosen');
  await page.getByRole('slider', { name: 'Step shown' }).fill('1');
  const before = await inkedFraction(page, '#optim-fg');
  await page.getByRole('combobox', { name: /update is taken apart/ }).selectOption({ label: '4. Adam' });
  await page.waitForFunction(() => /apart=4/.test(location.hash));
  // Worked by hand in src/optim/anatomy.rs: from (−7, 2) the gradient is (−0.7, 4), the bias
  // correction √0.001/0.1 ≈ 0.316, and the step η·(1, −1) = (0.3, −0.3).
  assert.match(await page.getByRole('table', { name: 'Update 1 of Adam η=0.3, taken apart' }).textContent(), /Gradient ∇f\(-0\.7, 4\).*Bias correction.*0\.316.*Step Δw\(0\.3, -0\.3\)/);
  assert.ok((await inkedFraction(page, '#optim-fg')) > before, 'the arrows are drawn');
  await screenshot(page, 'optim-anatomy-adam');
  // Momentum's second update: αv = 0.9·(0.07, −0.4), −η∇f = −0.1·(−0.693, 3.2).
  await page.getByRole('combobox', { name: /update is taken apart/ }).selectOption({ label: '2. Momentum' });
  await page.getByRole('slider', { name: 'Step shown' }).fill('2');
  const text = await page.getByRole('table', { name: /Update 2 of Momentum/ }).textContent();
  assert.match(text, /Velocity term αv\(0\.063, -0\.36\).*Gradient term −η∇f\(0\.0693, -0\.32\).*Step Δw\(0\.132, -0\.68\)/);
  // Stepping moves the update taken apart with the path.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('table', { name: /Update 3 of Momentum/ }).waitFor();
  assert.equal(await page.getByRole('slider', { name: 'Step shown' }).inputValue(), '3');
  // In Korean, and off again.
  await page.getByRole('combobox', { name: /Language/ }).selectOption('ko');
  await page.getByRole('table', { name: /모멘텀|Momentum/ }).getByText('속도 항 αv').waitFor();
  await page.locator('#optim-apart').selectOption('none');
  await page.waitForFunction(() => document.getElementById('optim-anatomy-wrap').hidden);
  assert.deepEqual(problems, []);
});

test('the 3-D view: the shaded surface with the paths, turned by a drag and by the arrow keys, and exported', async () => {
  const { page, problems } = await openPage({ hash: '#lab=optim&lang=en' });
  await page.getByRole('combobox', { name: 'View' }).selectOption('3d');
  const surface = page.getByRole('img', { name: /surface in 3-D/ });
  await page.getByText('Drag the surface, or focus it and use the arrow keys, to turn it.').waitFor();
  // Opaque: the mesh, its shading and the paths cover the plot.
  assert.ok((await inkedFraction(page, '#optim-fg')) > 0.2, 'the mesh is drawn');
  const before = await surface.screenshot();
  // A drag to the right turns the surface about the vertical axis (0.5° a pixel).
  const box = await surface.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => /yaw=10(&|$)/.test(location.hash));
  assert.match(page.url(), /plot=3d/);
  assert.ok(!/start=/.test(page.url()), 'a drag in 3-D turns the view, it does not move the start');
  // The arrow keys turn and tilt it by 5°, and do not step the paths.
  await surface.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => /yaw=5(&|$)/.test(location.hash) && /pitch=35/.test(location.hash));
  assert.equal(await page.getByRole('slider', { name: 'Step shown' }).inputValue(), '29');
  assert.notDeepEqual(await surface.screenshot(), before, 'the picture turned');
  await screenshot(page, 'optim-3d');
  // The SVG export draws the same view.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download SVG' }).click();
  const svg = await readFile(await (await download).path(), 'utf8');
  assert.match(svg, /Height f\(x, y\), cut flat above/);
  // A link opens the 3-D view as it was turned.
  const { page: again } = await openPage({ hash: '#lab=optim&plot=3d&yaw=-60&pitch=70' });
  assert.equal(await again.getByRole('combobox', { name: 'View' }).inputValue(), '3d');
  assert.ok((await inkedFraction(again, '#optim-fg')) > 0.15, 'seen from above, the mesh still covers the plot');
  assert.deepEqual(problems, []);
});
