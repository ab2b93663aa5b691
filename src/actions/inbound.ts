"use server";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { ingestMessage } from "@/server/inbound/ingest-message";
import { formAction } from "./wrapper";

const recordFromEmailSchema = z.object({
  eml: z
    .instanceof(File, { message: "Choose the e-mail message (.eml file) to record." })
    .refine((file) => file.size > 0, "Choose the e-mail message (.eml file) to record."),
});

/**
 * "Record from an e-mail" (issue 18): the uploaded .eml becomes a draft incoming statement, which opens for
 * review; a message received before opens the statement it made.
 */
export const recordFromEmailAction: (previous: FormState, formData: FormData) => Promise<FormState> = formAction({
  schema: recordFromEmailSchema,
  run: async ({ eml }, { actor }) => ingestMessage(Buffer.from(await eml.arrayBuffer()), { channel: "upload", actor }),
  onSuccess: (result) => ({
    status: "success",
    redirectTo: result.duplicate ? `/statements/${result.statementId}` : `/statements/${result.statementId}/edit`,
  }),
});
