/**
 * The WAI-ARIA tabs pattern over server-rendered markup: one tab in the tab order, arrow keys
 * (and Home/End) move between tabs and activate them, the URL hash remembers the open tab.
 */
export interface Tabs {
  select(name: string, options?: { focus?: boolean }): void;
  current(): string;
  onChange(listener: (name: string) => void): void;
}

export function setupTabs(tablist: HTMLElement): Tabs {
  const tabs = Array.from(tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  const listeners: ((name: string) => void)[] = [];
  let active =
    tabs.find((tab) => tab.getAttribute('aria-selected') === 'true')?.dataset.tab ?? tabs[0]?.dataset.tab ?? '';

  function select(name: string, options: { focus?: boolean } = {}): void {
    const target = tabs.find((tab) => tab.dataset.tab === name);
    if (!target) return;
    for (const tab of tabs) {
      const selected = tab === target;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (options.focus) target.focus();
    if (active !== name) {
      active = name;
      history.replaceState(null, '', `#${name}`);
      for (const listener of listeners) listener(name);
    }
  }

  tablist.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLButtonElement>('[role="tab"]');
    if (tab?.dataset.tab) select(tab.dataset.tab);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((tab) => tab.dataset.tab === active);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[((moves[event.key] as number) + tabs.length) % tabs.length];
    if (next?.dataset.tab) select(next.dataset.tab, { focus: true });
  });

  const fromHash = location.hash.replace(/^#/, '');
  if (fromHash && tabs.some((tab) => tab.dataset.tab === fromHash)) select(fromHash);
  else select(active);

  return {
    select,
    current: () => active,
    onChange: (listener) => listeners.push(listener),
  };
}
