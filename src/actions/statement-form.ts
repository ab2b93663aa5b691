import "server-only";
import { z } from "zod";
import type { RelatedStatementOption } from "@/lib/related-statement";
import { loadGroupIndex } from "@/server/authz/load";
import { searchRelatedStatements } from "@/server/statements/related-search";
import { saveStatementForm } from "@/server/statements/save-statement-form";
import { statementFormSchema } from "@/server/statements/schema";
import { echoValues, type FormOptions, formHandler } from "./wrapper";

/**
 * "Save draft", "Submit" (outgoing) and "Post" (incoming) of the statement form. Used by the server action (no
 * JavaScript) and by the upload endpoint that reports progress.
 */
export const saveStatementOptions: FormOptions<typeof statementFormSchema, number> = {
  schema: statementFormSchema,
  run: (input, { actor }) => saveStatementForm({ actor, input }),
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
