// Sends a form to the server: `submitting` while the request runs; the server's complaints about
// fields land on those fields, everything else becomes `error`, in words, for above the form.
import type { FormInstance } from "antd";
import { useState } from "react";
import { formErrorsOf } from "../../pages/auth/formErrors";

export interface ServerSubmit {
  error: string | null;
  submitting: boolean;
  /** Runs `send`; resolves with its answer when the server accepted it, null when its errors are shown. */
  submit: <Answer>(send: () => Promise<Answer>) => Promise<{ answer: Answer } | null>;
  /** Empties the form and forgets the error, for a dialog that closes or starts over. */
  reset: () => void;
}

/** `serverFields` maps the server's field names to the form's (e.g. password1 → password). */
export function useServerSubmit<Values>(
  form: FormInstance<Values>,
  serverFields: Readonly<Record<string, keyof Values & string>>,
): ServerSubmit {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async <Answer>(send: () => Promise<Answer>) => {
    setSubmitting(true);
    setError(null);
    try {
      return { answer: await send() };
    } catch (caught) {
      const { fields, general } = formErrorsOf(caught, serverFields);
      // antd's field-path type does not resolve over a generic Values; the names are Values' keys.
      (form as FormInstance).setFields(fields);
      setError(general);
      return null;
    } finally {
      setSubmitting(false);
    }
  };

  const reset = () => {
    form.resetFields();
    setError(null);
  };

  return { error, submitting, submit, reset };
}
