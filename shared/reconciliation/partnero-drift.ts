import { PermanentError } from '../errors';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { customerStatusLabel, planCustomerPerson } from '../partnero-to-attio/customer-record';
import { hashWithoutFigures, lacksDetailFigures } from '../partnero-to-attio/partner-performance';
import { partnerStatusLabel, planPartnerRecord } from '../partnero-to-attio/partner-record';
import type { RecordPlan } from '../partnero-to-attio/record-plan';
import { changesNothing } from '../partnero-to-attio/record-writer';
import type { ProgramSettings } from '../programs/program-settings';
import type { ListedRecord } from '../backfill/record-messages';
import { partneroRecordIsOurEcho } from '../sync/echo-suppression';
import type { RecordLink } from '../sync/link-repository';

/**
 * Why a Partnero record and its Attio side have drifted apart, or undefined when they agree.
 * "Agree" is exactly what makes the worker answer `noop` or `echo` for the record: the link's
 * hash of what Attio holds equals the hash of what the worker would write now (the same plan,
 * from the same mapping and schema), or Partnero holds what the other direction wrote there
 * (the echo rule's value check, `shared/sync/echo-suppression.ts`).
 * So a repair is enqueued only where the worker would really change something, and a program
 * in sync costs no queue message at all.
 */
export function partneroDrift(
  listed: ListedRecord,
  link: RecordLink | undefined,
  settings: ProgramSettings,
  schema: AttioObjectSchema,
): string | undefined {
  switch (listed.kind) {
    case 'partner': {
      if (!link) return 'the partner has no Attio record (a missed webhook)';
      const partner = listed.record;
      if (partneroRecordIsOurEcho('upsert', link, partner, settings.partners.fieldMappings)) return undefined;
      // Partnero shows a rejected partner as pending; only its event said `rejected`, so either label agrees.
      const labels = [
        partnerStatusLabel(partner, 'partner.updated'),
        ...(partner.approved === false ? ['rejected'] : []),
      ];
      const plans = labels.map((label) => planned(() => planPartnerRecord(partner, label, settings.partners, schema)));
      if (plans.some((plan) => plan === undefined || changesNothing(link, plan))) return undefined;
      // A list item has no referral figures: compare everything else with what the last write sent.
      const listedWithoutFigures = lacksDetailFigures(partner) && link.attioPlannedHashWithoutFigures;
      if (
        listedWithoutFigures &&
        plans.some(
          (plan) =>
            plan !== undefined &&
            link.attioObject === plan.object &&
            hashWithoutFigures(plan) === link.attioPlannedHashWithoutFigures,
        )
      )
        return undefined;
      return link.attioObject !== settings.partners.targetObject
        ? `the partner's record is in ${link.attioObject}, the settings say ${settings.partners.targetObject}`
        : 'Attio holds other values than Partnero has (a missed update)';
    }
    case 'customer': {
      const customer = listed.record;
      if (customerStatusLabel(customer) === 'deleted') return undefined;
      if (!link) return 'the customer has no Attio person (a missed webhook)';
      if (partneroRecordIsOurEcho('upsert', link, customer, settings.customers.fieldMappings)) return undefined;
      const plan = planned(() =>
        planCustomerPerson(customer, customerStatusLabel(customer), settings.customers, schema),
      );
      if (plan === undefined || changesNothing(link, plan)) return undefined;
      return 'Attio holds other values than Partnero has (a missed update)';
    }
    case 'transaction':
      // A sale never changes once recorded; only a missing deal is drift.
      return link ? undefined : 'the sale has no Attio deal (a missed webhook)';
  }
}

/**
 * A plan the schema refuses (an attribute the mapping names is missing) is not drift the job can
 * repair: every event of the record is refused the same way, and its audit entries say why.
 */
function planned(plan: () => RecordPlan): RecordPlan | undefined {
  try {
    return plan();
  } catch (error) {
    if (error instanceof PermanentError) return undefined;
    throw error;
  }
}
