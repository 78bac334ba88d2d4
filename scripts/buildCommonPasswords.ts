/**
 * Rebuilds shared/data/common-passwords.json (shared/data/NOTICE.md "Common passwords") from
 * the password list of the npm package @zxcvbn-ts/language-common (MIT), plus this project's
 * own Russian/Kazakh/local additions below. Usage:
 *
 *   cd "$(mktemp -d)" && npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf *.tgz
 *   npx tsx scripts/buildCommonPasswords.ts <that dir>/package/src/passwords.json
 *
 * The output is deterministic (same input, same bytes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Entries at least this long are refused as they are; a shorter one is already too short. */
const FULL_MIN = 10;
/** How many of the commonest 6–9 character entries to keep as bases ("dragon" + "2026!"). */
const BASE_COUNT = 1200;

/** Local favourites the source list (mostly English-speaking leaks) lacks. */
const LOCAL_FULL = [
  'йцукенгшщз',
  'йцукенгшщзх',
  'йцукенгшщзхъ',
  'фывапролдж',
  'фывапролджэ',
  'ячсмитьбю.',
  'пароль1234',
  'пароль12345',
  'пароль123456',
  'qwerty1234',
  'qwerty12345',
  'password12',
  'password123',
  'password1234',
  'ortalyq123',
  'ortalyq1234',
  'ortalyq2024',
  'ortalyq2025',
  'ortalyq2026',
  'ortalyq-admin',
  'ortalyq-agent',
  'ortalyq-operator',
  'ortalyq-supervisor',
  'kazakhstan',
  'kazakhstan1',
  'kazakhstan123',
  'qazaqstan1',
  'qazaqstan123',
  'казахстан1',
  'қазақстан1',
  'astana2024',
  'astana2025',
  'astana2026',
  'almaty2024',
  'almaty2025',
  'almaty2026',
  'nursultan1',
  'nursultan2019',
  'ikomek109',
  'ikomek1091',
  'admin12345',
  'admin123456',
  'administrator',
  'adminadmin',
  'changeme123',
  'welcome123',
  'letmein123',
  'p@ssw0rd123',
  'zaq12wsxcde',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
  'q1w2e3r4t5y6',
  '1q2w3e4r5t6y',
];
const LOCAL_BASES = [
  'пароль',
  'парол',
  'qwerty',
  'admin',
  'ortalyq',
  'орталық',
  'kazakhstan',
  'qazaqstan',
  'казахстан',
  'қазақстан',
  'astana',
  'астана',
  'almaty',
  'алматы',
  'shymkent',
  'шымкент',
  'karaganda',
  'караганда',
  'qaragandy',
  'aktobe',
  'актобе',
  'taraz',
  'тараз',
  'pavlodar',
  'павлодар',
  'semey',
  'семей',
  'oskemen',
  'өскемен',
  'atyrau',
  'атырау',
  'aktau',
  'актау',
  'kostanay',
  'костанай',
  'kyzylorda',
  'кызылорда',
  'petropavl',
  'turkistan',
  'туркестан',
  'nursultan',
  'нурсултан',
  'ikomek',
  'akimat',
  'акимат',
  'әкімдік',
  'сәлем',
  'salem',
  'привет',
  'privet',
  'любовь',
  'lyubov',
  'солнышко',
  'наташа',
  'natasha',
  'masha',
  'маша',
  'operator',
  'оператор',
  'supervisor',
  'agent',
  'welcome',
  'letmein',
  'changeme',
  'p@ssw0rd',
  'passw0rd',
  'p@ssword',
  'iloveyou',
  'zaq12wsx',
  'qazwsx',
];

const source = process.argv[2];
if (!source) {
  console.error('usage: tsx scripts/buildCommonPasswords.ts <package>/src/passwords.json');
  process.exit(2);
}
const ranked = JSON.parse(readFileSync(source, 'utf8')) as string[];
const norm = (p: string) => p.normalize('NFKC').toLowerCase();
const full = new Set([...ranked.filter((p) => p.length >= FULL_MIN), ...LOCAL_FULL].map(norm));
const bases = new Set(
  [
    ...ranked.filter((p) => p.length >= 6 && p.length < FULL_MIN && /\p{L}/u.test(p)).slice(0, BASE_COUNT),
    ...LOCAL_BASES,
  ].map(norm),
);
const out = { full: [...full].sort(), bases: [...bases].sort() };
const target = fileURLToPath(new URL('../shared/data/common-passwords.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${out.full.length} full entries and ${out.bases.length} bases to ${target}`);
