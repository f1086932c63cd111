// Calls to the Mosaic API from the browser: the session cookie travels by itself, the CSRF
// token goes into X-CSRF-Token on every request that changes data, and errors arrive as
// ApiError carrying the RFC 9457 problem (detail and field errors) for the page to show.

let csrfToken = null;
let language = null;
let onUnauthorized = () => {};

export function setCsrfToken(token) {
  csrfToken = token;
}

/**
 * The language the shell shows: sent as Accept-Language, so that the server's messages follow
 * the same choice (for a signed-in user their own preference wins on the server as well).
 */
export function setLanguage(code) {
  language = code;
}

export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (language) {
    headers['Accept-Language'] = language;
  }
  let payload;
  if (body instanceof Blob) {
    // A Blob made with a type (e.g. text/csv for an import) is sent as that type.
    headers['Content-Type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body instanceof FormData) {
    // Fields and files (a reply with attachments): the browser sets multipart/form-data and its boundary.
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (options.background) {
    // Not the user's doing (polling): the server leaves the session's idle timer alone.
    headers['X-Mosaic-Background'] = 'true';
  }
  if (options.ifMatch !== undefined && options.ifMatch !== null) {
    headers['If-Match'] = `"${options.ifMatch}"`;
  }
  let response;
  try {
    response = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, {
      method, headers, body: payload, credentials: 'same-origin', cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'offline', detail: '' });
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    if (response.status === 401 && !options.quiet) {
      onUnauthorized();
    }
    throw new ApiError(response.status, data);
  }
  return data;
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body = {}, options) => request('POST', path, body, options),
  put: (path, body, options) => request('PUT', path, body, options),
  patch: (path, body, options) => request('PATCH', path, body, options),
  del: (path, options) => request('DELETE', path, undefined, options),
  /** Sends a file or Blob as the request body (e.g. a .kar archive), typed as the Blob's type or octet-stream. */
  upload: (path, file, options) => request('POST', path, file, options),
};
