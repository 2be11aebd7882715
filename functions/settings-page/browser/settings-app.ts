import type { ProgramSettings } from '../../../shared/programs/program-settings';
import { validateSettings, type SettingsIssue } from '../../../shared/settings/settings-validation';
import { h, replaceContent } from './dom';
import { clearIssues, showIssues, tabOf } from './field-issues';
import { BOOTSTRAP_ELEMENT_ID, CSRF_META_NAME, type PageBootstrap } from './page-bootstrap';
import { ApiError, createApiClient } from './settings-api-client';
import {
  asSettingsCatalog,
  loadCatalog,
  renderCustomers,
  renderDeals,
  renderPartners,
  type FormContext,
  type LoadedCatalog,
} from './settings-form';
import { createBackfillPanel } from './backfill-panel';
import { createHistoryPanel } from './history-panel';
import { createStatusPanel } from './status-panel';
import { offerDraft, pendingDraft, showSessionEnded } from './session-ended';
import { setupTabs } from './tabs';

/**
 * The settings page's script: draws the Partners, Customers and Deals forms from Attio's live
 * lists, validates on Save with the very schema and rules the server uses, shows each issue
 * beside its field, keeps the Status tab fresh while it is open, and pages through the History.
 */
type FormTab = 'partners' | 'customers' | 'deals';
const formTabs: FormTab[] = ['partners', 'customers', 'deals'];

function start(): void {
  const boot = JSON.parse(document.getElementById(BOOTSTRAP_ELEMENT_ID)?.textContent ?? '{}') as PageBootstrap;
  const csrf = document.querySelector<HTMLMetaElement>(`meta[name="${CSRF_META_NAME}"]`)?.content ?? '';
  const flash = document.getElementById('flash') as HTMLElement;
  let sessionEnded = false;
  // Set once the form exists: what to keep when the session ends with unsaved changes.
  let unsavedChanges: () => { settings: ProgramSettings; version: number } | null = () => null;
  const api = createApiClient(boot.apiBase, csrf, () => {
    if (sessionEnded) return;
    sessionEnded = true;
    showSessionEnded(flash, { programId: boot.programId, unsaved: unsavedChanges() });
  });
  const tablist = document.querySelector<HTMLElement>('[role="tablist"]');
  if (!tablist) return;
  const tabs = setupTabs(tablist);
  const panels = Object.fromEntries(
    formTabs.map((tab) => [tab, document.getElementById(`panel-${tab}-body`) as HTMLElement]),
  ) as Record<FormTab, HTMLElement>;
  const saveButtonElement = document.getElementById('save-button') as HTMLButtonElement | null;
  const saveStatusElement = document.getElementById('save-status') as HTMLElement | null;
  const formElement = document.getElementById('settings-form') as HTMLFormElement | null;

  const status = createStatusPanel(
    document.getElementById('panel-status-body') as HTMLElement,
    api,
    openDisconnectDialog,
  );
  const history = createHistoryPanel(document.getElementById('panel-history-body') as HTMLElement, api);
  const backfill = createBackfillPanel(document.getElementById('backfill-panel') as HTMLElement, api, {
    canStart: boot.connected,
  });
  // The save bar saves the settings tabs; Status and History have nothing to save.
  const saveBar = document.querySelector<HTMLElement>('.savebar');
  const showSaveBar = (name: string) => {
    if (saveBar) saveBar.hidden = !(formTabs as string[]).includes(name);
  };
  showSaveBar(tabs.current());
  tabs.onChange((name) => {
    showSaveBar(name);
    status.setVisible(name === 'status');
    backfill.setVisible(name === 'status');
    history.setVisible(name === 'history');
  });
  status.setVisible(tabs.current() === 'status');
  backfill.setVisible(tabs.current() === 'status');
  history.setVisible(tabs.current() === 'history');
  setupDisconnectDialog(api);

  if (!boot.connected || !saveButtonElement || !saveStatusElement || !formElement) return;
  const saveButton: HTMLButtonElement = saveButtonElement;
  const saveStatus: HTMLElement = saveStatusElement;
  const formRoot: HTMLFormElement = formElement;

  const settings: ProgramSettings = structuredClone(boot.settings);
  let version = boot.version;
  let dirty = false;
  let catalog: LoadedCatalog | undefined;

  const setStatus = (text: string, tone: 'idle' | 'dirty' | 'ok' | 'bad' | 'busy') => {
    saveStatus.textContent = text;
    saveStatus.dataset.tone = tone;
  };
  const changed = () => {
    dirty = true;
    setStatus('Unsaved changes', 'dirty');
  };
  unsavedChanges = () => (dirty ? { settings: structuredClone(settings), version } : null);
  const context = (): FormContext => ({ settings, catalog: catalog as LoadedCatalog, api, changed, redraw: draw });
  function draw(tab: FormTab): void {
    if (!catalog) return;
    if (tab === 'partners') renderPartners(panels.partners, context());
    if (tab === 'customers') renderCustomers(panels.customers, context());
    if (tab === 'deals') renderDeals(panels.deals, context());
  }

  async function load(): Promise<void> {
    for (const tab of formTabs)
      replaceContent(
        panels[tab],
        h(
          'div',
          { className: 'loading', attrs: { role: 'status' } },
          h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
          'Loading your Attio workspace…',
        ),
      );
    try {
      catalog = await loadCatalog(api, settings);
      for (const tab of formTabs) draw(tab);
      saveButton.disabled = false;
      setStatus(
        boot.updatedAt ? `Saved ${new Date(boot.updatedAt).toLocaleString()}` : 'Defaults: not saved yet',
        'idle',
      );
      const draft = pendingDraft(boot.programId, version);
      if (draft)
        offerDraft(flash, boot.programId, () => {
          Object.assign(settings, structuredClone(draft));
          for (const tab of formTabs) draw(tab);
          changed();
        });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : 'Attio could not be reached.';
      for (const tab of formTabs) {
        replaceContent(
          panels[tab],
          h(
            'div',
            { className: 'notice notice--bad', attrs: { role: 'alert' } },
            message,
            ' ',
            h(
              'button',
              { className: 'button button--ghost', attrs: { type: 'button' }, on: { click: () => void load() } },
              'Try again',
            ),
          ),
        );
      }
    }
  }

  function present(issues: readonly SettingsIssue[]): void {
    clearIssues(formRoot);
    updateTabBadges(issues);
    const shown = showIssues(formRoot, issues);
    const count = issues.length;
    setStatus(`${count} ${count === 1 ? 'field needs' : 'fields need'} attention`, 'bad');
    const first = issues[0];
    if (first) {
      tabs.select(tabOf(first.path));
      shown[0]?.focus();
    }
  }

  async function save(): Promise<void> {
    if (!catalog) return;
    clearIssues(formRoot);
    updateTabBadges([]);
    const checked = validateSettings(settings, asSettingsCatalog(catalog));
    if (!checked.ok) {
      present(checked.issues);
      return;
    }
    saveButton.disabled = true;
    setStatus('Saving…', 'busy');
    try {
      const saved = await api.put<{ version: number; updatedAt: string }>('/settings', { version, settings });
      version = saved.version;
      dirty = false;
      setStatus('Saved · applies from the next event', 'ok');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setStatus('Session ended · changes not saved', 'bad');
      else if (error instanceof ApiError && error.issues.length > 0) present(error.issues);
      else setStatus(error instanceof ApiError ? error.message : 'Saving failed. Try again.', 'bad');
    } finally {
      saveButton.disabled = sessionEnded;
    }
  }

  formRoot.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  window.addEventListener('beforeunload', (event) => {
    // After the session ended the changes are kept in the browser: leaving loses nothing.
    if (dirty && !sessionEnded) event.preventDefault();
  });
  void load();
}

