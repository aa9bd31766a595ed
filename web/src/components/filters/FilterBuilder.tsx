// The filter builder: nested groups (And/Or, Not) of rules (field, operator, value).
// Every edit goes through the pure functions of filterTree.ts.
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SubnodeOutlined,
} from "@ant-design/icons";
import { Button, Flex, Segmented, Select, Tooltip, Typography } from "antd";
import { fieldByKey, operatorsFor, type FilterField } from "./filterFields";
import {
  addChild,
  createGroup,
  createRule,
  removeNode,
  setConjunction,
  setNegated,
  setRuleField,
  setRuleOperator,
  setRuleValue,
  shiftNode,
  type Conjunction,
  type FilterGroup,
  type FilterRule,
} from "./filterTree";
import { RuleValueInput } from "./RuleValueInput";
import "./filters.css";

/** Deeper nesting than this is never needed in practice and gets hard to read. */
const MAX_GROUP_DEPTH = 4;

type Edit = (change: (root: FilterGroup) => FilterGroup) => void;

interface FilterBuilderProps {
  fields: readonly FilterField[];
  value: FilterGroup;
  /** Receives each edit as a function of the latest tree, so quick successive edits compose. */
  onEdit: Edit;
}

export function FilterBuilder({ fields, value, onEdit }: FilterBuilderProps) {
  return (
    <div data-testid="filter-builder">
      <GroupEditor group={value} depth={0} fields={fields} edit={onEdit} position={{ index: 0, count: 1 }} />
    </div>
  );
}

interface Position {
  index: number;
  count: number;
}

interface MoveButtonsProps {
  id: string;
  position: Position;
  edit: Edit;
  what: string;
}

function MoveButtons({ id, position, edit, what }: MoveButtonsProps) {
  return (
    <>
      <Tooltip title={`Move ${what} up`}>
        <Button
          size="small"
          type="text"
          aria-label={`Move ${what} up`}
          icon={<ArrowUpOutlined />}
          disabled={position.index === 0}
          onClick={() => edit((root) => shiftNode(root, id, -1))}
        />
      </Tooltip>
      <Tooltip title={`Move ${what} down`}>
        <Button
          size="small"
          type="text"
          aria-label={`Move ${what} down`}
          icon={<ArrowDownOutlined />}
          disabled={position.index === position.count - 1}
          onClick={() => edit((root) => shiftNode(root, id, 1))}
        />
      </Tooltip>
    </>
  );
}

interface GroupEditorProps {
  group: FilterGroup;
  depth: number;
  fields: readonly FilterField[];
  edit: Edit;
  position: Position;
}

function GroupEditor({ group, depth, fields, edit, position }: GroupEditorProps) {
  const isRoot = depth === 0;
  const firstField = fields[0];
  return (
    <div
      className={`filter-group${group.negated ? " negated" : ""}${isRoot ? " root" : ""}`}
      data-testid="filter-group"
      data-conjunction={group.conjunction}
      data-negated={group.negated}
    >
      <Flex className="filter-group-header" align="center" gap={8} wrap>
        <Button
          size="small"
          type={group.negated ? "primary" : "default"}
          danger={group.negated}
          aria-pressed={group.negated}
          onClick={() => edit((root) => setNegated(root, group.id, !group.negated))}
        >
          Not
        </Button>
        <Segmented<Conjunction>
          size="small"
          value={group.conjunction}
          options={[
            { value: "and", label: "And" },
            { value: "or", label: "Or" },
          ]}
          onChange={(conjunction) => edit((root) => setConjunction(root, group.id, conjunction))}
        />
        <Typography.Text type="secondary" className="filter-group-hint">
          {group.conjunction === "and" ? "all of these" : "any of these"}
          {group.negated ? " must fail" : ""}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={!firstField}
          onClick={() => firstField && edit((root) => addChild(root, group.id, createRule(firstField)))}
        >
          Add rule
        </Button>
        <Button
          size="small"
          icon={<SubnodeOutlined />}
          disabled={depth >= MAX_GROUP_DEPTH || !firstField}
          onClick={() =>
            firstField && edit((root) => addChild(root, group.id, createGroup("or", [createRule(firstField)])))
          }
        >
          Add group
        </Button>
        {!isRoot && (
          <>
            <MoveButtons id={group.id} position={position} edit={edit} what="group" />
            <Tooltip title="Remove group">
              <Button
                size="small"
                type="text"
                danger
                aria-label="Remove group"
                icon={<DeleteOutlined />}
                onClick={() => edit((root) => removeNode(root, group.id))}
              />
            </Tooltip>
          </>
        )}
      </Flex>
      <div className="filter-group-children">
        {group.children.length === 0 && (
          <Typography.Text type="secondary" className="filter-group-empty">
            No rules yet. Add a rule or a group.
          </Typography.Text>
        )}
        {group.children.map((child, index) => {
          const childPosition = { index, count: group.children.length };
          return child.kind === "group" ? (
            <GroupEditor
              key={child.id}
              group={child}
              depth={depth + 1}
              fields={fields}
              edit={edit}
              position={childPosition}
            />
          ) : (
            <RuleEditor key={child.id} rule={child} fields={fields} edit={edit} position={childPosition} />
          );
        })}
      </div>
    </div>
  );
}

interface RuleEditorProps {
  rule: FilterRule;
  fields: readonly FilterField[];
  edit: Edit;
  position: Position;
}

function RuleEditor({ rule, fields, edit, position }: RuleEditorProps) {
  const field = fieldByKey(fields, rule.field);
  return (
    <Flex className="filter-rule" data-testid="filter-rule" align="center" gap={8}>
      <Select
        aria-label="Field"
        className="filter-rule-field"
        showSearch={{ optionFilterProp: "label" }}
        value={rule.field}
        options={fields.map((f) => ({ value: f.key, label: f.label }))}
        onChange={(key: string) => {
          const next = fieldByKey(fields, key);
          if (next) edit((root) => setRuleField(root, rule.id, next));
        }}
      />
      {field && (
        <>
          <Select
            aria-label="Operator"
            className="filter-rule-operator"
            value={rule.operator}
            options={operatorsFor(field).map((op) => ({ value: op.id, label: op.label }))}
            onChange={(operator) => edit((root) => setRuleOperator(root, rule.id, operator))}
          />
          <div className="filter-rule-value">
            <RuleValueInput
              field={field}
              operator={rule.operator}
              value={rule.value}
              onChange={(value) => edit((root) => setRuleValue(root, rule.id, value))}
            />
          </div>
        </>
      )}
      <MoveButtons id={rule.id} position={position} edit={edit} what="rule" />
      <Tooltip title="Remove rule">
        <Button
          size="small"
          type="text"
          danger
          aria-label="Remove rule"
          icon={<DeleteOutlined />}
          onClick={() => edit((root) => removeNode(root, rule.id))}
        />
      </Tooltip>
    </Flex>
  );
}
