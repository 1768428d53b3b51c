import type { ReactNode } from 'react';

/** One line of a {@link FieldsCard}: the field's label and its shown value. */
export type FieldRow = [label: string, value: ReactNode];

/**
 * A card of the order page that lists named values as a definition list (the order's own
 * fields, its pickup), so they all read and style alike.
 */
export function FieldsCard({ id, title, rows }: { id: string; title: string; rows: FieldRow[] }) {
  return (
    <section className="order-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <dl className="order-fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
