import { escapeHtml, jsonForHtml } from '../../shared/settings/html-responses';
import { BOOTSTRAP_ELEMENT_ID, CSRF_META_NAME, type PageBootstrap } from './browser/page-bootstrap';

export interface PageModel {
  readonly bootstrap: PageBootstrap;
  readonly csrfToken: string;
  readonly stylesheetUrl: string;
  readonly scriptUrl: string;
  /** A one-line notice from the URL (`?connected=1`, `?connect_error=...`), already mapped to fixed text. */
  readonly flash: { readonly tone: 'ok' | 'bad' | 'info'; readonly text: string } | undefined;
}

const flashes: Record<string, { tone: 'ok' | 'bad' | 'info'; text: string }> = {
  connected: {
    tone: 'ok',
    text: 'Attio is connected. Choose what to sync on each tab, then save: the sync starts with your first Save.',
  },
  disconnected: {
    tone: 'info',
    text: 'Attio is disconnected: the token was revoked and the webhook deleted. Nothing syncs until you connect again.',
  },
  denied: { tone: 'bad', text: 'Access was declined in Attio. Nothing was changed.' },
  refused: {
    tone: 'bad',
    text: 'Attio refused the sign-in (the code expired or was already used). Try connecting again.',
  },
  scopes: {
    tone: 'bad',
    text:
      'The Attio app is missing permissions the sync needs. Ask whoever manages your Attio app ' +
      'to enable the scopes "Record permission: Read-write", "Object configuration: Read-write", ' +
      '"User management: Read" and "Webhook: Read-write" (build.attio.com > your app > Scopes), ' +
      'then connect again. The History tab names the missing ones.',
  },
  unavailable: { tone: 'bad', text: 'Attio is not answering right now. Try connecting again in a minute.' },
  failed: { tone: 'bad', text: 'Connecting to Attio failed. Try again; if it keeps failing, contact support.' },
  attio: { tone: 'bad', text: 'Attio reported an error during sign-in. Try connecting again.' },
};

/** The notice for a query string; unknown values show nothing (the text is never taken from the URL). */
export function flashFor(query: Readonly<Record<string, string | undefined>>): PageModel['flash'] {
  if (query.connected === '1') return flashes.connected;
  if (query.disconnected === '1') return flashes.disconnected;
  if (query.connect_error) return flashes[query.connect_error] ?? flashes.failed;
  return undefined;
}

const tabs = [
  { name: 'partners', label: 'Partners' },
  { name: 'customers', label: 'Customers' },
  { name: 'deals', label: 'Deals' },
  { name: 'status', label: 'Status' },
  { name: 'history', label: 'History' },
] as const;

/** Tabs that read the service's own records, not Attio's lists: they work before Attio is connected. */
const serviceTabs: readonly string[] = ['status', 'history'];
const tabLoadingText: Readonly<Record<string, string>> = {
  status: 'Checking the connection…',
  history: 'Loading the sync history…',
};

