export interface ContactItem {
  name: string;
  email: string;
  note?: string;
}

/** Names with mailto links, comma separated; `empty` when there are none. */
export function ContactList({ contacts, empty }: { contacts: ContactItem[]; empty?: string }) {
  if (contacts.length === 0) return <span className="text-slate-500">{empty ?? "None"}</span>;
  return (
    <ul className="space-y-0.5">
      {contacts.map((c) => (
        <li key={`${c.email}-${c.note ?? ""}`}>
          {c.name} <a href={`mailto:${c.email}`}>&lt;{c.email}&gt;</a>
          {c.note ? <span className="text-slate-500"> ({c.note})</span> : null}
        </li>
      ))}
    </ul>
  );
}
