// Assembles the app: the api, the views and the controllers that wire them. Nothing else.

import { createApi } from './api.js';
import { Controller } from './controller.js';
import { EditorView } from './editor-view.js';
import { AutoLock, readAutoLockMinutes, writeAutoLockMinutes } from './idle.js';
import { JournalController } from './journal-controller.js';
import { PaletteView } from './palette-view.js';
import { PartnersView } from './partners-view.js';
import { ReaderView } from './reader-view.js';
import { ShellView } from './shell-view.js';
import { TimelineView } from './timeline-view.js';
import { View } from './view.js';

const api = createApi();
const shell = new ShellView(document);
const timeline = (name, mode = 'live') =>
  new TimelineView(document, {
    container: document.querySelector(`[data-timeline="${name}"]`),
    end: document.querySelector(`[data-timeline-end="${name}"]`),
    scroller: shell.scroller,
    mode,
  });

let controller = null;
const autoLock = new AutoLock({
  minutes: readAutoLockMinutes(globalThis.localStorage),
  onIdle: () => controller.lockWhenIdle(),
});
const session = {
  lock: () => controller.lock(),
  vaultGone: (error) => controller.vaultGone(error),
  autoLockMinutes: () => autoLock.minutes,
  setAutoLockMinutes: (minutes) => autoLock.setMinutes(writeAutoLockMinutes(globalThis.localStorage, minutes)),
};
const journal = new JournalController(
  api,
  {
    shell,
    timelines: { journal: timeline('journal'), partner: timeline('partner'), trash: timeline('trash', 'trash') },
    editor: new EditorView(document),
    reader: new ReaderView(document),
    partners: new PartnersView(document),
    palette: new PaletteView(document),
  },
  session,
);
shell.bindActivity(() => autoLock.touch());
controller = new Controller(api, new View(document), { journal, autoLock });
controller.start();
