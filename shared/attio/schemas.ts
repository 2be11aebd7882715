import * as z from 'zod';

/** Attio's error body, the same for every 4xx/5xx. */
export const attioErrorBodySchema = z.object({
  status_code: z.number(),
  type: z.string(),
  code: z.string(),
  message: z.string(),
});

/**
 * Who wrote a value or caused an event. The document gives both fields as optional and
 * nullable, on every actor it describes (`created_by_actor`, `owner_actor`, ...): `system`
 * actors have a null id (docs /docs/actors), and nothing promises a type. An actor without both
 * a type and an id is nobody in particular: never "ours", never a member.
 */
export const attioActorSchema = z
  .object({ type: z.string().nullable().optional(), id: z.string().nullable().optional() })
  .loose();
export type AttioActorRef = z.infer<typeof attioActorSchema>;

/** The actor's type and id when Attio named both, else undefined. */
export function identifiedActor(actor: AttioActorRef | null | undefined): { type: string; id: string } | undefined {
  return typeof actor?.type === 'string' && typeof actor.id === 'string' && actor.id !== ''
    ? { type: actor.type, id: actor.id }
    : undefined;
}

/**
 * One value object of a record attribute. Only the fields the sync reads are named; the rest
 * pass through, so a new attribute type in Attio does not break parsing.
 */
export const attioValueSchema = z
  .object({
    active_from: z.string().nullable().optional(),
    active_until: z.string().nullable().optional(),
    created_by_actor: attioActorSchema.optional(),
    attribute_type: z.string(),
    value: z.unknown().optional(),
    email_address: z.string().optional(),
    domain: z.string().optional(),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    full_name: z.string().nullable().optional(),
    currency_value: z.number().nullable().optional(),
    currency_code: z.string().nullable().optional(),
    status: z
      .object({ id: z.object({ status_id: z.string() }).loose(), title: z.string() })
      .loose()
      .optional(),
    option: z
      .object({ id: z.object({ option_id: z.string() }).loose(), title: z.string() })
      .loose()
      .optional(),
    target_object: z.string().optional(),
    target_record_id: z.string().optional(),
    referenced_actor_type: z.string().nullable().optional(),
    referenced_actor_id: z.string().nullable().optional(),
  })
  .loose();
export type AttioValue = z.infer<typeof attioValueSchema>;

export const attioRecordSchema = z.object({
  id: z.object({ workspace_id: z.string(), object_id: z.string(), record_id: z.string() }),
  created_at: z.string(),
  web_url: z.string().optional(),
  values: z.record(z.string(), z.array(attioValueSchema)),
});
export type AttioRecord = z.infer<typeof attioRecordSchema>;

/** OpenAPI `components.schemas.object`: `api_slug` and both nouns are nullable. */
export const attioObjectSchema = z.object({
  id: z.object({ workspace_id: z.string(), object_id: z.string() }),
  api_slug: z.string().nullable(),
  singular_noun: z.string().nullable(),
  plural_noun: z.string().nullable(),
  created_at: z.string(),
});
export type AttioObject = z.infer<typeof attioObjectSchema>;

/**
 * OpenAPI `components.schemas.attribute`. Nullable there: `description`, `default_value`,
 * `relationship`, and `config.currency.*` / `config.record_reference.allowed_object_ids` (null on
 * every attribute of another type). Only what the sync reads is named.
 */
