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
 * Edit and Delete buttons of one fleet row. Delete asks in the row itself, and shows a refusal
 * (409: shifts or vehicles still need the row) with the server's message; where the API takes
 * `?force=true` it offers "Delete anyway".
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
      setStep({ at: 'refused', message: (e as Error).message, canForce });
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
