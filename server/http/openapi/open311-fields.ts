import { z } from 'zod';
import { DEFAULT_WINDOW_DAYS, MAX_DESCRIPTION, MAX_REQUESTS } from '../../domain/open311.js';

/**
 * Open311's fields as the spec names them. The hub reads them field by field (domain/open311-parse.ts) so that
 * every refusal is the spec's {code, description}; these schemas describe that reading for the API document
 * and are checked against it by nothing but the Open311 integration tests, so keep the limits from the domain.
 */
export const Open311Format = z.enum(['json', 'xml']).describe('the answer format; the spec’s default is xml');

const text = (max: number, what: string) => z.string().max(max).optional().describe(what);

export const Open311Common = z.object({
  jurisdiction_id: z.string().optional().describe('the city profile’s id (e.g. tangerang); another is 404'),
  lang: z.enum(['id', 'en']).optional().describe('labels in Bahasa Indonesia (default) or English'),
});

export const Open311RequestsQuery = Open311Common.extend({
  service_request_id: z.string().optional().describe(`tickets, comma-separated (at most ${MAX_REQUESTS}); overrides the other filters`),
  service_code: z.string().optional().describe('service codes, comma-separated'),
  status: z.string().optional().describe('open, closed or open,closed'),
  start_date: z.string().optional().describe(`a w3 datetime; with end_date at most ${DEFAULT_WINDOW_DAYS} days apart (the last ${DEFAULT_WINDOW_DAYS} days by default)`),
  end_date: z.string().optional().describe('a w3 datetime'),
  page: z.string().regex(/^\d{1,7}$/).optional().describe('1-based page'),
  page_size: z.string().regex(/^\d{1,4}$/).optional().describe(`at most ${MAX_REQUESTS}`),
  extensions: z.enum(['true', 'false']).optional().describe('true adds extended_attributes and the public notes[] history'),
});

export const Open311RequestQuery = Open311Common.extend({
  extensions: z.enum(['true', 'false']).optional().describe('true adds extended_attributes and the public notes[] history'),
});

export const Open311NewRequest = z.object({
  api_key: z.string().describe('an admin-issued key with the open311 scope (also accepted in the query string)'),
  service_code: z.string().describe('a service code from services.json (a category of the city profile)'),
  lat: z.string().optional().describe('with long; or give address_string or address_id'),
  long: z.string().optional(),
  address_string: text(300, 'an address naming a kecamatan of the city'),
  address_id: text(40, 'a kecamatan code'),
  description: text(MAX_DESCRIPTION, 'what is wrong'),
  'attribute[<code>]': z.string().optional().describe('answers to the service definition’s attributes'),
  first_name: text(60, 'private, like every reporter’s contact'),
  last_name: text(60, 'private'),
  email: text(120, 'private'),
  phone: text(40, 'private'),
  device_id: text(120, 'the client’s device'),
  account_id: text(120, 'the client’s account'),
  media_url: text(500, 'a photo’s URL at the client'),
  jurisdiction_id: z.string().optional(),
});
