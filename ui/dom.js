// Small DOM helpers shared by the views. Text always goes in through textContent; HTML enters
// the page only as the app's own markup (index.html, ui/parts/) or through `sanitizedFragment`,
// for Markdown that Rust rendered and sanitized.

/** The element matching `selector` under `root`; a missing element is a bug in index.html. */
export function one(root, selector) {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`index.html is missing ${selector}`);
  return node;
}

/** The element with `data-field="name"` under `root`. */
export function field(root, name) {
  return one(root, `[data-field="${name}"]`);
}

/** A fresh copy of the first element of `<template id="id">`. */
export function cloneTemplate(doc, id) {
  const template = doc.getElementById(id);
  if (!template) throw new Error(`index.html is missing the template #${id}`);
  return template.content.firstElementChild.cloneNode(true);
}

/** An element with a class and text, built without markup. */
export function element(doc, tag, className = '', text = '') {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/**
 * HTML rendered and sanitized by Rust (pulldown-cmark + ammonia), parsed into an inert document
 * (scripts never run there) and adopted into this one as a fragment. Links open nothing: they
 * are turned into plain text spans, because the app navigates nowhere.
 */
export function sanitizedFragment(doc, html) {
  const parsed = new DOMParser().parseFromString(String(html ?? ''), 'text/html');
  for (const link of parsed.body.querySelectorAll('a')) {
    const span = parsed.createElement('span');
    span.className = 'prose-link';
    span.title = link.getAttribute('href') ?? '';
    span.append(...link.childNodes);
    link.replaceWith(span);
  }
  const fragment = doc.createDocumentFragment();
  for (const node of [...parsed.body.childNodes]) fragment.append(doc.importNode(node, true));
  return fragment;
}

const partFiles = new Map();

/**
 * Puts the markup and styles of a view that loads on first use into the page, once:
 * `ui/parts/<name>.html` and `ui/parts/<name>.css`. They are kept out of index.html and
 * style.css so that the first screen reads and parses less (docs/benchmarks.md). Each
 * `<section data-view-name>` of the part fills the empty section of that name that index.html
 * keeps in place; its dialogs and templates go at the end of `<body>`. Resolves once the
 * stylesheet has loaded too, so a view is never shown unstyled.
 */
export function loadPart(doc, name) {
  return Promise.all([
    partFile(`${name}.html`, () => partMarkup(doc, name)),
    partFile(`${name}.css`, () => partStyles(doc, name)),
  ]);
}

/** Each file is put in once; one that failed is forgotten, so that the next use tries again. */
function partFile(file, load) {
  let loaded = partFiles.get(file);
  if (!loaded) {
    loaded = load().catch((error) => {
      partFiles.delete(file);
      throw error;
    });
    partFiles.set(file, loaded);
  }
  return loaded;
}

async function partMarkup(doc, name) {
  const response = await fetch(`parts/${name}.html`);
  if (!response.ok) throw new Error(`ui/parts/${name}.html could not be read`);
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const node of [...parsed.body.children]) {
    if (node.matches('section[data-view-name]')) {
      const place = one(doc, `section[data-view-name="${node.dataset.viewName}"]`);
      place.append(...[...node.childNodes].map((child) => doc.importNode(child, true)));
    } else {
      doc.body.append(doc.importNode(node, true));
    }
  }
}

function partStyles(doc, name) {
  return new Promise((resolve, reject) => {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = `parts/${name}.css`;
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener(
      'error',
      () => {
        link.remove();
        reject(new Error(`ui/parts/${name}.css could not be read`));
      },
      { once: true },
    );
    doc.head.append(link);
  });
}

/**
 * A native `<dialog>` opened modally, with focus given back to where it was when it closes,
 * and a light fade. `onClose` runs after every close (Esc, a button, or `close()`).
 */
export class Modal {
  #dialog;
  #returnFocus = null;
  #onClose = [];

  constructor(dialog) {
    this.#dialog = dialog;
    dialog.addEventListener('close', () => {
      const target = this.#returnFocus;
      this.#returnFocus = null;
      for (const handler of this.#onClose) handler();
      if (target && target.isConnected && !target.closest('[hidden]')) target.focus({ preventScroll: true });
    });
    // A click on the backdrop (the dialog element itself, outside its content) closes it.
    dialog.addEventListener('mousedown', (event) => {
      if (event.target === dialog) this.requestClose();
    });
  }

  get element() {
    return this.#dialog;
  }

  get isOpen() {
    return this.#dialog.open;
  }

  /** Opens the dialog and focuses `focus` (or the dialog's first control). */
  open(focus = null) {
    if (!this.#dialog.open) {
      const active = this.#dialog.ownerDocument.activeElement;
      this.#returnFocus = active && active !== this.#dialog.ownerDocument.body ? active : null;
      this.#dialog.showModal();
    }
    if (focus) focus.focus({ preventScroll: true });
  }

  close() {
    if (this.#dialog.open) this.#dialog.close();
  }

  /** Asks to close, as Esc would: a `cancel` listener may say no. */
  requestClose() {
    const event = new Event('cancel', { cancelable: true });
    if (this.#dialog.dispatchEvent(event)) this.close();
  }

  /** Runs `handler` whenever the dialog has closed. */
  onClose(handler) {
    this.#onClose.push(handler);
  }

  /** Runs `handler(event)` when Esc asks to close; call event.preventDefault() to stay open. */
  onCancel(handler) {
    this.#dialog.addEventListener('cancel', handler);
  }

  /** Closes without giving focus back (the page behind is about to be cleared). */
  dismiss() {
    this.#returnFocus = null;
    this.close();
  }
}
