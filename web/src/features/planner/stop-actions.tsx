import type { EditRequest, PlannedRoute } from '@tournee/shared';
import { useState } from 'react';
import { NamedSelect } from '../../components/named-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The keyboard way to do what dragging does: with a stop selected, pick a route and a position
 * (or take the stop off its route).
 */
export function StopActions(props: {
  routes: PlannedRoute[];
  stopId: string;
  onEdit(request: EditRequest, inverse: EditRequest | null): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const from = props.routes.find((r) => r.stops.some((s) => s.id === props.stopId));
  const index = from?.stops.findIndex((s) => s.id === props.stopId) ?? -1;
  const stop = from?.stops[index];
  const [to, setTo] = useState(from?.id ?? '');
  const target = props.routes.find((r) => r.id === to);
  const [position, setPosition] = useState(index + 1);
  if (!from || !stop) return null;
  const max = (target?.stops.length ?? 0) + (to === from.id ? 0 : 1);

  return (
    <form
      className="inline-form stop-actions"
      aria-label={t('planner.moveStop', { ref: stop.ref ?? '' })}
      onSubmit={(e) => {
        e.preventDefault();
        props.onEdit(
          {
            op: 'move',
            stopId: stop.id,
            toRouteId: to,
            position: Math.max(0, Math.min(max, position) - 1),
            force: false,
            dryRun: false,
          },
          { op: 'move', stopId: stop.id, toRouteId: from.id, position: index, force: true, dryRun: false },
        );
        props.onClose();
      }}
    >
      <strong>{stop.ref}</strong>
      <NamedSelect
        label={t('planner.toRoute')}
        value={to}
        items={props.routes.map((r) => ({ id: r.id, name: r.vehicleName }))}
        onChange={(e) => setTo(e.target.value)}
        none={false}
      />
      <label>
        {t('planner.position')}
        <input type="number" min={1} max={max} value={position} onChange={(e) => setPosition(Number(e.target.value))} />
      </label>
      <button type="submit">{t('planner.move')}</button>
      <button
        type="button"
        onClick={() => {
          props.onEdit({ op: 'unassign', stopId: stop.id, force: false, dryRun: false }, null);
          props.onClose();
        }}
      >
        {t('planner.unassign')}
      </button>
      <button type="button" onClick={props.onClose}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
