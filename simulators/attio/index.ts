export { startAttioSimulator, type AttioSimulator, type AttioSimulatorOptions } from './attio-simulator';
export type { AttioControl } from './control/attio-control';
export type { AttioRateLimits } from './model/rate-limiter';
export type { DeliveryRecord, DeliverySchedule } from './webhooks/attio-webhooks';
