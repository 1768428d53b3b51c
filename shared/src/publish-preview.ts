/** `GET /api/dispatch/publish/preview?date=…`: what publishing the day would do now. */
export interface PublishPreview {
  /** Planned routes with stops that publishing will make visible to their drivers. */
  routes: number;
  /** Orders that will become `dispatched`. */
  orders: number;
  /** Customers who will be texted. */
  sms: number;
  /** Customers who will be emailed. */
  email: number;
  /** Distinct drivers of those routes. */
  drivers: number;
}
