import type { CategoryCode, Channel, EventOf, Priority } from '@shared';
import { randomDescription } from './descriptions';
import { randomName, randomPhone } from './people';
import { randomAddress, toLocation, type Bilingual, type Language, type Place } from './places';
import type { Rng } from './random';

export type RegisteredData = EventOf<'appeal.registered'>['data'];

/** Problems reported at a spot in the street rather than at a flat. */
const STREET_LEVEL: ReadonlySet<CategoryCode> = new Set(['roads', 'lighting', 'public_transport', 'winter_upkeep']);

/** Non-default resolution targets an operator sometimes agrees with the citizen, minutes. */
const SLA_OVERRIDES = [240, 720, 2880, 4320];

export interface AppealContentInput {
  rng: Rng;
  appealId: string;
  category: CategoryCode;
  channel: Channel;
  priority: Priority;
  place: Place;
  language: Language;
  /** Replaces the category's own templates (outage appeals). */
  description?: string;
  street?: Bilingual;
}

/** Who the citizen is, as far as the channel tells: social posts are often anonymous. */
function randomCitizen(rng: Rng, channel: Channel, language: Language): RegisteredData['citizen'] {
  if (channel === 'social') {
    return rng.chance(0.4) ? undefined : { name: randomName(rng, language) };
  }
  const name = randomName(rng, language);
  const hasPhone = channel === 'web' ? rng.chance(0.8) : rng.chance(0.97);
  return hasPhone ? { name, phone: randomPhone(rng) } : { name };
}

/** The data of one `appeal.registered` event. */
export function createAppealContent(input: AppealContentInput): RegisteredData {
  const { rng, category, channel, place, language } = input;
  const description = input.description ?? randomDescription(rng, category, language);
  const address = randomAddress(rng, place, language, {
    isStreetLevel: STREET_LEVEL.has(category),
    ...(input.street ? { street: input.street } : {}),
  });
  const citizen = randomCitizen(rng, channel, language);
  const data: RegisteredData = {
    appealId: input.appealId,
    channel,
    category,
    priority: input.priority,
    location: toLocation(place, address, language),
    description,
    ...(citizen ? { citizen } : {}),
  };
  if (rng.chance(0.02)) data.slaMinutes = rng.pick(SLA_OVERRIDES);
  return data;
}
