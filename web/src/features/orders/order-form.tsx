import type { CreateOrdersResponse, Order, OrderUpsertResult, Organisation, RequiredProof } from '@tournee/shared';
import { type FormEvent, useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { dimensionLabel } from '../../i18n/labels.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import {
  formFieldOf,
  type OrderFormValues,
  type OrderPatchBody,
  orderPatchOf,
  PICKUP_FIELDS,
  pickupCoordinatesMissing,
  valuesOf,
} from './order-form-values.ts';

type Props = {
  org: Organisation;
  onCancel(): void;
} & (
  | { mode: 'new'; order?: undefined; onDone(result: OrderUpsertResult): void }
  | { mode: 'edit'; order: Order; onDone(order: Order): void }
);

const TEXT_FIELDS: { name: keyof OrderFormValues; label: MessageKey; type?: string; wide?: boolean }[] = [
  { name: 'ref', label: 'orders.field.ref' },
  { name: 'name', label: 'orders.field.name' },
  { name: 'phone', label: 'orders.field.phone', type: 'tel' },
  { name: 'email', label: 'orders.field.email', type: 'email' },
  { name: 'address', label: 'orders.field.address', wide: true },
  { name: 'lat', label: 'orders.field.lat' },
  { name: 'lon', label: 'orders.field.lon' },
  { name: 'date_from', label: 'orders.field.dateFrom', type: 'date' },
  { name: 'date_to', label: 'orders.field.dateTo', type: 'date' },
  { name: 'tw_start', label: 'orders.field.twStart', type: 'time' },
  { name: 'tw_end', label: 'orders.field.twEnd', type: 'time' },
  { name: 'service_min', label: 'orders.field.service', type: 'number' },
  { name: 'priority', label: 'orders.field.priority', type: 'number' },
  { name: 'skills', label: 'orders.field.skillsHint' },
];

const PICKUP_TEXT_FIELDS: { name: keyof OrderFormValues; label: MessageKey; type?: string; wide?: boolean }[] = [
  { name: 'pickup_address', label: 'orders.pickup.address', wide: true },
  { name: 'pickup_lat', label: 'orders.pickup.lat' },
  { name: 'pickup_lon', label: 'orders.pickup.lon' },
  { name: 'pickup_tw_start', label: 'orders.pickup.twStart', type: 'time' },
  { name: 'pickup_tw_end', label: 'orders.pickup.twEnd', type: 'time' },
];

/**
 * The order form: a new order (POST /api/orders with this one order, checked as an import row
 * is) or an edit (PATCH /api/orders/:id). The server's errors are shown under the field they
 * name, in the user's language where the server has it.
 */
