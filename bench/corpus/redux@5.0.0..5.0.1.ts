// redux 5.0.0 → 5.0.1 (a patch release): the default of Store's StateExt type parameter went from {} to unknown
// and createStore's result became Store<S, A, UnknownIfNonSpecific<StateExt>>; the tool says major (the default
// change verified, the createStore findings refuted). Creating and typing a store the usual way compiles against
// both; a Store<S, A> handed where Store<S, A, {}> is expected (the verified witness) fails against 5.0.1 (TS2322).
import { legacy_createStore, type Reducer, type Store, type UnknownAction } from 'redux';

const counter: Reducer<number, UnknownAction> = (state = 0, action) => (action.type === 'inc' ? state + 1 : state);
export const store: Store<number, UnknownAction> = legacy_createStore(counter);
export const value: number = store.getState();

export function spelled(omitted: Store<number, UnknownAction>): Store<number, UnknownAction, {}> {
  return omitted;
}
