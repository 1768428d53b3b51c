import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Step =
  | { at: 'idle' }
  | { at: 'confirming' }
  | { at: 'deleting' }
  /** The server said no; `canForce` when `?force=true` may still do it. */
  | { at: 'refused'; message: string; canForce: boolean };

/**
 * Why a delete was refused, in the app's language: a 409 says what still needs the row in its
 * details (shifts, routes or vehicles); anything else is the server's message as it is.
 */
function refusalText(err: unknown, name: string, driver: boolean, t: ReturnType<typeof useI18n>['t']): string {
  const details =
    err instanceof ApiRequestError && err.status === 409 ? (err.details as Record<string, unknown>) : null;
  const count = (v: unknown) => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : null);
  const n = { shifts: count(details?.shifts), routes: count(details?.routes), vehicles: count(details?.vehicles) };
  if (n.routes) return t('fleet.inUse.routes', { name, n: n.routes });
  if (n.shifts) return t(driver ? 'fleet.inUse.driverShifts' : 'fleet.inUse.shifts', { name, n: n.shifts });
  if (n.vehicles) return t('fleet.inUse.vehicles', { name, n: n.vehicles });
  return (err as Error).message;
}

/**
 * Edit and Delete buttons of one fleet row. Delete asks in the row itself, and shows a refusal
 * (409: shifts or vehicles still need the row) saying why; where the API takes `?force=true` it
 * offers "Delete anyway".
 */
export function RowActions(props: {
  name: string;
  /** The row's resource, such as `/vehicles/<id>`. */
  path: string;
  /** The API takes `?force=true` for this kind (vehicles and drivers). */
  forceable: boolean;
  onEdit(): void;
  onDeleted(): void;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ at: 'idle' });

  async function remove(force: boolean) {
    setStep({ at: 'deleting' });
    try {
      await api(`${props.path}${force ? '?force=true' : ''}`, { method: 'DELETE' });
      props.onDeleted();
    } catch (e) {
      // A forced delete refused again (a route on the road) will not pass by forcing once more.
      const canForce = props.forceable && !force && e instanceof ApiRequestError && e.status === 409;
      setStep({ at: 'refused', message: refusalText(e, props.name, props.path.startsWith('/drivers/'), t), canForce });
    }
  }

  const idle = () => setStep({ at: 'idle' });
  // Buttons are named by their text alone and described (title) with the row's name: a name
  // would make the cell read "Edit <name> Delete", which a search for the name cell also finds.
  switch (step.at) {
    case 'idle':
      return (
        <span className="row-actions">
          <button type="button" title={t('fleet.editNamed', { name: props.name })} onClick={props.onEdit}>
            {t('fleet.edit')}
          </button>
          <button
            type="button"
            title={t('fleet.deleteNamed', { name: props.name })}
            onClick={() => setStep({ at: 'confirming' })}
          >
            {t('fleet.delete')}
          </button>
        </span>
      );
    case 'confirming':
    case 'deleting':
      return (
        <span className="row-actions">
          {t('fleet.confirmDelete', { name: props.name })}
          <button type="button" className="danger" disabled={step.at === 'deleting'} onClick={() => void remove(false)}>
            {t('fleet.yes')}
          </button>
          <button type="button" disabled={step.at === 'deleting'} onClick={idle}>
            {t('fleet.no')}
          </button>
        </span>
      );
    case 'refused':
      return (
        <span className="row-actions">
          <span role="alert" className="error">
            {step.message}
          </span>
          {step.canForce && (
            <button type="button" className="danger" onClick={() => void remove(true)}>
              {t('fleet.deleteAnyway')}
            </button>
          )}
          <button type="button" onClick={idle}>
            {t('common.cancel')}
          </button>
        </span>
      );
  }
}