/** The settings page: a server-rendered shell; the script fills the forms from Attio's live lists. */
export function renderSettingsPage(model: PageModel): string {
  const { bootstrap } = model;
  const name = escapeHtml(bootstrap.displayName);
  const connected = bootstrap.connected;
  const workspace = escapeHtml(bootstrap.workspaceName ?? '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="${CSRF_META_NAME}" content="${escapeHtml(model.csrfToken)}">
<meta name="robots" content="noindex">
<title>Attio integration · ${name}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(model.stylesheetUrl)}">
<script src="${escapeHtml(model.scriptUrl)}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to the settings</a>
<header class="topbar">
  <div class="topbar-inner">
    <div class="brand">${logo()}<span class="brand-name">Partnero <span aria-hidden="true">⇄</span><span class="sr-only">and</span> Attio</span></div>
    <div class="topbar-program"><span class="muted">Program</span> <strong>${name}</strong></div>
    ${
      connected
        ? `<span class="pill pill--ok" id="connection-pill"><span class="dot dot--ok" aria-hidden="true"></span>Connected to ${workspace}</span>`
        : `<span class="pill" id="connection-pill"><span class="dot dot--muted" aria-hidden="true"></span>Not connected</span>`
    }
  </div>
</header>
<main id="main" class="page">
  <div class="page-head">
    <div>
      <h1>Attio integration</h1>
      <p class="lede">Keep partners, customers and deals in step between Partnero and your Attio workspace.</p>
    </div>
  </div>
  <div id="flash" aria-live="polite">${model.flash ? `<div class="notice notice--${model.flash.tone}" role="${model.flash.tone === 'bad' ? 'alert' : 'status'}">${escapeHtml(model.flash.text)}</div>` : ''}</div>
  ${connected ? connectionCard(bootstrap, model.csrfToken) : connectCard(bootstrap, model.csrfToken)}
  <form id="settings-form" class="settings" novalidate aria-label="Sync settings">
    <div class="tabs" role="tablist" aria-label="Settings sections">
      ${tabs
        .map(
          (tab, index) =>
            `<button type="button" role="tab" class="tab" id="tab-${tab.name}" data-tab="${tab.name}" aria-controls="panel-${tab.name}" aria-selected="${index === 0}" tabindex="${index === 0 ? 0 : -1}">${tab.label}${
              serviceTabs.includes(tab.name) ? '' : `<span class="tab-badge" id="tab-${tab.name}-badge" hidden></span>`
            }</button>`,
        )
        .join('\n      ')}
    </div>
    ${tabs
      .map(
        (tab, index) =>
          `<section class="tab-panel" role="tabpanel" id="panel-${tab.name}" aria-labelledby="tab-${tab.name}" tabindex="0"${index === 0 ? '' : ' hidden'}>
      <h2 class="sr-only">${tab.label}</h2>
      <div id="panel-${tab.name}-body">${serviceTabs.includes(tab.name) ? loading(tabLoadingText[tab.name] ?? 'Loading…') : connected ? loading('Loading your Attio workspace…') : connectFirst(bootstrap, model.csrfToken)}</div>${
        tab.name === 'status'
          ? `
      <div id="backfill-panel"></div>`
          : ''
      }
    </section>`,
      )
      .join('\n    ')}
    ${
      connected
        ? `<div class="savebar" role="region" aria-label="Save">
      <p id="save-status" class="save-status" role="status" aria-live="polite" data-tone="idle">Loading…</p>
      <button type="submit" id="save-button" class="button button--primary" disabled>Save changes</button>
    </div>`
        : ''
    }
  </form>
</main>
<dialog id="disconnect-dialog" class="dialog" aria-labelledby="disconnect-title" aria-describedby="disconnect-text">
  <form method="dialog">
    <h2 id="disconnect-title">Disconnect Attio?</h2>
    <p id="disconnect-text">The service revokes its Attio token and deletes its webhook. Nothing syncs until you connect again; your settings are kept.</p>
    <div class="dialog-actions">
      <button class="button button--ghost" value="cancel" autofocus>Cancel</button>
      <button class="button button--danger" value="confirm">Disconnect</button>
    </div>
  </form>
</dialog>
<script type="application/json" id="${BOOTSTRAP_ELEMENT_ID}">${jsonForHtml(bootstrap)}</script>
</body>
</html>`;
}

function connectCard(bootstrap: PageBootstrap, csrfToken: string): string {
  return `<section class="card hero" aria-labelledby="connect-title">
    <div class="hero-mark" aria-hidden="true">${logo(44)}</div>
    <div class="hero-body">
      <h2 id="connect-title">Connect your Attio workspace</h2>
      <p class="muted">You sign in to Attio and approve access for this program. The service then creates the few attributes it needs (Partnero IDs and a source marker) and starts listening for changes. You can disconnect at any time.</p>
    </div>
    ${connectControl(bootstrap, csrfToken, 'Connect with Attio', 'button--primary button--large', 'connect-button')}
  </section>`;
}

function connectionCard(bootstrap: PageBootstrap, csrfToken: string): string {
  const since = bootstrap.connectedAt
    ? `<time datetime="${escapeHtml(bootstrap.connectedAt)}">${escapeHtml(new Date(bootstrap.connectedAt).toUTCString().replace(/:\d\d GMT$/, ' UTC'))}</time>`
    : '';
  return `<section class="card connection" aria-label="Attio connection">
    <div class="connection-main">
      <span class="avatar" aria-hidden="true">${escapeHtml((bootstrap.workspaceName ?? 'A').slice(0, 1).toUpperCase())}</span>
      <div>
        <p class="connection-title">Connected to <strong id="workspace-name">${escapeHtml(bootstrap.workspaceName ?? '')}</strong></p>
        <p class="muted small">${since ? `Since ${since}` : ''}</p>
      </div>
    </div>
    <div class="connection-actions">
      ${connectControl(bootstrap, csrfToken, 'Reconnect', 'button--ghost')}
      <button type="button" class="button button--danger-ghost" data-action="disconnect">Disconnect</button>
    </div>
  </section>`;
}

function connectFirst(bootstrap: PageBootstrap, csrfToken: string): string {
  return (
    `<div class="empty-state"><p><strong>Connect Attio to choose what to sync.</strong></p><p ` +
    `class="muted">Objects, attributes, deal stages and owners are listed live from your ` +
    `workspace.</p>${connectControl(bootstrap, csrfToken, 'Connect with Attio', 'button--ghost')}</div>`
  );
}

/**
 * Connect and Reconnect are a POST form carrying the session's CSRF token, not a link: a link (a GET)
 * could be followed from another site, whose request the SameSite=Lax cookie lets through.
 */
function connectControl(
  bootstrap: PageBootstrap,
  csrfToken: string,
  label: string,
  classes: string,
  id?: string,
): string {
  return `<form class="connect-form" method="post" action="${escapeHtml(bootstrap.connectUrl)}"><input type="hidden" name="csrf_token" value="${escapeHtml(csrfToken)}"><button type="submit" class="button ${classes}"${id ? ` id="${id}"` : ''}>${escapeHtml(label)}</button></form>`;
}

function loading(text: string): string {
  return `<div class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${escapeHtml(text)}</div>`;
}

function logo(size = 28): string {
  return (
    `<svg class="logo" width="${size}" height="${size}" viewBox="0 0 32 32" aria-hidden="true" ` +
    `focusable="false"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M9 ` +
    `12h11l-3-3M23 20H12l3 3" fill="none" stroke="#fff" stroke-width="2.4" ` +
    `stroke-linecap="round" stroke-linejoin="round"/></svg>`
  );
}