function updateTabBadges(issues: readonly SettingsIssue[]): void {
  for (const tab of formTabs) {
    const badge = document.getElementById(`tab-${tab}-badge`);
    if (!badge) continue;
    const count = issues.filter((issue) => tabOf(issue.path) === tab).length;
    badge.hidden = count === 0;
    badge.textContent = String(count);
    badge.setAttribute('aria-label', `${count} ${count === 1 ? 'issue' : 'issues'}`);
  }
}

function setupDisconnectDialog(api: ReturnType<typeof createApiClient>): void {
  for (const trigger of Array.from(document.querySelectorAll<HTMLElement>('[data-action="disconnect"]'))) {
    trigger.addEventListener('click', openDisconnectDialog);
  }
  const dialog = document.getElementById('disconnect-dialog') as HTMLDialogElement | null;
  dialog?.addEventListener('close', async () => {
    if (dialog.returnValue !== 'confirm') return;
    const notice = document.getElementById('flash');
    try {
      await api.post('/attio/disconnect');
      location.replace(`${location.pathname}?disconnected=1`);
    } catch (error) {
      if (notice)
        replaceContent(
          notice,
          h(
            'div',
            { className: 'notice notice--bad', attrs: { role: 'alert' } },
            error instanceof ApiError ? error.message : 'Disconnecting failed.',
          ),
        );
    }
  });
}

function openDisconnectDialog(): void {
  const dialog = document.getElementById('disconnect-dialog') as HTMLDialogElement | null;
  if (dialog && !dialog.open) {
    dialog.returnValue = '';
    dialog.showModal();
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
