import { notFound, validationError } from '../model/partnero-api-error';
import type { TransactionRecord } from '../model/records';
import {
  archiveTransactions,
  createTransactions,
  deleteTransactions,
  readableTransaction,
} from '../model/transaction-operations';
import { transactionJson } from '../present/transaction-json';
import { done, filterValue, ok, partnerFilterOf, searchValue, type ApiRequest, type ApiRoute } from './api-request';
import { paginate } from './paginate';

function listedTransactions(request: ApiRequest): TransactionRecord[] {
  const data = request.data;
  const key = searchValue(request, 'key');
  const customerKey = filterValue(request, 'customer', 'key');
  const ofFilteredPartner = partnerFilterOf(request);
  return data
    .liveTransactions()
    .filter((transaction) => readableTransaction(data, transaction))
    .filter(
      (transaction) =>
        (key === undefined || transaction.key === key) &&
        ofFilteredPartner(transaction.partnerId) &&
        (customerKey === undefined || transaction.customerKey === customerKey),
    );
}

function keyInBody(request: ApiRequest): string {
  const key = request.body.key;
  if (typeof key !== 'string' || key === '') throw validationError({ key: ['The key field is required.'] });
  return key;
}

/** With duplicate keys, the newest transaction answers for its key. */
function newestWithKey(request: ApiRequest): TransactionRecord {
  const transaction = request.data
    .transactionsByKey(request.params.key ?? '')
    .filter((candidate) => readableTransaction(request.data, candidate))
    .at(-1);
  if (transaction === undefined) throw notFound('Transaction');
  return transaction;
}

export const transactionRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/transactions',
    handler: (request) => paginate(request, listedTransactions(request), transactionJson),
  },
  {
    method: 'POST',
    path: '/transactions',
    handler: (request) => {
      const created = createTransactions(request.data, request.body);
      const single = created.length === 1 && !Array.isArray(request.body.transactions);
      return ok(single ? transactionJson(created[0] as TransactionRecord) : created.map(transactionJson), 201);
    },
  },
  {
    method: 'DELETE',
    path: '/transactions',
    handler: (request) => {
      deleteTransactions(request.data, keyInBody(request));
      return done();
    },
  },
  { method: 'GET', path: '/transactions/{key}', handler: (request) => ok(transactionJson(newestWithKey(request))) },
  {
    method: 'DELETE',
    path: '/transactions/{key}',
    handler: (request) => {
      deleteTransactions(request.data, request.params.key ?? '');
      return done();
    },
  },
  {
    method: 'POST',
    path: '/transactions/{key}/archive',
    handler: (request) => {
      archiveTransactions(request.data, request.params.key ?? '', true);
      return done();
    },
  },
  {
    method: 'POST',
    path: '/transactions/{key}/revoke-archive',
    handler: (request) => {
      archiveTransactions(request.data, request.params.key ?? '', false);
      return done();
    },
  },
];
