"use client";

import { useActionState } from "react";
import { retryMailAction } from "@/actions/outbox";
import { IDLE } from "@/lib/form-state";
import { SubmitButton } from "./forms/fields";

export function RetryMailButton({ id }: { id: number }) {
  const [state, action] = useActionState(retryMailAction, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      {state.status === "success" ? (
        <span role="status" className="text-green-800">
          Queued
        </span>
      ) : (
        <SubmitButton variant="secondary" pendingText="…">
          Retry
        </SubmitButton>
      )}
      {state.status === "error" ? (
        <span role="alert" className="text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
