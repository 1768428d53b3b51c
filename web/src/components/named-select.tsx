/** A labelled choice among named things (vehicles, drivers, depots), optionally with an empty choice first. */
export function NamedSelect(props: {
  label: string;
  value: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  onChange(e: { target: { value: string } }): void;
  /** The empty choice's text ("No depot", "Choose a driver"), or false for none. @default '—' */
  none?: string | false;
  /** @default false */
  required?: boolean;
}) {
  const none = props.none ?? '—';
  return (
    <label>
      {props.label}
      <select required={props.required} value={props.value} onChange={props.onChange}>
        {none !== false && <option value="">{none}</option>}
        {props.items.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}
