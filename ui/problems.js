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

/** The partners who could still be added as allies: not archived, not shared with, not allies yet. */
export function allyCandidates(problem, partners) {
  const taken = new Set([
    ...(problem?.shared_with ?? []).map((p) => p.id),
    ...(problem?.allies ?? []).map((a) => a.partner?.id),
  ]);
  return (partners ?? []).filter((p) => !p.archived && !taken.has(p.id));
}
