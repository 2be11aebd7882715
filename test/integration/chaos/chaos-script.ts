import type { SeededRandom } from './seeded-random';

/**
 * The event stream of a soak, drawn from the seed before anything runs, and the oracle model:
 * what both providers must hold once everything has been delivered, whatever the chaos did.
 * Records are named by their place in the stream; the ids the providers give them are looked
 * up when the stream is played.
 */
export type Stage = 'lead' | 'won' | 'lost';

export type SetupEvent =
  | {
      readonly kind: 'partner.create';
      readonly partner: number;
      readonly email: string;
      readonly name: string;
      readonly surname: string;
    }
  | {
      readonly kind: 'customer.create';
      readonly customer: number;
      readonly key: string;
      readonly email: string;
      readonly name: string;
      readonly surname: string;
      readonly partner: number;
    };

export type ChangeEvent =
  | { readonly kind: 'partner.rename'; readonly partner: number; readonly surname: string }
  | { readonly kind: 'customer.rename'; readonly customer: number; readonly surname: string }
  | { readonly kind: 'sale'; readonly key: string; readonly customer: number; readonly amount: number }
  | { readonly kind: 'deal.create'; readonly deal: number; readonly customer: number; readonly amount: number }
  | { readonly kind: 'deal.move'; readonly deal: number; readonly stage: Stage };

export interface ScriptSize {
  readonly partners: number;
  readonly customers: number;
  /** Changes after the setup: renames, Partnero sales, Attio deals and their stage moves. */
  readonly changes: number;
}

export interface OracleModel {
  readonly partners: { email: string; name: string; surname: string }[];
  readonly customers: { key: string; email: string; name: string; surname: string; partner: number }[];
  readonly sales: { key: string; customer: number; amount: number }[];
  readonly deals: { customer: number; amount: number; stage: Stage }[];
}

export interface ChaosScript {
  readonly setup: SetupEvent[];
  readonly changes: ChangeEvent[];
  readonly model: OracleModel;
}

const surnames = [
  'Stone',
  'Rivers',
  'Hale',
  'Moss',
  'Frost',
  'Vale',
  'Reed',
  'Marsh',
  'Brook',
  'Finch',
  'Lake',
  'Thorne',
];
const names = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'];

export function writeChaosScript(random: SeededRandom, size: ScriptSize): ChaosScript {
  const model: OracleModel = { partners: [], customers: [], sales: [], deals: [] };
  const setup: SetupEvent[] = [];
  const changes: ChangeEvent[] = [];
  let renames = 0;
  const surname = () => `${random.pick(surnames)}-${(renames += 1)}`;

  for (let partner = 0; partner < size.partners; partner += 1) {
    const event = {
      kind: 'partner.create',
      partner,
      email: `partner-${partner}@affiliates.test`,
      name: random.pick(names),
      surname: random.pick(surnames),
    } as const;
    setup.push(event);
    model.partners.push({ email: event.email, name: event.name, surname: event.surname });
  }
  for (let customer = 0; customer < size.customers; customer += 1) {
    const event = {
      kind: 'customer.create',
      customer,
      key: `cust-${customer}`,
      email: `buyer-${customer}@buyers.test`,
      name: random.pick(names),
      surname: random.pick(surnames),
      partner: random.int(0, size.partners - 1),
    } as const;
    setup.push(event);
    model.customers.push({
      key: event.key,
      email: event.email,
      name: event.name,
      surname: event.surname,
      partner: event.partner,
    });
  }

  while (changes.length < size.changes) {
    const draw = random.next();
    if (draw < 0.2) {
      const event = { kind: 'partner.rename', partner: random.int(0, size.partners - 1), surname: surname() } as const;
      (model.partners[event.partner] as { surname: string }).surname = event.surname;
      changes.push(event);
    } else if (draw < 0.4) {
      const event = {
        kind: 'customer.rename',
        customer: random.int(0, size.customers - 1),
        surname: surname(),
      } as const;
      (model.customers[event.customer] as { surname: string }).surname = event.surname;
      changes.push(event);
    } else if (draw < 0.55) {
      const event = {
        kind: 'sale',
        key: `sale-${model.sales.length}`,
        customer: random.int(0, size.customers - 1),
        amount: random.int(10, 500),
      } as const;
      model.sales.push({ key: event.key, customer: event.customer, amount: event.amount });
      changes.push(event);
    } else if (draw < 0.7 || model.deals.length === 0) {
      const event = {
        kind: 'deal.create',
        deal: model.deals.length,
        customer: random.int(0, size.customers - 1),
        amount: random.int(10, 500),
      } as const;
      model.deals.push({ customer: event.customer, amount: event.amount, stage: 'lead' });
      changes.push(event);
    } else {
      const deal = random.int(0, model.deals.length - 1);
      const current = (model.deals[deal] as { stage: Stage }).stage;
      const stage = random.pick((['lead', 'won', 'lost'] as const).filter((candidate) => candidate !== current));
      (model.deals[deal] as { stage: Stage }).stage = stage;
      changes.push({ kind: 'deal.move', deal, stage });
    }
  }
  return { setup, changes, model };
}
