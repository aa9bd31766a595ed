// The subset of a task inside a project (Train, Test, …), chosen or typed, saved on leaving.
import { AutoComplete } from "antd";
import { useEffect, useRef, useState } from "react";
import { subsetChoices } from "./taskFacts";

export interface SubsetFieldProps {
  value: string;
  projectSubsets: string[];
  onSave: (value: string) => Promise<boolean>;
}

export function SubsetField({ value, projectSubsets, onSave }: SubsetFieldProps) {
  const [draft, setDraft] = useState(value);
  // Picking an option and then leaving the field both commit; the second must not save again.
  const committed = useRef(value);
  useEffect(() => {
    setDraft(value);
    committed.current = value;
  }, [value]);

  async function commit(next: string) {
    const subset = next.trim();
    if (subset === committed.current) return;
    committed.current = subset;
    if (!(await onSave(subset))) {
      committed.current = value;
      setDraft(value);
    }
  }

  return (
    <AutoComplete
      value={draft}
      options={subsetChoices(projectSubsets).map((subset) => ({ value: subset }))}
      onChange={setDraft}
      onSelect={(picked: string) => void commit(picked)}
      onBlur={() => void commit(draft)}
      placeholder="No subset"
      allowClear
      style={{ width: 200 }}
      aria-label="Subset"
      data-testid="task-subset"
    />
  );
}
