import { useI18n } from '../i18n/i18n.tsx';
import { UNPLANNED_COLOR } from './layers.ts';

/** What the map's symbols mean: one line per route in its colour, then depot, driver, stop, unplanned. */
export function MapLegend({ routes }: { routes: Array<{ id: string; name: string; color: string }> }) {
  const { t } = useI18n();
  return (
    <aside className="map-legend" aria-label={t('map.legend')}>
      <ul>
        {routes.map((r) => (
          <li key={r.id}>
            <span className="legend-line" style={{ background: r.color }} />
            {r.name}
          </li>
        ))}
        <li>
          <span className="depot-marker legend-depot">⌂</span>
          {t('map.legend.depot')}
        </li>
        <li>
          <span style={STACK} aria-hidden="true">
            <span style={ARROW}>▲</span>
            <span className="legend-driver" />
          </span>
          {t('map.legend.driverHeading')}
        </li>
        <li>
          <span className="stop-number legend-stop">1</span>
          {t('map.legend.stop')}
        </li>
        <li>
          <span className="legend-dot" style={{ background: UNPLANNED_COLOR }} />
          {t('map.legend.unplanned')}
        </li>
      </ul>
    </aside>
  );
}

const STACK = { display: 'inline-flex', flexDirection: 'column', alignItems: 'center' } as const;
/** The arrowhead above the ring, as the map draws a driver heading north. */
const ARROW = {
  display: 'block',
  fontSize: '0.55rem',
  lineHeight: '0.55rem',
  textAlign: 'center',
  color: '#1d2433',
} as const;
