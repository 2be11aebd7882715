import { PermanentError } from '../errors';
import type { DealSettings } from '../programs/program-settings';
import type { AttioStatusInfo } from '../attio/attio-schema';
import type { StatusChoice } from '../attio/sync-values';

/**
 * The stage of a deal created from a Partnero sale: the configured one, else the "won" stage
 * (a Partnero transaction is a sale that happened), else one whose title says won, else the
 * pipeline's first stage.
 */
export function newDealStage(settings: DealSettings, statuses: readonly AttioStatusInfo[]): StatusChoice {
  const active = statuses.filter((status) => !status.isArchived);
  const configured = settings.newDealStageId ?? settings.wonStageId;
  if (configured !== null) {
    const chosen = active.find((status) => status.statusId === configured);
    if (!chosen)
      throw new PermanentError(
        'settings:unknown-deal-stage',
        `the deal stage configured for new deals (${configured}) is not an active stage in Attio; choose another in the settings`,
      );
    return choice(chosen);
  }
  const fallback = active.find((status) => /\bwon\b/i.test(status.title)) ?? active[0];
  if (!fallback) throw new PermanentError('attio:no-deal-stages', 'the Attio deals object has no active stage');
  return choice(fallback);
}

/**
 * Where a refunded sale's deal goes: a stage whose title says lost. Undefined when the pipeline
 * has none; the deal then keeps its stage and only its Partnero status says refunded.
 */
export function refundedDealStage(statuses: readonly AttioStatusInfo[]): StatusChoice | undefined {
  const lost = statuses.find((status) => !status.isArchived && /\blost\b/i.test(status.title));
  return lost ? choice(lost) : undefined;
}

function choice(status: AttioStatusInfo): StatusChoice {
  return { kind: 'status', statusId: status.statusId, title: status.title };
}
