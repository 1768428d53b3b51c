/** A labelled choice among named things (vehicles, drivers, depots), optionally with "none". */
export function NamedSelect(props: {
  label: string;
  value: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  onChange(e: { target: { value: string } }): void;
  /** Offer "—" (no choice). @default true */
  optional?: boolean;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={props.onChange}>
        {props.optional !== false && <option value="">—</option>}
        {props.items.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}
