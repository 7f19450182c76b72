// The UI's one door to the console store: components read state through `useConsole(selector)` and act through `consoleStore`.
export { useConsole, consoleStore } from '../store/index.js';
