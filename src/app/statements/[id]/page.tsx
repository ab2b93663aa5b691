import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DateText, DateTimeText, DeadlineText } from "@/components/date-text";
import Link from "@/components/link";
import { AssignForm, MarkActionTakenForm } from "@/components/statements/action-tracking";
import { LinkifiedText } from "@/components/statements/linkified-text";
import { ReceivedByEmail } from "@/components/statements/received-by-email";
import { ApproveForm, PostForm, ReturnForm, SubmitForm, WithdrawForm } from "@/components/statements/transition-forms";
import { PostRecordOnlyForm } from "@/components/statements/workflow-forms";
import { AwaitedReplySection, CommentSection, ResendSection } from "@/components/statements/workflow-sections";
import { env } from "@/env";
import { formatSize, isoDate } from "@/lib/dates";
import { ACTION_STATUS_LABELS, CONSENSUS_LABELS, purposeLabel, STATE_LABELS } from "@/lib/labels";
import { archiveBackHref } from "@/server/archive/back-link";
import { replacementOf, visibleRelations } from "@/server/archive/visible-relations";
import { attachmentTextStatesFor, describeAttachmentText } from "@/server/attachment-text/states";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { receivedByMail } from "@/server/inbound/original-message";
import { type FieldChange, historyEntry } from "@/server/statements/history";
import { namedReplacement } from "@/server/statements/queries";
import { loadStatementPage, statementTitle } from "./load-statement";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return statementTitle((await params).id);
}

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <>
    {/* On a phone each label sits just above its value, the pairs spaced apart */}
    <dt className="mt-3 font-medium text-slate-600 first:mt-0 sm:mt-0">{label}</dt>
    <dd className="break-words">{children}</dd>
  </>
);
const list = (items: string[]) => (items.length ? items.join(", ") : "—");
/** On paper a link is useless unless its address is printed next to it. */
const PrintUrl = ({ href }: { href: string }) => (
  <span className="hidden break-all text-xs print:inline">
    {" "}
    ({env().appUrl}
    {href})
  </span>
);
/** IETF and IAB groups link to their own liaison page (issue 15, section 6); external ones to their organization. */
const directoryHref = (g: { acronym: string; organization: { acronym: string; side: string } }) =>
  `/directory/${g.organization.side === "external" ? g.organization.acronym : g.acronym}`;
const GroupLinks = ({
  groups,
}: {
  groups: { id: number; acronym: string; name: string; organization: { acronym: string; side: string } }[];
}) =>
  groups.map((g, i) => (
    <span key={g.id}>
      {i > 0 ? "; " : null}
      <Link href={directoryHref(g)}>{g.name}</Link>
      <PrintUrl href={directoryHref(g)} />
    </span>
  ));

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** An edit's fields, named as the form names them, old → new; the body folded (whole text, old and new). */
const FieldChanges = ({ changes }: { changes: FieldChange[] }) => (
  <ul className="mt-1 mb-2 space-y-1 border-l-2 border-slate-200 pl-3">
    {changes.map((c) =>
      c.isLong ? (
        <li key={c.field}>
          <details>
            <summary>{c.field}: changed (show old and new)</summary>
            <p className="mt-1 font-medium">Old</p>
            <pre className="whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs">{c.from}</pre>
            <p className="mt-1 font-medium">New</p>
            <pre className="whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs">{c.to}</pre>
          </details>
        </li>
      ) : (
        <li key={c.field} className="break-words">
          {c.field}: <del className="text-slate-600">{c.from}</del> <span aria-hidden="true">→</span>
          <span className="sr-only">changed to</span> <ins className="no-underline">{c.to}</ins>
        </li>
      ),
    )}
  </ul>
);

