import { z } from 'zod';
import type { ApiOrder, ServiceOption, ServiceOptionHold } from '../../../shared/domain';

/**
 * What the client accepts from the API. Orders are checked loosely (fields the pages do not list are
 * kept, for the cache's raw copy) but what the console relies on must be there and have the right type.
 */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const fulfillmentDetails = z.looseObject({
  store_location: optionalText,
  window_starts_at: optionalText,
  window_ends_at: optionalText,
  delivered_at: optionalText,
  bag_count: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? undefined),
  handoff_window_starts_at: optionalText,
  handoff_window_ends_at: optionalText,
});

export const apiOrderSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  status: z.string().min(1),
  order_url: optionalText,
  created_at: optionalText,
  cancellation_reason: optionalText,
  locale: optionalText,
  is_express: z
    .boolean()
    .nullish()
    .transform((v) => v ?? undefined),
  is_instacartplus: z
    .boolean()
    .nullish()
    .transform((v) => v ?? undefined),
  fulfillment_details: fulfillmentDetails.nullish().transform((v) => v ?? undefined),
  // The window is required by the pages, but an order missing it is still worth caching and showing.
}) as unknown as z.ZodType<ApiOrder>;

export const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  created_at: z.number().optional(),
});
export type TokenAnswer = z.infer<typeof tokenSchema>;

const serviceOption = z.looseObject({
  id: z.number().int(),
  date: z.string(),
  window: z.looseObject({ start_at: z.string(), end_at: z.string() }),
  availability: z
    .looseObject({ available: z.boolean(), reasons: z.array(z.string()).default([]) })
    .default({ available: true, reasons: [] }),
});

export const serviceOptionsSchema = z
  .looseObject({ service_options: z.array(serviceOption) })
  .transform((v) => v.service_options as ServiceOption[]);

export const holdSchema = z
  .looseObject({
    service_option_hold: z.looseObject({ id: z.number().int(), expires_at: z.string(), service_option: serviceOption }),
  })
  .transform((v) => v.service_option_hold as ServiceOptionHold);
