import { ownActorOfWrite } from '../../../shared/attio/own-actor';

const connectedAt = '2026-12-01T10:00:00.000Z';
const ours = { type: 'api-token', id: '4c9b8eb9-0d8c-4f5e-9b1a-0a3e0c7d5f21' };
const value = (actor: unknown, activeFrom = '2026-12-01T10:05:00.000000000Z', activeUntil: string | null = null) => ({
  active_from: activeFrom,
  active_until: activeUntil,
  created_by_actor: actor,
  attribute_type: 'text',
  value: 'x',
});

describe('ownActorOfWrite', () => {
  it('names the api-token or app actor of the sync attributes the write sent', () => {
    // Act
    const token = ownActorOfWrite({
      values: { partnero_partner_id: [value(ours)], partnero_source: [value(ours)] },
      ownAttributes: ['partnero_partner_id', 'partnero_source'],
      since: connectedAt,
    });
    const app = ownActorOfWrite({
      values: { partnero_partner_id: [value({ type: 'app', id: 'app-1' })] },
      ownAttributes: ['partnero_partner_id'],
      since: connectedAt,
    });

    // Assess
    expect(token).toEqual(ours);
    expect(app).toEqual({ type: 'app', id: 'app-1' });
  });

  it.each([
    ['a system actor', { type: 'system', id: null }],
    ['a null type', { type: null, id: 'x' }],
    ['a null id', { type: 'api-token', id: null }],
    ['a workspace member (a sales rep who set the same value first)', { type: 'workspace-member', id: 'member-1' }],
    ['an actor type Attio may add later', { type: 'automation', id: 'auto-1' }],
    ['no actor at all', undefined],
  ])('is never %s', (_label, actor) => {
    expect(
      ownActorOfWrite({
        values: { partnero_partner_id: [value(actor)] },
        ownAttributes: ['partnero_partner_id'],
        since: connectedAt,
      }),
    ).toBeNull();
  });

  it('ignores values of attributes the sync does not own alone, and attributes it did not send', () => {
    // A mapped email kept unchanged still carries whoever wrote it first: another integration's token.
    const values = {
      email_addresses: [value({ type: 'api-token', id: 'other-integration' })],
      partnero_source: [value(ours)],
    };
    expect(ownActorOfWrite({ values, ownAttributes: [], since: connectedAt })).toBeNull();
    expect(ownActorOfWrite({ values, ownAttributes: ['partnero_partner_id'], since: connectedAt })).toBeNull();
  });

  it("ignores values written before the connection began (an earlier connection's token) and values no longer current", () => {
    const before = value(ours, '2026-12-01T09:59:59.999Z');
    const ended = value(ours, '2026-12-01T10:05:00.000Z', '2026-12-01T10:06:00.000Z');
    expect(
      ownActorOfWrite({
        values: { partnero_source: [before], partnero_partner_id: [ended] },
        ownAttributes: ['partnero_source', 'partnero_partner_id'],
        since: connectedAt,
      }),
    ).toBeNull();
  });

  it("says nothing when the sync's values name two different actors", () => {
    const values = {
      partnero_source: [value(ours)],
      partnero_partner_id: [value({ type: 'api-token', id: 'someone-else' })],
    };
    expect(
      ownActorOfWrite({ values, ownAttributes: ['partnero_source', 'partnero_partner_id'], since: connectedAt }),
    ).toBeNull();
  });

  it('skips values it cannot read instead of failing the write', () => {
    const values = { partnero_source: ['not a value', { active_from: 3 }, value(ours)] };
    expect(ownActorOfWrite({ values, ownAttributes: ['partnero_source'], since: connectedAt })).toEqual(ours);
  });
});
