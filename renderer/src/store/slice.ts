// The slice creator type every part of the console store is built with.
import type { StateCreator } from 'zustand/vanilla';
import type { ConsoleStore } from './contract.js';
import type { ConsoleRuntime } from './runtime.js';

export type Slice<T> = (rt: ConsoleRuntime) => StateCreator<ConsoleStore, [], [], T>;
