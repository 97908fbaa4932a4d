// Support given and received on a partner's page: the balance per year as rows of a two-sided
// chart, and the draft a "They supported you" / "You supported them" button opens. Pure: no DOM,
// so `node --test` can check it.

import { count } from './format.js';

/** How many years the partner's page draws one by one; earlier ones are summed in one line. */
export const SUPPORT_YEARS_SHOWN = 8;

/**
 * The page's rows for a balance (`Partner.support`: {given, received, years: [{year, given,
 * received}] oldest first}): the latest years newest first, each side's bar as a share of the
 * largest count shown (0 to 1); `earlier` sums the years before them (null when there are none).
 */
export function supportRows(balance, shown = SUPPORT_YEARS_SHOWN) {
  const years = [...(balance?.years ?? [])].reverse();
  const latest = years.slice(0, shown);
  const rest = years.slice(shown);
  const largest = Math.max(1, ...latest.flatMap((y) => [y.given, y.received]));
  const rows = latest.map((y) => ({
    year: y.year,
    given: y.given,
    received: y.received,
    givenShare: y.given / largest,
    receivedShare: y.received / largest,
    said: `${y.year}: ${count(y.given, 'time')} you supported them, ${count(y.received, 'time')} they supported you`,
  }));
  const earlier =
    rest.length === 0
      ? null
      : {
          from: rest.at(-1).year,
          to: rest[0].year,
          given: rest.reduce((sum, y) => sum + y.given, 0),
          received: rest.reduce((sum, y) => sum + y.received, 0),
        };
  return { rows, earlier };
}

/** "You supported them 3 times · they supported you 5 times", or null before any is recorded. */
export function supportTotals(balance) {
  const given = balance?.given ?? 0;
  const received = balance?.received ?? 0;
  if (given + received === 0) return null;
  return `You supported them ${count(given, 'time')} · they supported you ${count(received, 'time')}`;
}

/**
 * The editor's draft for support recorded from a page: linked to `partners` ([{id, name}]),
 * `direction` "given" or "received", starting from the commonest act (covering), which the
 * editor's Support field changes.
 */
export function supportDraft(partners, direction) {
  return {
    body: '',
    kind: 'note',
    tags: [],
    partners: partners.map(({ id, name }) => ({ id, name })),
    shareable: false,
    support: { direction: direction === 'given' ? 'given' : 'received', act: 'covered' },
  };
}
