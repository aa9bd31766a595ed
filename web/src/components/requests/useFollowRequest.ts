// Follows one background request: polls GET /api/requests/{rq_id} every second until it ends,
// and cancels it on demand. Dialogs own one each; it stops polling when they unmount.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { BackgroundRequest } from "../../api/types";
import { IDLE, isFinal, stateOfRequest, uploadingState, type FollowState } from "./requestProgress";

const POLL_MS = 1000;

export interface FollowedRequest {
  state: FollowState;
  /** Starts following a request the server has accepted; resolves with its final state. */
  follow: (rqId: string) => Promise<FollowState>;
  /** Shows the upload that precedes the request. */
  showUpload: (loaded: number, total: number) => void;
  /** Ends in failure before there is a request to follow (e.g. the upload was refused). */
  fail: (error: unknown) => void;
  cancel: () => Promise<void>;
  reset: () => void;
}

export async function fetchRequest(rqId: string): Promise<BackgroundRequest> {
  return unwrap(api.GET("/api/requests/{request_id}", { params: { path: { request_id: rqId } } }));
}

export function useFollowRequest(): FollowedRequest {
  const [state, setState] = useState<FollowState>(IDLE);
  const rqId = useRef<string | null>(null);
  const cancelAsked = useRef(false);
  // Each follow gets a generation; a reset or a newer follow makes older loops stop quietly.
  const generation = useRef(0);

  useEffect(
    () => () => {
      generation.current += 1;
    },
    [],
  );

  const follow = useCallback(async (id: string): Promise<FollowState> => {
    const mine = ++generation.current;
    rqId.current = id;
    cancelAsked.current = false;
    setState({ phase: "queued", percent: 0, message: "Waiting in the queue…", request: null });
    let failures = 0;
    for (;;) {
      let next: FollowState;
      try {
        next = stateOfRequest(await fetchRequest(id), cancelAsked.current);
        failures = 0;
      } catch (error) {
        // A hiccup of the network is not the end of the operation; a few in a row are.
        failures += 1;
        if (failures < 5) {
          await sleep(POLL_MS);
          if (generation.current !== mine) return IDLE;
          continue;
        }
        next = { phase: "failed", percent: 0, message: describeError(error), request: null };
      }
      if (generation.current !== mine) return IDLE;
      setState(next);
      if (isFinal(next.phase)) return next;
      await sleep(POLL_MS);
      if (generation.current !== mine) return IDLE;
    }
  }, []);

  const showUpload = useCallback((loaded: number, total: number) => {
    setState(uploadingState(loaded, total));
  }, []);

  const fail = useCallback((error: unknown) => {
    generation.current += 1;
    setState({ phase: "failed", percent: 0, message: describeError(error), request: null });
  }, []);

  const cancel = useCallback(async () => {
    if (!rqId.current) return;
    cancelAsked.current = true;
    await unwrap(api.POST("/api/requests/{request_id}/cancel", { params: { path: { request_id: rqId.current } } }));
  }, []);

  const reset = useCallback(() => {
    generation.current += 1;
    rqId.current = null;
    cancelAsked.current = false;
    setState(IDLE);
  }, []);

  return { state, follow, showUpload, fail, cancel, reset };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
