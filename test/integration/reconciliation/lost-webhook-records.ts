/**
 * Records the reconciliation tests make in Partnero and Attio behind the sync's back, the way a
 * lost webhook leaves them: the job is what has to find them.
 */
import type { RetryPolicy } from '../../../shared/reconciliation/read-with-retries';
import type { BackfillWorld } from '../backfill/backfill-world';
import {
  valuesOf,
  type AttioRecordJson,
  type ConnectedProgram,
  type ConnectOptions,
  type SyncWorld,
} from '../partnero-to-attio/sync-world';

type PartneroPartner = ReturnType<SyncWorld['partnero']['control']['partners']['create']>;

/** Connect options of a program that syncs customers as well as partners. */
export const withCustomers: Pick<ConnectOptions, 'configure'> = {
  configure: (settings) => void (settings.customers.enabled = true),
};

/** A retry policy of `attempts` tries, 10 ms apart: short enough that a test can wait them out. */
export function quickRetries(attempts: number): RetryPolicy {
  return { attempts, backoffMs: 10, maxWaitMs: 1_000 };
}

/** A quiet program syncing customers whose won stage is Attio's "Won"; with the ids of its Won and Lead stages. */
export async function aProgramWithWonStage(
  backfill: BackfillWorld,
): Promise<{ program: ConnectedProgram; won: string; lead: string }> {
  const { world } = backfill;
  const program = await backfill.quietProgram(withCustomers);
  const stages = world.attio.control.statuses('deals', 'stage', program.workspaceId);
  const won = stages.find((status) => /^Won/.test(status.title))?.id as string;
  const lead = stages.find((status) => /^Lead/.test(status.title))?.id as string;
  const stored = await world.programs.getSettings(program.programId);
  stored.settings.deals.wonStageId = won;
  await world.programs.saveSettings(program.programId, stored.settings, stored.version);
  return { program, won, lead };
}

/** A partner made in Partnero and a customer (`buyer`) they referred; returns the partner. */
export function aPartnerAndBuyer(
  world: SyncWorld,
  programId: string,
  partner: Record<string, string>,
  buyer: Record<string, string>,
): PartneroPartner {
  const created = world.partnero.control.partners.create(programId, partner);
  world.partnero.control.customers.create(programId, { ...buyer, partner: { id: created.id } });
  return created;
}

/** A sale of `amount` to the customer `customerKey`, made in Partnero. */
export function aSale(world: SyncWorld, programId: string, key: string, amount: number, customerKey: string): void {
  world.partnero.control.transactions.create(programId, { key, amount, customer: { key: customerKey } });
}

/** `count` partners made in Partnero, `<label>0@affiliates.example` named `<Label> 0` and so on. */
export function somePartners(world: SyncWorld, programId: string, count: number, label: string): PartneroPartner[] {
  return Array.from({ length: count }, (_, index) =>
    world.partnero.control.partners.create(programId, {
      email: `${label.toLowerCase()}${index}@affiliates.example`,
      name: `${label} ${index}`,
    }),
  );
}

/** A person a workspace member made in Attio with one email; returns its record id. */
export function aMemberPerson(world: SyncWorld, program: ConnectedProgram, email: string): string {
  const person = world.attio.control.createRecordAsMember(
    'people',
    { email_addresses: [email] },
    { workspaceId: program.workspaceId },
  ) as { id: { record_id: string } };
  return person.id.record_id;
}

/** A deal the workspace's first member made and owns in Attio, with the people it names; returns its record id. */
export function aMemberDeal(
  world: SyncWorld,
  program: ConnectedProgram,
  deal: { name: string; stage: string | undefined; value: number; people?: string[] },
): string {
  const member = world.attio.control.members(program.workspaceId)[0]?.email_address as string;
  const people = deal.people
    ? { associated_people: deal.people.map((id) => ({ target_object: 'people', target_record_id: id })) }
    : {};
  const created = world.attio.control.createRecordAsMember(
    'deals',
    { name: deal.name, stage: deal.stage, owner: member, value: deal.value, ...people },
    { workspaceId: program.workspaceId },
  ) as { id: { record_id: string } };
  return created.id.record_id;
}

/** The first email address of an Attio person. */
export function emailOf(person: AttioRecordJson | undefined): unknown {
  return valuesOf(person, 'email_addresses')[0]?.email_address;
}
