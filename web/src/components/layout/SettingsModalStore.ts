// Whether the Settings dialog is open, shared by the user menu (which renders it) and the editor
// (whose F2 action opens it, rebindable like every editor key).
import { create } from "zustand";

interface SettingsModalState {
  open: boolean;
  /** True while a page routes F2 through its own keymap; the menu's global F2 then stands aside. */
  keysOwnedByPage: boolean;
  setOpen: (open: boolean) => void;
  toggle: () => void;
  setKeysOwnedByPage: (owned: boolean) => void;
}

export const useSettingsModal = create<SettingsModalState>((set) => ({
  open: false,
  keysOwnedByPage: false,
  setOpen: (open) => set({ open }),
  toggle: () => set((state) => ({ open: !state.open })),
  setKeysOwnedByPage: (keysOwnedByPage) => set({ keysOwnedByPage }),
}));
