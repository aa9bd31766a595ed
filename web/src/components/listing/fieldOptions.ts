// The values of the enumerated fields the lists show and filter on, in the user's words.
import type { FilterOption } from "../filters/filterFields";

export const STATUS_OPTIONS: readonly FilterOption[] = [
  { value: "annotation", label: "Annotation" },
  { value: "validation", label: "Validation" },
  { value: "completed", label: "Completed" },
];

export const STAGE_OPTIONS: readonly FilterOption[] = [
  { value: "annotation", label: "Annotation" },
  { value: "validation", label: "Validation" },
  { value: "acceptance", label: "Acceptance" },
];

export const STATE_OPTIONS: readonly FilterOption[] = [
  { value: "new", label: "New" },
  { value: "in progress", label: "In progress" },
  { value: "rejected", label: "Rejected" },
  { value: "completed", label: "Completed" },
];

export const DIMENSION_OPTIONS: readonly FilterOption[] = [
  { value: "2d", label: "2D" },
  { value: "3d", label: "3D" },
];

export const MODE_OPTIONS: readonly FilterOption[] = [
  { value: "annotation", label: "Annotation (images)" },
  { value: "interpolation", label: "Interpolation (video)" },
];

export const JOB_TYPE_OPTIONS: readonly FilterOption[] = [
  { value: "annotation", label: "Annotation" },
  { value: "ground_truth", label: "Ground truth" },
  { value: "consensus_replica", label: "Consensus replica" },
];

export function optionLabel(options: readonly FilterOption[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? value;
}
