export { createPartneroClient, type PartneroClient, type PartneroClientOptions } from './partnero-client';
export type { NewCustomer, CustomerChanges } from './customers-api';
export type { NewPartner, PartnerChanges, PartnerReference } from './partners-api';
export type { NewTransaction } from './transactions-api';
export type { NewWebhook } from './webhooks-api';
export type { PartneroPage, HttpTransport } from './partnero-http';
export * from './resource-schemas';
export * from './envelope-schemas';
export * from './webhook-delivery-schema';
