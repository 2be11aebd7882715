import * as z from 'zod';
import { PEOPLE_OBJECT } from '../attio/object-slugs';

/**
 * A program's sync settings, edited on the settings page and read by both workers at every
 * event (so a Save applies to the next event without a restart). The same schema validates
 * the form in the browser and the request on the server.
 */

/** One row of a mapping table: a Partnero field written to (or read from) an Attio attribute. */
export const fieldMappingSchema = z.object({
  partneroField: z.string().min(1, 'choose a Partnero field'),
  attioAttribute: z.string().min(1, 'choose an Attio attribute'),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

const mappingTable = z
  .array(fieldMappingSchema)
  .max(50)
  .superRefine((rows, context) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.attioAttribute)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'attioAttribute'],
          message: `${row.attioAttribute} is mapped twice`,
        });
      }
      seen.add(row.attioAttribute);
    });
  });

/**
 * Which of Partnero's partner figures (`GET /partners/{id}`) the partner's Attio record shows,
 * and how often they are refreshed besides each partner change. Clicks, signups, sales count
 * and revenue are on by default; commissions and the referrals count on request.
 */
export const partnerPerformanceSchema = z.object({
  clicks: z.boolean(),
  signups: z.boolean(),
  salesCount: z.boolean(),
  revenue: z.boolean(),
  commissions: z.boolean(),
  referralsCount: z.boolean(),
  /** Hours between scheduled refreshes of every linked partner's figures. */
  refreshHours: z.number().int().min(1, 'at least every hour').max(168, 'at least once a week'),
});
export type PartnerPerformanceSettings = z.infer<typeof partnerPerformanceSchema>;

export function defaultPartnerPerformance(): PartnerPerformanceSettings {
  return {
    clicks: true,
    signups: true,
    salesCount: true,
    revenue: true,
    commissions: false,
    referralsCount: false,
    refreshHours: 24,
  };
}

export const partnerSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Attio object slug the partners land in: `people`, `companies` or a custom object. */
  targetObject: z
    .string()
    .min(1, 'choose an Attio object')
    .regex(/^[a-z0-9_]+$/, 'an Attio object api slug'),
  fieldMappings: mappingTable,
  /** Absent from settings saved before partner figures existed: those parse with the defaults. */
  performance: partnerPerformanceSchema.default(defaultPartnerPerformance),
});

export const customerSettingsSchema = z.object({
  /** Partnero customers -> Attio people, and Attio people -> Partnero customers (matched by email). */
  enabled: z.boolean(),
  fieldMappings: mappingTable,
  /**
   * An Attio person unknown to Partnero becomes a Partnero customer only when this attribute
   * names the referring partner (Partnero requires one in affiliate programs).
   */
  referringPartnerAttribute: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .nullable(),
});

export const dealSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The Attio deal stage (status id) that means "won" and creates a Partnero transaction. */
  wonStageId: z.string().min(1, 'choose the stage that means won').nullable(),
  /** Stage given to deals created from Partnero transactions (status id); null = the won stage. */
  newDealStageId: z.string().min(1).nullable(),
  /** Workspace member who owns created deals; null = the member who connected Attio. */
  ownerWorkspaceMemberId: z.string().min(1).nullable(),
  /** When a won deal leaves the won stage or is deleted: delete its Partnero transaction (reverses the commission). */
  reverseCommissionWhenUnwon: z.boolean(),
  fieldMappings: mappingTable,
});

/** Which existing Partnero records are synced to Attio when the program connects Attio (the backfill). */
export const backfillSettingsSchema = z.object({
  onConnect: z.object({ partners: z.boolean(), customers: z.boolean(), transactions: z.boolean() }),
});

/** Partners are backfilled on connect; customers and sales only when asked (years of sales would become deals). */
export function defaultBackfillSettings(): BackfillSettings {
  return { onConnect: { partners: true, customers: false, transactions: false } };
}

export const programSettingsSchema = z.object({
  partners: partnerSettingsSchema,
  customers: customerSettingsSchema,
  deals: dealSettingsSchema,
  /** Absent from settings saved before backfills existed: those parse with the defaults. */
  backfill: backfillSettingsSchema.default(defaultBackfillSettings),
});

export type PartnerSettings = z.infer<typeof partnerSettingsSchema>;
export type CustomerSettings = z.infer<typeof customerSettingsSchema>;
export type DealSettings = z.infer<typeof dealSettingsSchema>;
export type BackfillSettings = z.infer<typeof backfillSettingsSchema>;
export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/** What a program syncs before its owner saves anything: partners to People by email and name, deals on. */
export function defaultProgramSettings(): ProgramSettings {
  return {
    partners: {
      enabled: true,
      targetObject: PEOPLE_OBJECT,
      fieldMappings: [
        { partneroField: 'email', attioAttribute: 'email_addresses' },
        { partneroField: 'full_name', attioAttribute: 'name' },
      ],
      performance: defaultPartnerPerformance(),
    },
    customers: {
      enabled: false,
      fieldMappings: [
        { partneroField: 'email', attioAttribute: 'email_addresses' },
        { partneroField: 'full_name', attioAttribute: 'name' },
      ],
      referringPartnerAttribute: null,
    },
    deals: {
      enabled: true,
      wonStageId: null,
      newDealStageId: null,
      ownerWorkspaceMemberId: null,
      reverseCommissionWhenUnwon: false,
      fieldMappings: [],
    },
    backfill: defaultBackfillSettings(),
  };
}
