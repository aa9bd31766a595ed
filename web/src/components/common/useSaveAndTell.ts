// Saves one change of a resource and tells the user how it went: the server's answer replaces the
// cached copy (so the page shows it at once), then a message says what was done or, in words, why not.
import { hashKey, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback } from "react";
import { describeError } from "../../api/errors";

/** Save(body, doneText) resolves true when the server accepted the change. */
export type SaveAndTell<Body> = (body: Body, doneText: string) => Promise<boolean>;

/** `send` should be stable (useCallback) so that `save` is; `queryKey` is where `send`'s answer is cached. */
export function useSaveAndTell<Body, Resource>(
  queryKey: QueryKey,
  send: (body: Body) => Promise<Resource>,
): SaveAndTell<Body> {
  const client = useQueryClient();
  const { message } = App.useApp();
  const keyHash = hashKey(queryKey);
  return useCallback(
    async (body: Body, doneText: string) => {
      try {
        client.setQueryData(queryKey, await send(body));
        message.success(doneText);
        return true;
      } catch (error) {
        message.error(describeError(error));
        return false;
      }
    },
    // keyHash stands for queryKey: a new array with the same parts is the same key.
    [client, message, send, keyHash],
  );
}
