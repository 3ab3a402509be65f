// A small static file server for the page: loopback only, correct MIME types
// (browsers only stream-compile wasm served as application/wasm), no directory
// listings, nothing but index.html and www/; 400 for a malformed path, 405
// for a method other than GET and HEAD.
//
// As a program: node scripts/static-server.mjs [port]   (PORT also works)
// As a module:  const { server, url } = await startServer({ port: 0 });
//   `pkg` serves the engine (www/pkg/) from another folder, as the browser
//   tests do with their copy that can panic on purpose (target/pkg-test).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.md': 'text/plain; charset=utf-8',
};

function answer(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

async function handle(req, res, pkg) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    answer(res, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
    return;
  }
  let path;
  try {
    path = normalize(decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
  } catch {
    answer(res, 400, 'The path is not properly encoded.');
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const pkgPrefix = `${sep}www${sep}pkg${sep}`;
  const file = pkg && path.startsWith(pkgPrefix) ? join(pkg, path.slice(pkgPrefix.length)) : join(ROOT, path);
  // Only the page and its assets are served: index.html and www/.
  const inside = file.startsWith(ROOT + sep) || (pkg && file.startsWith(pkg + sep));
  const allowed = path === `${sep}index.html` || path.startsWith(`${sep}www${sep}`);
  const blocked = !inside || !allowed || /(^|[\\/])\./.test(path.slice(1));
  try {
    if (blocked || !(await stat(file)).isFile()) throw new Error('not found');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      // The offline worker lives in www/ but serves the whole page.
      ...(path === `${sep}www${sep}sw.js` ? { 'Service-Worker-Allowed': '/' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    answer(res, 404, 'Not found');
  }
}

/** Starts the server on 127.0.0.1; resolves to { server, url }. */
export function startServer({ port = 8000, host = '127.0.0.1', pkg } = {}) {
  const pkgDir = pkg ? join(ROOT, pkg) : undefined;
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handle(req, res, pkgDir).catch(() => answer(res, 500, 'The file could not be read.'));
    });
    server.on('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolve({ server, url: `http://${host}:${bound}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8000);
  const { url } = await startServer({ port });
  console.log(`Descent is served at ${url}  (Ctrl+C to stop)`);
}
