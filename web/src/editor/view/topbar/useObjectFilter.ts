/**
 * The editor's object filter state: the filter text the builder writes, its compiled predicate,
 * and the frame's objects it lets through (the canvas and the objects sidebar both read those).
 */
import { useMemo, useState } from "react";
import type { Label } from "../../../api/types";
import type { FilterField } from "../../../components/filters/filterFields";
import type { ClientId } from "../../engine/document/model";
import type { FrameObject } from "../frameObjects";
import { compileObjectFilter, filterObjects, objectFilterFields, type ObjectPredicate } from "./objectFilter";

export interface ObjectFilterState {
  readonly text: string;
  readonly setText: (text: string) => void;
  readonly fields: readonly FilterField[];
  /** Null without a filter (or when the text cannot be evaluated, see `problem`). */
  readonly predicate: ObjectPredicate | null;
  readonly problem: string | null;
}

export function useObjectFilter(labels: readonly Label[]): ObjectFilterState {
  const [text, setText] = useState("");
  const fields = useMemo(() => objectFilterFields(labels), [labels]);
  const { predicate, problem } = useMemo(() => {
    try {
      return { predicate: compileObjectFilter(text, labels), problem: null };
    } catch (error) {
      return { predicate: null, problem: error instanceof Error ? error.message : String(error) };
    }
  }, [text, labels]);
  return { text, setText, fields, predicate, problem };
}

/** The frame's objects the filter lets through (the same array while no filter is set). */
export function useFilteredObjects(
  objects: readonly FrameObject[],
  filter: ObjectFilterState,
  serverIdOf: (id: ClientId) => number | undefined,
): FrameObject[] {
  const { predicate } = filter;
  return useMemo(() => filterObjects(objects, predicate, serverIdOf) as FrameObject[], [objects, predicate, serverIdOf]);
}
