import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import type { AttioRecordJson } from './chaos-oracle';
import { startCalmWorld } from './calm-world';
import type { ChaosWorld } from './chaos-world';

/**
 * The steps the calm-world scenario tests share (a referred customer, the sales team's deal for
 * that customer's person, the deal's live transactions), so each test spells out only its own data.
 */

type CustomerInput = Parameters<ChaosWorld['partnero']['control']['customers']['create']>[1];

/** Starts a calm world before the enclosing describe block's tests and stops it after them; call the result in a test. */
export function useCalmWorld(seed: number): () => ChaosWorld {
  let world: ChaosWorld | undefined;
  beforeAll(async () => {
    world = await startCalmWorld(seed);
  });
  afterAll(async () => {
    await world?.stop();
  });
  return () => world as ChaosWorld;
}

/** A Partnero partner of the world's program (every scenario partner's surname is Partner). */
export function createPartner(world: ChaosWorld, name: string, email: string): { id: string } {
  return world.partnero.control.partners.create(world.program.partneroProgramId, { email, name, surname: 'Partner' });
}

/** A Partnero customer the partner referred; it reaches Attio as a person once the world drains. */
export function referCustomer(
  world: ChaosWorld,
  partner: { id: string },
  customer: Omit<CustomerInput, 'partner'> & { key: string },
): void {
  world.partnero.control.customers.create(world.program.partneroProgramId, {
    ...customer,
    partner: { id: partner.id },
  });
}

/** A sale in US dollars that the customer with that key makes in Partnero. */
export function sellToCustomer(world: ChaosWorld, customerKey: string, sale: { key: string; amount: number }): void {
  world.partnero.control.transactions.create(world.program.partneroProgramId, {
    ...sale,
    amount_units: 'usd',
    customer: { key: customerKey },
  });
}

/** The Attio person whose current customer key is the given Partnero customer's. */
export function personOfCustomer(world: ChaosWorld, customerKey: string): AttioRecordJson | undefined {
  const people = world.attio.control.records('people', world.program.workspaceId) as AttioRecordJson[];
  return people.find((record) =>
    record.values[slugs.customerKey]?.some((value) => !value.active_until && value.value === customerKey),
  );
}

/** Who Attio's control API acts as for the sales team: the program's workspace member. */
export function asSalesMember(world: ChaosWorld): { workspaceId: string; memberId: string } {
  return { workspaceId: world.program.workspaceId, memberId: world.program.memberId };
}

/** A deal the sales team creates in Attio for a person, owned by the program's member. */
export function createDealFor(
  world: ChaosWorld,
  person: AttioRecordJson | undefined,
  deal: { name: string; stage: string; value: number },
): AttioRecordJson {
  const { attio, program } = world;
  const owner = attio.control
    .members(program.workspaceId)
    .find((member) => member.id.workspace_member_id === program.memberId)?.email_address as string;
  return attio.control.createRecordAsMember(
    'deals',
    {
      ...deal,
      owner,
      associated_people: [{ target_object: 'people', target_record_id: person?.id.record_id as string }],
    },
    asSalesMember(world),
  ) as AttioRecordJson;
}

/** The sales team moves a deal to a stage in Attio. */
export function moveDeal(world: ChaosWorld, dealId: string, stage: keyof ChaosWorld['program']['stageIds']): void {
  world.attio.control.updateRecordAsMember(
    'deals',
    dealId,
    { stage: world.program.stageIds[stage] },
    asSalesMember(world),
  );
}

/** The Partnero transactions of a key that are not deleted. */
export function liveTransactionsOf(world: ChaosWorld, key: string) {
  return world.partnero.control.transactions
    .list(world.program.partneroProgramId)
    .filter((transaction) => transaction.key === key && !transaction.deleted_at);
}
