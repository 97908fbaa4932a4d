// Wires meetings to the api: the home view, the meeting screen, preparing a one-on-one from a
// partner's page, the partner's cadence, peer problems and the agenda templates. Knows nothing of the DOM (the views do that).

import { failureNotice, relationshipLabel, sentence } from './format.js';
import {
  copyName,
  dateLabel,
  defaultTemplateId,
  localDay,
  newMeetingArgument,
  nextHalfHour,
  preparedNotice,
  toggledState,
} from './meetings.js';
import { actionFilter, filterProblems } from './followups.js';
import { meetingProblems, partnerProblems } from './problems.js';
import { supportDraft } from './support.js';

export class MeetingController {
  #api;
  #shell;
  /** The meeting, home and problem views: null until `views.load()` has loaded them. */
  #meeting = null;
  #prepare = null;
  #home = null;
  #cadence = null;
  #problem = null;
  #share = null;
  #templates = null;
  #followUps = null;
  /** Which follow-ups answer is the newest: an older one arriving late is dropped. */
  #followUpsAsked = 0;
  /** The shared agenda of the meeting on screen, fetched when it was drawn: {id, text}. */
  #sharedText = null;
  /** The problems linked to the meeting on screen: {id, problems}. */
  #meetingProblems = null;
  /** Where the last invitation was saved: the next save dialog opens there. */
  #shareDirectory = null;
  #clipboard;
  /** Where the last brief was saved: the next save dialog opens there. */
  #briefDirectory = null;
  #partnerProblems = null;
  #newProblem = null;
  #loadViews;
  #viewsLoaded = null;
  #session;
  #today;
  #generation = 0;
  #partner = null;
  #openPartner = async () => {};
  #write = async () => {};

  /**
   * `views` = {shell, load}, where `load()` loads the views that are not on the first screen and
   * gives a Promise of {meeting: MeetingView, prepare: PrepareView, home: HomeView, cadence:
   * CadenceView, problem: ProblemView, partnerProblems: PartnerProblemsView, newProblem:
   * NewProblemView}: it is called the first time one of them is needed, or by `preload()`.
   * `session` = {reminders()}; `today()` gives YYYY-MM-DD (for tests).
   */
  constructor(api, views, session, { today = () => localDay(new Date()), clipboard = globalThis.navigator?.clipboard } = {}) {
    this.#api = api;
    this.#clipboard = clipboard;
    this.#shell = views.shell;
    this.#loadViews = views.load;
    this.#session = session;
    this.#today = today;
  }

  /** Loads the meeting, home and problem views now, so that their first use is instant. */
  preload() {
    return this.#views();
  }

