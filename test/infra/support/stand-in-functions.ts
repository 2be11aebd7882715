import type { FunctionDefinition } from '../../../functions/catalog';

/** A stand-in HTTP function that builds links, so it needs the public API URL. */
export const standInOAuth: FunctionDefinition = {
  kind: 'http',
  name: 'stand-in-oauth',
  entry: 'functions/health/handler.ts',
  routes: [{ method: 'GET', path: '/oauth/stand-in' }],
  needs: { publicApiUrl: true },
  description: 'stand-in',
};