export function OrderForm(props: Props) {
  const { t } = useI18n();
  const { org } = props;
  const [values, setValues] = useState<OrderFormValues>(() =>
    valuesOf(props.order, org.dimensions, org.defaultCountry),
  );
  // A pickup and delivery order: the goods are collected at the pickup before delivery.
  const [withPickup, setWithPickup] = useState(!!props.order?.pickup);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: string, value: string | RequiredProof[]) => setValues((v) => ({ ...v, [name]: value }));

  const showErrors = (list: { field: string; message: string }[]) => {
    const byField: Record<string, string> = {};
    const rest: string[] = [];
    for (const e of list) {
      const field = formFieldOf(e.field, org.dimensions);
      // The server words it to follow the field's name ("is required"): under the field, a sentence.
      const message = sentence(e.message);
      if (field in values) byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
      else rest.push(`${e.field}: ${e.message}`);
    }
    setErrors(byField);
    setGeneral(rest.length ? rest.join(' ') : t('orders.form.invalid'));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const missing = withPickup ? pickupCoordinatesMissing(values) : null;
      if (missing) {
        setErrors({ [missing]: t('orders.pickup.bothCoordinates') });
        setGeneral(t('orders.form.invalid'));
        return;
      }
      if (props.mode === 'new') {
        const body = JSON.stringify({ orders: [recordOf(values, withPickup)] });
        const res = await api<CreateOrdersResponse>('/orders', { method: 'POST', body });
        const result = res.results[0]!;
        if (result.status === 'rejected') showErrors(result.errors ?? []);
        else props.onDone(result);
      } else {
        const patch: OrderPatchBody = orderPatchOf(values, props.order, org.dimensions, withPickup);
        const body = JSON.stringify(patch);
        props.onDone(await api<Order>(`/orders/${props.order.id}`, { method: 'PATCH', body }));
      }
    } catch (err) {
      const details = err instanceof ApiRequestError ? err.details : undefined;
      if (Array.isArray(details) && details.length) showErrors(details as { field: string; message: string }[]);
      else setGeneral((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (f: { name: keyof OrderFormValues; label: string; type?: string; wide?: boolean }) => {
    const id = `order-form-${f.name}`;
    const error = errors[f.name];
    // The reference of an existing order is what identifies it: it cannot change.
    const readOnly = props.mode === 'edit' && f.name === 'ref';
    // The error is outside the label, so the field's name stays its label alone.
    return (
      <div key={f.name} className={f.wide ? 'form-field wide' : 'form-field'}>
        <label htmlFor={id}>{f.label}</label>
        <input
          id={id}
          name={f.name}
          type={f.type ?? 'text'}
          step={f.type === 'number' ? 'any' : undefined}
          value={values[f.name] as string}
          readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(f.name, e.target.value)}
        />
        {error && (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        )}
      </div>
    );
  };

  const title = props.mode === 'new' ? t('orders.form.newTitle') : t('orders.form.editTitle', { ref: props.order.ref });
  return (
    <form className="order-form" aria-labelledby="order-form-title" onSubmit={submit} noValidate>
      <h1 id="order-form-title">{title}</h1>
      <div className="order-form-grid">
        {TEXT_FIELDS.map((f) => field({ ...f, label: t(f.label) }))}
        {org.dimensions.map((dim) =>
          field({
            name: `demand_${dim}`,
            label: t('orders.field.demandOf', { dim: dimensionLabel(t, dim) }),
            type: 'number',
          }),
        )}
        <div className="form-field wide">
          <label htmlFor="order-form-notes">{t('orders.field.notes')}</label>
          <textarea
            id="order-form-notes"
            name="notes"
            value={values.notes}
            rows={2}
            aria-invalid={errors.notes ? true : undefined}
            aria-describedby={errors.notes ? 'order-form-notes-error' : undefined}
            onChange={(e) => set('notes', e.target.value)}
          />
          {errors.notes && (
            <span id="order-form-notes-error" className="field-error">
              {errors.notes}
            </span>
          )}
        </div>
        <fieldset className="wide">
          <legend>{t('orders.field.requireProof')}</legend>
          {(['photo', 'signature', 'code'] as const).map((k) => (
            <label key={k} className="inline">
              <input
                type="checkbox"
                checked={values.require_proof.includes(k)}
                onChange={(e) =>
                  set(
                    'require_proof',
                    e.target.checked ? [...values.require_proof, k] : values.require_proof.filter((x) => x !== k),
                  )
                }
              />
              {t(`orders.field.${k}`)}
            </label>
          ))}
          {errors.require_proof && <span className="field-error">{errors.require_proof}</span>}
        </fieldset>
        <fieldset className="wide order-form-pickup">
          <legend>{t('orders.pickup.legend')}</legend>
          <label className="inline">
            <input type="checkbox" checked={withPickup} onChange={(e) => setWithPickup(e.target.checked)} />
            {t('orders.pickup.toggle')}
          </label>
          {withPickup && (
            <>
              <div className="order-form-grid">{PICKUP_TEXT_FIELDS.map((f) => field({ ...f, label: t(f.label) }))}</div>
              <p className="hint">{t('orders.pickup.hint')}</p>
            </>
          )}
        </fieldset>
      </div>
      <p className="hint">{t(props.mode === 'new' ? 'orders.field.locationHint' : 'orders.field.locationHintEdit')}</p>
      {general && (
        <p role="alert" className="error">
          {general}
        </p>
      )}
      <div className="title-row">
        <button type="submit" disabled={busy}>
          {props.mode === 'new' ? t('orders.form.create') : t('orders.form.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('orders.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The form's values as POST /api/orders takes one order: canonical import fields, empty ones
 * left out, the pickup's only for a pickup and delivery order.
 */
function recordOf(values: OrderFormValues, withPickup: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (!withPickup && (PICKUP_FIELDS as readonly string[]).includes(k)) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = v;
    } else if (v.trim() !== '') out[k] = v.trim();
  }
  // The due day is required: sent even when empty, so its error names the field shown.
  out.date_from ??= '';
  return out;
}

/** "is required" → "Is required." */
function sentence(message: string): string {
  const s = message.trim();
  if (!s) return s;
  return `${s[0]!.toLocaleUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;
}
