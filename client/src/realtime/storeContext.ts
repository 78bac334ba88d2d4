import { createContext } from 'react';
import type { WallStore } from '../state/wallStore';

/** The wall store of this page; provided by RealtimeProvider. */
export const StoreContext = createContext<WallStore | null>(null);
