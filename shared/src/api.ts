/** The error body of every failed API call. */
export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

/** Socket.IO acknowledgements: every acked event answers with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