  /** The views, loaded and wired the first time they are needed. */
  #views() {
    this.#viewsLoaded ??= this.#loadViews().then((views) => this.#wire(views));
    return this.#viewsLoaded;
  }

  #wire(views) {
    this.#meeting = views.meeting;
    this.#share = views.share;
    this.#templates = views.templates;
    this.#followUps = views.followups;
    this.#followUps.bindShow(() => this.openFollowUps());
    this.#followUps.bindChange((filter) => this.#loadFollowUps(filter));
    this.#followUps.bindOpen((kind, id) => (kind === 'problem' ? this.openProblem(id) : this.openMeeting(id)));
    this.#followUps.bindDone(async (id, done) => {
      await this.#setActionDone(id, done, 'followups');
      this.#loadFollowUps(this.#followUps.filter);
    });
    this.#templates.bindSave((id, name, sections) => this.#saveTemplate(id, name, sections));
    this.#templates.bindDuplicate((template) => this.#duplicateTemplate(template));
    this.#templates.bindNew(() => this.#newTemplate());
    this.#templates.bindDefault((relationship, id) => this.#setDefaultTemplate(relationship, id));
    this.#prepare = views.prepare;
    this.#home = views.home;
    this.#cadence = views.cadence;
    this.#problem = views.problem;
    this.#partnerProblems = views.partnerProblems;
    this.#newProblem = views.newProblem;

    this.#home.bindOpen((target) => this.#openTarget(target));
    this.#home.bindActionDone((id, done) => this.#setActionDone(id, done, 'home'));
    this.#home.bindLapsed((id, answer, at) => this.#answerLapsed(id, answer, at));
    this.#cadence.bindPrepare(() => this.#openPrepare());
    this.#cadence.bindOpenMeeting((id) => this.openMeeting(id));
    this.#prepare.bindSubmit((values) => this.#createMeeting(values));

    this.#meeting.bindOpenPartner((id) => this.#openPartner(id));
    this.#meeting.bindCheckIn((text, meetingId) => this.#save((id) => this.#api.setCheckIn(meetingId ?? id, text)));
    this.#meeting.bindStatus((status) => this.#setStatus(status));
    this.#meeting.bindPulse((pulse) => this.#change((id) => this.#api.setMeetingPulse(id, pulse)));
    this.#meeting.bindRecordSupport((direction) => this.#write(supportDraft(this.partnersOnScreen(), direction)));
    this.#share.bindPlan(({ purpose, minutes }) =>
      this.#change((id) => this.#api.setMeetingPlan(id, purpose, minutes ?? undefined)),
    );
    this.#share.bindShare((how) => this.#shareAgenda(how));
    this.#share.bindGuest((what, who) =>
      this.#change((id) => (what === 'add' ? this.#api.addMeetingGuest(id, who) : this.#api.removeMeetingGuest(id, who))),
    );
    this.#meeting.bindAddItem((section, text) =>
      this.#change((id) => this.#api.addAgendaItem(id, section, text), { focusAdd: section }),
    );
    this.#meeting.bindItem((action, itemId, value) => this.#itemAction(action, itemId, value));
    this.#meeting.bindAction((values) => this.#capture('action', values));
    this.#meeting.bindDecision((values) => this.#capture('decision', values));
    this.#meeting.bindActionDone((id, done) => this.#setActionDone(id, done, 'meeting'));
    this.#meeting.bindCaptureEdit((kind, id, edit) => this.#captureEdit(kind, id, edit));
    this.#meeting.bindRevisit((id, agreed, revisitOn) => this.#revisitDecision(id, agreed, revisitOn));
    this.#meeting.bindOpenProblem((id) => this.openProblem(id));
    this.#meeting.bindNewProblem(() => {
      const meeting = this.#meeting.meeting;
      if (meeting) this.#newProblem.open({ partners: meeting.partners, meetingId: meeting.id });
    });

    this.#partnerProblems.bindOpen((id) => this.openProblem(id));
    this.#partnerProblems.bindNew(() => {
      if (this.#partner) this.#newProblem.open({ partners: [this.#partner] });
    });
    this.#newProblem.bindSubmit((values) => this.#createProblem(values));
    this.#problem.bindChange((change, options) => this.#changeProblem(change, options));
    this.#problem.bindOpenMeeting((id) => this.openMeeting(id));
    this.#problem.bindOpenPartner((id) => this.#openPartner(id));
    this.#problem.bindSaveBrief((format, included) => this.#saveBrief(format, included));
    this.#problem.bindPromote((id) => this.#promotePerson(id));
  }

  /** `handler(partnerId)` opens a partner's page (the journal controller's). */
  bindOpenPartner(handler) {
    this.#openPartner = handler;
  }

  /** `handler(draft)` opens the editor on a draft (the journal controller's). */
  bindWrite(handler) {
    this.#write = handler;
  }

  /** The vault just opened: count what is due, and hand the reminder preference to the shell. */
  async open() {
    this.#generation += 1;
    const generation = this.#generation;
    const reminders = this.#session.reminders?.();
    // Reminders are a convenience; the journal works without them.
    const reminding = reminders
      ? this.#api.setReminders(reminders.enabled, reminders.lead_minutes, reminders.reflect_quarterly).catch(() => {})
      : null;
    try {
      const due = await this.#api.getDue();
      if (generation === this.#generation) this.#shell.showDueCount(due);
    } catch {
      // The count of what is due is a nicety; Home reads it again when shown.
    }
    await reminding;
  }

  /** The partners of the meeting on screen, as `[{id, name}]` (capture links them). */
  partnersOnScreen() {
    return (this.#meeting?.meeting?.partners ?? []).map(({ id, name }) => ({ id, name }));
  }

  /** Saves what is typed on the meeting screen and not saved yet (the vault is about to lock). */
  keepTyping() {
    return this.#meeting?.keepTyping();
  }

  clear() {
    this.#generation += 1;
    this.#partner = null;
    this.#prepare?.dismiss();
    this.#meeting?.clear();
    this.#home?.clear();
    this.#cadence?.clear();
    this.#newProblem?.dismiss();
    this.#problem?.clear();
    this.#share?.clear();
    this.#templates?.clear();
    this.#followUps?.clear();
    this.#sharedText = null;
    this.#meetingProblems = null;
    this.#partnerProblems?.clear();
  }

  /** Shows the home view, read afresh. */
  async showHome() {
    const generation = this.#generation;
    try {
      // Shown filled in, not filled in after: no rows jumping in under the heading.
      const [due] = await Promise.all([this.#api.getDue(), this.#views()]);
      if (generation !== this.#generation) return;
      this.#home.show(due);
      this.#shell.showView('home');
      this.#shell.showDueCount(due);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** A partner's page was shown: fill in their cadence and meetings. */
  async partnerShown(partner) {
    this.#partner = partner;
    const generation = this.#generation;
    try {
      const [cadence, meetings, problems] = await Promise.all([
        this.#api.getCadence(partner.id),
        this.#api.listMeetings({ partnerId: partner.id, limit: 20 }),
        this.#api.listProblems(true),
        this.#views(),
      ]);
      if (generation !== this.#generation || this.#partner?.id !== partner.id) return;
      this.#cadence.show(cadence, meetings);
      this.#partnerProblems.show(partnerProblems(problems, partner.id));
    } catch {
      // The partner's page shows without their cadence; the next visit reads it again.
    }
  }

  async openMeeting(id) {
    const generation = this.#generation;
    try {
      const [meeting] = await Promise.all([this.#api.getMeeting(id), this.#views()]);
      if (generation !== this.#generation) return;
      this.#showMeeting(meeting);
      this.#shell.showView('meeting');
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * Shows a problem (from the palette, the home view, a partner's page). The meeting last on
   * screen is offered to link it to.
   */
  async openProblem(id) {
    this.#meetingProblems = null;
    const generation = this.#generation;
    try {
      const [problem, partners, people, candidates] = await Promise.all([
        this.#api.getProblem(id),
        this.#api.listPartners(),
        this.#api.listPeople(),
        this.#api.briefCandidates(id),
        this.#views(),
      ]);
      if (generation !== this.#generation) return;
      this.#problem.show(problem, { partners, people, candidates, meeting: this.#meeting.meeting });
      this.#shell.showView('problem');
    } catch (error) {
      this.#fail(error);
    }
  }

  // ---- internals ----

  #openTarget({ type, id }) {
    if (type === 'partner') return this.#openPartner(id);
    if (type === 'problem') return this.openProblem(id);
    return this.openMeeting(id);
  }

  async #createProblem({ title, partners, meetingId }) {
    this.#meetingProblems = null;
    const generation = this.#generation;
    try {
      let problem = await this.#api.addProblem(title, partners.map((p) => p.id));
      if (meetingId) problem = await this.#api.updateProblem(problem.id, { link_meeting: meetingId });
      if (generation !== this.#generation) return;
      this.#newProblem.close();
      await this.openProblem(problem.id);
      this.#shell.showToast(meetingId ? 'Problem created and linked to this meeting.' : 'Problem created.');
    } catch (error) {
      this.#newProblem.showError(sentence(error.message));
    }
  }

  /** One change to the problem on screen, then the problem drawn afresh. */
  async #changeProblem(change, { focus = null, saved = null } = {}) {
    const problem = this.#problem.problem;
    if (!problem || !change) return;
    const generation = this.#generation;
    try {
      const fresh = await this.#api.updateProblem(problem.id, change);
      // A name typed as an ally may have recorded a new person: the suggestions learn them.
      const people = change.ally?.name ? await this.#api.listPeople() : undefined;
      if (generation !== this.#generation || this.#problem.problem?.id !== problem.id) return;
      this.#problem.show(fresh, { meeting: this.#meeting.meeting, focus, saved, ...(people ? { people } : {}) });
      if (change.presented) this.#shell.showToast('Presentation recorded.');
      if ('closed' in change) this.#shell.showToast(change.closed ? 'Problem closed.' : 'Problem reopened.');
    } catch (error) {
      this.#problem.showError(sentence(error.message));
    }
  }

  /** Makes a person who is an ally a partner, after asking; the problem is drawn afresh. */
  async #promotePerson(personId) {
    const problem = this.#problem.problem;
    const ally = (problem?.allies ?? []).find((a) => a.person?.id === personId);
    if (!ally) return;
    const yes = await this.#shell.confirm({
      title: `Make ${ally.name} a partner?`,
      message: 'They join your partners as a peer, with the problems and meetings they are already in.',
      yes: 'Make a partner',
      tone: 'primary',
    });
    if (!yes) return;
    try {
      await this.#api.promotePerson(personId);
      this.#shell.showToast(`${ally.name} is a partner now.`);
      await this.openProblem(problem.id);
    } catch (error) {
      this.#problem.showError(sentence(error.message));
    }
  }

  /** Saves the problem's brief through the save dialog, in the folder used last time. */
  async #saveBrief(format, included = []) {
    const problem = this.#problem.problem;
    if (!problem) return;
    const generation = this.#generation;
    try {
      const saved = await this.#api.saveBrief(problem.id, format, this.#briefDirectory ?? undefined, included);
      if (!saved || generation !== this.#generation) return;
      this.#briefDirectory = saved.directory ?? this.#briefDirectory;
      this.#problem.showBriefSaved(saved.path);
    } catch (error) {
      this.#problem.showError(sentence(error.message));
    }
  }

  /** Shows every open action, the decision log and every problem (from Home). */
  async openFollowUps() {
    const generation = this.#generation;
    try {
      const [partners] = await Promise.all([this.#api.listPartners(), this.#views()]);
      if (generation !== this.#generation) return;
      this.#followUps.start();
      this.#followUps.setPartners(partners);
      this.#shell.showView('followups');
      await this.#loadFollowUps(this.#followUps.filter);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #loadFollowUps(filter) {
    const generation = this.#generation;
    const asked = ++this.#followUpsAsked;
    try {
      let items;
      if (filter.tab === 'actions') items = await this.#api.listActions(actionFilter(filter, this.#today()));
      else if (filter.tab === 'decisions') {
        items = await this.#api.listDecisions({ open: filter.which === 'open', partnerId: filter.partnerId, text: filter.text });
      } else items = filterProblems(await this.#api.listProblems(false), filter);
      if (generation !== this.#generation || asked !== this.#followUpsAsked) return;
      this.#followUps.show(items, this.#today());
    } catch (error) {
      this.#followUps.showError(sentence(error.message));
    }
  }

  /** Shows the agenda templates (from Settings, or the prepare dialog). */
  async openTemplates() {
    const generation = this.#generation;
    try {
      const [templates] = await Promise.all([this.#api.listTemplates(), this.#views()]);
      if (generation !== this.#generation) return;
      this.#prepare?.close();
      this.#templates.show(templates);
      this.#shell.showView('templates');
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Runs a change to the templates, then shows them afresh with `chosen` in the editor. */
  async #templatesChange(run, status) {
    const generation = this.#generation;
    try {
      const chosen = await run();
      const templates = await this.#api.listTemplates();
      if (generation !== this.#generation) return;
      this.#templates.show(templates, { chosenId: chosen?.id, status });
    } catch (error) {
      this.#templates.showError(sentence(error.message));
    }
  }

  #saveTemplate(id, name, sections) {
    return this.#templatesChange(() => this.#api.updateTemplate(id, name, sections), 'Saved. New agendas start from it.');
  }

  async #duplicateTemplate(template) {
    const templates = await this.#api.listTemplates().catch(() => []);
    return this.#templatesChange(
      () => this.#api.addTemplate(copyName(template.name, templates), [], template.id),
      'Copied: change it, then save.',
    );
  }

  async #newTemplate() {
    const templates = await this.#api.listTemplates().catch(() => []);
    const name = copyName('New template', templates).replace(' (copy)', '');
    return this.#templatesChange(
      () => this.#api.addTemplate(name, [{ title: 'Agenda', prompt: '' }]),
      'Made: name it, give it its sections, then save.',
    );
  }

  #setDefaultTemplate(relationship, id) {
    return this.#templatesChange(async () => {
      await this.#api.setDefaultTemplate(relationship, id);
      return { id };
    }, `${relationshipLabel(relationship)} meetings start from it now.`);
  }

  async #openPrepare() {
    const partner = this.#partner;
    if (!partner) return;
    try {
      const [templates, partners] = await Promise.all([this.#api.listTemplates(), this.#api.listPartners()]);
      this.#prepare.open({
        partner,
        templates,
        templateId: defaultTemplateId(templates, partner.relationship),
        at: nextHalfHour(new Date()),
        others: (partners ?? []).filter((p) => p.id !== partner.id && !p.archived),
      });
    } catch (error) {
      this.#fail(error);
    }
  }

  async #createMeeting(values) {
    const argument = newMeetingArgument(values);
    if (!argument.at) {
      this.#prepare.showError('Choose a date and time.');
      return;
    }
    const generation = this.#generation;
    try {
      const meeting = await this.#api.createMeeting(argument);
      if (generation !== this.#generation) return;
      this.#prepare.close();
      this.#showMeeting(meeting);
      this.#shell.showView('meeting');
      const carried = meeting.agenda.filter((item) => item.carried).length;
      this.#shell.showToast(preparedNotice(carried, meeting.took_over));
    } catch (error) {
      this.#prepare.showError(sentence(error.message));
    }
  }

  /** Runs a change to the meeting on screen, then draws the meeting afresh. */
  async #change(run) {
    const meeting = this.#meeting.meeting;
    if (!meeting) return;
    const generation = this.#generation;
    try {
      await run(meeting.id);
      const fresh = await this.#api.getMeeting(meeting.id);
      if (generation === this.#generation && this.#meeting.meeting?.id === meeting.id) {
        this.#showMeeting(fresh);
      }
    } catch (error) {
      this.#meeting.showError(sentence(error.message));
    }
  }

  /** Saves text typed on the meeting screen; the screen already shows it, so nothing is redrawn. */
  async #save(run) {
    const meeting = this.#meeting.meeting;
    if (!meeting) return;
    try {
      await run(meeting.id);
    } catch (error) {
      this.#meeting.showError(sentence(error.message));
    }
  }

  async #deleteItem(itemId) {
    const yes = await this.#shell.confirm({
      title: 'Delete this agenda item?',
      message: 'It goes from this agenda and from any later one it was carried to.',
      yes: 'Delete item',
    });
    if (yes) await this.#change(() => this.#api.deleteAgendaItem(itemId));
  }

  /** An action or a decision changed (`edit`) or deleted (`edit` null) from the meeting screen. */
  async #captureEdit(kind, id, edit) {
    if (edit === null) {
      const yes = await this.#shell.confirm({
        title: `Delete this ${kind}?`,
        message: 'It goes from this meeting and from every agenda it was carried to.',
        yes: `Delete ${kind}`,
      });
      if (!yes) return;
      await this.#change(() => (kind === 'action' ? this.#api.deleteAction(id) : this.#api.deleteDecision(id)));
      return;
    }
    await this.#change(() => (kind === 'action' ? this.#api.updateAction(id, edit) : this.#api.updateDecision(id, edit)));
  }

  #itemAction(action, itemId, value) {
    switch (action) {
      case 'discussed':
        return this.#change(() => this.#api.updateAgendaItem(itemId, { state: toggledState(value, 'discussed') }));
      case 'park':
        return this.#change(() => this.#api.updateAgendaItem(itemId, { state: toggledState(value, 'parked') }));
      case 'move-up':
        return this.#change(() => this.#api.updateAgendaItem(itemId, { shift: 'up' }));
      case 'move-down':
        return this.#change(() => this.#api.updateAgendaItem(itemId, { shift: 'down' }));
      case 'notes':
        return this.#save(() => this.#api.updateAgendaItem(itemId, { notes: value }));
      case 'text':
        return this.#change(() => this.#api.updateAgendaItem(itemId, { text: value }));
      case 'delete':
        return this.#deleteItem(itemId);
      default:
        return undefined;
    }
  }

  async #capture(kind, values) {
    await this.#change((meetingId) =>
      kind === 'action'
        ? this.#api.addAction({ meeting_id: meetingId, owner: values.owner, due: values.due, text: values.text })
        : this.#api.addDecision({ meeting_id: meetingId, agreed: values.agreed, revisit_on: values.revisit_on, text: values.text }),
    );
    this.#meeting.resetCapture(kind);
  }

  async #setStatus(status) {
    if (status === 'cancelled') {
      const yes = await this.#shell.confirm({
        title: 'Cancel this meeting?',
        message: 'Its open items carry on to the next one-on-one.',
        yes: 'Cancel meeting',
      });
      if (!yes) return;
    }
    await this.#change((id) => this.#api.setMeetingStatus(id, status));
    this.#shell.showToast({ held: 'Marked held.', cancelled: 'Meeting cancelled.', planned: 'Meeting reopened.' }[status]);
  }

  /**
   * Draws a meeting and fetches the agenda the peer would get, so that "Copy agenda" can write it
   * to the clipboard at once: WebKit allows that only while the click is being handled, not
   * after waiting for an answer.
   */
  #showMeeting(meeting) {
    this.#meeting.show(meeting, this.#today());
    this.#share.show(meeting);
    const generation = this.#generation;
    this.#sharedText = null;
    const still = () => generation === this.#generation && this.#meeting.meeting?.id === meeting.id;
    this.#api
      .shareAgenda(meeting.id)
      .then((text) => {
        if (still()) this.#sharedText = { id: meeting.id, text };
      })
      .catch(() => {});
    // The problems discussed in it: the agenda's "both views" step opens their worksheet. Asked
    // once per meeting shown, not on every redraw (each change to the agenda draws it again);
    // opening or making a problem forgets the answer.
    if (this.#meetingProblems?.id === meeting.id) {
      this.#meeting.showProblems(this.#meetingProblems.problems);
      return;
    }
    this.#meetingProblems = null;
    this.#api
      .listProblems(false)
      .then((problems) => {
        if (!still()) return;
        this.#meetingProblems = { id: meeting.id, problems: meetingProblems(problems, meeting.id) };
        this.#meeting.showProblems(this.#meetingProblems.problems);
      })
      .catch(() => {});
  }

  /** The agenda for the peer: copied as Markdown, or saved as a calendar invitation. */
  async #shareAgenda(how) {
    const meeting = this.#meeting.meeting;
    if (!meeting) return;
    const generation = this.#generation;
    try {
      if (how === 'copy') {
        const ready = this.#sharedText?.id === meeting.id ? this.#sharedText.text : null;
        // Written before any wait, while the click still counts as the person's.
        await this.#clipboard.writeText(ready ?? (await this.#api.shareAgenda(meeting.id)));
        if (generation === this.#generation) this.#share.showStatus('Copied. Nothing private is in it.');
        return;
      }
      const saved = await this.#api.saveSharedAgenda(meeting.id, 'ics', this.#shareDirectory ?? undefined);
      if (!saved || generation !== this.#generation) return;
      this.#shareDirectory = saved.directory ?? this.#shareDirectory;
      this.#share.showStatus(`Saved to ${saved.path}.`);
    } catch (error) {
      this.#meeting.showError(sentence(error.message));
    }
  }

  /** "Did this happen?" answered on Home: held, cancelled, or moved to `at`. */
  async #answerLapsed(id, answer, at) {
    try {
      if (answer === 'move') {
        await this.#api.moveMeeting(id, at.toISOString());
        this.#shell.showToast('Meeting moved.');
      } else {
        await this.#api.setMeetingStatus(id, answer);
        this.#shell.showToast(answer === 'held' ? 'Marked held.' : 'Marked as not held: its open items carry on.');
      }
      await this.showHome();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #setActionDone(id, done, where) {
    try {
      await this.#api.setActionDone(id, done);
      if (where === 'home') {
        this.#shell.showToast(done ? 'Action done.' : 'Action reopened.');
        await this.showHome();
      } else if (where === 'followups') {
        this.#shell.showToast(done ? 'Action done.' : 'Action reopened.');
      } else {
        await this.#change(async () => {});
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  /** A carried decision decided again: settled (agreed, no date) or given its next date. */
  async #revisitDecision(id, agreed, revisitOn) {
    try {
      await this.#api.revisitDecision(id, agreed, revisitOn ?? undefined);
      await this.#change(async () => {});
      this.#shell.showToast(revisitOn ? `To decide again ${dateLabel(revisitOn)}.` : 'Decision settled.');
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error) {
    this.#shell.showToast(failureNotice(error));
  }
}
