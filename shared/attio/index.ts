export {
  createAttioClient,
  type AttioClient,
  type AttioWriteValues,
  type NewAttribute,
  type RecordQuery,
} from './attio-client';
export { createAttioHttp, WAIT_OUT_RATE_LIMITS, type AttioHttpOptions } from './attio-http';
export { buildAuthorizeUrl, exchangeAuthorizationCode, introspectToken, revokeToken } from './attio-oauth';
export * from './record-values';
export * from './schemas';
export * from './webhook-payload';
