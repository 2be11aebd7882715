export { startPartneroSimulator, type PartneroSimulator, type PartneroSimulatorOptions } from './partnero-simulator';
export type { PartneroControl, TransactionView, DeliveryView } from './control/partnero-control';
export type { NewProgram } from './model/partnero-world';
export type { FaultKind, FaultPlan } from './server/fault-injector';
export type { RateLimit } from './rate-limiter';
export type { DeliveryOptions, DeliveryRecord } from './webhooks/webhook-deliverer';
export { PartneroApiError } from './model/partnero-api-error';
