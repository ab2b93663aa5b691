import "server-only";
import { discardStagedFiles, stageFile } from "@/server/attachments/staging";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { uploadStaging } from "./attachments";
import { postStatementInTransaction } from "./post-statement";
import { receivedDateProblem } from "./received-date";
import { saveInTransaction } from "./save-statement";
import type { StatementFormInput } from "./schema";
import { submitInTransaction } from "./submit-statement";

export interface SaveStatementFormInput {
  actor: Actor;
  /** the parsed form; `intent` says what follows the save: nothing, Submit (outgoing) or Post (incoming) */
  input: StatementFormInput;
}

/**
 * "Save draft", "Submit" and "Post" of the statement form: the save and the submit or post it asks for are one
 * transaction, so a statement that cannot be submitted is not left saved half-way. Posting an incoming
 * statement first asks to confirm an unusual date received. Returns the statement's id.
 */
export async function saveStatementForm({ actor, input }: SaveStatementFormInput): Promise<number> {
  const problem = input.intent === "post" ? receivedDateProblem(input.receivedOn, !!input.confirmReceivedOn) : null;
  if (problem) throw new AppError("VALIDATION", "Please confirm the date received.", { receivedOn: problem });
  // Files Next parsed into memory (the form without JavaScript) go to disk, hashed, before the transaction
  // opens, so it never waits on them (the upload endpoint's files are on disk already); ADR 012.
  const staging = await uploadStaging();
  try {
    for (const file of input.attachments) if (file.size > 0) await stageFile(file, staging.dir, { sync: staging.sync });
    const groups = await loadGroupIndex();
    return await inTransaction(async (tx) => {
      const id = await saveInTransaction(tx, groups, { actor, input });
      if (input.intent === "submit") {
        await submitInTransaction(tx, groups, {
          actor,
          id,
          approveOnBehalf: input.approveOnBehalf,
          onBehalfNote: input.onBehalfNote,
        });
      }
      if (input.intent === "post")
        await postStatementInTransaction(tx, groups, { actor, id, confirmPastDeadline: !!input.confirmPastDeadline });
      return id;
    });
  } finally {
    await discardStagedFiles(input.attachments);
  }
}
