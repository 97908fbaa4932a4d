// The reflection prompts from the product brief, as one-click starting points for an entry.
// Pure: no DOM, so `node --test` can check it.

export const REFLECTION_PROMPTS = [
  {
    id: 'sounding-board',
    text: 'Who is my sounding board?',
    hint: 'Whose judgement do you seek before you decide?',
  },
  {
    id: 'has-my-back',
    text: 'Who has my back in a meeting if I have to step away?',
    hint: 'Who covers for you, and for whom do you?',
  },
  {
    id: 'equals',
    text: 'Am I treating my cross-functional peers as equals or as minions?',
    hint: 'Whose side of the problem have you asked for lately?',
  },
  {
    id: 'what-kind',
    text: 'What kind of partner am I, and what kind do I want to be?',
    hint: 'A two-way street: what have you given, what have you asked?',
  },
];

/** The tag every answer to `prompt` carries, so its answers over time can be read together. */
export function promptTag(prompt) {
  return `reflect-${prompt.id}`;
}

/**
 * The editor's starting point for a prompt about a partner: a reflection, linked to them,
 * private, tagged as an answer to the prompt, with the prompt as its first line and the cursor
 * on the line after.
 */
export function promptDraft(prompt, partner) {
  return {
    body: `${prompt.text}\n\n`,
    kind: 'reflection',
    tags: [promptTag(prompt)],
    partners: partner ? [{ id: partner.id, name: partner.name }] : [],
    shareable: false,
  };
}

/** An answer without the prompt it starts with (as `promptDraft` wrote it), on its own. */
export function answerText(body, prompt) {
  const text = String(body ?? '');
  const rest = text.startsWith(prompt.text) ? text.slice(prompt.text.length) : text;
  return rest.trim();
}

/**
 * What a prompt's card says of its answers about a partner (`Partner.reflections`): "2 answers,
 * last Jan 2025", or null before the first.
 */
export function answersLabel(prompt, reflections, monthOf) {
  const found = (reflections ?? []).find((r) => r.tag === promptTag(prompt));
  if (!found || found.answers === 0) return null;
  const answers = found.answers === 1 ? 'Your answer' : `Your ${found.answers} answers`;
  return `${answers}, last ${monthOf(found.last_at)}`;
}
