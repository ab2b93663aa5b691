import "server-only";
import { z } from "zod";
import type { RelatedStatementOption } from "@/lib/related-statement";
import { discardStagedFiles, stageFile } from "@/server/attachments/staging";
import { loadGroupIndex } from "@/server/authz/load";
import { AppError } from "@/server/errors";
import { uploadStagingDir } from "@/server/statements/attachments";
import { postStatement } from "@/server/statements/post-statement";
import { receivedDateProblem } from "@/server/statements/received-date";
import { searchRelatedStatements } from "@/server/statements/related-search";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { inTransaction } from "@/server/statements/transaction";
import { echoValues, type FormOptions, formHandler } from "./wrapper";

/**
 * "Save draft", "Submit" (outgoing) and "Post" (incoming) of the statement form, one transaction each.
 * Used by the server action (no JavaScript) and by the upload endpoint that reports progress.
 */
export const saveStatementOptions: FormOptions<typeof statementFormSchema, number> = {
  schema: statementFormSchema,
  async run(input, { actor }) {
    const problem = input.intent === "post" ? receivedDateProblem(input.receivedOn, !!input.confirmReceivedOn) : null;
    if (problem) throw new AppError("VALIDATION", "Please confirm the date received.", { receivedOn: problem });
    // Files Next parsed into memory (the form without JavaScript) go to disk, hashed, before the transaction
    // opens, so it never waits on them (the upload endpoint's files are on disk already); ADR 012.
    const stagingDir = await uploadStagingDir();
    try {
      for (const file of input.attachments) if (file.size > 0) await stageFile(file, stagingDir);
      return await inTransaction(async (tx, groups) => {
        const id = await saveStatement(tx, actor, groups, input);
        if (input.intent === "submit") {
          await submitStatement(tx, actor, groups, id, new Date(), {
            approveOnBehalf: input.approveOnBehalf,
            onBehalfNote: input.onBehalfNote,
          });
        }
        if (input.intent === "post")
          await postStatement(tx, actor, groups, id, { confirmPastDeadline: !!input.confirmPastDeadline });
        return id;
      });
    } finally {
      await discardStagedFiles(input.attachments);
    }
  },
  onSuccess: (id) => ({ status: "success", redirectTo: `/statements/${id}` }),
};

export const handleSaveStatement = formHandler(saveStatementOptions);

/**
 * A "Find statements" button without JavaScript (ADR 020): the statements matching the words in `queryField`
 * that this person may see, and every typed value back, so the form comes back as it was with the matches
 * to tick. The statement form's "In response to" and Withdraw's "Replaced by" use it.
 */
function findRelatedFor(queryField: "respondsToQuery" | "replacedByQuery") {
  const schema = z.looseObject({ [queryField]: z.string().max(200).default("") });
  const options: FormOptions<typeof schema, RelatedStatementOption[]> = {
    schema,
    run: async (input, { actor }) =>
      searchRelatedStatements(actor, await loadGroupIndex(), String(input[queryField] ?? "")),
    onSuccess: (related, input) => ({ status: "idle", values: echoValues(input), related }),
  };
  return options;
}

export const findRelatedOptions = findRelatedFor("respondsToQuery");
export const findReplacementOptions = findRelatedFor("replacedByQuery");
