/** Remembers, for this session, when each object of the shown frame was last changed (for sorting). */
import { useMemo, useRef } from "react";
import type { AnnotationDocument } from "../../engine/document/model";
import type { FrameObject } from "../frameObjects";
import { stampChanges, type ChangeStamps } from "./objectOrder";

export function useChangeStamps(document: AnnotationDocument, objects: readonly FrameObject[]): ChangeStamps {
  const previous = useRef(document);
  const stamps = useRef<ChangeStamps>(new Map());
  const tick = useRef(0);
  return useMemo(() => {
    tick.current += 1;
    stamps.current = stampChanges(
      stamps.current,
      previous.current,
      document,
      objects.map(({ object }) => object.clientId),
      tick.current,
    );
    previous.current = document;
    return stamps.current;
  }, [document, objects]);
}
