import type { ProgramSettings } from '../../../shared/programs/program-settings';
import { h, replaceContent } from './dom';

/**
 * When the session ends (the API answers 401), the page says so plainly: the session ended and
 * the changes were not saved. Unsaved changes are kept in this browser, so opening a fresh
 * settings link offers them back ("Restore my changes") instead of losing the work.
 */
interface Draft {
  readonly settings: ProgramSettings;
  /** The settings version the changes were made on; a draft over another version is not offered. */
  readonly version: number;
  readonly at: string;
}

const draftKey = (programId: string) => `partnero-attio-settings-draft:${programId}`;

export function showSessionEnded(
  flash: HTMLElement,
  options: { programId: string; unsaved: { settings: ProgramSettings; version: number } | null },
): void {
  if (options.unsaved) {
    try {
      localStorage.setItem(
        draftKey(options.programId),
        JSON.stringify({ ...options.unsaved, at: new Date().toISOString() } satisfies Draft),
      );
    } catch {
      // Storage may be off (private mode): the message still says the changes were not saved.
    }
  }
  replaceContent(
    flash,
    h(
      'div',
      { className: 'notice notice--bad session-ended', id: 'session-ended', attrs: { role: 'alert' } },
      h(
        'div',
        {},
        h('strong', { text: 'Your session has ended, so your changes were not saved.' }),
        h('p', {
          text: options.unsaved
            ? 'They are kept in this browser. Open the settings again from your Partnero program (or ask for a fresh link) and choose "Restore my changes".'
            : 'Open the settings again from your Partnero program, or ask the platform team for a fresh link.',
        }),
      ),
      h(
        'a',
        { className: 'button button--ghost', attrs: { href: location.pathname }, id: 'session-ended-reopen' },
        'Open the settings again',
      ),
    ),
  );
  flash.scrollIntoView({ block: 'nearest' });
}

/** A draft left by an ended session on this very settings version, if any. */
export function pendingDraft(programId: string, version: number): ProgramSettings | null {
  try {
    const raw = localStorage.getItem(draftKey(programId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return draft.version === version ? draft.settings : null;
  } catch {
    return null;
  }
}

export function discardDraft(programId: string): void {
  try {
    localStorage.removeItem(draftKey(programId));
  } catch {
    // Nothing to discard when storage is off.
  }
}

/** Offers the kept changes back, once the form is drawn. */
export function offerDraft(flash: HTMLElement, programId: string, restore: () => void): void {
  const discard = () => {
    discardDraft(programId);
    replaceContent(flash);
  };
  replaceContent(
    flash,
    h(
      'div',
      { className: 'notice notice--warn session-ended', attrs: { role: 'status' } },
      h('span', { text: 'Changes from a session that ended were not saved. They are kept in this browser.' }),
      h(
        'button',
        {
          className: 'button button--primary',
          attrs: { type: 'button' },
          on: {
            click: () => {
              restore();
              discard();
            },
          },
        },
        'Restore my changes',
      ),
      h(
        'button',
        { className: 'button button--ghost', attrs: { type: 'button' }, on: { click: discard } },
        'Discard them',
      ),
    ),
  );
}
