// dist/ on a host that sends no custom header: Python's plain static server
// on 127.0.0.1. The page loads without a console error, its service worker
// (at the folder's root) takes control, and once the server has stopped the
// page opens again from the kept copy and trains a network on the digits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { screenshot } from './harness.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
let browser;
let server;

/** Starts `python3 -m http.server` on a free port of 127.0.0.1; resolves to its URL. */
function serve() {
  server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', join(ROOT, 'dist')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    server.stdout.on('data', (chunk) => {
      said += chunk;
      const port = said.match(/port (\d+)/);
      if (port) resolve(`http://127.0.0.1:${port[1]}/`);
    });
    server.on('exit', (code) => reject(new Error(`http.server stopped (${code}): ${said}`)));
  });
}

before(() => {
  // The engine in www/pkg is the one the other browser tests use.
  execFileSync('bash', [join(ROOT, 'scripts', 'dist.sh'), '--no-build'], { stdio: 'inherit' });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

test('dist/ from a plain static server: no console error, then offline it opens again and trains', async () => {
  const url = await serve();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(`${url}#lab=mnist&lang=en`);
  await page.waitForFunction(() => !document.body.classList.contains('is-loading'), null, { timeout: 30_000 });
  // The worker is the one at the folder's root, and it controls the page.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).active.scriptURL);
  assert.equal(scope, `${url}sw.js`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.getByText(/10,000 bundled digits/).waitFor({ timeout: 60_000 });
  assert.deepEqual(problems, []);

  // The network goes: the server stops. The page opens again from the kept copy.
  server.kill();
  await new Promise((resolve) => server.once('exit', resolve));
  await page.reload();
  await page.waitForFunction(() => !document.body.classList.contains('is-loading'), null, { timeout: 30_000 });
  await page.getByText(/10,000 bundled digits/).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#mnist-runs tr td:nth-child(3)')]
    .some((td) => Number(td.textContent.split(' ')[0]) > 0), null, { timeout: 60_000 });
  await screenshot(page, 'dist-offline');
  assert.deepEqual(problems, [], 'offline, nothing failed');
  await context.close();
});
