"use server";

import { z } from "zod";
import { mayAdminister } from "@/server/authz/policy";
import { retryOutboxMail } from "@/server/mail/outbox-queries";
import { formAction } from "./wrapper";

export const retryMailAction = formAction({
  schema: z.object({ id: z.coerce.number().int().positive() }),
  authorize: mayAdminister,
  run: ({ id }, { actor }) => retryOutboxMail(actor, id),
  onSuccess: () => ({ status: "success", message: "Queued for delivery." }),
});
