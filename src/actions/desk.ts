"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { loadGroupIndex } from "@/server/authz/load";
import { mayUseDesk } from "@/server/authz/policy";
import { periodInOrder, reportQueryShape } from "@/server/desk/report-query";
import { sendStatusReport } from "@/server/desk/send-report";
import { formAction } from "./wrapper";

const sendReportSchema = z
  .object({
    ...reportQueryShape,
    recipients: z.string().max(5000, "That is too long for a list of addresses.").default(""),
  })
  .refine(...periodInOrder);

/** "Send report" on /desk/report: liaison managers, coordinators and the Secretariat (others get 403). */
export const sendReportAction = formAction({
  schema: sendReportSchema,
  authorize: mayUseDesk,
  run: async (input, { actor }) => sendStatusReport(actor, await loadGroupIndex(), input),
  onSuccess: (result) => {
    revalidatePath("/desk/report");
    return { status: "success", message: `The report was queued for sending to ${result.recipients.join(", ")}.` };
  },
});
