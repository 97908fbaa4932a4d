// The follow-ups view's pure parts: the choices of each tab, the api arguments a filter makes,
// and the rows drawn from what the api answers. No DOM: `node --test` checks it.

import { dateLabel, ownerLabel } from './meetings.js';
import { stageLabel } from './problems.js';

/** The "which" choices per tab, as [value, label]; the first is the default. */
export const FOLLOWUP_CHOICES = {
  actions: [
    ['open', 'All open'],
    ['mine', 'Mine'],
    ['theirs', 'Theirs'],
    ['overdue', 'Overdue'],
    ['all', 'Open and done'],
  ],
  decisions: [
    ['all', 'All decisions'],
    ['open', 'Not settled'],
  ],
  problems: [
    ['open', 'Open'],
    ['closed', 'Closed'],
    ['all', 'Open and closed'],
  ],
};

/** The `list_actions` filter for a follow-ups filter on the actions tab. */
export function actionFilter({ text, partnerId, which }, today) {
  const filter = { open: which !== 'all' };
  if (which === 'mine') filter.owner = 'me';
  if (which === 'theirs') filter.owner = 'them';
  if (which === 'overdue') filter.overdue_on = today;
  if (partnerId) filter.partner_id = partnerId;
  if (text) filter.text = text;
  return filter;
}

/** Problems kept for a filter on the problems tab (the api lists them all). */
export function filterProblems(problems, { text, partnerId, which }) {
  const words = String(text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return (problems ?? []).filter(
    (p) =>
      (which === 'all' || (which === 'closed') === Boolean(p.closed_at)) &&
      (!partnerId || (p.shared_with ?? []).some((s) => s.id === partnerId) || (p.allies ?? []).some((a) => a.partner?.id === partnerId)) &&
      words.every((w) => p.title.toLowerCase().includes(w)),
  );
}

const names = (partners) => (partners ?? []).map((p) => p.name).join(', ');

/**
 * The rows of a tab: {text, meta, open: {kind, id}, openLabel, actionId?, done?, overdue?}.
 * `today` (YYYY-MM-DD) judges what is overdue.
 */
export function followUpRows(tab, items, today) {
  if (tab === 'actions') {
    return (items ?? []).map((a) => {
      const overdue = Boolean(a.due && !a.done_at && a.due < today);
      const meta = [ownerLabel(a.owner)];
      if (a.due) meta.push(`due ${dateLabel(a.due)}${overdue ? ', overdue' : ''}`);
      if (a.partners?.length) meta.push(`with ${names(a.partners)}`);
      return { text: a.text, meta: meta.join(' · '), open: { kind: 'meeting', id: a.origin_meeting }, openLabel: 'Meeting', actionId: a.id, done: Boolean(a.done_at), overdue };
    });
  }
  if (tab === 'decisions') {
    return (items ?? []).map((d) => {
      const meta = [d.closed_at ? 'Settled' : d.agreed ? 'Agreed' : 'Not agreed yet'];
      if (d.revisit_on && !d.closed_at) meta.push(`decide again ${dateLabel(d.revisit_on)}`);
      meta.push(`${dateLabel(String(d.origin_at).slice(0, 10))}${d.partners?.length ? ` with ${names(d.partners)}` : ''}`);
      return { text: d.text, meta: meta.join(' · '), open: { kind: 'meeting', id: d.origin_meeting }, openLabel: 'Meeting' };
    });
  }
  return (items ?? []).map((p) => ({
    text: p.title,
    meta: [p.closed_at ? 'Closed' : stageLabel(p.stage, p.decide_again_on), `with ${names(p.shared_with)}`].join(' · '),
    open: { kind: 'problem', id: p.id },
    openLabel: 'Open',
  }));
}
