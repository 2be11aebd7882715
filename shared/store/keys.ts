/**
 * Item keys of the sync table. Everything about one program lives under one partition key,
 * so removing a program is one query and a delete of what it returns.
 *
 *   pk                     sk                                   item
 *   PROGRAM#<id>           PROGRAM                              registration (encrypted Partnero key, webhook)
 *   PROGRAM#<id>           CONNECTION#attio                     Attio connection (encrypted token, actor, webhook)
 *   PROGRAM#<id>           SETTINGS                             mapping and deal settings
 *   PROGRAM#<id>           LINK#partnero#<kind>#<partneroId>    link Partnero -> Attio, with hashes of what we wrote
 *   PROGRAM#<id>           LINK#attio#<recordId>#<kind>         the same link seen from Attio (a record may hold several kinds)
 *   PROGRAM#<id>           CLAIM#deal#<dealRecordId>            the one commission a won deal may pay
 *   PROGRAM#<id>           WRITES#<direction>#<record>#<bucket> writes of one record in one time bucket (circuit breaker, TTL)
 *   PROGRAM#<id>           PARKED#<provider>#<parked id>        a signed webhook delivery the service could not read, for replay (TTL)
 *   PROGRAM#<id>           PERFORMANCE#refresh                  when the partners' figures were last queued for a refresh
 *   PROGRAM#<id>#AUDIT     <iso time>#<event id>                sync history (TTL)
 *   OAUTH_STATE#<nonce>    STATE                                single-use OAuth state (TTL)
 *   PROGRAMS               PROGRAM#<id>                         directory entry (name, dates; no secret), so the admin API can list programs by id
 */
export const keys = {
  programPartition: (programId: string) => `PROGRAM#${programId}`,
  auditPartition: (programId: string) => `PROGRAM#${programId}#AUDIT`,
  program: 'PROGRAM',
  attioConnection: 'CONNECTION#attio',
  settings: 'SETTINGS',
  partneroLink: (kind: string, partneroId: string) => `LINK#partnero#${kind}#${partneroId}`,
  // One item per kind: a person can be both a partner and a customer, each linked on its own.
  attioLink: (recordId: string, kind: string) => `LINK#attio#${recordId}#${kind}`,
  attioLinks: (recordId: string) => `LINK#attio#${recordId}#`,
  dealClaim: (dealRecordId: string) => `CLAIM#deal#${dealRecordId}`,
  recordWrites: (record: string, bucket: number) => `WRITES#${record}#${bucket}`,
  parkedDelivery: (provider: string, parkedId: string) => `PARKED#${provider}#${parkedId}`,
  parkedDeliveries: 'PARKED#',
  performanceRefresh: 'PERFORMANCE#refresh',
  oauthStatePartition: (nonce: string) => `OAUTH_STATE#${nonce}`,
  oauthState: 'STATE',
  programDirectoryPartition: 'PROGRAMS',
  programDirectoryEntry: (programId: string) => `PROGRAM#${programId}`,
} as const;
