import { changesOf } from '../model/field-errors';
import { archiveCustomer, createCustomer, deleteCustomer, updateCustomer } from '../model/customer-operations';
import { notFound, validationError } from '../model/partnero-api-error';
import type { CustomerRecord } from '../model/records';
import { customerJson } from '../present/customer-json';
import { transactionJson } from '../present/transaction-json';
import {
  containsIgnoringCase,
  done,
  ok,
  partnerFilterOf,
  searchValue,
  type ApiRequest,
  type ApiRoute,
} from './api-request';
import { paginate } from './paginate';

/** `/customers/{key}` resolves a key, Partnero's id or an email. */
function customerAtPath(request: ApiRequest): CustomerRecord {
  const customer = request.data.customerByAnyIdentifier(request.params.key ?? '');
  if (customer === undefined) throw notFound('Customer');
  return customer;
}

function customerInBody(request: ApiRequest): CustomerRecord {
  const key = request.body.key;
  if (typeof key !== 'string' || key === '') throw validationError({ key: ['The key field is required.'] });
  const customer = request.data.customerByKey(key);
  if (customer === undefined) throw notFound('Customer');
  return customer;
}

function listedCustomers(request: ApiRequest): CustomerRecord[] {
  const ofFilteredPartner = partnerFilterOf(request);
  return request.data.liveCustomers().filter((customer) => ofFilteredPartner(customer.partnerId));
}

export const customerRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/customers',
    handler: (request) => paginate(request, listedCustomers(request), customerJson),
  },
  {
    method: 'POST',
    path: '/customers',
    handler: (request) => ok(customerJson(createCustomer(request.data, request.body)), 201),
  },
  {
    method: 'PUT',
    path: '/customers',
    handler: (request) =>
      ok(customerJson(updateCustomer(request.data, customerInBody(request), changesOf(request.body, ['key'])))),
  },
  {
    method: 'DELETE',
    path: '/customers',
    handler: (request) => {
      deleteCustomer(request.data, customerInBody(request));
      return done();
    },
  },
  {
    method: 'GET',
    path: '/customers:search',
    handler: (request) => {
      const key = searchValue(request, 'key');
      const email = searchValue(request, 'email');
      const id = searchValue(request, 'id');
      const matches = request.data
        .liveCustomers()
        .filter(
          (customer) =>
            (key === undefined || containsIgnoringCase(customer.key, key)) &&
            (email === undefined || containsIgnoringCase(customer.email, email)) &&
            (id === undefined || customer.id === id),
        );
      return paginate(request, matches, customerJson);
    },
  },
  { method: 'GET', path: '/customers/{key}', handler: (request) => ok(customerJson(customerAtPath(request))) },
  {
    method: 'PUT',
    path: '/customers/{key}',
    handler: (request) =>
      ok(customerJson(updateCustomer(request.data, customerAtPath(request), changesOf(request.body)))),
  },
  {
    method: 'DELETE',
    path: '/customers/{key}',
    handler: (request) => {
      deleteCustomer(request.data, customerAtPath(request));
      return done();
    },
  },
  {
    method: 'POST',
    path: '/customers/{key}/archive',
    handler: (request) => {
      archiveCustomer(request.data, customerAtPath(request), true);
      return done();
    },
  },
  {
    method: 'POST',
    path: '/customers/{key}/revoke-archive',
    handler: (request) => {
      archiveCustomer(request.data, customerAtPath(request), false);
      return done();
    },
  },
  {
    method: 'GET',
    path: '/customers/{key}/transactions',
    handler: (request) => {
      const customer = customerAtPath(request);
      return paginate(
        request,
        request.data.liveTransactions().filter((transaction) => transaction.customerKey === customer.key),
        transactionJson,
      );
    },
  },
];
