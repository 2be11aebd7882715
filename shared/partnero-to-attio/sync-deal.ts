import { syncOriginOfDelivery } from '../backfill/record-messages';
import { PermanentError } from '../errors';
import type { RecordLink } from '../sync/link-repository';
import type { PartneroCustomer, PartneroTransaction } from '../partnero/resource-schemas';
import { commissionValues, reversedCommissionValues } from './deal-commission-values';
import { DEAL_OBJECT } from '../attio/object-slugs';
import { planDealRecord } from './deal-record';
import { newDealStage, refundedDealStage } from './deal-stages';
import { eventLinkOf } from './event-link';
import { markLinkedRecord, objectSchema, writePlannedRecord } from './record-writer';
import { dealAttributeSlugs, syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import type { SyncContext, SyncResult } from './sync-context';
import { writeCustomerPerson } from './sync-partner-or-customer';
import type { PlannedValue } from './record-plan';

/**
 * transaction.created -> a deal; transaction.deleted (the refund) -> that deal moves to a
 * lost stage (when the pipeline has one) and shows `refunded`. The deal is never deleted:
 * the sales team's notes and tasks hang off it, and the refund is part of its history.
 * A sale recorded from a deal won in Attio is already linked to that deal by the other
 * direction, so its `transaction.created` opens no second deal.
 */
export async function syncDeal(context: SyncContext): Promise<SyncResult> {
  const { event, program } = context;
  const { link, target, stale } = await eventLinkOf(context, 'transaction');
  if (stale) return stale;

  if (event.delivery.event === 'transaction.deleted') {
    if (!link)
      return { outcome: 'noop', targetRecord: null, reason: 'transaction.deleted: the sale never reached Attio' };
    // A deal this direction never wrote was won in Attio and its sale recorded from there: its
    // stage is the sales team's (the refund may even follow their moving it out of won).
    const ownDeal = link.attioWrittenHash !== null;
    const lost = ownDeal
      ? refundedDealStage(
          await context.schemas.statuses(
            program.attio.workspaceId,
            DEAL_OBJECT,
            dealAttributeSlugs.stage,
            context.attio,
          ),
        )
      : undefined;
    const marks: PlannedValue[] = [
      { slug: syncAttributeSlugs.transactionStatus, value: 'refunded', optional: true },
      ...reversedCommissionValues(),
      ...(lost ? [{ slug: dealAttributeSlugs.stage, value: lost }] : []),
    ];
    const description = lost
      ? `deal moved to ${lost.title} and marked refunded`
      : ownDeal
        ? 'deal marked refunded (the pipeline has no lost stage)'
        : 'deal marked refunded; its stage is left to the sales team (the deal came from Attio)';
    return markLinkedRecord(
      context,
      link,
      { slug: syncAttributeSlugs.transactionKey, value: event.partneroId },
      marks,
      event.version,
      description,
    );
  }

  // A sale never changes after it is recorded: a deal this direction wrote is the same sale again,
  // unless reconciliation found its commission archived or restored in Partnero (no webhook says so).
  const commissionRefresh = syncOriginOfDelivery(event.delivery)?.source === 'reconciliation';
  if (link && link.attioWrittenHash !== null && !commissionRefresh)
    return {
      outcome: 'noop',
      targetRecord: target,
      reason: 'transaction.created: the deal of this sale already exists',
    };
  // A refund may overtake a late retry of the sale's delivery: never open a deal for a refunded sale.
  const transaction = await context.partnero.findTransaction(event.partneroId, {
    includeArchived: commissionRefresh && link !== undefined,
  });
  if (!transaction)
    return {
      outcome: 'stale',
      targetRecord: target,
      reason: 'transaction.created: the sale no longer exists in Partnero (refunded before it reached Attio)',
    };
  if (link) return showCommission(context, link, transaction);
  return createDeal(context, transaction);
}

/**
 * The sale of a deal won in Attio (the other direction created it and linked the deal first):
 * the deal shows what it paid. Only the commission attributes are written, the rest of the
 * deal stays the sales team's, and the link keeps no hash of ours (see `markLinkedRecord`).
 * No loop: the Attio webhook does not subscribe to these attributes, our actor's events are
 * dropped, and the deal's claim already records its one transaction.
 */
function showCommission(context: SyncContext, link: RecordLink, transaction: PartneroTransaction): Promise<SyncResult> {
  const values = commissionValues(transaction);
  const amount = values.find((value) => value.slug === syncAttributeSlugs.commissionAmount)?.value;
  const currency = values.find((value) => value.slug === syncAttributeSlugs.commissionCurrency)?.value;
  return markLinkedRecord(
    context,
    link,
    { slug: syncAttributeSlugs.transactionKey, value: transaction.key },
    values,
    context.event.version,
    `deal shows its commission (${String(amount)}${currency ? ` ${String(currency)}` : ''})`,
  );
}

async function createDeal(context: SyncContext, transaction: PartneroTransaction): Promise<SyncResult> {
  const { program } = context;
  const owner = program.settings.deals.ownerWorkspaceMemberId ?? program.attio.authorizedByWorkspaceMemberId;
  if (!owner)
    throw new PermanentError(
      'settings:no-deal-owner',
      'no deal owner: choose one in the deal settings (Attio requires an owner on every deal)',
    );
  const [schema, statuses, customer] = await Promise.all([
    objectSchema(context, DEAL_OBJECT),
    context.schemas.statuses(program.attio.workspaceId, DEAL_OBJECT, dealAttributeSlugs.stage, context.attio),
    context.partnero.findCustomer(transaction.customer),
  ]);
  const buyer = await customerPerson(context, transaction.customer, customer);
  const plan = planDealRecord(
    {
      transaction,
      customer,
      personRecordId: buyer.recordId,
      stage: newDealStage(program.settings.deals, statuses),
      ownerWorkspaceMemberId: owner,
    },
    program.settings.deals,
    schema,
  );
  const written = await writePlannedRecord(
    context,
    'transaction',
    transaction.key,
    plan,
    undefined,
    transaction.created_at ?? context.event.version,
  );
  return buyer.note ? { ...written, reason: `${written.reason}; ${buyer.note}` } : written;
}

/**
 * The buyer's Attio person, for `associated_people`: the linked one; else, when customer sync
 * is on, the customer is synced first (the sale may overtake its customer's own event, which
 * runs in another message group); else an existing person with the customer's email. Customer
 * sync off never creates a person.
 */
async function customerPerson(
  context: SyncContext,
  customerKey: string,
  customer: PartneroCustomer | undefined,
): Promise<{ recordId?: string; note?: string }> {
  const link = await context.links.findByPartneroId(context.program.programId, 'customer', customerKey);
  if (link) return { recordId: link.attioRecordId };
  if (!customer) return { note: 'no person linked: Partnero no longer has the customer' };
  if (context.program.settings.customers.enabled) {
    try {
      const written = await writeCustomerPerson(context, customer, undefined);
      return written.recordId ? { recordId: written.recordId } : { note: `no person linked: ${written.reason}` };
    } catch (error) {
      // The sale still becomes a deal; the customer's own event reports why its person failed.
      if (error instanceof PermanentError) return { note: `no person linked: ${error.message}` };
      throw error;
    }
  }
  if (!customer.email) return { note: 'no person linked: the customer has no email' };
  const people = await context.attio.findPeopleByEmail(customer.email);
  return people.length === 1
    ? { recordId: people[0] }
    : { note: 'no person linked: no Attio person has the customer email' };
}
