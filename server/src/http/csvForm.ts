import type { Request } from 'express';
import type { CsvExportMeta } from './csv';
import { csvLanguageOf } from './csvNames';

type Form = Pick<CsvExportMeta, 'form' | 'lang'>;

/**
 * The form of an export from its query (docs/api.md "Lists and CSV"): `format=codes` gives
 * codes and UTC with field-name headers (the machine form scripts rely on); otherwise names
 * and Almaty time in `lang` (`ru|kk|en`; default the first of them in Accept-Language, else
 * Russian). `rest` is the query without these two keys, for the list's own schema.
 */
export function csvFormOf(
  req: Request,
): { form: Form; rest: Request['query'] } | { field: 'lang' | 'format'; message: string } {
  const { lang, format, ...rest } = req.query;
  if (format !== undefined && format !== 'codes' && format !== 'readable') {
    return { field: 'format', message: 'format: expected codes or readable' };
  }
  const language = csvLanguageOf(lang, req.get('accept-language'));
  if (language === null) return { field: 'lang', message: 'lang: expected ru, kk or en' };
  if (format === 'codes') return { form: { form: 'codes', ...(lang !== undefined ? { lang: language } : {}) }, rest };
  return { form: { form: 'readable', lang: language }, rest };
}
