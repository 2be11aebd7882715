/**
 * A tiny element builder for the settings page. Text always goes in as text nodes (never as
 * HTML), so names and values from Attio or Partnero cannot inject markup.
 */
export type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  readonly className?: string;
  readonly id?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string | boolean | undefined>>;
  readonly dataset?: Readonly<Record<string, string>>;
  readonly on?: Readonly<Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>>;
}

export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.id) element.id = options.id;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const [name, value] of Object.entries(options.dataset ?? {})) element.dataset[name] = value;
  for (const [name, listener] of Object.entries(options.on ?? {}))
    if (listener) element.addEventListener(name, listener);
  append(element, ...children);
  return element;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content, keeping keyboard focus on the control with the same `data-path`. */
export function replaceContent(container: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const focusPath =
    active instanceof HTMLElement && container.contains(active)
      ? (active.dataset.path ?? active.dataset.focusKey)
      : undefined;
  container.replaceChildren();
  append(container, ...children);
  if (focusPath) {
    const again = container.querySelector<HTMLElement>(
      `[data-path="${cssEscape(focusPath)}"], [data-focus-key="${cssEscape(focusPath)}"]`,
    );
    again?.focus();
  }
}

export function option(value: string, label: string, selected: boolean, disabled = false): HTMLOptionElement {
  const element = h('option', { text: label, attrs: { value } });
  element.selected = selected;
  element.disabled = disabled;
  return element;
}

export function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function'
    ? CSS.escape(value)
    : value.replace(/["\\]/g, '\\$&');
}

let idCounter = 0;
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return formatDateTime(iso);
}
