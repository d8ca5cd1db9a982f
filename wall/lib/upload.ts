import { ApiError, refusalFrom } from './api';

export type Progress = { sent: number; total: number };

/**
 * POSTs a form with upload progress (fetch cannot report it), for photos on a slow phone network. Errors are the
 * same ApiError as request() (lib/api.ts): status 0 when there was no answer, so the caller can retry the same submission.
 */
export function postForm<T>(url: string, body: FormData, opts: { onProgress?: (p: Progress) => void; timeoutMs?: number } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.withCredentials = true;
    xhr.timeout = opts.timeoutMs ?? 180_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.({ sent: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      reject(refusalFrom(xhr.status, data, '', xhr.getResponseHeader('Retry-After')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.ontimeout = () => reject(new ApiError(0, 'timeout', 'timeout'));
    xhr.send(body);
  });
}
