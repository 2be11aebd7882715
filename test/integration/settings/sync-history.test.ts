import { PutCommand, QueryCommand } from '../../../shared/aws/dynamodb-document-client';
import { keys } from '../../../shared/store/keys';
import { AuditLog, type AuditEntry } from '../../../shared/sync/audit-log';
import * as connect from '../connect/connect-world';

/**
 * The sync history behind the History tab, through the real settings API on DynamoDB Local:
 * newest first, paged without gaps or repeats, narrowed to one record or one direction, kept
 * for the retention time and never showing another program's entries.
 */
describe('Sync history API', () => {
  let world: connect.ConnectWorld;
  let audit: AuditLog;

  beforeAll(async () => {
    world = await connect.startConnectWorld();
    audit = new AuditLog(world.table, 30);
  });

  afterAll(async () => {
    await world?.stop();
  });

  interface HistoryAnswer {
    entries: AuditEntry[];
    nextCursor: string | null;
    retentionDays: number;
  }

  async function programWithHistory(
    count: number,
  ): Promise<{ programId: string; api: ReturnType<typeof connect.settingsApi> }> {
    const { programId } = await connect.registeredProgram(world, 'history');
    const start = Date.parse('2026-11-01T00:00:00.000Z');
    for (let index = 0; index < count; index += 1) {
      await audit.record({
        programId,
        direction: index % 3 === 0 ? 'attio-to-partnero' : 'partnero-to-attio',
        sourceEvent: index % 3 === 0 ? 'record.updated' : 'partner.updated',
        sourceRecord: index % 3 === 0 ? `attio:people:rec-${index % 4}` : `partner:p${index % 4}`,
        targetRecord: index % 3 === 0 ? `partnero:customer:c${index % 4}` : `attio:people:rec-${index % 4}`,
        outcome: index % 5 === 0 ? 'failed' : 'applied',
        reason: `event ${index}`,
        at: new Date(start + index * 60_000).toISOString(),
      });
    }
    return { programId, api: connect.settingsApi(world, programId, await connect.openSession(world, programId)) };
  }

  async function readAll(
    api: ReturnType<typeof connect.settingsApi>,
    query: string,
  ): Promise<{ pages: number; entries: AuditEntry[] }> {
    const entries: AuditEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await api.get(`/history?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status).toBe(200);
      const page = answer.json<HistoryAnswer>();
      entries.push(...page.entries);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    return { pages, entries };
  }

  it('lists the newest entries first with direction, event, record, outcome and reason, and the retention', async () => {
    // Prepare
    const { api } = await programWithHistory(4);
    // Act
    const answer = await api.get('/history');
    // Assess
    expect(answer.status).toBe(200);
    const page = answer.json<HistoryAnswer>();
    expect(page.retentionDays).toBe(30);
    expect(page.nextCursor).toBeNull();
    expect(page.entries.map((entry) => entry.reason)).toEqual(['event 3', 'event 2', 'event 1', 'event 0']);
    expect(page.entries[0]).toMatchObject({
      direction: 'attio-to-partnero',
      sourceEvent: 'record.updated',
      sourceRecord: 'attio:people:rec-3',
      targetRecord: 'partnero:customer:c3',
      outcome: 'applied',
    });
    expect(page.entries[3]?.outcome).toBe('failed');
  });

  it('shows a conflict in the history with both Partnero records named, and counts it on the status report', async () => {
    // Prepare
    const { programId, api } = await programWithHistory(3);
    await audit.record({
      programId,
      direction: 'partnero-to-attio',
      sourceEvent: 'customer.created',
      sourceRecord: 'customer:cust-b',
      targetRecord: 'attio:people:rec-1',
      outcome: 'conflict',
      reason:
        'customer.created not written: its email_addresses value is already on Attio record ' +
        'people:rec-1, which belongs to customer cust-a; customer cust-b was not linked to it',
    });
    // Act
    const history = (await api.get('/history')).json<HistoryAnswer>();
    const status = (await api.get('/status')).json<{ conflicts: { count: number; atLeast: boolean } | null }>();
    // Assess
    expect(history.entries[0]).toMatchObject({
      outcome: 'conflict',
      sourceRecord: 'customer:cust-b',
      reason: expect.stringMatching(/cust-a.*cust-b/),
    });
    expect(status.conflicts).toEqual({ count: 1, atLeast: false });
  });

  it('pages through the whole history without gaps or repeats', async () => {
    // Prepare
    const { api } = await programWithHistory(23);
    // Act
    const { pages, entries } = await readAll(api, 'limit=10');
    // Assess
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(entries.map((entry) => entry.reason)).toEqual(
      Array.from({ length: 23 }, (_, index) => `event ${22 - index}`),
    );
  });

  it('narrows to one record, as source or as target, and to one direction, still paged', async () => {
    // Prepare
    const { api } = await programWithHistory(24);
    // Act
    const record = await readAll(api, `limit=3&record=${encodeURIComponent('attio:people:rec-1')}`);
    const direction = await readAll(api, 'limit=50&direction=attio-to-partnero');
    // Assess: rec-1 is the source of Attio events 9 and 21 and the target of partner events 1, 5, 13, 17.
    expect(record.entries.map((entry) => entry.reason)).toEqual([
      'event 21',
      'event 17',
      'event 13',
      'event 9',
      'event 5',
      'event 1',
    ]);
    expect(record.pages).toBeGreaterThanOrEqual(2);
    expect(direction.entries).toHaveLength(8);
    expect(new Set(direction.entries.map((entry) => entry.direction))).toEqual(new Set(['attio-to-partnero']));
  });

  it('answers the quiet direction at once however busy the other one is, newest first, and Status shows its last events', async () => {
    // Prepare: 2 Attio events, then 400 partner events on top of them.
    const { programId } = await connect.registeredProgram(world, 'busy');
    const start = Date.parse('2026-11-02T00:00:00.000Z');
    const entry = (index: number, direction: 'partnero-to-attio' | 'attio-to-partnero') => ({
      programId,
      direction,
      sourceEvent: direction === 'partnero-to-attio' ? 'partner.updated' : 'record.updated',
      sourceRecord: direction === 'partnero-to-attio' ? `partner:p${index}` : `attio:people:rec-${index}`,
      targetRecord: null,
      outcome: 'applied' as const,
      reason: `${direction} ${index}`,
      at: new Date(start + index * 1000).toISOString(),
    });
    await audit.record(entry(0, 'attio-to-partnero'));
    await audit.record(entry(1, 'attio-to-partnero'));
    for (let batch = 0; batch < 400; batch += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, offset) => audit.record(entry(10 + batch + offset, 'partnero-to-attio'))),
      );
    const api = connect.settingsApi(world, programId, await connect.openSession(world, programId));
    // Act
    const quiet = (await api.get('/history?direction=attio-to-partnero')).json<HistoryAnswer>();
    const all = (await api.get('/history?limit=3')).json<HistoryAnswer>();
    const recent = await audit.listRecent(programId, { direction: 'attio-to-partnero', limit: 5 });
    // Assess
    expect(quiet.entries.map((item) => item.reason)).toEqual(['attio-to-partnero 1', 'attio-to-partnero 0']);
    expect(quiet.nextCursor).toBeNull();
    expect(all.entries.map((item) => item.reason)).toEqual([
      'partnero-to-attio 409',
      'partnero-to-attio 408',
      'partnero-to-attio 407',
    ]);
    expect(recent.entries).toHaveLength(2);
  });

  it('finds a record whose only entry lies under a thousand newer ones on the first page', async () => {
    // Prepare: partner p-quiet synced once, then 1,000 events of other partners.
    const { programId } = await connect.registeredProgram(world, 'deep');
    const start = Date.parse('2026-11-03T00:00:00.000Z');
    const entry = (index: number, record: string) => ({
      programId,
      direction: 'partnero-to-attio' as const,
      sourceEvent: 'partner.updated',
      sourceRecord: record,
      targetRecord: null,
      outcome: 'applied' as const,
      reason: `event ${index}`,
      at: new Date(start + index * 1000).toISOString(),
    });
    await audit.record(entry(0, 'partner:p-quiet'));
    for (let batch = 0; batch < 1_000; batch += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, offset) =>
          audit.record(entry(1 + batch + offset, `partner:p${batch + offset}`)),
        ),
      );
    const api = connect.settingsApi(world, programId, await connect.openSession(world, programId));
    // Act
    const answer = await api.get(`/history?limit=10&record=${encodeURIComponent('partner:p-quiet')}`);
    // Assess
    const page = answer.json<HistoryAnswer>();
    expect(page.entries.map((item) => item.reason)).toEqual(['event 0']);
    expect(page.nextCursor).toBeNull();
  });

  it('reads entries written before the history was split by direction, merged in time order', async () => {
    // Prepare: one entry in the old single partition, one in the new direction partition.
    const { programId, api } = await programWithHistory(1);
    await world.table.client.send(
      new PutCommand({
        TableName: world.table.tableName,
        Item: {
          pk: keys.auditPartition(programId),
          sk: '2026-10-31T00:00:00.000Z#old',
          programId,
          direction: 'partnero-to-attio',
          sourceEvent: 'partner.created',
          sourceRecord: 'partner:legacy',
          targetRecord: null,
          outcome: 'applied',
          reason: 'legacy entry',
          at: '2026-10-31T00:00:00.000Z',
        },
      }),
    );
    // Act
    const everything = (await api.get('/history')).json<HistoryAnswer>();
    const direction = (await api.get('/history?direction=partnero-to-attio')).json<HistoryAnswer>();
    const other = (await api.get('/history?direction=attio-to-partnero')).json<HistoryAnswer>();
    // Assess
    expect(everything.entries.map((item) => item.reason)).toEqual(['event 0', 'legacy entry']);
    expect(direction.entries.map((item) => item.reason)).toEqual(['legacy entry']);
    expect(other.entries.map((item) => item.reason)).toEqual(['event 0']);
  });

  it('keeps entries for the retention time (DynamoDB TTL) and hides expired ones at once', async () => {
    // Prepare
    const { programId, api } = await programWithHistory(1);
    await new AuditLog(world.table, -1).record({
      programId,
      direction: 'partnero-to-attio',
      sourceEvent: 'partner.created',
      sourceRecord: 'partner:old',
      targetRecord: null,
      outcome: 'applied',
      reason: 'expired yesterday',
    });
    // Act
    const page = (await api.get('/history')).json<HistoryAnswer>();
    // Assess
    expect(page.entries.map((entry) => entry.reason)).toEqual(['event 0']);
    const stored = await world.table.client.send(
      new QueryCommand({
        TableName: world.table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditDirectionPartition(programId, 'attio-to-partnero') },
      }),
    );
    const kept = stored.Items?.find((item) => item.reason === 'event 0');
    const now = Date.now() / 1000;
    expect((kept?.expiresAt as number) - now).toBeGreaterThan(29.9 * 86_400);
    expect((kept?.expiresAt as number) - now).toBeLessThan(30.1 * 86_400);
  });

  it('refuses a malformed query and a cursor pointing into another program’s history (400), showing none of it', async () => {
    // Prepare
    const other = await programWithHistory(2);
    const mine = await programWithHistory(1);
    const foreignCursor = Buffer.from(
      JSON.stringify({ program: other.programId, at: { 'partnero-to-attio': '9999' } }),
    ).toString('base64url');
    // Act
    const answers = await Promise.all([
      mine.api.get(`/history?cursor=${foreignCursor}`),
      mine.api.get('/history?cursor=not-a-cursor'),
      mine.api.get('/history?limit=1000'),
      mine.api.get('/history?direction=sideways'),
    ]);
    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
    expect(answers[0]?.text).not.toContain('event');
    expect(answers[0]?.json<{ message: string }>().message).toContain('cursor is not valid');
  });
});
