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
 *   PROGRAM#<id>           DEADLETTER#<iso time>#<message id>   a message of the program the worker dead-lettered: record, reason (TTL)
 *   PROGRAM#<id>           SESSION#<nonce>                      an open settings-page session (TTL); gone on disconnect or removal
 *   PROGRAM#<id>           LINKUSED#<sha256 of the link>        a settings link already redeemed, so it opens one session only (TTL)
 *   PROGRAM#<id>           PERFORMANCE#refresh                  when the partners' figures were last queued for a refresh
 *   PROGRAM#<id>#AUDIT#<direction>  <iso time>#<uuid>           sync history of one direction (TTL; see shared/sync/audit-log.ts)
 *   PROGRAM#<id>#AUDIT     <iso time>#<uuid>                    sync history before it was split by direction (read until it expires)
 *   OAUTH_STATE#<nonce>    STATE                                single-use OAuth state (TTL)
 *   PROGRAMS               PROGRAM#<id>                         directory entry (name, dates; no secret), so the admin API can list programs by id
 *   BUDGET#<provider>#<scope> WINDOWS                           calls taken per kind in this second and the next ones (workspace or program; TTL)
 */
export const keys = {
  programPartition: (programId: string) => `PROGRAM#${programId}`,
  auditPartition: (programId: string) => `PROGRAM#${programId}#AUDIT`,
  auditDirectionPartition: (programId: string, direction: string) => `PROGRAM#${programId}#AUDIT#${direction}`,
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
  deadLetter: (failedAt: string, messageId: string) => `DEADLETTER#${failedAt}#${messageId}`,
  deadLetters: 'DEADLETTER#',
  settingsSession: (nonce: string) => `SESSION#${nonce}`,
  settingsSessions: 'SESSION#',
  settingsLinkUse: (linkHash: string) => `LINKUSED#${linkHash}`,
  performanceRefresh: 'PERFORMANCE#refresh',
  oauthStatePartition: (nonce: string) => `OAUTH_STATE#${nonce}`,
  oauthState: 'STATE',
  programDirectoryPartition: 'PROGRAMS',
  programDirectoryEntry: (programId: string) => `PROGRAM#${programId}`,
  // Attio's limits are per workspace (several programs may share one), Partnero's per program.
  providerBudgetPartition: (provider: string, scope: string) => `BUDGET#${provider}#${scope}`,
  providerBudgetWindows: 'WINDOWS',
} as const;