export const attioAttributeSchema = z
  .object({
    id: z.object({ workspace_id: z.string(), object_id: z.string().optional(), attribute_id: z.string() }).loose(),
    title: z.string(),
    description: z.string().nullable().optional(),
    api_slug: z.string(),
    type: z.string(),
    is_system_attribute: z.boolean().optional(),
    is_writable: z.boolean().optional(),
    is_required: z.boolean().optional(),
    is_unique: z.boolean().optional(),
    is_multiselect: z.boolean().optional(),
    is_archived: z.boolean().optional(),
    config: z
      .object({
        currency: z
          .object({
            default_currency_code: z.string().nullable().optional(),
            display_type: z.string().nullable().optional(),
          })
          .loose()
          .nullable()
          .optional(),
        record_reference: z
          .object({ allowed_object_ids: z.array(z.string()).nullable().optional() })
          .loose()
          .nullable()
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type AttioAttribute = z.infer<typeof attioAttributeSchema>;

/** OpenAPI `components.schemas.status`: `target_time_in_status` is nullable. */
export const attioStatusSchema = z
  .object({
    id: z.object({ status_id: z.string() }).loose(),
    title: z.string(),
    is_archived: z.boolean().optional(),
    target_time_in_status: z.string().nullable().optional(),
  })
  .loose();
export type AttioStatus = z.infer<typeof attioStatusSchema>;

export const attioSelectOptionSchema = z
  .object({ id: z.object({ option_id: z.string() }).loose(), title: z.string(), is_archived: z.boolean().optional() })
  .loose();
export type AttioSelectOption = z.infer<typeof attioSelectOptionSchema>;

/** OpenAPI `components.schemas.workspace-member`: `avatar_url` is nullable; names and email are read as if they could be too. */
export const attioWorkspaceMemberSchema = z
  .object({
    id: z.object({ workspace_id: z.string(), workspace_member_id: z.string() }),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    email_address: z.string().nullable().optional(),
    avatar_url: z.string().nullable().optional(),
    access_level: z.string().optional(),
  })
  .loose();
export type AttioWorkspaceMember = z.infer<typeof attioWorkspaceMemberSchema>;

export const attioWebhookFilterSchema = z.union([
  z.null(),
  z.object({
    $and: z.array(z.object({ field: z.string(), operator: z.enum(['equals', 'not_equals']), value: z.string() })),
  }),
  z.object({
    $or: z.array(z.object({ field: z.string(), operator: z.enum(['equals', 'not_equals']), value: z.string() })),
  }),
]);
export type AttioWebhookFilter = z.infer<typeof attioWebhookFilterSchema>;

export const attioWebhookSubscriptionSchema = z.object({ event_type: z.string(), filter: attioWebhookFilterSchema });
export type AttioWebhookSubscription = z.infer<typeof attioWebhookSubscriptionSchema>;

export const attioWebhookSchema = z
  .object({
    id: z.object({ workspace_id: z.string(), webhook_id: z.string() }),
    target_url: z.string(),
    subscriptions: z.array(attioWebhookSubscriptionSchema),
    status: z.enum(['active', 'degraded', 'inactive']),
    created_at: z.string(),
    /** Only the create response carries it (OpenAPI `POST /v2/webhooks`); get, list and update never do. */
    secret: z.string().optional(),
  })
  .loose();
export type AttioWebhook = z.infer<typeof attioWebhookSchema>;

/**
 * `GET /v2/self` and `/oauth/introspect`: not wrapped in `data`. Nullable in the document: `exp`
 * (a token that never expires) and `workspace_logo_url`; `authorized_by_workspace_member_id` is
 * read as nullable too, since an app installed by no member has nobody to name.
 */
export const attioSelfSchema = z.union([
  z
    .object({
      active: z.literal(true),
      scope: z.string(),
      client_id: z.string(),
      token_type: z.string(),
      exp: z.number().nullable(),
      iat: z.number(),
      sub: z.string(),
      aud: z.string(),
      iss: z.string(),
      authorized_by_workspace_member_id: z.string().nullable(),
      workspace_id: z.string(),
      workspace_name: z.string(),
      workspace_slug: z.string(),
      workspace_logo_url: z.string().nullable(),
    })
    .loose(),
  z.object({ active: z.literal(false) }).loose(),
]);
export type AttioSelf = z.infer<typeof attioSelfSchema>;

export const attioTokenResponseSchema = z.object({ access_token: z.string().min(1), token_type: z.string() }).loose();

export function dataEnvelope<Schema extends z.ZodType>(schema: Schema) {
  return z.object({ data: schema });
}
