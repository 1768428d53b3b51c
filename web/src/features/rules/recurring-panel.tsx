import type { Depot, OrderTemplate } from '@tournee/shared';
import { useApi } from '../../api/use-api.ts';
import { formatDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { type AutomationColumn, AutomationPanel } from './automation-panel.tsx';
import { ruleText } from './round-rule.ts';
import { TemplateForm } from './template-form.tsx';

/** Recurring orders: the order templates, each making one order per date of its rule. */
export function RecurringPanel() {
  const { t, intl } = useI18n();
  const depots = useApi<{ items: Depot[] }>('/depots');
  const columns: AutomationColumn<OrderTemplate>[] = [
    { head: 'recurring.ref', cell: (x) => <code>{x.ref}</code> },
    {
      head: 'recurring.customer',
      cell: (x) => (
        <>
          {x.order.name}
          <div className="sub">{x.order.address}</div>
        </>
      ),
    },
    { head: 'recurring.repeats', cell: (x) => ruleText(x.rrule, t, intl) },
    {
      head: 'recurring.nextDates',
      cell: (x) =>
        x.nextDates
          .slice(0, 3)
          .map((d) => formatDate(intl, d, { weekday: 'short', day: 'numeric', month: 'short' }))
          .join(', '),
    },
    { head: 'recurring.generated', cell: (x) => x.generated, className: 'num' },
    { head: 'recurring.status', cell: (x) => t(x.paused ? 'recurring.paused' : 'recurring.active') },
  ];

  return (
    <AutomationPanel
      area="recurring"
      path="/order-templates"
      columns={columns}
      onOff={{
        isOff: (x) => x.paused,
        patch: (off) => ({ paused: off }),
        turnOff: 'recurring.pause',
        turnOn: 'recurring.resume',
      }}
      form={({ editing, reload, done }) =>
        depots.data && <TemplateForm depots={depots.data.items} editing={editing} onSaved={reload} onDone={done} />
      }
    />
  );
}