export default async function StatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const back = archiveBackHref((await searchParams).back);
  const actor = await currentActor();
  const page = await loadStatementPage(id);
  if (!page) notFound();
  const { row, permissions: can, preview } = page;
  const related = await visibleRelations(actor, await loadGroupIndex(), row);
  const groupsOn = (side: "from" | "to") => row.groups.filter((g) => g.side === side).map((g) => g.group);
  const replacement = replacementOf(row, related, page.replacedBy);
  const received = await receivedByMail(actor, await loadGroupIndex(), row.id);
  const textStates = await attachmentTextStatesFor(can, row.id);
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        {back ? (
          <p className="no-print text-sm">
            <a href={back}>← Back to results</a>
          </p>
        ) : null}
        {/* the state once: "Posted 2026-11-23", or "Withdrawn (posted 2026-01-20)" */}
        <p className="text-sm text-slate-600">
          {row.direction === "incoming" ? "Incoming" : "Outgoing"} liaison statement ·{" "}
          <span className="font-medium">{STATE_LABELS[row.state]}</span>
          {row.postedAt ? (
            row.state === "posted" ? (
              <>
                {" "}
                <DateText date={row.postedAt} />
              </>
            ) : (
              <>
                {" "}
                (posted <DateText date={row.postedAt} />)
              </>
            )
          ) : null}
        </p>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{row.title}</h1>
        <p className="hidden text-sm print:block">
          {env().appUrl}/statements/{row.id}
        </p>
        {row.isImported ? (
          <p className="text-sm text-slate-600">
            Imported from the IETF Datatracker (
            <a href={`https://datatracker.ietf.org/liaison/${row.id}/`}>liaison {row.id}</a>)
          </p>
        ) : null}
        {received ? (
          <div className="no-print">
            <ReceivedByEmail view={{ statementId: row.id, ...received }} showFields={false} />
            {row.state === "draft" && can.edit ? (
              <p className="mt-2 text-sm">
                Not posted yet: <Link href={`/statements/${row.id}/edit`}>review the pre-filled form and post it</Link>.
              </p>
            ) : null}
          </div>
        ) : null}
        {row.state === "withdrawn" ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            This statement was withdrawn
            {row.withdrawnAt ? (
              <>
                {" "}
                on <DateText date={row.withdrawnAt} />
              </>
            ) : null}
            : {row.withdrawnReason}
            {replacement ? (
              <span className="mt-1 block">
                Replaced by <Link href={`/statements/${replacement.id}`}>{replacement.title}</Link>
              </span>
            ) : null}
          </p>
        ) : null}
        {page.waitingFor.length ? (
          <div className="text-slate-700">
            <p>Waiting for approval:</p>
            <ul className="list-disc pl-6">
              {page.waitingFor.map((w) => (
                <li key={w.group}>
                  for {w.group}, by {w.role}
                  {w.people.length ? ` (${w.people.join(", ")})` : ""}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <nav aria-label="Statement actions" className="no-print flex flex-wrap gap-3 text-sm">
          {can.edit ? <Link href={`/statements/${row.id}/edit`}>Edit</Link> : null}
          {page.mayReply ? <Link href={`/statements/${row.id}/reply`}>Reply</Link> : null}
        </nav>
      </header>
      <dl className="grid gap-x-6 text-sm sm:grid-cols-[max-content_1fr] sm:gap-y-2">
        <Row label="From">
          <GroupLinks groups={groupsOn("from")} />
        </Row>
        <Row label="From-Contact">{list(row.direction === "incoming" ? page.peerContacts : row.fromContact)}</Row>
        <Row label="From-Liaison-Contact">{row.fromLiaisonContact ?? "—"}</Row>
        <Row label="To">
          <GroupLinks groups={groupsOn("to")} />
        </Row>
        <Row label="To-Contact">{list(row.direction === "outgoing" ? page.peerContacts : row.toContact)}</Row>
        <Row label="To-Liaison-Contact">{row.toLiaisonContact ?? "—"}</Row>
        {page.liaisonManagers.length ? <Row label="Liaison managers (copied)">{list(page.liaisonManagers)}</Row> : null}
        <Row label="Purpose">{purposeLabel(row.purpose)}</Row>
        {row.deadline ? (
          <Row label="Deadline">
            <DeadlineText date={row.deadline} isOpen={row.actionStatus === "needed"} today={new Date()} />
          </Row>
        ) : null}
        {row.actionStatus !== "none" ? (
          <Row label={row.direction === "outgoing" ? "Reply" : "Action"}>
            {row.direction === "outgoing" && row.actionStatus === "taken"
              ? "Closed (see the history)"
              : ACTION_STATUS_LABELS[row.actionStatus]}
            {row.actionStatus === "needed" && row.assignee ? ` — assigned to ${row.assignee.name}` : ""}
          </Row>
        ) : null}
        {page.reminders ? (
          <Row label="Deadline reminders">
            {page.reminders.next
              ? `next on ${page.reminders.next}`
              : page.reminders.isOpen
                ? "none left (the last overdue reminder was sent)"
                : "none: closed"}
          </Row>
        ) : null}
        {row.consensus ? <Row label="Consensus">{CONSENSUS_LABELS[row.consensus]}</Row> : null}
        {row.otherIdentifiers.length ? <Row label="Other identifiers">{row.otherIdentifiers.join(", ")}</Row> : null}
        {row.receivedOn ? (
          <Row label="Received">
            <DateText date={row.receivedOn} />
          </Row>
        ) : null}
        <Row label="Submitted by">
          {row.submitter.name}
          {page.submittedAs ? ` as ${page.submittedAs}` : ""}
        </Row>
        {row.legacyTechnicalContacts ? (
          <Row label="Legacy fields: Technical contacts">{row.legacyTechnicalContacts}</Row>
        ) : null}
        {row.legacyCcContacts ? <Row label="Legacy fields: Cc contacts">{row.legacyCcContacts}</Row> : null}
        {row.legacyActionHolderContacts ? (
          <Row label="Legacy fields: Action holder contacts">{row.legacyActionHolderContacts}</Row>
        ) : null}
        {row.approvals.length ? (
          <Row label="Approved by">
            {row.approvals
              .map((a) =>
                a.onBehalf && a.onBehalfNote ? `${a.approver.name}, on behalf (${a.onBehalfNote})` : a.approver.name,
              )
              .join(", ")}
          </Row>
        ) : null}
      </dl>
      {related.length > 0 ? (
        <section aria-labelledby="related" className="space-y-1 text-sm">
          <h2 id="related" className="text-lg font-semibold">
            Related statements
          </h2>
          <ul>
            {related.map((r) => (
              <li key={`${r.label}-${r.id}`}>
                {r.label}: <Link href={`/statements/${r.id}`}>{r.title}</Link>
                <PrintUrl href={`/statements/${r.id}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="body" className="space-y-2">
        <h2 id="body" className="text-lg font-semibold">
          Body
        </h2>
        {row.body ? <LinkifiedText text={row.body} /> : <p className="text-slate-600">(See the attachments.)</p>}
      </section>
      <section aria-labelledby="attachments" className="space-y-2 text-sm">
        <h2 id="attachments" className="text-lg font-semibold">
          Attachments
        </h2>
        {row.attachments.length === 0 ? (
          <p className="text-slate-600">None.</p>
        ) : (
          <ul className="space-y-3">
            {row.attachments.map((a) => {
              const href = `/statements/${row.id}/attachments/${a.id}`;
              return (
                <li key={a.id} className="print:break-inside-avoid">
                  {a.removedAt ? (
                    <span className="line-through">{a.title}</span>
                  ) : a.isFileMissing ? (
                    <span>
                      {a.title} (file not imported; original at{" "}
                      {a.originalUrl ? <a href={a.originalUrl}>{a.originalUrl}</a> : "the Datatracker"})
                    </span>
                  ) : (
                    <a href={href}>{a.title}</a>
                  )}
                  {a.removedAt || a.isFileMissing ? null : <PrintUrl href={href} />}
                  <div className="text-slate-600">
                    {a.filename} · <span title="Content type">{a.contentType.split(";")[0]}</span> ·{" "}
                    {formatSize(a.size)}
                    {a.removedAt ? (
                      <>
                        {" "}
                        · removed <DateText date={a.removedAt} />
                      </>
                    ) : null}
                  </div>
                  {a.isFileMissing ? null : (
                    <div className="break-all font-mono text-xs text-slate-600">SHA-256 {a.sha256}</div>
                  )}
                  {textStates?.get(a.id) && !a.removedAt ? (
                    <div className="no-print text-xs text-slate-600">
                      {describeAttachmentText(textStates.get(a.id)!)}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {row.actionStatus === "needed" && (can.markActionTaken || page.assignees.length > 0) ? (
        <section
          aria-labelledby="action-tracking"
          className="no-print space-y-4 rounded-lg border border-amber-200 bg-amber-50/40 p-4"
        >
          <h2 id="action-tracking" className="text-lg font-semibold">
            Action needed
            {row.deadline ? (
              <>
                {" "}
                by <DateText date={row.deadline} />
              </>
            ) : null}
          </h2>
          {page.assignees.length > 0 ? (
            <AssignForm id={row.id} candidates={page.assignees} current={row.assigneeId} />
          ) : null}
          {can.markActionTaken ? <MarkActionTakenForm id={row.id} /> : null}
        </section>
      ) : null}
      {can.closeAwaitedReply ? <AwaitedReplySection id={row.id} deadline={isoDate(row.deadline)} /> : null}
      {can.submit || can.approve || can.return || can.post || can.withdraw || can.postRecordOnly ? (
        <section aria-labelledby="actions" className="no-print space-y-4 rounded-lg border border-slate-200 p-4">
          <h2 id="actions" className="text-lg font-semibold">
            Actions
          </h2>
          <div className="flex flex-wrap items-start gap-6">
            {can.submit && row.direction === "outgoing" ? (
              <SubmitForm id={row.id} mayApproveOnBehalf={page.mayApproveOnBehalf} />
            ) : null}
            {can.approve ? <ApproveForm id={row.id} version={row.version} onBehalf={page.approvesOnBehalf} /> : null}
            {can.post ? <PostForm id={row.id} /> : null}
          </div>
          {can.postRecordOnly ? <PostRecordOnlyForm id={row.id} /> : null}
          {can.return ? <ReturnForm id={row.id} version={row.version} /> : null}
          {can.withdraw ? <WithdrawForm id={row.id} /> : null}
        </section>
      ) : null}
      {can.resend ? <ResendSection id={row.id} original={page.resendRecipients} /> : null}
      {preview ? (
        <section aria-labelledby="preview" className="space-y-2 text-sm">
          <h2 id="preview" className="text-lg font-semibold">
            Mail that posting will send
          </h2>
          <dl className="grid gap-x-4 sm:grid-cols-[max-content_1fr]">
            <Row label="To">{list(preview.recipients.to)}</Row>
            <Row label="Cc">{list(preview.recipients.cc)}</Row>
            <Row label="Reply-To">{preview.recipients.replyTo ?? "—"}</Row>
            <Row label="Subject">{preview.mail.subject}</Row>
          </dl>
          <pre className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs">
            {preview.mail.body}
          </pre>
        </section>
      ) : null}
      <section aria-labelledby="history" className="space-y-2 text-sm">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        <ol className="space-y-1">
          {page.events.map((e) => {
            const entry = historyEntry(e);
            return (
              <li key={e.id}>
                <span className="text-slate-600">
                  <DateTimeText date={e.createdAt} />
                </span>{" "}
                {e.type === "comment" ? (
                  <span className="whitespace-pre-wrap break-words">{entry.text}</span>
                ) : (
                  entry.text
                )}
                {entry.actor ? ` — ${entry.actor}` : ""}
                {e.isPublic ? "" : <span className="text-slate-500"> (staff only)</span>}
                {/* the replacement this withdrawal named, when the reader may see it (issue 16) */}
                {e.type === "withdrawn" && replacement && namedReplacement([e]) === replacement.id ? (
                  <span className="block">
                    Replaced by <Link href={`/statements/${replacement.id}`}>{replacement.title}</Link>
                  </span>
                ) : null}
                {entry.changes.length ? <FieldChanges changes={entry.changes} /> : null}
              </li>
            );
          })}
        </ol>
        {can.comment ? (
          <CommentSection id={row.id} mayStaffOnly={can.commentStaffOnly} isPending={row.state === "pending"} />
        ) : null}
      </section>
    </article>
  );
}
