// The one door to Rust: the only module that calls `invoke`. Everything else imports `api`.
// The commands and their shapes are documented in docs/ipc.md.

/** Error kinds that mean the journal is no longer readable here: the vault closed or was never open. */
export const VAULT_GONE = new Set(['locked', 'no_vault', 'key_missing', 'keychain_unavailable']);

/**
 * The commands of the vault screens (and of choosing a backup where there is no vault): for them
 * a locked or absent vault is an answer the vault controller reads, not the end of a session.
 */
const VAULT_SCREEN_COMMANDS = new Set([
  'vault_status',
  'create_vault',
  'unlock_vault',
  'recover_vault',
  'lock_vault',
  'choose_backup',
  'restore_backup',
]);

/** An error from the app, with the `kind` the views branch on (see src-tauri/src/error.rs). */
export class ApiError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
  }
}

/**
 * Turns whatever a command rejected with into an ApiError. Rapport's commands reject with
 * `{kind, message}`; Tauri itself (a refused permission, arguments of the wrong type) rejects
 * with a plain string, which becomes kind "internal".
 */
export function toApiError(raw) {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.kind === 'string') {
    return new ApiError(raw.kind, String(raw.message ?? ''));
  }
  const message = typeof raw === 'string' && raw !== '' ? raw : 'Rapport could not complete that request';
  return new ApiError('internal', message);
}

