// The Settings dialog (user menu or F2): Player, Workspace and Shortcuts tabs, saved on the server.
import { ControlOutlined, PlaySquareOutlined, SettingOutlined, ThunderboltOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Modal, Skeleton, Space, Tabs } from "antd";
import { useEffect, useState } from "react";
import { describeError } from "../../api/errors";
import { shortcutsPatch } from "../../editor/engine/actions";
import {
  DEFAULT_SETTINGS,
  type PlayerSettings,
  type ShortcutSettings,
  type WorkspaceSettings,
} from "../../lib/settings";
import { useSettings } from "../../lib/useSettings";
import { PlayerSettingsTab } from "./PlayerSettingsTab";
import { ShortcutsSettingsTab } from "./ShortcutsSettingsTab";
import { WorkspaceSettingsTab } from "./WorkspaceSettingsTab";

interface SettingsForm {
  player: PlayerSettings;
  workspace: WorkspaceSettings;
  /** The user's key overrides as edited in the Shortcuts tab. */
  shortcuts: ShortcutSettings;
}

export function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { settings, loading, error, save, saving } = useSettings();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const [saveError, setSaveError] = useState<string | null>(null);

  // Each opening starts from what is saved; an abandoned edit does not linger.
  useEffect(() => {
    if (open && !loading) {
      form.setFieldsValue({ player: settings.player, workspace: settings.workspace });
      // Set, not merged: setFieldsValue would keep overrides the saved ones no longer have.
      form.setFieldValue("shortcuts", settings.shortcuts);
    }
  }, [open, loading, settings, form]);

  const close = () => {
    setSaveError(null);
    onClose();
  };

  const submit = async () => {
    setSaveError(null);
    try {
      await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    const values = form.getFieldsValue(true) as SettingsForm;
    try {
      await save({
        player: values.player,
        workspace: values.workspace,
        shortcuts: shortcutsPatch(settings.shortcuts, values.shortcuts ?? {}),
      });
      message.success("Settings saved.");
      close();
    } catch (caught) {
      setSaveError(describeError(caught));
    }
  };

  const body = loading ? (
    <Skeleton active paragraph={{ rows: 8 }} />
  ) : (
    <Form form={form} name="settings" layout="vertical" requiredMark={false} disabled={saving}>
      <Tabs
        items={[
          {
            key: "player",
            label: "Player",
            icon: <PlaySquareOutlined />,
            forceRender: true,
            children: <PlayerSettingsTab />,
          },
          {
            key: "workspace",
            label: "Workspace",
            icon: <ControlOutlined />,
            forceRender: true,
            children: <WorkspaceSettingsTab />,
          },
          {
            key: "shortcuts",
            label: "Shortcuts",
            icon: <ThunderboltOutlined />,
            forceRender: true,
            children: <ShortcutsSettingsTab />,
          },
        ]}
      />
    </Form>
  );

  return (
    <Modal
      open={open}
      width={720}
      title={
        <Space>
          <SettingOutlined />
          Settings
        </Space>
      }
      onCancel={close}
      styles={{ body: { maxHeight: "65vh", overflowY: "auto", paddingRight: 8 } }}
      data-testid="settings-modal"
      footer={
        <div style={{ display: "flex", justifyContent: "space-between" }}>
          <Button
            icon={<UndoOutlined />}
            disabled={loading || saving}
            onClick={() => {
              form.setFieldsValue({ player: DEFAULT_SETTINGS.player, workspace: DEFAULT_SETTINGS.workspace });
              form.setFieldValue("shortcuts", DEFAULT_SETTINGS.shortcuts);
            }}
          >
            Restore defaults
          </Button>
          <Space>
            <Button onClick={close}>Cancel</Button>
            <Button type="primary" onClick={submit} loading={saving} disabled={loading || Boolean(error)}>
              Save
            </Button>
          </Space>
        </div>
      }
    >
      {error ? (
        <Alert type="error" showIcon title="Your settings could not be loaded." description={describeError(error)} />
      ) : (
        <>
          {saveError && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 16 }} />}
          {body}
        </>
      )}
    </Modal>
  );
}
