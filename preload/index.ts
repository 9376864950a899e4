import { contextBridge, ipcRenderer } from 'electron';
import type { LedgerBridge } from '../main/contract/define';

/** window.ledger: one function, one channel. The main side checks the sender, the name and the input. */
const bridge: LedgerBridge = {
  invoke: (name, input) => ipcRenderer.invoke('ledger:request', name, input),
};

contextBridge.exposeInMainWorld('ledger', bridge);
