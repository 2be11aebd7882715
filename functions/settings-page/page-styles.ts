/** The settings page's stylesheet, served by the same Lambda as `/settings/{programId}/assets/settings.<hash>.css`. */
export const settingsStylesheet = String.raw`
:root {
  --bg: #f5f6f8; --surface: #ffffff; --border: #e4e7ec; --border-strong: #d0d5dd;
  --text: #101828; --text-2: #475467; --text-3: #667085;
  --primary: #4f46e5; --primary-hover: #4338ca; --primary-soft: #eef2ff; --focus: rgba(79, 70, 229, .35);
  --ok: #067647; --ok-soft: #ecfdf3; --warn: #b54708; --warn-soft: #fffaeb; --bad: #b42318; --bad-soft: #fef3f2; --info: #175cd3; --info-soft: #eff8ff;
  --radius: 12px; --radius-sm: 8px; --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 15px/1.5 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1, h2, h3 { line-height: 1.25; margin: 0; }
p { margin: 0; }
a { color: var(--primary); }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f2f4f7; border-radius: 4px; padding: 1px 5px; }
/* Components set display (buttons are inline-flex); the hidden attribute must still win. */
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip-link {
  position: absolute;
  left: 12px;
  top: -48px;
  background: var(--text);
  color: #fff;
  padding: 8px 12px;
  border-radius: var(--radius-sm);
  z-index: 10;
}
.skip-link:focus { top: 12px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.muted { color: var(--text-3); }
.small { font-size: 13px; }

.topbar { background: var(--surface); border-bottom: 1px solid var(--border); }
.topbar-inner { max-width: 1040px; margin: 0 auto; padding: 12px 24px; display: flex; align-items: center; gap: 16px; }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 650; letter-spacing: -.01em; }
.topbar-program { margin-left: auto; font-size: 14px; }
.pill {
  display: inline-flex;
  align-items: center;
  gap: 8px;
  padding: 4px 12px;
  border-radius: 999px;
  border: 1px solid var(--border);
  background: #f9fafb;
  font-size: 13px;
  font-weight: 550;
  color: var(--text-2);
  white-space: nowrap;
}
.pill--ok { background: var(--ok-soft); border-color: #abefc6; color: var(--ok); }
.dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; flex: none; background: #98a2b3; }
.dot--ok { background: #17b26a; } .dot--warn { background: #f79009; } .dot--bad { background: #f04438; } .dot--muted { background: #98a2b3; }

.page { max-width: 1040px; margin: 0 auto; padding: 28px 24px 120px; }
.page-head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 20px; }
.page-head h1 { font-size: 26px; letter-spacing: -.02em; }
.lede { color: var(--text-2); margin-top: 6px; }

.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
.notice { border-radius: var(--radius-sm); padding: 12px 14px; margin-bottom: 16px; border: 1px solid; font-size: 14px; }
.notice--ok { background: var(--ok-soft); border-color: #abefc6; color: var(--ok); }
.notice--bad { background: var(--bad-soft); border-color: #fecdca; color: var(--bad); }
.notice--warn { background: var(--warn-soft); border-color: #fedf89; color: var(--warn); margin: 0 0 16px; }
.notice--info { background: var(--info-soft); border-color: #b2ddff; color: var(--info); }

.hero { display: flex; align-items: center; gap: 20px; padding: 24px; margin-bottom: 24px; }
.hero-body { flex: 1; }
.hero-body h2 { font-size: 18px; margin-bottom: 6px; }
.connection { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding: 16px 20px; margin-bottom: 24px; }
.connection-main { display: flex; align-items: center; gap: 14px; }
.connection-title { font-size: 15px; }
.connection-actions { display: flex; gap: 8px; }
.avatar {
  width: 40px;
  height: 40px;
  border-radius: 10px;
  background: var(--primary-soft);
  color: var(--primary);
  display: grid;
  place-items: center;
  font-weight: 700;
  font-size: 18px;
}

.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 6px;
  min-height: 38px;
  padding: 8px 16px;
  border-radius: var(--radius-sm);
  border: 1px solid var(--border-strong);
  background: var(--surface);
  color: var(--text);
  font: inherit;
  font-weight: 600;
  font-size: 14px;
  text-decoration: none;
  cursor: pointer;
  transition: background .15s, border-color .15s, box-shadow .15s;
}
.button:hover { background: #f9fafb; }
/* The Connect / Reconnect form lays out as its button alone. */
.connect-form { display: contents; }
.button:disabled { opacity: .55; cursor: not-allowed; }
.button--primary { background: var(--primary); border-color: var(--primary); color: #fff; box-shadow: 0 1px 2px rgba(16, 24, 40, .1); }
.button--primary:hover { background: var(--primary-hover); border-color: var(--primary-hover); }
.button--large { min-height: 44px; padding: 10px 20px; font-size: 15px; white-space: nowrap; }
.button--ghost { background: transparent; }
.button--danger { background: #d92d20; border-color: #d92d20; color: #fff; }
.button--danger:hover { background: var(--bad); }
.button--danger-ghost { background: transparent; color: var(--bad); border-color: #fda29b; }
.button--danger-ghost:hover { background: var(--bad-soft); }
.icon-button {
  width: 36px;
  height: 36px;
  border-radius: var(--radius-sm);
  border: 1px solid transparent;
  background: transparent;
  color: var(--text-3);
  font-size: 20px;
  line-height: 1;
  cursor: pointer;
}
.icon-button:hover { background: #f2f4f7; color: var(--bad); }

/* Tabs wrap instead of scrolling: every tab stays visible, and no scroll box clips the focus ring. */
.tabs { display: flex; flex-wrap: wrap; gap: 4px; border-bottom: 1px solid var(--border); margin-bottom: 20px; padding: 4px 4px 0; }
.tab {
  position: relative;
  appearance: none;
  border: 0;
  background: none;
  padding: 10px 14px;
  font: inherit;
  font-weight: 600;
  color: var(--text-3);
  cursor: pointer;
  border-radius: var(--radius-sm) var(--radius-sm) 0 0;
  display: inline-flex;
  align-items: center;
  gap: 8px;
}
.tab:hover { color: var(--text); }
.tab[aria-selected="true"] { color: var(--primary); }
.tab[aria-selected="true"]::after {
  content: "";
  position: absolute;
  left: 8px;
  right: 8px;
  bottom: -1px;
  height: 2px;
  background: var(--primary);
  border-radius: 2px;
}
.tab-badge {
  min-width: 20px;
  height: 20px;
  padding: 0 6px;
  border-radius: 999px;
  background: var(--bad);
  color: #fff;
  font-size: 12px;
  line-height: 20px;
  text-align: center;
}
.tab-panel:focus-visible { outline-offset: 6px; border-radius: var(--radius-sm); }

.form-card { padding: 22px 24px; margin-bottom: 16px; }
.card-head { margin-bottom: 16px; }
.card-head h3 { font-size: 16px; }
.card-head p { margin-top: 4px; font-size: 14px; }
.field { display: flex; flex-direction: column; gap: 6px; min-width: 0; }
.form-card > .field { margin-top: 16px; max-width: 420px; }
.field-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; margin: 16px 0; }
.label { font-weight: 600; font-size: 14px; }
.hint { color: var(--text-3); font-size: 13px; }
.select {
  appearance: none;
  width: 100%;
  min-height: 40px;
  padding: 8px 36px 8px 12px;
  border: 1px solid var(--border-strong);
  border-radius: var(--radius-sm);
  background: #fff url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='12' height='12' viewBox='0 0 12 12'%3E%3Cpath d='M3 4.5l3 3 3-3' fill='none' stroke='%23667085' stroke-width='1.6' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E") no-repeat right 12px center;
  color: var(--text);
  font: inherit;
  font-size: 14px;
  box-shadow: 0 1px 2px rgba(16, 24, 40, .05);
}
.select:hover { border-color: #98a2b3; }
.select:focus { outline: none; border-color: var(--primary); box-shadow: 0 0 0 4px var(--focus); }
.select:disabled { background-color: #f9fafb; color: var(--text-3); }
.select[aria-invalid="true"] { border-color: #f04438; }
.select[aria-invalid="true"]:focus { box-shadow: 0 0 0 4px rgba(240, 68, 56, .25); }
.field-error { display: flex; align-items: flex-start; gap: 6px; color: var(--bad); font-size: 13px; margin-top: 2px; }
.field-error-icon {
  flex: none;
  width: 16px;
  height: 16px;
  border-radius: 50%;
  background: var(--bad);
  color: #fff;
  font-size: 11px;
  font-weight: 700;
  line-height: 16px;
  text-align: center;
  margin-top: 1px;
}

.switch-field { display: flex; flex-direction: column; gap: 4px; margin-top: 4px; }
.switch-field + .switch-field { margin-top: 16px; }
.switch { display: inline-flex; align-items: center; gap: 12px; cursor: pointer; font-weight: 600; font-size: 14px; width: fit-content; }
.switch-input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.switch-track { position: relative; flex: none; width: 40px; height: 22px; border-radius: 999px; background: #d0d5dd; transition: background .15s; }
.switch-thumb {
  position: absolute;
  top: 2px;
  left: 2px;
  width: 18px;
  height: 18px;
  border-radius: 50%;
  background: #fff;
  box-shadow: 0 1px 2px rgba(16, 24, 40, .2);
  transition: transform .15s;
}
.switch-input:checked + .switch-track { background: var(--primary); }
.switch-input:checked + .switch-track .switch-thumb { transform: translateX(18px); }
.switch-input:focus-visible + .switch-track { outline: 3px solid var(--focus); outline-offset: 2px; }
.switch-field .hint { padding-left: 52px; }

.mapping { display: flex; flex-direction: column; gap: 8px; }
.mapping-head, .mapping-row { display: grid; grid-template-columns: minmax(0, 1fr) 28px minmax(0, 1.4fr) 36px; gap: 10px; align-items: start; }
.mapping-head { font-size: 12px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--text-3); padding: 0 2px; }
.mapping-rows { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.mapping-row { padding: 10px; border: 1px solid var(--border); border-radius: var(--radius-sm); background: #fcfcfd; }
.mapping-arrow { color: var(--text-3); text-align: center; line-height: 40px; font-size: 18px; }
.mapping-empty { color: var(--text-3); font-size: 14px; padding: 12px; border: 1px dashed var(--border-strong); border-radius: var(--radius-sm); }
.add-row { align-self: flex-start; margin-top: 4px; color: var(--primary); border-style: dashed; }

.savebar {
  position: fixed;
  left: 0;
  right: 0;
  bottom: 0;
  z-index: 5;
  background: rgba(255, 255, 255, .92);
  backdrop-filter: saturate(180%) blur(8px);
  border-top: 1px solid var(--border);
  display: flex;
  justify-content: flex-end;
  align-items: center;
  gap: 16px;
  padding: 12px max(24px, calc((100vw - 1040px) / 2 + 24px));
}
.save-status { font-size: 14px; color: var(--text-3); margin-right: auto; }
.save-status[data-tone="dirty"] { color: var(--warn); }
.save-status[data-tone="ok"] { color: var(--ok); font-weight: 600; }
.save-status[data-tone="bad"] { color: var(--bad); font-weight: 600; }

.loading {
  display: flex;
  align-items: center;
  gap: 10px;
  color: var(--text-3);
  padding: 28px;
  justify-content: center;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
}
.spinner {
  width: 16px;
  height: 16px;
  border-radius: 50%;
  border: 2px solid var(--border-strong);
  border-top-color: var(--primary);
  animation: spin .8s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } * { transition: none !important; } }
.empty-state {
  text-align: center;
  padding: 36px 24px;
  background: var(--surface);
  border: 1px dashed var(--border-strong);
  border-radius: var(--radius);
  display: flex;
  flex-direction: column;
  gap: 8px;
  align-items: center;
}

.status-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 12px; }
.status-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 16px; margin-bottom: 16px; }
.status-card { padding: 18px 20px; display: flex; flex-direction: column; gap: 8px; }
.status-card h3, .events-card h3 { font-size: 13px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--text-3); }
.status-card > div { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
.status-card .button { margin-top: 6px; }
.status-value { font-size: 20px; font-weight: 650; letter-spacing: -.01em; }
fieldset.on-connect, .backfill-kinds { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset.on-connect { margin-top: 16px; }
.checkbox { display: inline-flex; align-items: center; gap: 6px; font-size: 14px; cursor: pointer; }
.checkbox input { width: 16px; height: 16px; accent-color: var(--primary); }
.backfill-card > p { margin-bottom: 10px; }
.backfill-table progress { width: 120px; vertical-align: middle; accent-color: var(--primary); }
.backfill-start { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 16px; margin-top: 14px; }
.backfill-kinds { display: flex; flex-wrap: wrap; gap: 6px 18px; }
.backfill-kinds legend { font-weight: 600; font-size: 14px; margin-bottom: 6px; width: 100%; }
.backfill-answer { margin-top: 10px; font-size: 14px; }
.backfill-answer[data-tone="ok"] { color: var(--ok); font-weight: 600; }
.backfill-answer[data-tone="bad"] { color: var(--bad); font-weight: 600; }
.tone-bad { color: var(--bad); }
.health-list, .plain-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; font-size: 14px; }
.health-item { display: grid; grid-template-columns: 10px 1fr auto; gap: 10px; align-items: center; }
.health-label { display: flex; flex-direction: column; font-size: 13px; }
.health-label strong { font-size: 14px; }
.badge {
  display: inline-block;
  padding: 2px 8px;
  border-radius: 999px;
  font-size: 12px;
  font-weight: 600;
  white-space: nowrap;
  background: #f2f4f7;
  color: var(--text-2);
}
.badge--ok { background: var(--ok-soft); color: var(--ok); }
.badge--warn { background: var(--warn-soft); color: var(--warn); }
.badge--bad { background: var(--bad-soft); color: var(--bad); }
.badge--info { background: var(--info-soft); color: var(--info); }
.events-card { padding: 18px 20px; margin-bottom: 16px; }
.events-card h3 { margin-bottom: 10px; }
.table-scroll { overflow-x: auto; padding: 4px; margin: -4px; }
.events { table-layout: auto; }
.events .col-details { min-width: 280px; width: 45%; }
.events .col-record { max-width: 200px; overflow-wrap: anywhere; }
.entry-text { color: var(--text-2); }
.entry-action { color: var(--text); font-weight: 550; margin-top: 2px; }
.technical { margin-top: 4px; font-size: 12.5px; }
.technical summary { cursor: pointer; color: var(--text-3); width: fit-content; }
.technical-reason { overflow-wrap: anywhere; margin-top: 2px; }
.session-ended { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
.option-reason { color: var(--text-3); font-size: 12.5px; }
.source-type { color: var(--text-3); font-size: 12.5px; }
.events { width: 100%; border-collapse: collapse; font-size: 13.5px; }
.events th { text-align: left; font-weight: 600; color: var(--text-3); font-size: 12px; padding: 8px 10px; border-bottom: 1px solid var(--border); }
.events td { padding: 10px; border-bottom: 1px solid #f2f4f7; vertical-align: top; }
.events tr:last-child td { border-bottom: 0; }
.nowrap { white-space: nowrap; }
.truncate { max-width: 220px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.empty-events { font-size: 14px; }

.history-card { padding: 20px 24px; }
.history-filters { display: grid; grid-template-columns: minmax(220px, 2fr) minmax(180px, 1fr) auto; gap: 16px; align-items: start; margin: 16px 0 12px; }
.history-actions { display: flex; gap: 8px; margin-top: 27px; }
.input {
  width: 100%;
  min-height: 40px;
  padding: 8px 12px;
  border: 1px solid var(--border-strong);
  border-radius: var(--radius-sm);
  background: #fff;
  color: var(--text);
  font: inherit;
  font-size: 14px;
  box-shadow: 0 1px 2px rgba(16, 24, 40, .05);
}
.input:focus { outline: none; border-color: var(--primary); box-shadow: 0 0 0 4px var(--focus); }
.history-summary { font-size: 13px; margin-bottom: 6px; }
.history-table td .history-target { display: block; margin-top: 2px; font-size: 12.5px; }
.history-more { display: flex; justify-content: center; margin-top: 12px; }
.link-button {
  border: 0;
  background: none;
  padding: 0;
  color: var(--primary);
  font: inherit;
  cursor: pointer;
  text-align: left;
  max-width: 100%;
  overflow: hidden;
  text-overflow: ellipsis;
}
.link-button:hover { text-decoration: underline; }

.dialog {
  border: 0;
  border-radius: var(--radius);
  padding: 24px;
  max-width: 440px;
  box-shadow: 0 20px 24px -4px rgba(16, 24, 40, .1), 0 8px 8px -4px rgba(16, 24, 40, .04);
}
.dialog::backdrop { background: rgba(16, 24, 40, .45); }
.dialog h2 { font-size: 18px; margin-bottom: 8px; }
.dialog p { color: var(--text-2); }
.dialog-actions { display: flex; justify-content: flex-end; gap: 10px; margin-top: 20px; }

@media (max-width: 720px) {
  .topbar-inner { flex-wrap: wrap; }
  .topbar-program { margin-left: 0; }
  .hero, .connection { flex-direction: column; align-items: flex-start; }
  .mapping-head { display: none; }
  .mapping-row { grid-template-columns: 1fr 36px; }
  .mapping-arrow { display: none; }
  .mapping-row > .field:nth-of-type(2) { grid-column: 1; }
  .history-filters { grid-template-columns: minmax(0, 1fr); }
  .history-card, .events-card, .tab-panel { min-width: 0; max-width: 100%; }
  .history-actions { margin-top: 0; }
  /* Tables become cards: one entry per card, each value under its column's name. */
  .events, .events tbody, .events tr, .events td { display: block; width: 100%; }
  /* Visually hidden, for screen readers. Its cells too: a table cell in the hidden header kept its
     column's width and stuck out of the card (69 px on History at 390 px). */
  .events thead, .events thead tr, .events thead th {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: 0;
    border: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .events tr { border: 1px solid var(--border); border-radius: var(--radius-sm); padding: 8px 12px; margin-bottom: 10px; background: #fcfcfd; }
  .events td { display: grid; grid-template-columns: 96px minmax(0, 1fr); gap: 8px; padding: 4px 0; border-bottom: 0; }
  .events td::before { content: attr(data-label); color: var(--text-3); font-size: 12px; font-weight: 600; }
  .events td > * { min-width: 0; overflow-wrap: anywhere; }
  .events td.nowrap { white-space: normal; }
  .history-card, .events-card { padding: 16px; }
  .events .col-details, .events .col-record { min-width: 0; max-width: none; width: 100%; }
  .table-scroll { overflow-x: visible; }
  .tab { padding: 8px 10px; }
  .savebar { padding: 10px 16px; }
}
`;
