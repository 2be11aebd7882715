import type { AttioClient } from '../../../shared/attio';
import { ensureSyncAttributes } from '../../../shared/connect/attio-workspace-setup';
import { PartneroToAttioSync } from '../../../shared/partnero-to-attio/apply-partnero-event';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';
import { AttioSchemaCache } from '../../../shared/attio/attio-schema-cache';
import { attioRecordsOf } from '../../../shared/attio/attio-records';
import { readPartneroEvent } from '../../../shared/partnero-to-attio/partnero-event';
import type { SyncProgram } from '../../../shared/partnero-to-attio/sync-context';
import { defaultProgramSettings, type ProgramSettings } from '../../../shared/programs/program-settings';
import { attioRecordHash, attioRecordIsOurEcho } from '../../../shared/sync/echo-suppression';
import type { LinkedKind, RecordLink } from '../../../shared/sync/link-repository';
import { FakePartnero, InMemoryLinks } from '../../unit/partnero-to-attio/fake-providers';
import { aCustomer, aDelivery, aPartner, aTransaction } from '../../unit/partnero-to-attio/partnero-deliveries';
import { startAttioHarness, type AttioHarness } from '../attio/attio-harness';

/**
 * The value layer of echo suppression rests on one equation: the hash the Partnero -> Attio sync
 * links a record with (the hash of its write plan, and of Attio's answer to the write) equals the
 * fingerprint of the record the Attio -> Partnero direction reads back later. Here the real sync
 * writes through the real Attio client to the simulator over HTTP, and the record is read back
 * with GET, for every attribute type the sync writes: text, email, personal name, select
 * (multiselect), checkbox, date, timestamp, number, currency, status, actor and record references.
 * Only the simulator runs: no queue or table, so this takes seconds.
 */
describe('the echo hash survives a round trip through Attio', () => {
  let harness: AttioHarness;
  let ownerId: string;

  beforeAll(async () => {
    harness = await startAttioHarness();
    // Values are what this checks, not limits: the setup writes more attributes in a second than Attio's 25 writes/s.
    harness.simulator.control.setRateLimits({ readsPerSecond: 1_000, writesPerSecond: 1_000 });
    await ensureSyncAttributes(harness.attio, 'people');
    await createPartnerAttributes(harness.attio);
    ownerId = harness.simulator.control.members()[0]?.id.workspace_member_id as string;
  });
  afterAll(() => harness?.stop());

  function syncWorld(settings: ProgramSettings) {
    const links = new InMemoryLinks();
    const partnero = new FakePartnero();
    const attio = attioRecordsOf(harness.attio);
    const sync = new PartneroToAttioSync({ links, schemas: new AttioSchemaCache() });
    const program: SyncProgram = {
      programId: 'p1',
      settings,
      attio: { workspaceId: 'default', authorizedByWorkspaceMemberId: ownerId },
    };
    const apply = (delivery: Parameters<typeof readPartneroEvent>[0]) =>
      sync.apply(program, readPartneroEvent(delivery), { attio: async () => attio, partnero: async () => partnero });
    /** The linked record as the Attio -> Partnero direction re-fetches it, with the schema it hashes by. */
    const readBack = async (kind: LinkedKind, partneroId: string) => {
      const link = links.links.get(`p1/${kind}/${partneroId}`) as RecordLink;
      const record = await harness.attio.records.get(link.attioObject, link.attioRecordId);
      const schema = objectSchemaOf(await attio.listAttributes(link.attioObject));
      return { link, values: record?.values ?? {}, schema };
    };
    return { partnero, apply, readBack };
  }

  it('links a partner with the hash of its write, and the person read back hashes the same, until someone changes a synced value', async () => {
    // Prepare
    const settings = partnerMappingOverEveryType();
    const { partnero, apply, readBack } = syncWorld(settings);
    partnero.partners.set('partner_123', aPartner());
    // Act
    const result = await apply(aDelivery('partner.created', aPartner()));
    const { link, values, schema } = await readBack('partner', 'partner_123');
    // Assess
    expect(result.outcome).toBe('applied');
    expect(Object.keys(values)).toEqual(
      expect.arrayContaining(settings.partners.fieldMappings.map((row) => row.attioAttribute)),
    );
    expect(link.attioPlannedHash).not.toBeNull();
    expect(attioRecordHash(values, schema, 'partner', settings)).toBe(link.attioPlannedHash);
    expect(link.attioWrittenHash).toBe(link.attioPlannedHash);
    expect(attioRecordIsOurEcho(link, values, schema, settings)).toBe(true);
    // A person unticks a synced checkbox: no longer our echo.
    harness.simulator.control.updateRecordAsMember('people', link.attioRecordId, { partner_approved: false });
    const edited = await readBack('partner', 'partner_123');
    expect(attioRecordIsOurEcho(link, edited.values, edited.schema, settings)).toBe(false);
  });

  it('links a deal and its buyer with the hash of their writes, and both read back with the same hash', async () => {
    // Prepare
    const settings = defaultProgramSettings();
    settings.customers.enabled = true;
    const { partnero, apply, readBack } = syncWorld(settings);
    partnero.customers.set('customer_123', aCustomer({ email: 'round.trip@buyer.example' }));
    partnero.transactions.set('transaction_123', aTransaction());
    // Act
    const result = await apply(aDelivery('transaction.created', aTransaction()));
    const deal = await readBack('transaction', 'transaction_123');
    const buyer = await readBack('customer', 'customer_123');
    // Assess
    expect(result.outcome).toBe('applied');
    expect(Object.keys(deal.values)).toEqual(expect.arrayContaining(['stage', 'owner', 'value', 'associated_people']));
    for (const [kind, { link, values, schema }] of [
      ['transaction', deal],
      ['customer', buyer],
    ] as const) {
      expect(link.attioPlannedHash).not.toBeNull();
      expect(attioRecordHash(values, schema, kind, settings)).toBe(link.attioPlannedHash);
      expect(attioRecordIsOurEcho(link, values, schema, settings)).toBe(true);
    }
  });
});

/** Partner fields mapped onto one custom attribute of each further type, beside the default email and name. */
function partnerMappingOverEveryType(): ProgramSettings {
  const settings = defaultProgramSettings();
  settings.partners.fieldMappings = [
    ...settings.partners.fieldMappings,
    { partneroField: 'tags', attioAttribute: 'partner_tags' },
    { partneroField: 'approved', attioAttribute: 'partner_approved' },
    { partneroField: 'created_at', attioAttribute: 'partner_joined_on' },
    { partneroField: 'created_at', attioAttribute: 'partner_joined_at' },
    { partneroField: 'referral_link', attioAttribute: 'partner_link' },
  ];
  return settings;
}

async function createPartnerAttributes(attio: AttioClient): Promise<void> {
  await attio.attributes.create('people', {
    title: 'Partner tags',
    api_slug: 'partner_tags',
    type: 'select',
    is_multiselect: true,
  });
  await attio.attributes.createSelectOption('people', 'partner_tags', 'premium');
  await attio.attributes.create('people', {
    title: 'Partner approved',
    api_slug: 'partner_approved',
    type: 'checkbox',
  });
  await attio.attributes.create('people', { title: 'Partner joined on', api_slug: 'partner_joined_on', type: 'date' });
  await attio.attributes.create('people', {
    title: 'Partner joined at',
    api_slug: 'partner_joined_at',
    type: 'timestamp',
  });
  await attio.attributes.create('people', { title: 'Partner link', api_slug: 'partner_link', type: 'text' });
}
