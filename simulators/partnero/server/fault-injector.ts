/**
 * Faults for the next N API requests, to exercise the client's and the sync's error paths:
 * a 429 (with Retry-After), a 500, a response that never comes (the caller's timeout fires),
 * and a connection dropped without an answer. Optionally only for one route template.
 */
export type FaultKind = '429' | '500' | 'timeout' | 'drop';

export interface FaultPlan {
  readonly kind: FaultKind;
  /** How many matching requests get the fault. Default 1. */
  readonly count?: number;
  /** Only requests to this route, e.g. `POST /v1/transactions`; any route when left out. */
  readonly route?: string;
  /** For 429: the Retry-After seconds to send; none when left out. */
  readonly retryAfterSeconds?: number;
}

interface PendingFault {
  readonly plan: FaultPlan;
  remaining: number;
}

export class FaultInjector {
  private pending: PendingFault[] = [];

  inject(plan: FaultPlan): void {
    this.pending.push({ plan, remaining: plan.count ?? 1 });
  }

  /** The fault for this request, if one is due; each use counts down its plan. */
  take(route: string): FaultPlan | undefined {
    const due = this.pending.find((fault) => fault.plan.route === undefined || fault.plan.route === route);
    if (due === undefined) return undefined;
    due.remaining -= 1;
    if (due.remaining <= 0) this.pending = this.pending.filter((fault) => fault !== due);
    return due.plan;
  }

  clear(): void {
    this.pending = [];
  }
}
