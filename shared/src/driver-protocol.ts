/**
 * The `/driver` socket's protocol version. The driver app sends DRIVER_PROTOCOL in its handshake
 * (`auth.protocol`); the server refuses an app older than DRIVER_PROTOCOL_MIN with the error
 * `outdated_client` (data: { code, minProtocol }), and the app reloads to get the new version —
 * instead of a cached app sending events the server no longer reads. A handshake without a
 * version is protocol 1 (the apps from before versioning). Bump DRIVER_PROTOCOL when the /driver
 * events change in a way an older app would get wrong; raise DRIVER_PROTOCOL_MIN to it when the
 * server stops speaking the older one.
 */
export const DRIVER_PROTOCOL = 1;
export const DRIVER_PROTOCOL_MIN = 1;
export const OUTDATED_CLIENT = 'outdated_client';

/** Null when `protocol` (the handshake's `auth.protocol`) is served, else why not (the error message). */
export function driverProtocolProblem(protocol: unknown, min = DRIVER_PROTOCOL_MIN): string | null {
  const p = protocol ?? 1;
  if (typeof p === 'number' && Number.isInteger(p) && p >= min) return null;
  return `${OUTDATED_CLIENT}: this driver app (protocol ${String(p)}) is out of date; reload it (protocol ${min} or later needed)`;
}
