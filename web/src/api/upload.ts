import { initialLocale } from '../i18n/i18n.tsx';
import type { ApiError } from '@tournee/shared';
import { ApiRequestError } from './client.ts';

/**
 * POSTs a file as multipart with upload progress (fetch cannot report it). Resolves with the
 * parsed JSON body for 2xx and 422 (an import answers its rejected rows with 422), rejects otherwise.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept-language', initialLocale()); // rows are explained in the app's language
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiRequestError(0, 'network', 'The upload failed: network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below
      }
      if ((xhr.status >= 200 && xhr.status < 300) || xhr.status === 422)
        return resolve({ status: xhr.status, body: body as T });
      const err = (body as ApiError | null)?.error;
      reject(new ApiRequestError(xhr.status, err?.code ?? 'internal', err?.message ?? xhr.statusText, err?.details));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
