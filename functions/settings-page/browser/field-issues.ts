import type { SettingsIssue } from '../../../shared/settings/settings-validation';
import { cssEscape, h } from './dom';

/**
 * Shows validation issues beside the fields they are about. Each control carries `data-path`
 * (e.g. `deals.fieldMappings.1.attioAttribute`); an issue whose path names no control is shown
 * on the nearest enclosing one (the mapping table, the tab). Invalid controls get
 * `aria-invalid` and `aria-describedby` pointing at their message, so screen readers say it.
 */
export function clearIssues(root: ParentNode, pathPrefix?: string): void {
  for (const message of Array.from(root.querySelectorAll<HTMLElement>('.field-error'))) {
    if (pathPrefix === undefined || (message.dataset.forPath ?? '').startsWith(pathPrefix)) message.remove();
  }
  for (const control of Array.from(root.querySelectorAll<HTMLElement>('[aria-invalid="true"]'))) {
    if (pathPrefix !== undefined && !(control.dataset.path ?? '').startsWith(pathPrefix)) continue;
    control.removeAttribute('aria-invalid');
    const describedBy = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id: string) => id && !id.startsWith('issue-'));
    if (describedBy.length > 0) control.setAttribute('aria-describedby', describedBy.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/** Shows the issues; returns the controls they were attached to, first one first. */
export function showIssues(root: ParentNode, issues: readonly SettingsIssue[]): HTMLElement[] {
  const shown: HTMLElement[] = [];
  issues.forEach((issue, index) => {
    const control = controlFor(root, issue.path);
    if (!control) return;
    const id = `issue-${index}-${Math.random().toString(36).slice(2, 8)}`;
    const message = h(
      'p',
      { className: 'field-error', id, dataset: { forPath: issue.path } },
      h('span', { className: 'field-error-icon', attrs: { 'aria-hidden': 'true' }, text: '!' }),
      issue.message,
    );
    const anchor = control.closest<HTMLElement>('.field, .mapping, .switch-field') ?? control;
    anchor.append(message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    shown.push(control);
  });
  return shown;
}

function controlFor(root: ParentNode, path: string): HTMLElement | null {
  const parts = path.split('.');
  while (parts.length > 0) {
    const found = root.querySelector<HTMLElement>(`[data-path="${cssEscape(parts.join('.'))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

/** Which tab a settings path belongs to (`partners`, `customers`, `deals`). */
export function tabOf(path: string): string {
  return path.split('.')[0] ?? '';
}
