import type { DocumentClient } from '../../../shared/aws/dynamodb-document-client';
import { ConfigurationError } from '../../../shared/errors';
import type { SyncTable } from '../../../shared/store/sync-table';
import {
  AuditLog,
  auditRetentionDays,
  DEFAULT_AUDIT_RETENTION_DAYS,
  InvalidAuditCursorError,
} from '../../../shared/sync/audit-log';

/** A table whose client records what it is sent and answers every query with nothing. */
function recordingTable(): { table: SyncTable; sent: { input: Record<string, unknown> }[] } {
  const sent: { input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      sent.push(command);
      return { Items: [] };
    },
  } as unknown as DocumentClient;
  return { table: { client, tableName: 'sync' }, sent };
}

const entry = {
  programId: 'prog-1',
  direction: 'partnero-to-attio',
  sourceEvent: 'partner.created',
  sourceRecord: 'partner:p1',
  targetRecord: null,
  outcome: 'applied',
  reason: 'ok',
} as const;

describe('how long the sync history is kept', () => {
  it('is 30 days unless AUDIT_RETENTION_DAYS says otherwise', () => {
    expect(DEFAULT_AUDIT_RETENTION_DAYS).toBe(30);
    expect(auditRetentionDays({})).toBe(30);
    expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: '' })).toBe(30);
    expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: '90' })).toBe(90);
  });

  it.each(['0', '-3', '2.5', 'a month', '4000'])('stops at init on AUDIT_RETENTION_DAYS=%s', (value) => {
    expect(() => auditRetentionDays({ AUDIT_RETENTION_DAYS: value })).toThrow(ConfigurationError);
  });

  it('stamps each entry with the DynamoDB TTL of its retention, read from the environment by default', async () => {
    // Prepare
    const { table, sent } = recordingTable();
    const previous = process.env.AUDIT_RETENTION_DAYS;
    process.env.AUDIT_RETENTION_DAYS = '7';
    let log: AuditLog;
    try {
      log = new AuditLog(table);
    } finally {
      if (previous === undefined) delete process.env.AUDIT_RETENTION_DAYS;
      else process.env.AUDIT_RETENTION_DAYS = previous;
    }
    const before = Math.floor(Date.now() / 1000);
    // Act
    await log.record(entry);
    // Assess
    const item = sent[0]?.input.Item as { expiresAt: number; pk: string };
    expect(log.retentionDays).toBe(7);
    expect(item.pk).toBe(`PROGRAM#prog-1#AUDIT#${entry.direction}`);
    expect(item.expiresAt - before).toBeGreaterThanOrEqual(7 * 86_400);
    expect(item.expiresAt - before).toBeLessThanOrEqual(7 * 86_400 + 2);
  });

  it('hides entries past their expiry when reading, before DynamoDB gets round to deleting them', async () => {
    // Prepare
    const { table, sent } = recordingTable();
    // Act
    await new AuditLog(table, 30).listRecent('prog-1');
    // Assess
    const query = sent[0]?.input as { FilterExpression: string; ExpressionAttributeValues: Record<string, unknown> };
    expect(query.FilterExpression).toContain('expiresAt > :now');
    expect(Math.abs((query.ExpressionAttributeValues[':now'] as number) - Date.now() / 1000)).toBeLessThan(5);
  });
});

describe('history cursors', () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['another program', cursorOf({ program: 'prog-2', at: { 'partnero-to-attio': '2026-01-01T00:00:00.000Z#x' } })],
    ['extra attributes', cursorOf({ program: 'prog-1', at: {}, pk: 'y' })],
    ['an unknown partition', cursorOf({ program: 'prog-1', at: { sideways: 'x' } })],
    ['not JSON', 'bm90IGpzb24'],
  ])('refuses a cursor with %s without reading anything', async (_, cursor) => {
    const { table, sent } = recordingTable();
    await expect(new AuditLog(table, 30).listRecent('prog-1', { cursor })).rejects.toThrow(InvalidAuditCursorError);
    expect(sent).toHaveLength(0);
  });

  it('starts from the entry a cursor of the same program names', async () => {
    const { table, sent } = recordingTable();
    const sk = '2026-01-01T00:00:00.000Z#x';
    await new AuditLog(table, 30).listRecent('prog-1', {
      direction: 'partnero-to-attio',
      cursor: cursorOf({ program: 'prog-1', at: { 'partnero-to-attio': sk } }),
    });
    expect(sent.map((command) => command.input.ExclusiveStartKey)).toContainEqual({
      pk: 'PROGRAM#prog-1#AUDIT#partnero-to-attio',
      sk,
    });
  });
});
