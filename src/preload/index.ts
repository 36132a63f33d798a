// Runs sandboxed, before the renderer: exposes the contract methods and nothing else.
import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_KEY } from '../shared/methods'
import { buildBridge } from './bridge'

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
)
