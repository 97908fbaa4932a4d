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

/**
 * The editor's starting point for a prompt about a partner: a reflection, linked to them,
 * private, with the prompt as its first line and the cursor on the line after.
 */
export function promptDraft(prompt, partner) {
  return {
    body: `${prompt.text}\n\n`,
    kind: 'reflection',
    tags: [],
    partners: partner ? [{ id: partner.id, name: partner.name }] : [],
    shareable: false,
  };
}
