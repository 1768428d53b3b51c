import type { CalendarDay, Plan, PlanProgressEvent, PlanStatusEvent, PlanSummary } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { dispatchSocket } from '../../api/socket.ts';
import { LabelledInput } from '../../components/labelled-input.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CostCurve } from './cost-curve.tsx';
import { progressText } from './plan-progress.ts';
import { PlanReady } from './plan-ready.tsx';
import { SavingsCard } from './savings-card.tsx';
import { UnplannedOrders } from './unplanned-orders.tsx';

/** The objective in words, and the plan options it stands for. */
const OBJECTIVES = {
  vehicles: { minimiseVehicles: true, balance: false },
  balance: { minimiseVehicles: false, balance: true },
  distance: { minimiseVehicles: false, balance: false },
} as const;
type Objective = keyof typeof OBJECTIVES;

interface Running {
  planId: string;
  points: PlanProgressEvent[];
  status: Plan['status'];
  error: string | null;
  summary: PlanSummary | null;
}

/** Choose a range (≤ 35 days), launch a plan, watch its progress and cost curve live, cancel. */
export function PlanLauncher(props: {
  from: string;
  to: string;
  onRange(from: string, to: string): void;
  onDone(): void;
  /** An order was moved to another day from the plan's list. */
  onOrdersChanged(): void;
}) {
  const { t } = useI18n();
  const [timeLimitS, setTimeLimitS] = useState(30);
  const [objective, setObjective] = useState<Objective>('distance');
  const [maxStops, setMaxStops] = useState('');
  // Published routes in the range: re-planning changes what their drivers see, so ask first.
  const [publishedWarning, setPublishedWarning] = useState<number | null>(null);
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
      setRunning((r) => r && { ...r, status: e.status, error: e.error, summary: e.summary });
      if (e.status !== 'done') return;
      onDone();
      // The event may come without its summary (a plan failed over from another server): ask.
      if (!e.summary) {
        void api<Plan>(`/plans/${e.planId}`).then((p) => setRunning((r) => r && { ...r, summary: p.summary }));
      }
    };
    socket.on('plan:progress', onProgress);
    socket.on('plan:status', onStatus);
    return () => {
      socket.off('plan:progress', onProgress);
      socket.off('plan:status', onStatus);
    };
  }, [running?.planId, onDone, running]);

  async function launch(confirmed = false) {
    setError(null);
    try {
      if (!confirmed) {
        const { days } = await api<{ days: CalendarDay[] }>(`/planning/calendar?from=${props.from}&to=${props.to}`);
        const published = days.reduce((n, d) => n + d.published, 0);
        if (published > 0) return setPublishedWarning(published);
      }
      setPublishedWarning(null);
      dispatchSocket(); // connect before the job starts, so no progress is missed
      const options = {
        ...OBJECTIVES[objective],
        ...(Number(maxStops) >= 1 ? { maxStopsPerRoute: Math.floor(Number(maxStops)) } : {}),
      };
      const { planId } = await api<{ planId: string }>('/plans', {
        method: 'POST',
        body: JSON.stringify({ from: props.from, to: props.to, timeLimitS, options }),
      });
      setRunning({ planId, points: [], status: 'queued', error: null, summary: null });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const active = running && (running.status === 'queued' || running.status === 'running');
  const last = running?.points.at(-1);
  return (
    <section className="plan-launcher" aria-label={t('planner.launch')}>
      <LabelledInput
        label={t('planner.from')}
        type="date"
        value={props.from}
        onValue={(from) => props.onRange(from, props.to)}
      />
      <LabelledInput
        label={t('planner.to')}
        type="date"
        value={props.to}
        onValue={(to) => props.onRange(props.from, to)}
      />
      <LabelledInput
        label={t('planner.timeLimit')}
        type="number"
        min={1}
        max={900}
        value={timeLimitS}
        onValue={(v) => setTimeLimitS(Number(v))}
      />
      <label>
        {t('planner.objective')}
        <select value={objective} onChange={(e) => setObjective(e.target.value as Objective)}>
          {(Object.keys(OBJECTIVES) as Objective[]).map((o) => (
            <option key={o} value={o}>
              {t(`planner.objective.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <LabelledInput
        label={t('planner.maxStops')}
        type="number"
        min={1}
        max={1000}
        value={maxStops}
        onValue={setMaxStops}
      />
      <button type="submit" disabled={!!active} onClick={() => void launch()}>
        {t('planner.plan')}
      </button>
      {publishedWarning !== null && (
        <div role="alert" className="warning" style={WARNING}>
          {t('planner.replanWarning', { count: publishedWarning, n: publishedWarning })}{' '}
          <button type="button" onClick={() => void launch(true)}>
            {t('planner.replanAnyway')}
          </button>
          <button type="button" onClick={() => setPublishedWarning(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {active && (
        <>
          <progress max={timeLimitS * 1000} value={last?.elapsedMs ?? 0} aria-label={t('planner.progress')} />
          <span role="status">{progressText(last, t)}</span>
          <button
            type="button"
            onClick={() => void api(`/plans/${running.planId}`, { method: 'DELETE' }).catch(() => {})}
          >
            {t('common.cancel')}
          </button>
        </>
      )}
      {running && (
        <div className="plan-result">
          {running.status === 'done' && running.summary && <PlanReady summary={running.summary} />}
          <CostCurve key={running.planId} points={running.points} />
        </div>
      )}
      {running && !active && !(running.status === 'done' && running.summary) && (
        <span role="status" className={running.status === 'done' ? '' : 'error'}>
          {t(`planner.status.${running.status}`)} {running.error ?? ''}
        </span>
      )}
      {running?.status === 'done' && <UnplannedOrders planId={running.planId} onMoved={props.onOrdersChanged} />}
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

const WARNING = { background: '#fff4e0', border: '1px solid #f0b45a', borderRadius: '6px', padding: '0.4rem 0.6rem' };
