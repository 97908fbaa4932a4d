// Peer problems: the stages of the brief, stances, and the one change `update_problem` takes.
// Pure: no DOM, so `node --test` can check it.

/** The stages in order, as [value, label]. */
export const STAGES = [
  ['both_views', 'Both views heard'],
  ['options', 'Options'],
  ['agreement', 'Agreement'],
  ['allies', 'Allies'],
  ['managers', 'Presented to managers'],
  ['decide_again', 'Decide again'],
];

/** The stances an ally can take, as [value, label]. */
export const STANCES = [
  ['unknown', 'Unknown'],
  ['for', 'For'],
  ['against', 'Against'],
];

/** "Options", or "Decide again on 2026-12-01" for the last stage with its date. */
export function stageLabel(stage, decideAgainOn = null) {
  const found = STAGES.find(([value]) => value === stage);
  const label = found ? found[1] : String(stage ?? '');
  return stage === 'decide_again' && decideAgainOn ? `${label} on ${decideAgainOn}` : label;
}

/** Where `stage` is in the order (0-based), or -1. */
export function stageIndex(stage) {
  return STAGES.findIndex(([value]) => value === stage);
}

/** Each stage with its place relative to `current`: {value, label, state: "done"|"current"|"todo"}. */
export function stageSteps(current) {
  const at = stageIndex(current);
  return STAGES.map(([value, label], index) => ({
    value,
    label,
    state: index < at ? 'done' : index === at ? 'current' : 'todo',
  }));
}

/**
 * The change that moves a problem to `stage`: {stage} or {stage, decide_again_on}. Deciding
 * again needs a date (YYYY-MM-DD): without one, null (ask for it first).
 */
export function stageChange(stage, decideAgainOn = '') {
  if (stageIndex(stage) < 0) return null;
  if (stage !== 'decide_again') return { stage };
  const date = String(decideAgainOn ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? { stage, decide_again_on: date } : null;
}

export function stanceLabel(stance) {
  return STANCES.find(([value]) => value === stance)?.[1] ?? 'Unknown';
}

/** Open problems shared with `partnerId` (or where they are an ally), most recently changed first. */
export function partnerProblems(problems, partnerId) {
  return (problems ?? [])
    .filter((p) => !p.closed_at)
    .filter(
      (p) =>
        (p.shared_with ?? []).some((s) => s.id === partnerId) ||
        (p.allies ?? []).some((a) => a.partner?.id === partnerId),
    )
    .sort((a, b) => String(b.updated_at ?? '').localeCompare(String(a.updated_at ?? '')));
}

/** Who takes an ally's next step, as [value, label]. */
export const OWNERS = [
  ['me', 'Mine'],
  ['them', 'Theirs'],
  ['both', 'Ours'],
];

/** Both views are written: the stage may move on without asking. */
export function viewsWritten(problem) {
  return Boolean(String(problem?.my_view ?? '').trim() && String(problem?.their_view ?? '').trim());
}

/**
 * Moving `problem` to `stage` skips the worksheet: it is at "both views" without both written,
 * and `stage` comes later. The page then asks before moving on.
 */
export function skipsTheViews(problem, stage) {
  return problem?.stage === 'both_views' && stageIndex(stage) > 0 && !viewsWritten(problem);
}

/** "the org, customers ,, Dana" → ["the org", "customers", "Dana"]. */
export function splitWhom(text) {
  return String(text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The `views` change from the worksheet form's values. */
export function viewsChange({ my_view = '', their_view = '', why_it_matters = '', matters_to = '' }) {
  return { views: { my_view, their_view, why_it_matters, matters_to: splitWhom(matters_to) } };
}

/** How an ally is named in an `ally` change: by partner id or by person id. */
export function allyKey(ally) {
  return ally?.partner ? { partner_id: ally.partner.id } : { person_id: ally?.person?.id };
}

/**
 * What the ally box suggests for `text`: partners and people who are not on the problem yet
 * (people last), and, for a name nobody has, recording it as a person. Each is
 * {label, aside, value, create?}; `value` goes into the `ally` change as it is.
 */
export function allySuggestions(problem, partners, people, text, rank) {
  const typed = String(text ?? '').trim();
  const onIt = new Set((problem?.allies ?? []).map((a) => (a.partner ? `partner:${a.partner.id}` : `person:${a.person?.id}`)));
  const candidates = [
    ...allyCandidates(problem, partners).map((p) => ({ key: `partner:${p.id}`, name: p.name, aside: p.role || 'Partner', value: { partner_id: p.id } })),
    ...(people ?? []).map((p) => ({ key: `person:${p.id}`, name: p.name, aside: p.role || 'Not a partner', value: { person_id: p.id } })),
  ].filter((c) => !onIt.has(c.key));
  const found = rank(typed, candidates, (c) => c.name).map((c) => ({ label: c.name, aside: c.aside, value: c.value }));
  const known = [...(partners ?? []), ...(people ?? [])].some((p) => p.name.toLowerCase() === typed.toLowerCase());
  if (typed && !known) found.push({ label: `Add “${typed}”`, aside: 'Not a partner', value: { name: typed }, create: true });
  return found;
}

/** The partners who could still be added as allies: not archived, not shared with, not allies yet. */
export function allyCandidates(problem, partners) {
  const taken = new Set([
    ...(problem?.shared_with ?? []).map((p) => p.id),
    ...(problem?.allies ?? []).map((a) => a.partner?.id),
  ]);
  return (partners ?? []).filter((p) => !p.archived && !taken.has(p.id));
}

/** The problems linked to meeting `meetingId`, open ones first. */
export function meetingProblems(problems, meetingId) {
  return (problems ?? [])
    .filter((p) => (p.meetings ?? []).some((m) => m.id === meetingId))
    .sort((a, b) => Number(Boolean(a.closed_at)) - Number(Boolean(b.closed_at)));
}

/** The agenda section where a peer one-on-one hears both views (the peer template's second step). */
export const BOTH_VIEWS_SECTION = 'The problem';
