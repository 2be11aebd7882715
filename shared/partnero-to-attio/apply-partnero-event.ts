import type { AttioSchemaCache } from '../attio/attio-schema-cache';
import type { PartneroEvent } from './partnero-event';
import type { AttioRecordsPort } from '../attio/attio-records';
import type { PartneroRecordsPort } from './ports';
import type { LinkStore, SyncProgram, SyncResult } from './sync-context';
import { customerKind, partnerKind } from './partner-and-customer-kinds';
import { syncDeal } from './sync-deal';
import { syncPartnerOrCustomer } from './sync-partner-or-customer';

export interface PartneroToAttioDependencies {
  readonly links: LinkStore;
  readonly schemas: AttioSchemaCache;
  readonly now?: () => Date;
}

/** The provider access for one program, created only once the event is known to need it. */
export interface ProviderAccess {
  attio(): Promise<AttioRecordsPort>;
  partnero(): Promise<PartneroRecordsPort>;
}

/**
 * Applies one Partnero event to Attio. The program's settings are read for every event, so a
 * Save applies to the very next one; a kind of record the program does not sync, or a program
 * that has not connected Attio, costs no provider call.
 */
export class PartneroToAttioSync {
  constructor(private readonly dependencies: PartneroToAttioDependencies) {}

  async apply(program: SyncProgram, event: PartneroEvent, access: ProviderAccess): Promise<SyncResult> {
    const disabled = disabledReason(program, event);
    if (disabled) return { outcome: 'skipped-by-settings', targetRecord: null, reason: disabled };
    if (!program.attio)
      return {
        outcome: 'skipped-by-settings',
        targetRecord: null,
        reason: `${event.name}: the program has not connected Attio`,
      };

    const [attio, partnero] = await Promise.all([access.attio(), access.partnero()]);
    const context = {
      program: { ...program, attio: program.attio },
      event,
      attio,
      partnero,
      links: this.dependencies.links,
      schemas: this.dependencies.schemas,
      now: this.dependencies.now ?? (() => new Date()),
    };
    switch (event.kind) {
      case 'partner':
        return syncPartnerOrCustomer(context, partnerKind);
      case 'customer':
        return syncPartnerOrCustomer(context, customerKind);
      case 'transaction':
        return syncDeal(context);
    }
  }
}

function disabledReason(program: SyncProgram, event: PartneroEvent): string | undefined {
  const { settings } = program;
  if (event.kind === 'partner' && !settings.partners.enabled)
    return `${event.name}: partner sync is off for this program`;
  if (event.kind === 'customer' && !settings.customers.enabled)
    return `${event.name}: customer sync is off for this program`;
  if (event.kind === 'transaction' && !settings.deals.enabled)
    return `${event.name}: deal sync is off for this program`;
  return undefined;
}
