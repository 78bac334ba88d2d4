import { describeIssues, isCategoryCode, type RegisterAppealInput } from '@shared';
import { z } from 'zod';
import { locateAddress } from './locateAddress';
import type { Parsed } from './requests';

/** Open311 fields read from a POST; everything else (email, device_id, account_id, attribute[…], api_key…) is ignored. */
const FIELDS = ['service_code', 'lat', 'long', 'address_string', 'description', 'first_name', 'last_name', 'phone'];

const fail = (description: string): { ok: false; description: string } => ({ ok: false, description });

/** Our body field → the Open311 field it came from, for error messages. */
const OPEN311_NAME: Record<string, string> = {
  category: 'service_code',
  'location.lat': 'lat',
  'location.lng': 'long',
  'location.address': 'address_string',
  'location.district': 'address_string',
  description: 'description',
  'citizen.name': 'first_name/last_name',
  'citizen.phone': 'phone',
};

/** A number as JSON sends it or as text (form-encoded): "51.128", "-0.5", "1e-3" is refused. */
function numberOf(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : null;
}

/**
 * `POST requests.json` (JSON or form-encoded) → the body of the write API's register
 * command: channel `web`, priority `normal`. The point is `lat`+`long`, or the gazetteer's
 * place for `address_string`. Only what the command's schema cannot say well is checked
 * here (missing and unknown fields, numbers as text); the rest goes through that schema.
 */
export function toRegisterBody(raw: unknown): Parsed<RegisterAppealInput> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('send the request fields as an object');
  const body = raw as Record<string, unknown>;
  const fields: Partial<Record<string, string | number>> = {};
  for (const key of FIELDS) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) return fail(`give ${key} once`);
    if (typeof value !== 'string' && typeof value !== 'number') return fail(`${key} must be text`);
    if (typeof value === 'string' && value.trim() === '') continue;
    fields[key] = value;
  }
  const { service_code: code, lat, long, address_string: address, description } = fields;

  if (code === undefined) return fail('service_code is required: GET services.json lists them');
  if (!isCategoryCode(String(code))) return fail(`unknown service_code ${String(code)}: GET services.json lists them`);
  if (description === undefined) return fail('description is required');

  let location: RegisterAppealInput['location'];
  const addressText = address === undefined ? undefined : String(address).trim();
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined || long === undefined) return fail('send both lat and long');
    const latitude = numberOf(lat);
    const longitude = numberOf(long);
    if (latitude === null || latitude < -90 || latitude > 90) return fail('lat must be a number from -90 to 90');
    if (longitude === null || longitude < -180 || longitude > 180)
      return fail('long must be a number from -180 to 180');
    location = { lat: latitude, lng: longitude, ...(addressText !== undefined ? { address: addressText } : {}) };
  } else if (addressText !== undefined) {
    const place = locateAddress(addressText);
    if (!place) return fail('address_string could not be located; send lat/long');
    location = { ...place, address: addressText };
  } else {
    return fail('send lat and long, or address_string');
  }

  const name = [fields.first_name, fields.last_name]
    .filter((part) => part !== undefined)
    .map((part) => String(part).trim())
    .join(' ');
  const citizen = {
    ...(name !== '' ? { name } : {}),
    ...(fields.phone !== undefined ? { phone: String(fields.phone) } : {}),
  };
  return {
    ok: true,
    value: {
      category: String(code) as RegisterAppealInput['category'],
      priority: 'normal',
      channel: 'web',
      location,
      description: String(description),
      ...(Object.keys(citizen).length > 0 ? { citizen } : {}),
    },
  };
}

/** The register schema's problems named by Open311 fields: `phone: not a Kazakh phone number…`. */
export function describeOpen311Issues(error: z.ZodError): string {
  const renamed = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { ...issue, path: [OPEN311_NAME[path] ?? path] };
  });
  return describeIssues(new z.ZodError(renamed));
}
