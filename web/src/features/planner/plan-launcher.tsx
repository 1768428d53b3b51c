import type { Plan, PlanProgressEvent, PlanStatusEvent } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { dispatchSocket } from '../../api/socket.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CostCurve } from './cost-curve.tsx';
import { SavingsCard } from './savings-card.tsx';
import { UnplannedOrders } from './unplanned-orders.tsx';

interface Running {
  planId: string;
  points: PlanProgressEvent[];
  status: Plan['status'];
  error: string | null;
}

/** Choose a range (≤ 35 days), launch a plan, watch its progress and cost curve live, cancel. */
export function PlanLauncher(props: {
  from: string;
  to: string;
  onRange(from: string, to: string): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [timeLimitS, setTimeLimitS] = useState(30);
  const [minimiseVehicles, setMinimiseVehicles] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { onDone } = props;

  useEffect(() => {
    if (!running) return;
    const socket = dispatchSocket();
    const onProgress = (e: PlanProgressEvent) =>
      e.planId === running.planId && setRunning((r) => r && { ...r, points: [...r.points, e] });
    const onStatus = (e: PlanStatusEvent) => {
      if (e.planId !== running.planId) return;
      setRunning((r) => r && { ...r, status: e.status, error: e.error });
      if (e.status === 'done') onDone();
    };
    socket.on('plan:progress', onProgress);
    socket.on('plan:status', onStatus);
    return () => {
      socket.off('plan:progress', onProgress);
      socket.off('plan:status', onStatus);
    };
  }, [running?.planId, onDone, running]);

  async function launch() {
    setError(null);
    try {
      dispatchSocket(); // connect before the job starts, so no progress is missed
      const { planId } = await api<{ planId: string }>('/plans', {
        method: 'POST',
        body: JSON.stringify({ from: props.from, to: props.to, timeLimitS, options: { minimiseVehicles } }),
      });
      setRunning({ planId, points: [], status: 'queued', error: null });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const active = running && (running.status === 'queued' || running.status === 'running');
  const last = running?.points.at(-1);
  return (
    <section className="plan-launcher" aria-label={t('planner.launch')}>
      <label>
        {t('planner.from')}
        <input type="date" value={props.from} onChange={(e) => props.onRange(e.target.value, props.to)} />
      </label>
      <label>
        {t('planner.to')}
        <input type="date" value={props.to} onChange={(e) => props.onRange(props.from, e.target.value)} />
      </label>
      <label>
        {t('planner.timeLimit')}
        <input
          type="number"
          min={1}
          max={900}
          value={timeLimitS}
          onChange={(e) => setTimeLimitS(Number(e.target.value))}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={minimiseVehicles} onChange={(e) => setMinimiseVehicles(e.target.checked)} />
        {t('planner.minimiseVehicles')}
      </label>
      <button type="submit" disabled={!!active} onClick={() => void launch()}>
        {t('planner.plan')}
      </button>
      {active && (
        <>
          <progress max={timeLimitS * 1000} value={last?.elapsedMs ?? 0} aria-label={t('planner.progress')} />
          <span role="status">
            {t('planner.progressText', { assigned: last?.assigned ?? 0, unassigned: last?.unassigned ?? 0 })}
          </span>
          <button
            type="button"
            onClick={() => void api(`/plans/${running.planId}`, { method: 'DELETE' }).catch(() => {})}
          >
            {t('common.cancel')}
          </button>
        </>
      )}
      {running && running.points.length > 1 && <CostCurve points={running.points} />}
      {running && !active && (
        <span role="status" className={running.status === 'done' ? '' : 'error'}>
          {t(`planner.status.${running.status}`)} {running.error ?? ''}
        </span>
      )}
      {running?.status === 'done' && <UnplannedOrders planId={running.planId} />}
      {/* Against the customer's own routes, when a baseline of a day in the range was imported. */}
      {running?.status === 'done' && <SavingsCard planId={running.planId} from={props.from} to={props.to} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
