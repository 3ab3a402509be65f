// The page's two languages. English text is the key; `ko.js` holds the Korean
// for each. Static text in index.html is translated in place (the English is
// kept to switch back); text built by the scripts goes through `t()`.
import { KO } from './ko.js';

let current = 'en';

/** The language the page speaks now: 'en' or 'ko'. */
export function language() {
  return current;
}

/**
 * The text of `english` in the current language, with `{name}` filled from
 * `values`. Text without a Korean entry stays English (a test lists them).
 */
export function t(english, values = {}) {
  const template = current === 'ko' ? (KO[english] ?? english) : english;
  return template.replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(values, key) ? String(values[key]) : whole));
}

const ATTRIBUTES = ['aria-label', 'placeholder', 'title'];
const originalText = new WeakMap();
const originalAttributes = new WeakMap();

function translated(english) {
  const key = english.trim();
  if (current !== 'ko' || key === '' || !Object.hasOwn(KO, key)) return english;
  return english.replace(key, KO[key]);
}

/** Switches `root`'s static text and labelling attributes to `lang`. */
export function translatePage(lang, root = document.body) {
  current = lang === 'ko' ? 'ko' : 'en';
  document.documentElement.lang = current;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('[data-i18n-skip]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!originalText.has(node)) originalText.set(node, node.data);
    const next = translated(originalText.get(node));
    if (node.data !== next) node.data = next;
  }
  for (const element of root.querySelectorAll(ATTRIBUTES.map((a) => `[${a}]`).join(','))) {
    if (element.closest('[data-i18n-skip]')) continue;
    let saved = originalAttributes.get(element);
    if (!saved) {
      saved = new Map(ATTRIBUTES.filter((a) => element.hasAttribute(a)).map((a) => [a, element.getAttribute(a)]));
      originalAttributes.set(element, saved);
    }
    for (const [attribute, english] of saved) element.setAttribute(attribute, translated(english));
  }
  const title = document.querySelector('title');
  if (title) {
    if (!originalText.has(title)) originalText.set(title, title.textContent);
    title.textContent = translated(originalText.get(title));
  }
}
