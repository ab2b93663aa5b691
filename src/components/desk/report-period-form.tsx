const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600";
const labelClass = "block text-sm font-medium text-slate-800";

export interface PeriodFormProps {
  org: string;
  from: string;
  to: string;
  /** the relationships the person may report on */
  choices: { acronym: string; name: string }[];
  mayChooseAll: boolean;
  /** per-field messages for parameters that were ignored */
  errors: Record<string, string>;
}

/** The report's relationship and period: a plain GET form, so it works without JavaScript and lands in the URL. */
export function ReportPeriodForm({ org, from, to, choices, mayChooseAll, errors }: PeriodFormProps) {
  const described = (name: string) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `report-${name}-error` } : {};
  const error = (name: string) =>
    errors[name] ? (
      <p id={`report-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name]}
      </p>
    ) : null;
  return (
    <form
      method="get"
      action="/desk/report"
      className="no-print grid gap-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:grid-cols-4 sm:items-end"
    >
      <div>
        <label htmlFor="report-org" className={labelClass}>
          Relationship
        </label>
        <select id="report-org" name="org" defaultValue={org} className={control} {...described("org")}>
          {mayChooseAll ? <option value="all">All relationships</option> : null}
          {choices.map((c) => (
            <option key={c.acronym} value={c.acronym}>
              {c.name} ({c.acronym})
            </option>
          ))}
        </select>
        {error("org")}
      </div>
      <div>
        <label htmlFor="report-from" className={labelClass}>
          Start date
        </label>
        <input
          id="report-from"
          type="date"
          name="from"
          defaultValue={from}
          className={control}
          {...described("from")}
        />
        {error("from")}
      </div>
      <div>
        <label htmlFor="report-to" className={labelClass}>
          End date
        </label>
        <input id="report-to" type="date" name="to" defaultValue={to} className={control} {...described("to")} />
        {error("to")}
      </div>
      <div>
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          Show report
        </button>
      </div>
    </form>
  );
}
