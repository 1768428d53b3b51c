/**
 * Every Socket.IO room name, in one place: the server's namespaces join sockets to them and the
 * fan-out (in this process, or through Redis from the `pnpm worker` process) emits to them.
 *
 * `/dispatch`: `org:<orgId>` (joined on connect: plan progress and status, publications) and
 * `org:<orgId>:day:<YYYY-MM-DD>` (joined with `day:join`: route changes, ETAs, positions and stop
 * statuses of that day). `/driver`: `driver:<driverId>` (publications for this driver) and
 * `route:<routeId>` (changes of a route the driver follows). `/track`: `order:<orderId>`.
 */

export const orgRoom = (orgId: string) => `org:${orgId}`;
export const dayRoom = (orgId: string, localDate: string) => `org:${orgId}:day:${localDate}`;
export const driverRoom = (driverId: string) => `driver:${driverId}`;
export const routeRoom = (routeId: string) => `route:${routeId}`;
export const orderRoom = (orderId: string) => `order:${orderId}`;
