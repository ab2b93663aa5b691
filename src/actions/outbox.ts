"use server";

import { z } from "zod";
import { mayAdminister } from "@/server/authz/policy";
import { retryOutboxMail } from "@/server/mail/outbox-queries";
import { kickMailWorker } from "@/server/mail/worker";
import { formAction } from "./wrapper";

export const retryMailAction = formAction({
  schema: z.object({ id: z.coerce.number().int().positive() }),
  authorize: mayAdminister,
  async run({ id }, { actor }) {
    await retryOutboxMail(actor, id);
    kickMailWorker();
  },
  onSuccess: () => ({ status: "success", message: "Queued for delivery." }),
});
