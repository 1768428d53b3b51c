/**
 * Today: the route as a list (with the map) or the next stop alone, the actions, the banners.
 * The driver switches between the two views; the choice is kept on the phone.
 */
import {
  type DriverRoute,
  type DriverSession,
  type DriverStop,
  greatCircleM,
  usualPhoneCountry,
  visitNumbers,
} from '@tournee/shared';
import { useEffect, useMemo, useState } from 'react';
import { loadMapStyleUrl } from '../api-config.ts';
import { useI18n } from '../i18n.ts';
import { dayPosition, type StopAction } from '../lib/next-stop.ts';
import { dayText } from '../lib/stop-times.ts';
import { savedViewMode, saveViewMode, type ViewMode } from '../lib/view-mode.ts';
import { DayMap } from './day-map.tsx';
import { FailDialog, ProofDialog } from './dialogs.tsx';
import { codeRefusalText } from './required-proof.ts';
import { NextStopView } from './next-stop-view.tsx';
import { BreakCard, type CardContext, ReloadCard, StopCard } from './stop-card.tsx';
import { useDay } from './use-day.ts';

const coords = (s: { location: DriverStop['location'] }) => s.location?.coordinates as [number, number] | undefined;

/** Kilometres to a stop as the crow flies: from the phone for the next stop, else from the stop before. */
function kmTo(route: DriverRoute, i: number, here: [number, number] | null, isNext: boolean): number | null {
  const to = coords(route.stops[i]!);
  if (!to) return null;
  if (isNext && here) return greatCircleM(here, to) / 1000;
  const before = route.stops
    .slice(0, i)
    .reverse()
    .find((s) => s.location);
  const from = i === 0 ? (here ?? coords(route.depot)) : (coords(before ?? route.depot) ?? null);
  return from ? greatCircleM(from, to) / 1000 : null;
}

export function Today({ session, onSignOut }: { session: DriverSession; onSignOut(): void }) {
  const { t, locale, setLocale } = useI18n();
  const d = useDay(session, onSignOut);
  const [dialog, setDialog] = useState<{ kind: 'proof' | 'fail'; stopId: string } | null>(null);
  const [view, setView] = useState<ViewMode>(savedViewMode);
  const [styleUrl, setStyleUrl] = useState<string | null>(null);
  useEffect(() => {
    void loadMapStyleUrl().then(setStyleUrl);
  }, []);
  const route = d.day?.route ?? null;
  const online = typeof navigator === 'undefined' || navigator.onLine;
  const position = useMemo(() => dayPosition(route?.stops ?? []), [route]);
  const nextStop = position.next;
  const ctx: CardContext | null = useMemo(
    () =>
      route && {
        zone: route.timeZone,
        localDate: route.localDate,
        dimensions: d.day?.dimensions ?? [],
        phoneCountry: usualPhoneCountry(
          route.stops.map((s) => s.phone),
          'FR',
        ),
        numbers: visitNumbers(route.stops),
      },
    [route, d.day?.dimensions],
  );
  const labelOf = (id: string) => route?.stops.find((s) => s.id === id)?.name ?? '';
  const switchView = (v: ViewMode) => {
    saveViewMode(v);
    setView(v);
  };

  const act = (stopId: string, a: StopAction) => {
    if (a === 'delivered') setDialog({ kind: 'proof', stopId });
    else if (a === 'failed') setDialog({ kind: 'fail', stopId });
    else void d.record(a, stopId);
  };
  const start = () => nextStop && void d.record('started', nextStop.id);

  return (
    <main className={`view-${view}`}>
      <header className="bar">
        <div>
          <h1>{t.today}</h1>
          <div className="muted">
            {route && (
              <>
                <span className="day">{dayText(route.localDate, locale)}</span> ·{' '}
              </>
            )}
            {session.driver.name}
            {route && ` · ${route.vehicleName} · ${position.done}/${position.total} ${t.done}`}
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
          <strong>{t.notAccepted}</strong> — {codeRefusalText(locale, d.refused) ?? d.refused}
          <button type="button" onClick={d.dismissRefused}>
            {t.dismiss}
          </button>
        </div>
      )}
      {!d.loaded && <p>{t.loading}</p>}
      {d.loaded && !route && <p>{t.noRoute}</p>}
      {route && (
        <div className="switch">
          <button type="button" aria-pressed={view === 'list'} onClick={() => switchView('list')}>
            {t.viewList}
          </button>
          <button type="button" aria-pressed={view === 'next'} onClick={() => switchView('next')}>
            {t.viewNext}
          </button>
        </div>
      )}
      {route && ctx && view === 'next' && (
        <NextStopView
          position={position}
          ctx={ctx}
          distanceKm={nextStop ? kmTo(route, route.stops.indexOf(nextStop), d.here, true) : null}
          started={d.started}
          onStart={start}
          onAction={act}
        />
      )}
      {route && ctx && view === 'list' && (
        <>
          {!d.started && nextStop && (
            <button type="button" className="primary big" onClick={start}>
              {t.startRoute}
            </button>
          )}
          <DayMap route={route} here={d.here} heading={d.heading} styleUrl={styleUrl} />
          <ol className="stops">
            {route.stops.map((s, i) =>
              s.kind === 'break' ? (
                <BreakCard key={s.id} stop={s} ctx={ctx} />
              ) : s.kind === 'reload' ? (
                <ReloadCard key={s.id} stop={s} ctx={ctx} />
              ) : (
                <StopCard
                  key={s.id}
                  stop={s}
                  ctx={ctx}
                  distanceKm={kmTo(route, i, d.here, s.id === nextStop?.id)}
                  isNext={s.id === nextStop?.id}
                  started={d.started}
                  onAction={(a) => act(s.id, a)}
                />
              ),
            )}
          </ol>
        </>
      )}
      {dialog?.kind === 'proof' && (
        <ProofDialog
          title={labelOf(dialog.stopId)}
          heading={route?.stops.find((s) => s.id === dialog.stopId)?.kind === 'pickup' ? t.pickupProofTitle : undefined}
          required={route?.stops.find((s) => s.id === dialog.stopId)?.requireProof}
          requireCode={!!route?.stops.find((s) => s.id === dialog.stopId)?.requireCode}
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
