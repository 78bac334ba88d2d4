/**
 * What a call to our own JSON API came back with. `status` 0 means no answer at all
 * (network down, server restarting). `error` is the server's `message` text: English,
 * for logs only; the UI shows its own translated words for each status.
 */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      /** The server's `message`: English, for logs. */
      error: string | null;
      /** The server's stable `code` (docs/api.md), e.g. `invalid_transition`. */
      code?: string | null;
      /** Dotted path of the field at fault, e.g. `citizen.phone`. */
      field?: string | null;
      retryAfter: string | null;
    };

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** JSON body of a write; `{}` when omitted, so every write is `application/json`. */
  body?: unknown;
}

/** `fetch`, injectable so tests answer without a server. */
export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/** A JSON request to the page's own origin; the session cookie goes along by itself. */
export type ApiRequest = <T>(path: string, options?: RequestOptions) => Promise<ApiResult<T>>;

/**
 * One same-origin JSON request. Writes always carry `Content-Type: application/json`:
 * the server refuses cookie-authenticated writes without it (a CSRF defence beside
 * SameSite=Strict and the Origin check). Never throws.
 */
export async function requestJson<T>(
  path: string,
  options: RequestOptions = {},
  fetcher: Fetcher = (input, init) => fetch(input, init),
): Promise<ApiResult<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
  }
  let response: Response;
  try {
    response = await fetcher(path, init);
  } catch {
    return { ok: false, status: 0, error: null, code: null, field: null, retryAfter: null };
  }
  const payload = await readJson(response);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const isApiError = payload !== null && typeof payload === 'object' && 'message' in payload;
  const error = isApiError && typeof payload.message === 'string' ? payload.message : null;
  const code = isApiError && 'code' in payload && typeof payload.code === 'string' ? payload.code : null;
  const field = isApiError && 'field' in payload && typeof payload.field === 'string' ? payload.field : null;
  return { ok: false, status: response.status, error, code, field, retryAfter: response.headers.get('Retry-After') };
}

/** The body as JSON, or null (204, an HTML error page from a proxy, a cut-off body). */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}
