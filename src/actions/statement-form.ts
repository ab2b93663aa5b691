import "server-only";
import { AppError } from "@/server/errors";
import { postStatement } from "@/server/statements/post-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { inTransaction } from "@/server/statements/transaction";
import { submitStatement } from "@/server/statements/transitions";
import { type FormOptions, formHandler } from "./wrapper";

/** Days a received date may lie from today before posting asks "The date is correct". */
const RECEIVED_CONFIRM_DAYS = 30;

/**
 * "Save draft", "Submit" (outgoing) and "Post" (incoming) of the statement form, one transaction each.
 * Used by the server action (no JavaScript) and by the upload endpoint that reports progress.
 */
export const saveStatementOptions: FormOptions<typeof statementFormSchema, number> = {
  schema: statementFormSchema,
  async run(input, { actor }) {
    const received = input.receivedOn;
    if (input.intent === "post" && received && !input.confirmReceivedOn) {
      const days = Math.abs(Date.now() - received.getTime()) / 86_400_000;
      if (days > RECEIVED_CONFIRM_DAYS) {
        throw new AppError("VALIDATION", "Please confirm the date received.", {
          receivedOn: `${received.toISOString().slice(0, 10)} is more than ${RECEIVED_CONFIRM_DAYS} days away from today. Tick "The date is correct" and post again.`,
        });
      }
    }
    return inTransaction(async (tx, groups) => {
      const id = await saveStatement(tx, actor, groups, input);
      if (input.intent === "submit") await submitStatement(tx, actor, groups, id);
      if (input.intent === "post") await postStatement(tx, actor, groups, id);
      return id;
    });
  },
  onSuccess: (id) => ({ status: "success", redirectTo: `/statements/${id}` }),
};

export const handleSaveStatement = formHandler(saveStatementOptions);
