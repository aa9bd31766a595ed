// The filter builder in a dialog: opens on the URL's filter, Apply writes the new one back.
import { FilterOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Modal, Typography } from "antd";
import { useState } from "react";
import { describeFilter } from "./describeFilter";
import { FilterBuilder } from "./FilterBuilder";
import type { FilterField } from "./filterFields";
import { fromFilterText, toFilterText } from "./filterLogic";
import { addChild, countCompleteRules, createGroup, createRule, type FilterGroup } from "./filterTree";

interface FilterModalProps {
  open: boolean;
  fields: readonly FilterField[];
  /** The current `filter=` text. */
  value: string;
  onApply: (filter: string) => void;
  onClose: () => void;
}

export function FilterModal({ open, fields, value, onApply, onClose }: FilterModalProps) {
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={
        <Flex gap={8} align="center">
          <FilterOutlined /> Filter
        </Flex>
      }
      width={860}
      footer={null}
      destroyOnHidden
    >
      {open && <FilterEditor fields={fields} value={value} onApply={onApply} onClose={onClose} />}
    </Modal>
  );
}

interface Initial {
  tree: FilterGroup;
  problem: string | null;
}

/** The tree to start from: the current filter, or a blank rule to fill in. */
function initialTree(value: string, fields: readonly FilterField[]): Initial {
  let tree: FilterGroup;
  let problem: string | null = null;
  try {
    tree = fromFilterText(value, fields);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    tree = createGroup();
  }
  if (tree.children.length === 0 && fields[0]) tree = addChild(tree, tree.id, createRule(fields[0]));
  return { tree, problem };
}

function FilterEditor({ fields, value, onApply, onClose }: Omit<FilterModalProps, "open">) {
  const [initial] = useState(() => initialTree(value, fields));
  const [tree, setTree] = useState(initial.tree);
  const summary = describeFilter(tree, fields);
  const complete = countCompleteRules(tree);

  return (
    <>
      {initial.problem && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="The current filter cannot be shown here"
          description={`${initial.problem} Applying a filter from this dialog replaces it.`}
        />
      )}
      <FilterBuilder fields={fields} value={tree} onEdit={(change) => setTree((current) => change(current))} />
      <div className="filter-summary" data-testid="filter-summary">
        <Typography.Text type="secondary">Shows items where: </Typography.Text>
        {summary ? <Typography.Text>{summary}</Typography.Text> : <Typography.Text type="secondary">anything (no complete rules)</Typography.Text>}
      </div>
      <Flex justify="space-between" style={{ marginTop: 16 }}>
        <Button
          danger
          onClick={() => {
            onApply("");
            onClose();
          }}
          data-testid="filter-clear"
        >
          Clear filter
        </Button>
        <Flex gap={8}>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="primary"
            data-testid="filter-apply"
            onClick={() => {
              onApply(toFilterText(tree, fields));
              onClose();
            }}
          >
            {complete ? `Apply ${complete} ${complete === 1 ? "rule" : "rules"}` : "Apply"}
          </Button>
        </Flex>
      </Flex>
    </>
  );
}
