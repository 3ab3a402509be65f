// Shared set-up of the browser tests: a static server on 127.0.0.1 (random
// port) and Debian's headless Chromium driven by Playwright. Every test file
// calls `openPage()` in `before` and `closeAll()` in `after`, so the server
// and browser always stop.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

export const SHOTS = join(import.meta.dirname, '..', '..', 'target', 'e2e');

let server;
let browser;
let pkg;

/**
 * Serves the engine from `dir` (relative to the project) instead of www/pkg
 * for this file's tests: `target/pkg-test` holds the copy built with
 * `--test-hooks`. Call it before the first `openPage`.
 */
export function usePackage(dir) {
  pkg = dir;
}

/**
 * Opens the page (optionally at a hash, after `before(page)` has set up
 * routes) in a fresh context; returns
 * { page, url, problems } where problems collects console errors, page
 * errors and failed requests for the test to assert empty.
 */
export async function openPage({ hash = '', path = '', viewport = { width: 1280, height: 720 }, before, context: options = {}, wait = true } = {}) {
  if (!server) {
    const started = await startServer({ port: 0, pkg });
    server = started;
  }
  if (!browser) {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }
  const context = await browser.newContext({ viewport, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  if (before) await before(page);
  await page.goto(server.url + path + hash);
  if (wait) await page.waitForFunction(() => !document.body.classList.contains('is-loading'), null, { timeout: 30_000 });
  return { page, context, url: server.url, problems };
}

/** Stops the browser and the server. */
export async function closeAll() {
  await browser?.close();
  browser = undefined;
  await new Promise((resolve) => (server ? server.server.close(resolve) : resolve()));
  server = undefined;
}

/** Fraction of a canvas's pixels that are drawn (not white, not transparent). */
export function inkedFraction(page, selector) {
  return page.$eval(selector, (canvas) => {
    const { width, height } = canvas;
    if (width === 0 || height === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) inked++;
    }
    return inked / (width * height);
  });
}

/** Saves a screenshot under target/e2e/ for people to look at. */
export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
