// The meeting screen's captured actions and decisions (drawn with Edit and Delete under each),
// and its small inline editors: an agenda item's words, an action's text, owner and due date, a
// decision's words, agreement and date to decide again. Each editor replaces the row it edits
// with a form; the meeting view draws the row again once the change is saved or cancelled. Pure
// DOM building: nothing here talks to Rust.

import { element, field as named } from './dom.js';
import { dateLabel, ownerLabel } from './meetings.js';

let next = 0;

function field(doc, label, control) {
  next += 1;
  control.id = `capture-edit-${next}`;
  const wrap = element(doc, 'div', 'field capture-edit-field');
  const tag = element(doc, 'label', '', label);
  tag.htmlFor = control.id;
  wrap.append(tag, control);
  return wrap;
}

function input(doc, name, value, type = 'text') {
  const control = element(doc, 'input');
  control.type = type;
  control.name = name;
  control.value = value ?? '';
  control.autocomplete = 'off';
  return control;
}

function select(doc, name, pairs, value) {
  const control = element(doc, 'select');
  control.name = name;
  for (const [v, label] of pairs) {
    const option = element(doc, 'option', '', label);
    option.value = v;
    control.append(option);
  }
  control.value = value;
  return control;
}

function buttons(doc) {
  const save = element(doc, 'button', 'button button--primary button--small', 'Save');
  save.type = 'submit';
  const cancel = element(doc, 'button', 'button button--quiet button--small', 'Cancel');
  cancel.type = 'button';
  cancel.dataset.editCancel = '';
  const row = element(doc, 'div', 'capture-edit-actions');
  row.append(save, cancel);
  return row;
}

/** A form for an action: {text, owner, due} ("" clears the due date). */
export function actionEditor(doc, action, owners) {
  const form = element(doc, 'form', 'capture-edit');
  form.noValidate = true;
  form.dataset.editAction = String(action.id);
  form.append(
    field(doc, 'Action', input(doc, 'text', action.text)),
    field(doc, 'Owner', select(doc, 'owner', owners, action.owner)),
    field(doc, 'Due', input(doc, 'due', action.due ?? '', 'date')),
    buttons(doc),
  );
  return form;
}

/** A form for a decision: {text, agreed ("true"/"false"), revisit_on ("" clears it)}. */
export function decisionEditor(doc, decision) {
  const form = element(doc, 'form', 'capture-edit');
  form.noValidate = true;
  form.dataset.editDecision = String(decision.id);
  form.append(
    field(doc, 'Decision', input(doc, 'text', decision.text)),
    field(doc, 'Agreed?', select(doc, 'agreed', [['true', 'Agreed'], ['false', 'Still open']], String(Boolean(decision.agreed)))),
    field(doc, 'Decide again on', input(doc, 'revisit_on', decision.revisit_on ?? '', 'date')),
    buttons(doc),
  );
  return form;
}

/** A form for an agenda item's words. */
export function itemEditor(doc, item) {
  const form = element(doc, 'form', 'capture-edit agenda-edit');
  form.noValidate = true;
  form.dataset.editItem = String(item.id);
  form.append(field(doc, 'Agenda item', input(doc, 'text', item.text)), buttons(doc));
  return form;
}

/** The `update_action` edit from an action form's values. */
export function actionEdit({ text = '', owner, due = '' }) {
  return due ? { text, owner, due } : { text, owner, clear_due: true };
}

/** The `update_decision` edit from a decision form's values. */
export function decisionEdit({ text = '', agreed = 'true', revisit_on: revisitOn = '' }) {
  const edit = { text, agreed: agreed === 'true' };
  return revisitOn ? { ...edit, revisit_on: revisitOn } : { ...edit, clear_revisit: true };
}

/** Whether an agenda item's words may be edited here (its own, or an earlier topic carried in). */
export function itemEditable(item) {
  return !item.carried || item.carried.kind === 'agenda';
}

/** Draws the actions and decisions captured in `meeting` in the side lists of `view`. */
export function renderCaptured(doc, view, meeting, today) {
  const actions = named(view, 'action-list');
  actions.replaceChildren(
    ...(meeting.actions ?? []).map((action) => {
      const li = element(doc, 'li', 'capture-item');
      const label = element(doc, 'label', 'check check--inline');
      const box = element(doc, 'input');
      box.type = 'checkbox';
      box.checked = Boolean(action.done_at);
      box.dataset.doneAction = String(action.id);
      label.append(box, element(doc, 'span', 'capture-text', action.text));
      const meta = [ownerLabel(action.owner)];
      if (action.due) meta.push(`due ${dateLabel(action.due)}`);
      if (action.due && !action.done_at && action.due < today) meta.push('overdue');
      li.append(label, element(doc, 'p', 'capture-meta', meta.join(' · ')), rowButtons(doc, 'action', action));
      if (action.done_at) li.classList.add('capture-item--done');
      return li;
    }),
  );
  if (!actions.children.length) actions.append(element(doc, 'li', 'capture-empty', 'None yet. Press A on an item, or type below.'));
  const decisions = named(view, 'decision-list');
  decisions.replaceChildren(
    ...(meeting.decisions ?? []).map((decision) => {
      const li = element(doc, 'li', 'capture-item');
      li.append(element(doc, 'p', 'capture-text', decision.text));
      const meta = [decision.agreed ? 'Agreed' : 'Still open'];
      if (decision.revisit_on) meta.push(`decide again ${dateLabel(decision.revisit_on)}`);
      li.append(element(doc, 'p', 'capture-meta', meta.join(' · ')), rowButtons(doc, 'decision', decision));
      li.dataset.agreed = String(decision.agreed);
      return li;
    }),
  );
  if (!decisions.children.length) decisions.append(element(doc, 'li', 'capture-empty', 'None yet. Press Shift D on an item, or type below.'));
}

/** "Edit" and "Delete" under a captured action or decision. */
function rowButtons(doc, kind, thing) {
  const row = element(doc, 'div', 'capture-row-buttons');
  const edit = element(doc, 'button', 'text-button', 'Edit');
  edit.type = 'button';
  edit.dataset.captureEdit = `${kind}:${thing.id}`;
  edit.setAttribute('aria-label', `Edit ${kind}: ${thing.text}`);
  const remove = element(doc, 'button', 'text-button', 'Delete');
  remove.type = 'button';
  remove.dataset.captureDelete = `${kind}:${thing.id}`;
  remove.setAttribute('aria-label', `Delete ${kind}: ${thing.text}`);
  row.append(edit, remove);
  return row;
}
