/** Today: the route as a list with distances and navigation links, the actions, the banners. */
import type { DriverSession } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../i18n.ts';
import { distanceM } from '../lib/geo.ts';
import { FailDialog, ProofDialog } from './dialogs.tsx';
import { RouteSketch } from './route-sketch.tsx';
import { StopCard, type StopAction } from './stop-card.tsx';
import { useDay } from './use-day.ts';

export function Today({ session, onSignOut }: { session: DriverSession; onSignOut(): void }) {
  const { t, locale, setLocale } = useI18n();
  const d = useDay(session, onSignOut);
  const [dialog, setDialog] = useState<{ kind: 'proof' | 'fail'; stopId: string } | null>(null);
  const route = d.day?.route ?? null;
  const online = typeof navigator === 'undefined' || navigator.onLine;
  const nextStop = route?.stops.find((s) => s.kind !== 'break' && (s.status === 'pending' || s.status === 'arrived'));
  const doneCount =
    route?.stops.filter((s) => s.kind !== 'break' && s.status !== 'pending' && s.status !== 'arrived').length ?? 0;
  const labelOf = (id: string) => route?.stops.find((s) => s.id === id)?.name ?? '';

  const act = (stopId: string, a: StopAction) => {
    if (a === 'delivered') setDialog({ kind: 'proof', stopId });
    else if (a === 'failed') setDialog({ kind: 'fail', stopId });
    else void d.record(a, stopId);
  };

  return (
    <main>
      <header className="bar">
        <div>
          <h1>{t.today}</h1>
          <div className="muted">
            {session.driver.name}
            {route &&
              ` · ${route.vehicleName} · ${doneCount}/${route.stops.filter((s) => s.kind !== 'break').length} ${t.done}`}
          </div>
        </div>
        <div className="bar-right">
          <button type="button" className="link" onClick={() => setLocale(locale === 'fr' ? 'en' : 'fr')}>
            {t.language}
          </button>
          <button type="button" className="link" onClick={onSignOut}>
            {t.signOut}
          </button>
        </div>
      </header>
      <div className={`sync ${online && d.connected ? 'ok' : 'off'}`} role="status">
        {!online || !d.connected ? t.offline : d.pending > 0 ? t.pending(d.pending) : t.allSent}
        {(!online || !d.connected) && d.pending > 0 && ` · ${t.pending(d.pending)}`}
      </div>
      {d.diff && (
        <div className="banner" role="alert">
          <strong>{t.changedBanner(d.diff.version)}</strong> —{' '}
          {t.changes(d.diff.added, d.diff.removed, d.diff.reordered)}
          <button type="button" onClick={d.dismissDiff}>
            {t.dismiss}
          </button>
        </div>
      )}
      {d.refused && (
        <div className="banner" role="alert">
          <strong>{t.notAccepted}</strong> — {d.refused}
          <button type="button" onClick={d.dismissRefused}>
            {t.dismiss}
          </button>
        </div>
      )}
      {!d.loaded && <p>{t.loading}</p>}
      {d.loaded && !route && <p>{t.noRoute}</p>}
      {route && !d.started && nextStop && (
        <button type="button" className="primary big" onClick={() => void d.record('started', nextStop.id)}>
          {t.startRoute}
        </button>
      )}
      {route && <RouteSketch route={route} here={d.here} label={t.map} />}
      {route && (
        <ol className="stops">
          {route.stops.map((s, i) => {
            const from =
              i === 0
                ? (d.here ?? (route.depot.location.coordinates as [number, number]))
                : route.stops[i - 1]!.location?.coordinates;
            const km =
              s.location && from
                ? distanceM(from as [number, number], s.location.coordinates as [number, number]) / 1000
                : null;
            return (
              <StopCard
                key={s.id}
                stop={s}
                zone={route.timeZone}
                localDate={route.localDate}
                dimensions={d.day?.dimensions ?? []}
                distanceKm={
                  s.id === nextStop?.id && d.here && s.location
                    ? distanceM(d.here, s.location.coordinates as [number, number]) / 1000
                    : km
                }
                isNext={s.id === nextStop?.id}
                started={d.started}
                onAction={(a) => act(s.id, a)}
              />
            );
          })}
        </ol>
      )}
      {dialog?.kind === 'proof' && (
        <ProofDialog
          title={labelOf(dialog.stopId)}
          onCancel={() => setDialog(null)}
          onConfirm={(proof) => {
            void d.record('delivered', dialog.stopId, { proof });
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'fail' && (
        <FailDialog
          title={labelOf(dialog.stopId)}
          onCancel={() => setDialog(null)}
          onConfirm={(reason, note) => {
            void d.record('failed', dialog.stopId, { reason, note });
            setDialog(null);
          }}
        />
      )}
    </main>
  );
}
