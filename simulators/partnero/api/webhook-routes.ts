import { changesOf } from '../model/field-errors';
import { notFound } from '../model/partnero-api-error';
import type { WebhookRecord } from '../model/records';
import { createWebhook, deleteWebhook, updateWebhook } from '../model/webhook-operations';
import { webhookJson } from '../present/webhook-json';
import { done, ok, type ApiRequest, type ApiRoute } from './api-request';
import { paginate, webhookPages } from './paginate';

function webhookAtPath(request: ApiRequest): WebhookRecord {
  const webhook = request.data.webhookByKey(request.params.key ?? '');
  if (webhook === undefined) throw notFound('Webhook');
  return webhook;
}

export const webhookRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/webhooks',
    handler: (request) => paginate(request, request.data.webhooks, webhookJson, webhookPages),
  },
  {
    method: 'POST',
    path: '/webhooks',
    handler: (request) => ok(webhookJson(createWebhook(request.data, request.body)), 201),
  },
  { method: 'GET', path: '/webhooks/{key}', handler: (request) => ok(webhookJson(webhookAtPath(request))) },
  {
    method: 'PUT',
    path: '/webhooks/{key}',
    handler: (request) => ok(webhookJson(updateWebhook(webhookAtPath(request), changesOf(request.body)))),
  },
  {
    method: 'DELETE',
    path: '/webhooks/{key}',
    handler: (request) => {
      deleteWebhook(request.data, webhookAtPath(request));
      return done();
    },
  },
];