/** Calls a command through the given IPC bridge (Tauri's internals object). */
export async function call(bridge, command, args = {}) {
  if (!bridge || typeof bridge.invoke !== 'function') {
    throw new ApiError('internal', 'this window is not connected to Rapport');
  }
  try {
    return await bridge.invoke(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

/** `args` without the keys whose value is undefined (absent arguments stay absent). */
function defined(args) {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
}

/**
 * The app's commands, one function each. `bridge` is replaceable for tests (undefined: Tauri's).
 *
 * `vaultGone(error)` is the one place that handles a vault that went away: when a journal
 * command finds the vault locked, absent or its key gone, it is told, and the call never settles.
 * The session the call belonged to is over (the vault screens show why), so no caller goes on
 * with it or shows an error of its own; the vault controller's handler does nothing when no vault
 * was open. Without a handler (tests of one module) such errors reject like any other.
 */
export function createApi(bridge = globalThis.__TAURI_INTERNALS__, { vaultGone = null } = {}) {
  const run = async (command, args = {}) => {
    try {
      return await call(bridge, command, defined(args));
    } catch (error) {
      if (vaultGone && VAULT_GONE.has(error.kind) && !VAULT_SCREEN_COMMANDS.has(command)) {
        vaultGone(error);
        return new Promise(() => {});
      }
      throw error;
    }
  };
  return {
    // ---- vault ----
    /** → {state: "absent"|"locked"|"open", protection, data_dir, entry_count, partner_count} */
    vaultStatus: () => run('vault_status'),
    /** Creates a vault: in the keychain, or under `passphrase` → {recovery_key, status} */
    createVault: (passphrase) => run('create_vault', { passphrase }),
    /** Unlocks from the keychain, or with `passphrase` for a passphrase vault → status */
    unlockVault: (passphrase) => run('unlock_vault', { passphrase }),
    /** Restores access with the recovery key (and a new passphrase for passphrase vaults) → status */
    recoverVault: (recoveryKey, passphrase) =>
      run('recover_vault', { recovery_key: recoveryKey, passphrase }),
    /** Drops the open vault and its key → status */
    lockVault: () => run('lock_vault'),

    // ---- security (Settings → Security) ----
    /** → {protection, recovery_key_unseen} */
    securityStatus: () => run('security_status'),
    /** Requires a passphrase (keychain vault) or changes it (`current` needed) → {status, keychain_entry_left} */
    setPassphrase: ({ current, newPassphrase } = {}) =>
      run('set_passphrase', { current, new_passphrase: newPassphrase }),
    /** Puts a passphrase vault's key back in the keychain (`current` needed) → {status, keychain_entry_left} */
    useKeychain: ({ current } = {}) => run('use_keychain', { current }),
    /** A new recovery key, shown once → {recovery_key, status} */
    newRecoveryKey: ({ current } = {}) => run('new_recovery_key', { current }),
    /** The new recovery key was shown and the person has it: the vault stops warning */
    recoveryKeyShown: () => run('recovery_key_shown'),
    /** Re-encrypts the vault with a new key → {recovery_key, status} */
    rekeyVault: ({ current } = {}) => run('rekey_vault', { current }),

    // ---- remembered choices (kept in the vault, not in WebKit's storage) ----
    /** → the JSON value remembered under `name`, or null */
    getPreference: (name) => run('get_preference', { name }),
    /** Remembers `value` under `name` (null forgets it) */
    setPreference: (name, value) => run('set_preference', { name, value }),

    // ---- the editor's draft ----
    /** Keeps `draft` = {entry, base_version, body, kind, tags_text, partners, shareable, created_at} */
    saveDraft: (draft) => run('save_draft', { draft }),
    /** → the draft kept, with saved_at, or null */
    getDraft: () => run('get_draft'),
    /** Forgets the draft (saved as an entry, or discarded) */
    discardDraft: () => run('discard_draft'),

    // ---- entries ----
    /** One page of a timeline (a tag's only, with `tag`) → {entries, next_before} */
    listEntries: ({ limit, before, partnerId, trash, tag } = {}) =>
      run('list_entries', {
        limit,
        before: before ?? undefined,
        partner_id: partnerId ?? undefined,
        trash: trash || undefined,
        tag: tag ?? undefined,
      }),
    getEntry: (id) => run('get_entry', { id }),
    /** `entry` = {body, kind?, tags?, partner_ids?, shareable?, created_at?} → Entry */
    addEntry: (entry) => run('add_entry', { entry }),
    /**
     * `changes` = any of {body, kind, tags, partner_ids, shareable, created_at}; `version`: the entry's
     * version the edit started from (refused as `changed_elsewhere` if it changed since) → Entry
     */
    updateEntry: (id, changes, version) => run('update_entry', { id, changes, version }),
    trashEntry: (id) => run('trash_entry', { id }),
    restoreEntry: (id) => run('restore_entry', { id }),
    purgeEntry: (id) => run('purge_entry', { id }),
    /** Markdown → sanitized HTML, rendered in Rust. */
    renderMarkdown: (text) => run('render_markdown', { text }),
    /** → [{tag, count}], most used first */
    listTags: () => run('list_tags'),

    // ---- partners ----
    /** `pause` = {reason, started, ended?} → Partner (with its pauses) */
    addPause: (partnerId, pause) => run('add_pause', { partner_id: partnerId, pause }),
    correctPause: (partnerId, pauseId, pause) => run('correct_pause', { partner_id: partnerId, pause_id: pauseId, pause }),
    removePause: (partnerId, pauseId) => run('remove_pause', { partner_id: partnerId, pause_id: pauseId }),
    /** Ends the pause that holds today → Partner */
    resumeCadence: (partnerId) => run('resume_cadence', { partner_id: partnerId }),
    listPartners: (includeArchived = false) =>
      run('list_partners', { include_archived: includeArchived || undefined }),
    getPartner: (id) => run('get_partner', { id }),
    addPartner: (partner) => run('add_partner', { partner }),
    /** Like updateEntry: `version` is the partner's version the form started from → Partner */
    updatePartner: (id, changes, version) => run('update_partner', { id, changes, version }),
    /**
     * A spell of the partner's history: `spell` = {history: "relationship", relationship, started?,
     * ended?} or {history: "role", role?, organisation?, started?, ended?} → Partner
     */
    addPartnerSpell: (partnerId, spell) => run('add_partner_spell', { partner_id: partnerId, spell }),
    correctPartnerSpell: (partnerId, spellId, spell) =>
      run('correct_partner_spell', { partner_id: partnerId, spell_id: spellId, spell }),
    /** `history`: "relationship" or "role" → Partner */
    removePartnerSpell: (partnerId, history, spellId) =>
      run('remove_partner_spell', { partner_id: partnerId, history, spell_id: spellId }),

    // ---- search ----
    /** `query` = {text, partner_ids?, tags?, kind?, since?, until?, limit?} → [Hit] */
    search: (query) => run('search', { query }),

    // ---- meetings (docs/ipc.md, "Meetings") ----
    /** `meeting` = {partner_ids, at, template_id?, signals?} → Meeting, agenda prepared */
    createMeeting: (meeting) => run('create_meeting', { meeting }),
    getMeeting: (id) => run('get_meeting', { id }),
    /** → [MeetingSummary], newest first */
    listMeetings: ({ partnerId, limit } = {}) =>
      run('list_meetings', { partner_id: partnerId ?? undefined, limit }),
    /** `status` = "planned" | "held" | "cancelled" → Meeting */
    setMeetingStatus: (id, status) => run('set_meeting_status', { id, status }),
    /** A planned meeting to another time `at` (RFC 3339) → Meeting */
    moveMeeting: (id, at) => run('move_meeting', { id, at }),
    setMeetingPlan: (id, purpose, minutes) => run('set_meeting_plan', { id, purpose, minutes }),
    /** `pulse` 1..5, or null to take it back → Meeting */
    setMeetingPulse: (id, pulse) => run('set_meeting_pulse', { id, pulse: pulse ?? undefined }),
    addMeetingGuest: (meetingId, name) => run('add_meeting_guest', { meeting_id: meetingId, name }),
    removeMeetingGuest: (meetingId, personId) => run('remove_meeting_guest', { meeting_id: meetingId, person_id: personId }),
    shareAgenda: (id) => run('share_agenda', { id }),
    saveSharedAgenda: (id, format, directory) => run('save_shared_agenda', { id, format, directory }),
    setCheckIn: (id, text) => run('set_check_in', { id, text }),
    addAgendaItem: (meetingId, section, text) => run('add_agenda_item', { meeting_id: meetingId, section, text }),
    /** `changes` = any of {state, notes, shift: "up" | "down"} → null */
    updateAgendaItem: (id, changes) => run('update_agenda_item', { id, ...changes }),
    deleteAgendaItem: (id) => run('delete_agenda_item', { id }),
    updateAction: (id, edit) => run('update_action', { id, edit }),
    deleteAction: (id) => run('delete_action', { id }),
    updateDecision: (id, edit) => run('update_decision', { id, edit }),
    deleteDecision: (id) => run('delete_decision', { id }),
    /** `action` = {meeting_id, owner, due?, text} → ActionItem */
    addAction: (action) => run('add_action', { action }),
    setActionDone: (id, done) => run('set_action_done', { id, done }),
    /** `decision` = {meeting_id, agreed, revisit_on?, text} → Decision */
    addDecision: (decision) => run('add_decision', { decision }),
    revisitDecision: (id, agreed, revisitOn) => run('revisit_decision', { id, agreed, revisit_on: revisitOn }),
    listTemplates: () => run('list_templates'),
    addTemplate: (name, sections, copyOf) => run('add_template', { name, sections, copy_of: copyOf }),
    updateTemplate: (id, name, sections) => run('update_template', { id, name, sections }),
    setDefaultTemplate: (relationship, id) => run('set_default_template', { relationship, id }),
    // ---- peer problems ----
    /** → [Problem]; with `open`, only those not closed */
    listProblems: (open = false) => run('list_problems', { open: open || undefined }),
    listActions: (filter) => run('list_actions', { filter }),
    listDecisions: ({ open = false, partnerId, text } = {}) =>
      run('list_decisions', { open: open || undefined, partner_id: partnerId ?? undefined, text: text || undefined }),
    getProblem: (id) => run('get_problem', { id }),
    /** → Problem, shared with `partnerIds` */
    addProblem: (title, partnerIds) => run('add_problem', { title, partner_ids: partnerIds }),
    /**
     * `change` = exactly one of {stage (+ decide_again_on)}, {add_option}, {choose_option},
     * {ally: {partner_id, stance}}, {link_meeting}, {closed} → Problem
     */
    updateProblem: (id, change) => run('update_problem', { id, change }),
    listPeople: () => run('list_people'),
    promotePerson: (id) => run('promote_person', { id }),
    briefCandidates: (id) => run('brief_candidates', { id }),
    saveBrief: (id, format, directory, includeEntries = []) =>
      run('save_brief', { id, format, directory, include_entries: includeEntries }),
    /** → Cadence of one partner */
    getCadence: (partnerId) => run('get_cadence', { partner_id: partnerId }),
    /** → Due: the home view */
    getDue: () => run('get_due'),

    // ---- the summary for a manager ----
    /**
     * choice: {from, to: 'YYYY-MM-DD', partners: [id], include_entries: [id], exclude: [line key]}
     * → {summary, sources: {key: text}, cadence: {partnerId: text}, chosen_lines, candidates,
     *    more_candidates, markdown}
     */
    previewSummary: (choice) => run('preview_summary', { choice }),
    /** Native save dialog, then an atomic 0600 write → {path, directory, bytes}, or null if cancelled. */
    saveSummary: (choice, format, directory) => run('save_summary', { choice, format, directory }),

    // ---- the story of a partnership ----
    /** → Story: the partner with their histories, and every year from the first day. */
    getStory: (partnerId) => run('get_story', { partner_id: partnerId }),
    /** → [StoryYear]: years `from` to `to` of a story, oldest first, as it scrolls back. */
    getStoryYears: (partnerId, from, to) => run('get_story_years', { partner_id: partnerId, from, to }),
    /** → {year, entries: [Entry], more}: a year's wins and support, oldest first. */
    getStoryHighlights: (partnerId, year, limit) => run('get_story_highlights', { partner_id: partnerId, year, limit }),
    /** Native save dialog → {path, directory} or null; "md" or "pdf". */
    saveStory: (partnerId, format, includePrivate, directory) =>
      run('save_story', { partner_id: partnerId, format, include_private: includePrivate, directory }),

    // ---- backups, export, import ----
    /** Native save dialog → {file: {path, directory, bytes}, entries, partners}, or null. */
    backupVault: (directory) => run('backup_vault', { directory }),
    /** Reads every page; an error of kind `internal` says what is damaged. */
    checkVault: () => run('check_vault'),
    /** Only where there is no vault: native open dialog → {file_name}, or null. */
    chooseBackup: () => run('choose_backup'),
    /** Restores the chosen backup with its recovery key or its passphrase → VaultStatus. */
    restoreBackup: ({ recoveryKey, passphrase, newPassphrase } = {}) =>
      run('restore_backup', { recovery_key: recoveryKey, passphrase, new_passphrase: newPassphrase }),
    /** kind: 'json' | 'markdown' → {file: {path, directory, bytes}, files}, or null. */
    exportVault: (kind, directory) => run('export_vault', { kind, directory }),
    /** source: 'rapport' | 'day_one' | 'jrnl' → {file_name, entries, rows, partner_links, skipped}, or null. */
    importFile: (source, directory) => run('import_file', { source, directory }),

    // ---- the desktop ----
    /** The global quick-capture shortcut → {accelerator, registered, message} */
    shortcutStatus: () => run('shortcut_status'),
    /** True once after the global shortcut was pressed: open quick capture. */
    takeCaptureRequest: () => run('take_capture_request'),
    /** Meeting reminders while the app runs: on or off, and how many minutes before. */
    setReminders: (enabled, leadMinutes, reflectQuarterly = false) =>
      run('set_reminders', { enabled, lead_minutes: leadMinutes, reflect_quarterly: reflectQuarterly }),
  };
}
